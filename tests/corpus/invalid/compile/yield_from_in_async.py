def f():
    yield from [1]
async def g():
    yield from [1]
