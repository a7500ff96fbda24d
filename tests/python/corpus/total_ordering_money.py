from functools import total_ordering


@total_ordering
class Money:
    def __init__(self, pence):
        self.pence = int(pence)

    @classmethod
    def parse(cls, text):
        text = text.strip().lstrip("£")
        pounds, _, pence = text.partition(".")
        return cls(int(pounds) * 100 + int((pence + "00")[:2]))

    def __eq__(self, other):
        return isinstance(other, Money) and self.pence == other.pence

    def __lt__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return self.pence < other.pence

    def __hash__(self):
        return hash(self.pence)

    def __add__(self, other):
        return Money(self.pence + other.pence)

    def __radd__(self, other):
        return self if other == 0 else NotImplemented

    def __mul__(self, k):
        return Money(round(self.pence * k))

    def split(self, n):
        base, extra = divmod(self.pence, n)
        return [Money(base + (1 if i < extra else 0)) for i in range(n)]

    def __str__(self):
        sign = "-" if self.pence < 0 else ""
        return f"{sign}£{abs(self.pence) // 100:,}.{abs(self.pence) % 100:02d}"

    __repr__ = __str__


prices = [Money.parse(p) for p in ["£3.50", "12", "£0.99", "1250.5", "£3.5"]]
print(prices, sum(prices), max(prices), min(prices))
print(prices[0] == prices[4], prices[0] >= prices[2], prices[2] <= prices[0], prices[1] != prices[3], len(set(prices)))
print(sorted(prices, reverse=True), Money(1000).split(3), Money(-250), Money(199) * 1.5)
try:
    Money(1) < 5
except TypeError:
    print("cannot compare Money with int")
