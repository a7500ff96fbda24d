class Base:
    def __init__(self):
        self.log = ["Base"]

    def hello(self):
        return "Base.hello"

    def who(self):
        return [type(self).__name__]


class Left(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Left")

    def hello(self):
        return "Left>" + super().hello()


class Right(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Right")

    def hello(self):
        return "Right>" + super().hello()


class Child(Left, Right):
    def __init__(self):
        super().__init__()
        self.log.append("Child")

    def hello(self):
        return "Child>" + super().hello()


c = Child()
print([k.__name__ for k in Child.__mro__])
print(c.log, c.hello(), c.who())
print(isinstance(c, Right), issubclass(Child, Base), Child.__bases__[1].__name__, Left.hello(c))


class Animal:
    sound = "..."
    legs = 4

    def __init__(self, name):
        self.name = name

    def speak(self):
        return f"{self.name} says {self.sound}"

    def __str__(self):
        return f"{type(self).__name__.lower()} {self.name}"

    def __eq__(self, other):
        return type(self) is type(other) and self.name == other.name


class Dog(Animal):
    sound = "woof"


class Bird(Animal):
    sound = "tweet"
    legs = 2

    def speak(self):
        return super().speak() + " and flaps"


class Parrot(Bird):
    def __init__(self, name, phrase):
        super().__init__(name)
        self.phrase = phrase

    def speak(self):
        return f"{self.name} says {self.phrase!r}"


zoo = [Dog("Rex"), Bird("Tweety"), Parrot("Polly", "hello"), Animal("Thing")]
for a in zoo:
    print(str(a), "|", a.speak(), "|", a.legs)
print(Dog("Rex") == Dog("Rex"), Dog("Rex") == Animal("Rex"), sum(a.legs for a in zoo))
print(getattr(zoo[2], "phrase", None), getattr(zoo[0], "phrase", "none"), hasattr(Parrot, "speak"))
