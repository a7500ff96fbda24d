class ValidationError(Exception):
    """Raised when a record fails a rule."""


class MissingField(ValidationError):
    def __init__(self, field):
        super().__init__(f"missing field: {field}")
        self.field = field


class OutOfRange(ValidationError):
    pass


def validate(record):
    for key in ("id", "age"):
        if key not in record:
            raise MissingField(key)
    try:
        age = int(record["age"])
    except ValueError as exc:
        raise ValidationError(f"age is not a number: {record['age']!r}") from exc
    if not 16 <= age <= 120:
        raise OutOfRange(f"age {age} outside 16..120")
    return age


records = [{"id": 1, "age": "34"}, {"id": 2}, {"id": 3, "age": "abc"}, {"id": 4, "age": "7"}, {"age": "50"}]
for r in records:
    try:
        age = validate(r)
    except MissingField as e:
        print("missing", e.field, "|", e)
    except ValidationError as e:
        print(type(e).__name__, "|", e, "| cause:", type(e.__cause__).__name__ if e.__cause__ else None)
    else:
        print("ok", r["id"], age)
    finally:
        print("checked", r.get("id", "?"))


def risky(n):
    try:
        if n == 0:
            return 1 / n
        return [1, 2][n]
    except ZeroDivisionError:
        return "div"
    except IndexError:
        return "index"
    finally:
        print("finally for", n)


print([risky(n) for n in (0, 1, 5)])
print(issubclass(OutOfRange, ValidationError), isinstance(MissingField("x"), Exception))
try:
    try:
        {}["nope"]
    except KeyError:
        raise RuntimeError("wrapped")
except RuntimeError as e:
    print(e, type(e.__context__).__name__)
errors = []
for value in ["1", "2.5", "x", None]:
    try:
        errors.append(int(value))
    except (ValueError, TypeError) as e:
        errors.append(type(e).__name__)
print(errors)
