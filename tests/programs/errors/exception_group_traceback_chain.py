# An uncaught group raised `from` another group while handling a plain exception,
# with more members than are printed (max_group_width is 15) and carets under a
# binary operation in a member's traceback.
def divide(a, b):
    return a / b + 1


errors = []
for i in range(17):
    try:
        divide(i, 0)
    except ZeroDivisionError as e:
        errors.append(e)

try:
    {}["missing"]
except KeyError:
    try:
        raise ExceptionGroup("first", [OSError("disk")])
    except ExceptionGroup as first:
        raise ExceptionGroup("many", errors) from first
