"""Class-attribute and property idioms that native classes must keep working:
class-level counters bumped through the class, `type(self)` and `cls`; property
setters run by `self.p = v` in `__init__` and by stores from outside; a property
inherited from a native base; cached_property (which needs an instance __dict__)."""

from functools import cached_property


class Counted:
    created = 0
    live_names: list = []

    def __init__(self, name: str) -> None:
        Counted.created += 1
        Counted.live_names.append(name)
        self.name = name

    def tag(self) -> str:
        return self.name + "#" + str(Counted.created)


class ByType:
    made = 0

    def __init__(self) -> None:
        type(self).made += 1
        self.k = type(self).made


class ByTypeChild(ByType):
    pass


class ByCls:
    total = 0

    def __init__(self, n: int) -> None:
        self.n = n
        ByCls.add(n)

    @classmethod
    def add(cls, n: int) -> None:
        cls.total += n

    @classmethod
    def reset(cls) -> None:
        cls.total = 0


class ByDunderClass:
    seen = 0

    def __init__(self) -> None:
        self.__class__.seen += 1
        self.x = 1.5


class Temperature:
    def __init__(self, celsius: float) -> None:
        self._c = 0.0
        self.celsius = celsius

    @property
    def celsius(self) -> float:
        return self._c

    @celsius.setter
    def celsius(self, v: float) -> None:
        if v < -273.15:
            raise ValueError("below absolute zero")
        self._c = v

    @celsius.deleter
    def celsius(self) -> None:
        self._c = 0.0

    @property
    def fahrenheit(self) -> float:
        return self._c * 9 / 5 + 32


class Kelvin(Temperature):
    def __init__(self, k: float) -> None:
        super().__init__(k - 273.15)
        self.celsius = self.celsius + 0.0

    def bump(self) -> None:
        self.celsius += 1.0


class Lazy:
    def __init__(self, n: int) -> None:
        self.n = n
        self.calls = 0

    @cached_property
    def square(self) -> int:
        self.calls += 1
        return self.n * self.n


def test_class_counter_through_class_name() -> None:
    before = Counted.created
    a = Counted("a")
    b = Counted("b")
    print(Counted.created - before, a.tag(), b.tag(), Counted.live_names[-2:])
    assert Counted.created - before == 2


def test_counter_through_type_self() -> None:
    ByType.made = 0
    ByTypeChild.made = 10
    xs = [ByType(), ByType(), ByTypeChild()]
    print([x.k for x in xs], ByType.made, ByTypeChild.made)
    assert ByType.made == 2 and ByTypeChild.made == 11


def test_counter_through_cls() -> None:
    ByCls.reset()
    for i in range(5):
        ByCls(i)
    print(ByCls.total)
    assert ByCls.total == 10
    ByCls.reset()
    print(ByCls.total)


def test_counter_through_dunder_class() -> None:
    start = ByDunderClass.seen
    ByDunderClass()
    ByDunderClass()
    print(ByDunderClass.seen - start)


def test_property_setter_in_init_and_outside() -> None:
    t = Temperature(100.0)
    print(t.celsius, t.fahrenheit)
    t.celsius = 37.0
    print(t.celsius, round(t.fahrenheit, 2))
    try:
        t.celsius = -300.0
    except ValueError as e:
        print("ValueError", e)
    print(t.celsius)
    del t.celsius
    print(t.celsius)
    try:
        Temperature(-500.0)
    except ValueError as e:
        print("ValueError in init", e)


def test_read_only_property_store() -> None:
    t = Temperature(1.0)
    try:
        t.fahrenheit = 3.0  # type: ignore[misc]
        print("stored")
    except AttributeError:
        print("AttributeError")


def test_inherited_property() -> None:
    k = Kelvin(300.0)
    print(round(k.celsius, 2))
    k.bump()
    print(round(k.celsius, 2), round(k.fahrenheit, 2))
    k.celsius = 5.0
    print(k.celsius)


def test_cached_property() -> None:
    z = Lazy(7)
    print(z.square, z.square, z.calls)
    del z.square
    print(z.square, z.calls)
