def describe(command):
    match command.split():
        case ["go", ("north" | "south" | "east" | "west") as direction]:
            return f"moving {direction}"
        case ["go", other]:
            return f"cannot go {other}"
        case ["take", *items] if items:
            return "taking " + ", ".join(items)
        case ["take"]:
            return "take what?"
        case ["quit" | "exit"]:
            return "bye"
        case []:
            return "say something"
        case _:
            return f"unknown: {command!r}"


for c in ["go north", "go up", "take lamp key", "take", "exit", "", "dance now"]:
    print(describe(c))


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y


def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point(0, y):
            return f"on y axis at {y}"
        case Point(x, 0):
            return f"on x axis at {x}"
        case Point(x, y) if x == y:
            return "on the diagonal"
        case Point():
            return "somewhere"
        case {"lat": lat, "lon": lon, **rest}:
            return f"geo {lat},{lon} extra={sorted(rest)}"
        case int() | float() as n if n < 0:
            return "negative number"
        case str(s):
            return f"text {s}"
        case (a, b, *_):
            return f"sequence starting {a},{b}"
        case None:
            return "nothing"
    return "no match"


for p in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 9), {"lat": 51.5, "lon": -0.1, "alt": 3},
          -4, -2.5, 7, "hi", [1, 2, 3], (9, 8), None]:
    print(where(p))
