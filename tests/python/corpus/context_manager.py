class Timer:
    """A fake timer that counts 'ticks' instead of reading a clock."""

    depth = 0

    def __init__(self, label):
        self.label = label
        self.ticks = 0

    def __enter__(self):
        Timer.depth += 1
        print("  " * (Timer.depth - 1) + f"enter {self.label}")
        return self

    def __exit__(self, exc_type, exc, tb):
        print("  " * (Timer.depth - 1) + f"exit {self.label} after {self.ticks} ticks, error={exc_type.__name__ if exc_type else None}")
        Timer.depth -= 1
        return exc_type is KeyError  # swallow KeyErrors only

    def tick(self, n=1):
        self.ticks += n


with Timer("outer") as outer:
    outer.tick(3)
    with Timer("inner") as inner:
        inner.tick()
        {}["missing"]
    print("after swallowed KeyError")
    try:
        with Timer("failing"):
            raise ValueError("boom")
    except ValueError as e:
        print("caught", e)


class Transaction:
    def __init__(self, ledger):
        self.ledger = ledger

    def __enter__(self):
        self.snapshot = dict(self.ledger)
        return self.ledger

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            self.ledger.clear()
            self.ledger.update(self.snapshot)
            print("rolled back:", exc)
            return True
        print("committed")
        return False


ledger = {"cash": 100}
with Transaction(ledger) as l:
    l["cash"] -= 30
    l["stock"] = 30
with Transaction(ledger) as l:
    l["cash"] -= 500
    if l["cash"] < 0:
        raise RuntimeError("overdrawn")
print(ledger)
