# // and % round toward negative infinity, and the sign of % follows the divisor.
print(7 // 2, 7 % 2)
print(-7 // 2, -7 % 2)
print(7 // -2, 7 % -2)
print(-7 // -2, -7 % -2)
print(0 // 5, 0 % 5, 6 // 3, 6 % 3)
print(1 // 10, -1 // 10, 1 % 10, -1 % 10)
print(123456789 // 1000, 123456789 % 1000)
print(-123456789 // 1000, -123456789 % 1000)
