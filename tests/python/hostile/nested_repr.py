# Recursion inside built-in code: the repr of a very deeply nested list.
x = []
for _ in range(100_000):
    x = [x]
print(x)
