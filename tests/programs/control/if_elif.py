# if / elif / else chains.
def classify(n):
    if n < 0:
        return 'negative'
    elif n == 0:
        return 'zero'
    elif n < 10:
        return 'small'
    else:
        return 'large'
for n in [-5, 0, 3, 10, 1000]:
    print(n, classify(n))
if 1:
    if 0:
        print('no')
    else:
        print('nested else')
if '':
    print('empty string is true?')
elif []:
    print('empty list is true?')
print('done')
