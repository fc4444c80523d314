# Compound statements.
if a:
    pass
elif b:
    pass
elif c:
    x = 1
else:
    x = 2

while x:
    x -= 1
    if x == 3:
        continue
    break
else:
    done()

for i, (j, k) in enumerate(pairs):
    print(i)
else:
    pass

for x in *a, *b:
    pass

try:
    risky()
except ValueError as e:
    handle(e)
except (TypeError, KeyError):
    pass
except:
    raise
else:
    ok()
finally:
    cleanup()

try:
    pass
finally:
    pass

try:
    pass
except* OSError as eg:
    pass

with open(f) as fh, lock:
    pass

with (open(a) as x, open(b) as y,):
    pass

with (a, b):
    pass

with (yield_value):
    pass

if x: y = 1; z = 2
