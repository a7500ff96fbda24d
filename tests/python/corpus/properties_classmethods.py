class Temperature:
    _instances = 0

    def __init__(self, celsius=0.0):
        self.celsius = celsius
        Temperature._instances += 1

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._celsius = value

    @property
    def fahrenheit(self):
        return self._celsius * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, value):
        self.celsius = (value - 32) * 5 / 9

    @classmethod
    def from_fahrenheit(cls, f):
        t = cls()
        t.fahrenheit = f
        return t

    @staticmethod
    def describe(c):
        return "freezing" if c <= 0 else "cold" if c < 10 else "mild" if c < 20 else "warm"

    @classmethod
    def count(cls):
        return cls._instances

    def __repr__(self):
        return f"Temperature({self._celsius:.2f})"

    def __format__(self, spec):
        if spec.endswith("F"):
            return format(self.fahrenheit, spec[:-1] + "f") + "°F"
        return format(self._celsius, (spec or ".1") + "f") + "°C"


t = Temperature(21.5)
print(t, t.fahrenheit, Temperature.describe(t.celsius))
t.fahrenheit = 14
print(t, f"{t}", f"{t:.3}", f"{t:.0F}", Temperature.describe(t.celsius))
b = Temperature.from_fahrenheit(212)
print(b, b.celsius, Temperature.count())
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e, t)
try:
    del t.fahrenheit
except AttributeError:
    print("cannot delete fahrenheit")
print(type(Temperature.celsius).__name__, hasattr(t, "_celsius"), vars(t))
print(sorted([Temperature(c) for c in (30, -5, 12)], key=lambda x: x.celsius))
