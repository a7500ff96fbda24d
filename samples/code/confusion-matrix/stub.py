import sys

# Each line of standard input is "actual predicted". Print the labels, the matrix rows,
# then "accuracy: X.XXX" (or "no data" if there are no predictions).

# TODO: write your solution here
