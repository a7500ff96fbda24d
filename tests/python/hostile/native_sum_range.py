# A huge loop inside one built-in call.
print(sum(range(10 ** 18)))
