# Tries to survive the step limit by catching every exception and carrying on.
n = 0
while True:
    try:
        while True:
            n += 1
    except BaseException:
        continue
