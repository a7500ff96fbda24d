# Removes any trace function, then loops forever, swallowing whatever is raised.
import sys

sys.settrace(None)
while True:
    try:
        while True:
            pass
    except BaseException:
        sys.settrace(None)
        continue
