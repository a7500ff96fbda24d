from abc import ABC, abstractmethod
import math


class Shape(ABC):
    @abstractmethod
    def area(self):
        ...

    @abstractmethod
    def perimeter(self):
        ...

    def describe(self):
        return f"{type(self).__name__} with area {self.area():.3f} and perimeter {self.perimeter():.3f}"

    def __lt__(self, other):
        return self.area() < other.area()


class Rectangle(Shape):
    def __init__(self, w, h):
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h

    def perimeter(self):
        return 2 * (self.w + self.h)


class Square(Rectangle):
    def __init__(self, side):
        super().__init__(side, side)


class Circle(Shape):
    def __init__(self, r):
        self.r = r

    def area(self):
        return math.pi * self.r ** 2

    def perimeter(self):
        return 2 * math.pi * self.r


class Triangle(Shape):
    def __init__(self, a, b, c):
        if a + b <= c or a + c <= b or b + c <= a:
            raise ValueError("not a triangle")
        self.sides = (a, b, c)

    def area(self):
        a, b, c = self.sides
        s = (a + b + c) / 2
        return math.sqrt(s * (s - a) * (s - b) * (s - c))

    def perimeter(self):
        return sum(self.sides)


shapes = [Rectangle(3, 4), Square(2.5), Circle(1), Triangle(3, 4, 5), Circle(0.5)]
for s in sorted(shapes):
    print(s.describe())
try:
    Shape()
except TypeError:
    print("cannot instantiate an abstract class")
try:
    Triangle(1, 2, 10)
except ValueError as e:
    print(e)
print(isinstance(Square(1), Rectangle), issubclass(Circle, Shape), [type(s).__name__ for s in shapes])
print(round(sum(s.area() for s in shapes), 6), max(shapes).describe())
