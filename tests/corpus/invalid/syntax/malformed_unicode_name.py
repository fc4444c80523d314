x = "ab\N{DEGREE"
