class C:
    await_ = 1
await something()
