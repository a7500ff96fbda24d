# Doubles the size of an integer on every step.
x = 1
while True:
    x = (x << x.bit_length()) | 1
