import sys

limit = int(sys.stdin.readline())
sieve = [True] * (limit + 1)
sieve[0:2] = [False, False]
for i in range(2, int(limit ** 0.5) + 1):
    if sieve[i]:
        sieve[i * i :: i] = [False] * len(range(i * i, limit + 1, i))
primes = [i for i, p in enumerate(sieve) if p]
print(len(primes), primes[:10], primes[-3:])
gaps = [b - a for a, b in zip(primes, primes[1:])]
print("largest gap", max(gaps), "after", primes[gaps.index(max(gaps))])
twins = [(p, p + 2) for p in primes if p + 2 <= limit and sieve[p + 2]]
print(len(twins), twins[-2:])
