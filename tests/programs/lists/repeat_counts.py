# Sequence repetition: list, tuple and str share one count check (TypeError for a non-int, MemoryError past what fits).
print([1, 2] * 3, 2 * (1,), 'ab' * -1, 3 * 'x', (1,) * True)
for f in (lambda: [1] * 'a', lambda: (1,) * 2.0, lambda: 'a' * [1], lambda: [0] * (1 << 40)):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
