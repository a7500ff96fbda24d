# Tries setrecursionlimit inside try/except: a forbidden call must end the run even if caught.
import sys

try:
    sys.setrecursionlimit(10 ** 6)
except BaseException:
    pass
print("still running")
while True:
    try:
        pass
    except BaseException:
        pass
