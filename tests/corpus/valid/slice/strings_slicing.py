# String slicing with steps and negative bounds.
s = 'abcdefghij'
print(s[2:5], s[:3], s[7:], s[:], s[-3:], s[:-7])
print(s[::2], s[1::3], s[::-1], s[::-3], s[8:2:-2])
print(s[5:2] == '', s[100:] == '', s[-100:2], s[3:100])
print('racecar'[::-1] == 'racecar', 'héllo'[::-1])
