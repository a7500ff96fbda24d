import sys

print("validating")
sys.exit(4)
