from decimal import Decimal, ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_DOWN, getcontext, localcontext

prices = [Decimal("19.99"), Decimal("5.01"), Decimal("0.10"), Decimal("0.20")]
print(sum(prices), sum(prices) * 3, Decimal("0.1") + Decimal("0.2") == Decimal("0.3"))
vat = Decimal("0.2")
for p in prices:
    gross = p * (1 + vat)
    print(p, gross, gross.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
print(Decimal("2.675").quantize(Decimal("0.01")), Decimal("2.665").quantize(Decimal("0.01"), ROUND_HALF_EVEN))
print(Decimal("2.5").quantize(Decimal("1"), rounding=ROUND_HALF_UP), Decimal("-2.5").quantize(Decimal("1"), rounding=ROUND_DOWN))
print(Decimal(1) / Decimal(7))
with localcontext() as ctx:
    ctx.prec = 50
    print(Decimal(1) / Decimal(7), Decimal(2).sqrt())
getcontext().prec = 6
print(Decimal(1) / Decimal(3), Decimal("123456789") * 1, +Decimal("123456789"))
print(Decimal("1.30") + Decimal("1.20"), Decimal("1.5e3"), Decimal("100").normalize(), Decimal("-0.00"))
print(Decimal("7.50").as_tuple(), Decimal(0.1) == Decimal("0.1"), Decimal("3.14159").quantize(Decimal("0.001")))
print(sorted([Decimal("1.10"), Decimal("1.1"), Decimal("0.99")]), max(Decimal("2"), Decimal("2.0")))
print(int(Decimal("42.9")), float(Decimal("0.25")), Decimal(10) ** -3, Decimal("9") % Decimal("4"), Decimal("-9") // Decimal("4"))
