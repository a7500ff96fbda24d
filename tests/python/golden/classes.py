class Shape:
    def __init__(self, name):
        self.name = name

    def area(self):
        raise NotImplementedError

    def __repr__(self):
        return f"<{self.name} area={self.area():.4f}>"


class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("rect")
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h


class Circle(Shape):
    def __init__(self, r):
        super().__init__("circle")
        self.r = r

    def area(self):
        return 3.141592653589793 * self.r * self.r


shapes = [Rect(2, 3), Circle(1), Rect(0.5, 0.5), Circle(2.5)]
print(shapes, sorted(shapes, key=lambda s: s.area()), sum(s.area() for s in shapes))
print([type(s).__name__ for s in shapes], isinstance(shapes[1], Shape), Rect.__mro__[1].__name__)
