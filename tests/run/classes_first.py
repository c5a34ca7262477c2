"""Class statements compiled at import time: methods, class attributes, super(),
static/class methods, properties, ABCs, dataclasses, Python subclasses."""

import pickle
from dataclasses import dataclass, field
from abc import ABC, abstractmethod


class Point:
    """A point."""

    dims = 2
    origin_name: str = "O"

    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y

    def norm1(self) -> int:
        return abs(self.x) + abs(self.y)

    def __repr__(self) -> str:
        return f"Point({self.x}, {self.y})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Point):
            return NotImplemented
        return self.x == other.x and self.y == other.y

    def __add__(self, other: "Point") -> "Point":
        return Point(self.x + other.x, self.y + other.y)

    @staticmethod
    def zero() -> "Point":
        return Point(0, 0)

    @classmethod
    def unit(cls, d: int = 1) -> "Point":
        return cls(d, d)

    @property
    def total(self) -> int:
        return self.x + self.y


class Point3(Point):
    dims = Point.dims + 1
    scale = dims * 10

    def __init__(self, x: int, y: int, z: int) -> None:
        super().__init__(x, y)
        self.z = z

    def norm1(self) -> int:
        return super().norm1() + abs(self.z)

    def __repr__(self) -> str:
        return f"Point3({self.x}, {self.y}, {self.z})"


class Shape(ABC):
    @abstractmethod
    def area(self) -> float: ...

    def describe(self) -> str:
        return f"{type(self).__name__} with area {self.area():.2f}"


class Square(Shape):
    def __init__(self, side: float) -> None:
        self.side = side

    def area(self) -> float:
        return self.side * self.side


@dataclass(order=True)
class Item:
    name: str
    price: float = 0.0
    tags: list = field(default_factory=list)


def test_basic() -> None:
    p = Point(3, -4)
    print(p, p.norm1(), p.total, Point.dims, Point.origin_name, Point.__doc__)
    print(p + Point(1, 1), p == Point(3, -4), p != Point(0, 0), Point.zero(), Point.unit(), Point.unit(5))
    print(Point.__qualname__, Point.norm1.__qualname__, Point.__module__ == __name__)
    q = Point3(1, 2, -3)
    print(q, q.norm1(), Point3.dims, Point3.scale, isinstance(q, Point), Point3.__mro__[1].__name__)


def test_abc_and_dataclass() -> None:
    try:
        Shape()  # type: ignore[abstract]
    except TypeError as e:
        print("TypeError", e)
    print(Square(2.5).describe())
    a = Item("a", 2.0)
    b = Item("b", 1.0, ["x"])
    print(a, b, a < b, sorted([b, a])[0].name, a == Item("a", 2.0))
    print(pickle.loads(pickle.dumps(Point(1, 2))))


class Sub(Point):
    def norm1(self) -> int:
        return 100


def test_python_subclass() -> None:
    class Local(Point):
        def norm1(self) -> int:
            return -1
    print(Local(1, 1).norm1(), Sub(1, 1).norm1(), Local(2, 3).total)
