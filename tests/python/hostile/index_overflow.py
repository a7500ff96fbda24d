# Sizes past 2**31 do not fit the sandbox's 32-bit index: OverflowError, as on 32-bit CPython.
s = "x" * 10 ** 10
print(len(s))
