table = {}
i = 0
while True:
    table[i] = [i] * 10_000
    i += 1
