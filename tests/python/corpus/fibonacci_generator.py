from itertools import islice, takewhile


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


print(list(islice(fib(), 15)))
print(sum(x for x in takewhile(lambda v: v < 4_000_000, fib()) if x % 2 == 0))
big = next(x for x in fib() if len(str(x)) >= 50)
print(big, len(str(big)))
gen = fib()
print(next(gen), next(gen), next(gen), next(gen))
evens = (f for f in fib() if f % 2 == 0)
print([next(evens) for _ in range(6)])
