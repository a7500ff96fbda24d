import math

xs = [0.5, 1.0, 2.0, 3.0, 10.0]
for x in xs:
    print(x, math.exp(x), math.log(x), math.log10(x), math.log2(x), math.sqrt(x))
for x in [0.1, 0.5, 1.0, 2.0, math.pi / 3]:
    print(x, math.sin(x), math.cos(x), math.tan(x), math.atan(x), math.asin(min(x, 1)))
print(math.pow(2, 0.5), math.pow(10, -3), 2 ** 0.5, 10 ** 0.5, math.e ** 2, math.pi ** 0.5)
print(math.sinh(1), math.cosh(1), math.tanh(0.5), math.atan2(1, -1), math.hypot(1, 1), math.exp(-20))
print(math.log1p(1e-10), math.expm1(1e-10), math.erf(0.5), math.gamma(4.5), math.lgamma(10), math.fsum([0.1] * 10))
print(math.cbrt(27) if hasattr(math, "cbrt") else 3.0, math.degrees(1), math.radians(180), math.floor(-2.5), math.ceil(2.1))
