import math


class Vector:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y)

    def __sub__(self, other):
        return Vector(self.x - other.x, self.y - other.y)

    def __mul__(self, k):
        return Vector(self.x * k, self.y * k)

    __rmul__ = __mul__

    def __neg__(self):
        return Vector(-self.x, -self.y)

    def __eq__(self, other):
        return isinstance(other, Vector) and (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __abs__(self):
        return math.sqrt(self.x ** 2 + self.y ** 2)

    def __bool__(self):
        return bool(self.x or self.y)

    def __iter__(self):
        yield self.x
        yield self.y

    def __repr__(self):
        return f"Vector({self.x}, {self.y})"

    def dot(self, other):
        return self.x * other.x + self.y * other.y


a, b = Vector(3, 4), Vector(-1, 2)
print(a + b, a - b, a * 2, 3 * b, -a)
print(abs(a), round(abs(b), 6), a.dot(b))
print(a == Vector(3, 4), a == (3, 4), bool(Vector(0, 0)), bool(b))
x, y = a + b
print(x, y, list(b), sum(a))
unique = {Vector(1, 1), Vector(1, 1), Vector(2, 0)}
print(len(unique), sorted(tuple(v) for v in unique))
total = Vector(0, 0)
for v in [a, b, Vector(10, -10)]:
    total += v
print(total, f"{abs(total):.4f}")
