'key': 0,
