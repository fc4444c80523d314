x = (1,
     2,

     3)
y = [
    # comment inside brackets
    {
        'k': 'v',
    },
]
z = 1 + \
    2
if a and \
   b:
    pass
