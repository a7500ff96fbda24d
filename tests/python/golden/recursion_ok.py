import sys


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(depth(500), fib(20), sys.getrecursionlimit() >= 500)
