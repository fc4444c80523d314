print("init", __name__)
BEFORE = 1
1 / 0
