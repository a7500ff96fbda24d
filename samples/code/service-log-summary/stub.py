import sys

# Read the log from standard input, for example:
#     for line in sys.stdin:
#         ...
# then print one summary line per service and the malformed count.

# TODO: write your solution here
