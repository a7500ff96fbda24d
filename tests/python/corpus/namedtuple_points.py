from collections import namedtuple
from typing import NamedTuple
import math

Point = namedtuple("Point", ["x", "y"])
City = namedtuple("City", "name population country", defaults=["UK"])


class Reading(NamedTuple):
    station: str
    value: float
    unit: str = "mm"

    def scaled(self, k):
        return self._replace(value=self.value * k)


p, q = Point(1, 2), Point(x=4, y=6)
print(p, q, p.x + q.y, p[1])
print(round(math.dist(p, q), 6), Point._fields, Point._make([7, 8]))
print(q._asdict(), p._replace(x=10))
cities = [City("Leeds", 812000), City("Cardiff", 362000, "Wales"), City("York", 202000)]
for c in sorted(cities, key=lambda c: c.population):
    print(f"{c.name:8} {c.population:>9,} {c.country}")
r = Reading("Kew", 2.5)
print(r, r.scaled(4), r.unit, isinstance(r, tuple))
x, y = p
print(x, y, p == (1, 2), tuple(q))
