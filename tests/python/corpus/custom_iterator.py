class Range2D:
    def __init__(self, rows, cols):
        self.rows, self.cols = rows, cols

    def __iter__(self):
        return Range2DIterator(self.rows, self.cols)

    def __len__(self):
        return self.rows * self.cols

    def __reversed__(self):
        for r in reversed(range(self.rows)):
            for c in reversed(range(self.cols)):
                yield r, c


class Range2DIterator:
    def __init__(self, rows, cols):
        self.rows, self.cols = rows, cols
        self.r = self.c = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self.r >= self.rows:
            raise StopIteration
        value = (self.r, self.c)
        self.c += 1
        if self.c == self.cols:
            self.r, self.c = self.r + 1, 0
        return value


grid = Range2D(2, 3)
print(list(grid), len(grid), list(reversed(grid))[:2])
it = iter(grid)
print(next(it), next(it), list(it), list(it))
print(sum(r * c for r, c in grid), max(grid), (1, 2) in grid, dict.fromkeys(Range2D(1, 2), 0))


class Countdown:
    def __init__(self, n):
        self.n = n

    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError
        return self.n - i


print(list(Countdown(5)), 3 in Countdown(5), list(enumerate(Countdown(2))))
sentinel_iter = iter([5, 4, 3, 0, 9].pop, 0)
print(list(iter(lambda: 7, 7)), next(iter([]), "empty"))
lines = iter(["a", "b", "STOP", "c"])
print(list(iter(lambda: next(lines), "STOP")))
