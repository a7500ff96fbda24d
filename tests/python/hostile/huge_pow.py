print(pow(3, 10 ** 9) % 10)
