import itertools


def primes():
    found = []
    for n in itertools.count(2):
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n


print(list(itertools.islice(primes(), 25)))
print(sum(itertools.takewhile(lambda p: p < 1000, primes())))
squares = (n * n for n in range(10))
print(next(squares), next(squares), list(squares))
print(list(itertools.accumulate(range(1, 11), lambda a, b: a * b)))
print(list(itertools.permutations("abc", 2)), list(itertools.product("ab", repeat=2)))
