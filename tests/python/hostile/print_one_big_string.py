import sys

sys.stdout.write("z" * 10 ** 7)
