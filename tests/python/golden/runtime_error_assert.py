def check(total):
    assert total == 100, f"shares add up to {total}"


check(sum([40, 35, 25]))
print("first check passed")
check(sum([40, 35, 20]))
