cells = [0] * 10 ** 9
print(len(cells))
