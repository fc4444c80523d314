if x:
    y
    \
    z
\
w
