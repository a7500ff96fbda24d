results = []
for value in ["12", "x", None, "3.5", "0"]:
    try:
        n = int(value)
        results.append(10 // n)
    except ValueError as e:
        results.append(("ValueError", str(e)))
    except TypeError as e:
        results.append(("TypeError", str(e)))
    except ZeroDivisionError as e:
        results.append(("ZeroDivisionError", str(e)))
print(results)
try:
    [1, 2, 3][10]
except IndexError as e:
    print("IndexError", e)
try:
    {"a": 1}["b"]
except KeyError as e:
    print("KeyError", e, repr(e))
try:
    None.upper()
except AttributeError as e:
    print("AttributeError", e)
try:
    "abc" + 1
except TypeError as e:
    print("TypeError", e)
