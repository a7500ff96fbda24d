import math

f100 = math.factorial(100)
print(f100)
print(sum(int(d) for d in str(f100)), len(str(f100)), str(f100).count("0"))
print(2 ** 1000 % 10 ** 12, (2 ** 127 - 1).bit_length(), pow(7, 10 ** 18, 10 ** 9 + 7))
print(pow(3, -1, 11), pow(38, -1, 97), (-7) // 2, (-7) % 3, divmod(-17, 5), divmod(17, -5))
n = 12345678901234567890123456789
print(n * n, n // 97, n % 97, -n >> 10, n << 3, n & 0xFFFF, n | 1, n ^ (n >> 1))
print(int("ff" * 20, 16), hex(2 ** 100), oct(10 ** 20), bin(12345678), int("-0b1010", 0))
print(math.isqrt(10 ** 40 + 12345), math.gcd(2 ** 64, 6 ** 30), math.lcm(12, 18, 10 ** 20))
print(abs(-10 ** 30), -(10 ** 30) // 7, round(123456789123456789, -5), 10 ** 30 == 1e30, 2 ** 53 + 1 == float(2 ** 53 + 1))
mersenne = [p for p in range(2, 130) if all(p % q for q in range(2, p)) and pow(2, 2 ** p - 2, 2 ** p - 1) == 1]
print(mersenne)
print(int.from_bytes(b"\x01\x00\x00", "big"), (1024).to_bytes(4, "little"), (-1).to_bytes(2, "big", signed=True))
print(str(3 ** 200)[:20], str(3 ** 200)[-20:], len(str(7 ** 777)))
print(math.comb(100, 50), math.perm(20, 5), math.prod(range(1, 21)))
