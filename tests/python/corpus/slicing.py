nums = list(range(10))
print(nums[2:5], nums[:3], nums[7:], nums[-2:], nums[::2], nums[1::3], nums[::-1], nums[8:2:-2])
print(nums[100:], nums[-100:2], nums[5:5])
copy = nums[:]
copy[2:5] = ["a", "b"]
print(copy, len(copy))
copy[::3] = [0] * len(copy[::3])
print(copy)
del copy[1:3]
print(copy)
matrix = [[r * 4 + c for c in range(4)] for r in range(3)]
print([row[1:3] for row in matrix[1:]], [row[-1] for row in matrix])
word = "assessment"
print(word[:3] + word[-3:], word[1:-1], word[::3], word[-1::-2])
s = slice(1, 8, 3)
print(nums[s], s.indices(5), "abcdefghij"[s])
t = (1, 2, 3, 4, 5)
print(t[1:-1], t[::-2], type(t[1:3]).__name__)
first, *middle, last = nums
print(first, middle, last)
head, second, *_ = "xyz123"
print(head, second)
b = bytearray(b"hello world")
b[0:5] = b"HOWDY"
print(b, bytes(b[6:]), b[::-1])
