from functools import lru_cache, reduce
import math


@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@lru_cache(maxsize=None)
def paths(r, c):
    if r == 0 or c == 0:
        return 1
    return paths(r - 1, c) + paths(r, c - 1)


print(fib(90))
for n in (100, 200, 300):
    print(n, fib(n), len(str(fib(n))))
print(fib.cache_info().hits > 0, fib.cache_info().currsize)
print(paths(16, 16), math.comb(32, 16), paths(16, 16) == math.comb(32, 16))
print(reduce(math.gcd, [fib(n) for n in (30, 45, 60)]), fib(15))
