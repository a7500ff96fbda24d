import sys

data = sys.stdin.read()
print(len(data), repr(data))
print(data.upper(), end="")
