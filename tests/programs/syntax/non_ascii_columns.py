# CPython 3.11 counts parser columns in UTF-8 bytes: the caret sits right of the 2.
nom = "café"
é = 1 2
