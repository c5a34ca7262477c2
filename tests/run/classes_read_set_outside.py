"""An attribute a class's methods read but never set, set on its instances by
another class (http.cookiejar: `self._policy._now = self._now = now`, then the
policy reads `self._now`). The class must keep room for it, as a plain class's
`__dict__` does; a base whose subclasses set what it reads stays as it was."""


class Policy:
    def __init__(self, strict: bool) -> None:
        self.strict = strict

    def expired(self, t: int) -> bool:
        return t < self._now  # type: ignore[attr-defined]


class Jar:
    def __init__(self, policy: Policy) -> None:
        self._policy = policy
        self._now = 0

    def stamp(self, now: int) -> bool:
        self._policy._now = self._now = now  # type: ignore[attr-defined]
        return self._policy.expired(5)


class Clock:
    def now(self) -> int:
        return getattr(self, "_tick", 0)


class Ticker:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._tick = 0

    def tick(self, t: int) -> int:
        self._tick = t
        self._clock._tick = t  # type: ignore[attr-defined]
        return self._clock.now()


class Shape:
    def area(self) -> float:
        return self.width * self.height  # type: ignore[attr-defined]


class Rect(Shape):
    def __init__(self, width: float, height: float) -> None:
        self.width = width
        self.height = height


def test_set_by_another_class() -> None:
    p = Policy(False)
    j = Jar(p)
    try:
        p.expired(1)
    except AttributeError as e:
        print("AttributeError", e)
    print(j.stamp(10), j.stamp(3), p._now, p.strict)  # type: ignore[attr-defined]
    print(hasattr(p, "_now"), hasattr(j, "_now"))


def test_read_through_getattr() -> None:
    c = Clock()
    print(c.now(), Ticker(c).tick(5), c.now())


def test_read_from_a_subclass() -> None:
    print(Rect(2.0, 3.5).area())
    try:
        Shape().area()
    except AttributeError as e:
        print("AttributeError", e)


class Named:
    label: str

    def __init__(self, text: str) -> None:
        self.text = text

    def describe(self) -> str:
        return self.label + ":" + self.text

    def rename(self, label: str) -> None:
        self.label = label


class Child(Named):
    label = "child"


def test_field_hidden_by_a_subclass_class_attribute() -> None:
    c = Child("hello")
    print(c.label, c.describe())
    c.rename("renamed")
    print(c.label, c.describe(), Child.label)
    n = Named("x")
    try:
        n.describe()
    except AttributeError as e:
        print("AttributeError", e)
