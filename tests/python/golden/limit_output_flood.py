i = 0
while True:
    print(i, "is a line of output")
    i += 1
