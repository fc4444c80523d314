from _greet import greet, GREETING
from _greet import count as c

print(greet("you"), GREETING, c)
