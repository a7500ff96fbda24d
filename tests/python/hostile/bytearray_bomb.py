buffer = bytearray(10 ** 9)
print(len(buffer))
