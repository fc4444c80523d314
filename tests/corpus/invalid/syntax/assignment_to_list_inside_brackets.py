body[ ['doc'] = 'x'
