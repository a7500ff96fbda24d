import functools


def make_counter(start=0):
    count = start

    def counter(step=1):
        nonlocal count
        count += step
        return count

    return counter


c1, c2 = make_counter(), make_counter(100)
print(c1(), c1(), c1(5), c2(), c1())


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        result = fn(*args, **kwargs)
        shown = ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()])
        print(f"{fn.__name__}({shown}) -> {result!r}")
        return result
    wrapper.calls = 0
    return wrapper


def repeat(times):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*a, **k):
            return [fn(*a, **k) for _ in range(times)]
        return wrapper
    return decorate


def memoize(fn):
    cache = {}

    @functools.wraps(fn)
    def inner(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    inner.cache = cache
    return inner


@logged
def greet(name, punctuation="!"):
    """Say hello."""
    return f"Hello, {name}{punctuation}"


@repeat(3)
def roll():
    return "rolled"


@memoize
def tri(n):
    return 0 if n == 0 else n + tri(n - 1)


greet("Ada")
greet("Bo", punctuation="?")
print(greet.__name__, greet.__doc__, roll(), tri(50), len(tri.cache))
adders = [lambda x, i=i: x + i for i in range(3)]
late = [lambda x: x + i for i in range(3)]
print([f(10) for f in adders], [f(10) for f in late])


class CountCalls:
    def __init__(self, fn):
        functools.update_wrapper(self, fn)
        self.fn = fn
        self.calls = 0

    def __call__(self, *args):
        self.calls += 1
        return self.fn(*args)


@CountCalls
def square(x):
    return x * x


print([square(i) for i in range(4)], square.calls, square.__name__)
