from fractions import Fraction

a = Fraction(3, 4)
b = Fraction("5/6")
print(a + b, a - b, a * b, a / b, a ** 2, -b, abs(-a))
print(Fraction(0.5), Fraction("0.125"), Fraction(10, -4), Fraction(7).denominator)
print(sum(Fraction(1, n) for n in range(1, 11)))
h = sum(Fraction(1, n * (n + 1)) for n in range(1, 100))
print(h, h.numerator, h.denominator, float(h))
print(Fraction(355, 113) > Fraction(22, 7), Fraction(1, 3) == 1 / 3, Fraction(1, 2) == 0.5)
print(Fraction(3.141592653589793).limit_denominator(1000), Fraction(2, 3).limit_denominator(2))
print(round(Fraction(7, 2)), round(Fraction(5, 2)), round(Fraction(22, 7), 3), int(Fraction(-7, 2)))


def egyptian(fr):
    parts = []
    while fr.numerator:
        unit = Fraction(1, -(-fr.denominator // fr.numerator))
        parts.append(unit)
        fr -= unit
    return parts


print(" + ".join(str(p) for p in egyptian(Fraction(7, 15))))
print(sorted([Fraction(1, 3), Fraction(1, 4), Fraction(2, 7), 0.3]))
x = Fraction(1)
for _ in range(6):
    x = (x + 2 / x) / 2
print(x, f"{float(x):.15f}", float(x * x - 2) < 1e-30)
