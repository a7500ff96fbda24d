people = [("Zoe", 31), ("adam", 25), ("Bea", 31), ("carl", 19), ("Dee", 25)]
print(sorted(people))
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: (-p[1], p[0].lower())))
print(sorted(people, key=lambda p: p[0].lower(), reverse=True))
nums = [3.5, -2, 7, 0, -2.5, 11, 3.5]
nums.sort()
print(nums, sorted(nums, key=abs), sorted(map(str, nums)))
print(sorted("The Quick Brown Fox".split(), key=str.casefold), sorted([[2, 1], [1, 9], [2, 0]]))
