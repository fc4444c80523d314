# A try block that never gets its except or finally.
try:
    x = 1 / 1
