# Indexing every position of a 200,000-character non-ASCII str: each s[i] must be
# O(1) (this took minutes when non-ASCII indexing walked from the start).
s = "".join(chr(0x100 + (i * 7919) % 0xd000) for i in range(200_000))
print(len(s))
total = 0
for i in range(len(s)):
    total += ord(s[i])
print(total)
print(sum(map(ord, s)) == total)
backwards = 0
for i in range(-1, -len(s) - 1, -1):
    backwards += ord(s[i])
print(backwards == total)
chunks = [s[i:i + 1000] for i in range(0, len(s), 1000)]
print(len(chunks), "".join(chunks) == s)
print(s[::-1][::-1] == s, s[199_999] == s[-1], s.find(s[150_000:150_010]))
count = 0
for c in s:
    count += 1
print(count)
