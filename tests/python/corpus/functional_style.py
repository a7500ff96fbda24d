from functools import partial, reduce
import operator

nums = [3, 8, -2, 7, 0, 15, -6, 4]
squares = list(map(lambda x: x * x, nums))
positives = list(filter(lambda x: x > 0, nums))
print(squares, positives)
print(reduce(operator.add, nums), reduce(lambda a, b: a if a > b else b, nums), reduce(operator.mul, positives, 1))
print(list(map(operator.sub, [10, 20, 30], [1, 2, 3])), list(map(str.upper, ["a", "bc"])))
compose = lambda *fs: reduce(lambda f, g: lambda x: g(f(x)), fs)
inc_then_double = compose(lambda x: x + 1, lambda x: x * 2)
print(inc_then_double(5), compose(str, len)(12345))
pow2 = partial(pow, 2)
base10 = partial(int, base=2)
print([pow2(i) for i in range(8)], base10("1011"), partial(sorted, reverse=True)([3, 1, 2]))
print(all(x > -10 for x in nums), any(x == 0 for x in nums), sum(1 for x in nums if x % 2 == 0))
print(sorted(nums, key=lambda x: (x % 3, x)))
pipeline = [str.strip, str.lower, lambda s: s.replace(" ", "_")]
value = "  Hello World Again  "
for step in pipeline:
    value = step(value)
print(value)
counter = {}
list(map(lambda w: counter.__setitem__(w, counter.get(w, 0) + 1), "a b a c b a".split()))
print(counter)
