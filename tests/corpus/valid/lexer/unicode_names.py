café = 1
π = 3.14
名前 = 'name'
_private = a·b
ℕ = 0
x󠄀 = 4
