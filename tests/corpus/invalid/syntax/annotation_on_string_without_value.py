'key': ,
