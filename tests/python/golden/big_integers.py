import math

print(2 ** 521 - 1)
print(math.factorial(60), math.comb(200, 100))
print(7 ** 222 % 1000000007, pow(123456789, 987654321, 10 ** 12 + 39), -(3 ** 100) // 7, (-3) ** 101 % 1000)
a = 31415926535897932384626433832795028841971
b = 27182818284590452353602874713526624977572
print(a * b, a // b, a % b, a - b * 10, a ^ b, a & b, a | b, a >> 50, b << 13)
print(str(2 ** 10000)[:30], len(str(2 ** 10000)), sum(map(int, str(2 ** 1000))), math.isqrt(a * b))
print(int("1" * 60) // 7, hex(a), int(hex(b), 16) == b, divmod(a, -b), abs(-a) == a)
