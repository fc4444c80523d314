# String building: reversal, palindromes, counting characters, joining by +.
def reverse(s):
    out = ''
    for ch in s:
        out = ch + out
    return out
def is_palindrome(s):
    return s == s[::-1]
def count(s, target):
    n = 0
    for ch in s:
        if ch == target:
            n += 1
    return n
words = ['level', 'python', 'racecar', 'coil', 'noon', '']
for w in words:
    print(w, reverse(w), is_palindrome(w), count(w, 'o'))
line = ''
for i in range(5):
    line += str(i) + ','
print(line[:-1])
print('-' * 20)
