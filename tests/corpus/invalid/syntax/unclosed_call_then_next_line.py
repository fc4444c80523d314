text = sub('', text
indents = findall(text)
