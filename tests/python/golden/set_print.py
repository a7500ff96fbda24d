# Prints sets and a set-ordered join directly: stable only if the sandbox's string hashing is fixed.
fruit = {"apple", "pear", "fig", "kiwi", "plum", "date", "lime"}
print(fruit)
print(", ".join(fruit), list(fruit)[0] in fruit, {1, 2, 3, 100, 64, 65} , {(1, "a"), (2, "b")})
print({w: len(w) for w in fruit})
