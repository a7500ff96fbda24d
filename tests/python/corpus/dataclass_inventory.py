from dataclasses import dataclass, field, asdict, replace


@dataclass(order=True)
class Item:
    sort_index: float = field(init=False, repr=False)
    name: str
    price: float
    quantity: int = 0
    tags: list = field(default_factory=list)

    def __post_init__(self):
        self.sort_index = self.price * self.quantity

    @property
    def value(self):
        return round(self.price * self.quantity, 2)


@dataclass(frozen=True)
class Location:
    aisle: int
    shelf: str


stock = [
    Item("pen", 1.25, 40, ["office"]),
    Item("desk", 120.0, 2),
    Item("lamp", 19.99, 5, ["office", "light"]),
    Item("mug", 4.5, 12),
]
for item in sorted(stock, reverse=True):
    print(item, item.value)
print(asdict(stock[0]))
cheaper = replace(stock[1], price=99.0)
print(cheaper.name, cheaper.price, cheaper.sort_index, stock[1].price)
loc = Location(3, "B")
try:
    loc.aisle = 4
except Exception as e:
    print(type(e).__name__)
print(loc, loc == Location(3, "B"), {loc: "pens"}[Location(3, "B")])
print(sum(i.value for i in stock))
