"""`super().__new__(cls)` and `Base.__new__(Child)` for a subclass that adds no fields
of its own: the interpreter allows them only when the two classes share one
`__new__` (else "Base.__new__(Child) is not safe, use Child.__new__()")."""


class Base:
    __slots__ = ("v",)

    def __init__(self, v: int) -> None:
        self.v = v


class Child(Base):
    __slots__ = ()

    @classmethod
    def make(cls, v: int) -> "Child":
        x = super().__new__(cls)
        x.v = v
        return x

    def doubled(self) -> int:
        return self.v * 2


class Point:
    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y


class Labelled(Point):
    def label(self) -> str:
        return f"({self.x}, {self.y})"


def test_super_new_in_a_subclass() -> None:
    c = Child.make(3)
    print(type(c).__name__, c.v, c.doubled())


def test_base_new_of_a_subclass() -> None:
    d = Base.__new__(Child)
    print(type(d).__name__, hasattr(d, "v"))
    d.v = 5
    print(d.doubled())
    p = Point.__new__(Labelled)
    p.x, p.y = 1, 2
    assert isinstance(p, Labelled)
    print(p.label())
    try:
        Labelled.__new__(Point)
    except TypeError as e:
        print("TypeError", e)
