data = []
while True:
    data.append([0] * 100_000)
