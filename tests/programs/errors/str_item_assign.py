# TypeError: strings are immutable.
word = 'cat'
word[0] = 'b'
