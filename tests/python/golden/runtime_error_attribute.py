values = (1, 2, 3)
values.append(4)
