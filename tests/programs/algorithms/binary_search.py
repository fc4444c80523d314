# Binary search over a sorted list; found and missing keys.
def search(xs, key):
    lo = 0
    hi = len(xs) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if xs[mid] == key:
            return mid
        elif xs[mid] < key:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1
data = []
for i in range(0, 100, 3):
    data.append(i)
for key in [0, 3, 45, 99, 100, -1, 50]:
    print(key, search(data, key))
