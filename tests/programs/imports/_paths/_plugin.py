print("init", __name__)
NAME = "plugin"
