# Only KeyboardInterrupt itself makes the process die by SIGINT: an uncaught
# subclass ends with status 1, like any other exception.
class Interrupted(KeyboardInterrupt):
    pass


print("before")
raise Interrupted("subclass")
