import math

print(0.1 + 0.2, 0.1 + 0.2 == 0.3, math.isclose(0.1 + 0.2, 0.3), 1 / 3, 2 / 3, 10 / 4, 7 // 2.0, -7 / 2)
print(round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(0.125, 2), round(1234.5678, -2), round(7.0))
print(1e16 + 1, round(2 ** 0.5, 10), 9 ** 0.5, 1e308 * 10, -1e308 * 10, 5e-324 / 2, 1.7976931348623157e308)
inf, nan = float("inf"), float("nan")
print(inf > 1e308, inf - inf != inf - inf, nan == nan, math.isnan(nan), math.isinf(-inf), min(3.0, inf))
print((0.5).as_integer_ratio(), (0.1).as_integer_ratio(), (3.0).is_integer(), float.fromhex("0x1.8p1"), (1.5).hex())
print(int(3.99), int(-3.99), math.floor(-3.5), math.ceil(-3.5), math.trunc(-3.5), divmod(7.5, 2), -7.5 % 2)
print(sum([0.1] * 10), math.fsum([0.1] * 10), 0.1 * 3, 1.1 * 1.1, 100 * 1.1, 3 * 0.1 == 0.3)
print(float("1_000.5"), float("  -2.5e-3 "), float(10 ** 20), 1e22, 1e23, 123456789.123456789, 0.000001, 0.0000001)
print(str(1.0), repr(1e100), 2.0 ** 62, 2.0 ** 63, float(2 ** 63), 1.0 / 7, 22 / 7, 3.0 * 1.2)
print(math.sqrt(2), math.sqrt(16), math.hypot(3, 4), round(math.pow(2, 0.5), 10), abs(-0.0), math.copysign(3, -0.0))
print(sorted([3.5, -1.25, 2.0, float("-inf"), 0.0]), max(1, 1.0, key=float), 1 == 1.0, hash(1.0) == hash(1))
total = 0.0
for _ in range(1000):
    total += 0.001
print(total, round(total, 10), f"{total:.20f}", math.isclose(total, 1.0, rel_tol=1e-12))
