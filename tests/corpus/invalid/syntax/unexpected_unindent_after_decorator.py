if x:
    @decorator
