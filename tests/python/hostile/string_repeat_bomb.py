s = "x" * 10 ** 9
print(len(s))
