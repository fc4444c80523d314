# pass as a body everywhere it is allowed.
def f():
    pass
if True:
    pass
else:
    pass
for i in range(3):
    pass
while False:
    pass
print(f(), i)
