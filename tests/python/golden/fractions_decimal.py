from decimal import Decimal, getcontext
from fractions import Fraction

print(sum(Fraction(1, 2 ** k) for k in range(1, 30)), Fraction(22, 7) - Fraction(355, 113), Fraction(1.1))
getcontext().prec = 40
print(Decimal(2).sqrt(), Decimal(1) / Decimal(97), Decimal("1.1") * Decimal("1.1"), Decimal(10).ln(), Decimal(2).exp())
print(Decimal("0.1") + Decimal("0.2"), Decimal(0.1), Decimal("12.3450").normalize(), round(Decimal("2.5")), round(Decimal("3.14159"), 3))
