from itertools import (accumulate, chain, combinations, combinations_with_replacement, count, cycle,
                       groupby, islice, permutations, product, repeat, starmap, zip_longest, pairwise, compress,
                       dropwhile, filterfalse, tee)
import operator

print(list(combinations("ABCD", 2)))
print(len(list(permutations(range(5), 3))), list(permutations("abc"))[:3])
print(list(product([0, 1], repeat=3))[-2:])
print(list(combinations_with_replacement("xy", 3)))
print(list(accumulate([3, 1, 4, 1, 5, 9, 2, 6])), list(accumulate([3, 1, 4, 1, 5], max)))
print(list(accumulate(range(1, 8), operator.mul)))
print(list(chain("ab", [1, 2], ("z",))), list(chain.from_iterable([[1], [2, 3], []])))
data = "aaabccddddae"
print([(k, len(list(g))) for k, g in groupby(data)])
records = sorted([("b", 2), ("a", 1), ("b", 5), ("a", 7), ("c", 0)])
for key, group in groupby(records, key=lambda r: r[0]):
    print(key, [v for _, v in group])
print(list(islice(count(10, 5), 4)), list(islice(cycle("AB"), 5)), list(repeat(7, 3)))
print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])))
print(list(zip_longest("abc", [1], fillvalue="-")))
print(list(pairwise([1, 4, 9, 16])), list(compress("ABCDEF", [1, 0, 1, 0, 1, 1])))
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(filterfalse(str.isdigit, "a1b2c3")))
a, b = tee(iter([1, 2, 3]))
print(list(a), sum(b))
