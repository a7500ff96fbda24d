# Reads a line although the run has no input: EOFError.
name = input()
print("hello", name)
