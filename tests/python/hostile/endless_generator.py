# A generator that never yields anything and never ends, consumed by list().
def negative_evens():
    n = 0
    while True:
        if n < 0 and n % 2 == 0:
            yield n
        n += 1


print(list(negative_evens()))
