def permutations(items):
    if len(items) <= 1:
        yield list(items)
        return
    for i, x in enumerate(items):
        for rest in permutations(items[:i] + items[i + 1:]):
            yield [x] + rest


def next_permutation(seq):
    seq = list(seq)
    i = len(seq) - 2
    while i >= 0 and seq[i] >= seq[i + 1]:
        i -= 1
    if i < 0:
        return None
    j = len(seq) - 1
    while seq[j] <= seq[i]:
        j -= 1
    seq[i], seq[j] = seq[j], seq[i]
    seq[i + 1:] = reversed(seq[i + 1:])
    return seq


perms = ["".join(p) for p in permutations("abcd")]
print(len(perms), perms[:6], perms[-1])
p = list("aabc")
seen = []
while p:
    seen.append("".join(p))
    p = next_permutation(p)
print(len(seen), seen)


def subsets_with_sum(nums, target, start=0, chosen=()):
    if target == 0:
        yield chosen
    for i in range(start, len(nums)):
        if nums[i] <= target:
            yield from subsets_with_sum(nums, target - nums[i], i + 1, chosen + (nums[i],))


print(list(subsets_with_sum([2, 3, 5, 6, 8, 10], 10)))
