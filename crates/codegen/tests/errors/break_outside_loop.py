for i in x:
    pass
break
