if x:
    if y:
        z
      else:
