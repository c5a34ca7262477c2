"""Native classes that another module of the package (`geouse`) uses directly."""

from dataclasses import dataclass
from typing import Optional


class Point:
    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y

    def norm1(self) -> int:
        return abs(self.x) + abs(self.y)

    def scaled(self, k: float = 2.0) -> float:
        return (self.x + self.y) * k

    def label(self) -> str:
        return f"P({self.x}, {self.y})"

    def moved(self, dx: int, dy: int = 0) -> "Point":
        return Point(self.x + dx, self.y + dy)


class Point3(Point):
    def __init__(self, x: int, y: int, z: int) -> None:
        super().__init__(x, y)
        self.z = z

    def norm1(self) -> int:
        return abs(self.x) + abs(self.y) + abs(self.z)


class Node:
    value: float
    name: str
    nxt: Optional["Node"]

    def __init__(self, value: float, name: str, nxt: Optional["Node"] = None) -> None:
        self.value = value
        self.name = name
        self.nxt = nxt

    def total(self) -> float:
        n: Optional[Node] = self
        s = 0.0
        while n is not None:
            s += n.value
            n = n.nxt
        return s


@dataclass
class Pair:
    a: int
    b: str


class Weird:
    """Its unset fields ask `__getattr__`: not shown to other modules."""

    def __init__(self) -> None:
        self.v = 1

    def __getattr__(self, name: str) -> int:
        return 7


class V2:
    def __init__(self, x: float, y: float) -> None:
        self.x = x
        self.y = y

    def __add__(self, o: "V2") -> "V2":
        return V2(self.x + o.x, self.y + o.y)

    def __mul__(self, k: float) -> "V2":
        return V2(self.x * k, self.y * k)

    def __sub__(self, o: object) -> "V2":
        if not isinstance(o, V2):
            return NotImplemented
        return V2(self.x - o.x, self.y - o.y)

    def __neg__(self) -> "V2":
        return V2(-self.x, -self.y)

    def __repr__(self) -> str:
        return f"V2({self.x}, {self.y})"


def make_point(x: int, y: int) -> Point:
    return Point(x, y)


def dot(p: Point, q: Point) -> int:
    return p.x * q.x + p.y * q.y


def first_name(n: Optional[Node]) -> str:
    return "-" if n is None else n.name
