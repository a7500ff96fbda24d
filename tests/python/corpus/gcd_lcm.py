import math
from functools import reduce


def egcd(a, b):
    if b == 0:
        return a, 1, 0
    g, x, y = egcd(b, a % b)
    return g, y, x - (a // b) * y


def gcd_loop(a, b):
    while b:
        a, b = b, a % b
    return abs(a)


pairs = [(48, 18), (17, 5), (100, 75), (0, 9), (-24, 36), (2 ** 40, 6 ** 20)]
for a, b in pairs:
    g, x, y = egcd(a, b)
    print(a, b, math.gcd(a, b), gcd_loop(a, b), (x, y), a * x + b * y == g)
print(reduce(math.lcm, range(1, 21)), math.lcm(*range(1, 31)))


def crt(remainders, moduli):
    total, m = 0, 1
    for r, n in zip(remainders, moduli):
        g, p, q = egcd(m, n)
        total = (total + (r - total) * p * m) % (m * n)
        m *= n
    return total


x = crt([2, 3, 2], [3, 5, 7])
print(x, [x % n for n in (3, 5, 7)])
print([n for n in range(1, 30) if math.gcd(n, 30) == 1], sum(1 for k in range(1, 101) if math.gcd(k, 100) == 1))
