"""Classes built with the typing and enum machinery: Generic[T] classes,
Protocols, NamedTuple (typing and collections), Enum, IntEnum, Flag and
auto(), with compiled methods."""

import collections
import enum
from enum import Enum, IntEnum, Flag, auto
from typing import Generic, TypeVar, NamedTuple, Protocol, Optional, runtime_checkable, Iterator

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")


@runtime_checkable
class HasArea(Protocol):
    def area(self) -> float:
        ...


class Circle:
    def __init__(self, r: float) -> None:
        self.r = r

    def area(self) -> float:
        return 3.0 * self.r * self.r


class Blob:
    pass


class Pt(collections.namedtuple("Pt", "x y")):
    __slots__ = ()

    def norm1(self) -> int:
        return abs(self.x) + abs(self.y)

    def __add__(self, other: object) -> object:  # type: ignore[override]
        if isinstance(other, Pt):
            return Pt(self.x + other.x, self.y + other.y)
        return NotImplemented


RGB = collections.namedtuple("RGB", ["r", "g", "b"], defaults=[0])


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3

    def describe(self) -> str:
        return f"{self.name.lower()}:{self.value}"

    @property
    def is_warm(self) -> bool:
        return self is Color.RED

    @classmethod
    def from_name(cls, name: str) -> "Color":
        return cls[name.upper()]


class Shape(Enum):
    SQUARE = "sq"
    CIRCLE = "ci"
    ROUND = "ci"


class Level(IntEnum):
    LOW = 10
    MID = 20
    HIGH = 30


class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()
    RW = R | W


class Auto(Enum):
    A = auto()
    B = auto()
    C = auto()


class Planet(Enum):
    MERCURY = (3.3, 2.4)
    EARTH = (5.9, 6.3)

    def __init__(self, mass: float, radius: float) -> None:
        self.mass = mass
        self.radius = radius

    def density_ish(self) -> float:
        return self.mass / self.radius


@enum.unique
class Unique(Enum):
    ONE = 1
    TWO = 2


# oxyc bug: a compiled class whose base is not a class (Generic[T], typing.NamedTuple:
# PEP 560 __mro_entries__) makes the module fail to import, so these classes are
# built by helpers (interpreted) instead of at module level. See the report.
def _generic_classes() -> tuple:
    class Stack(Generic[T]):
        def __init__(self) -> None:
            self.items: list = []

        def push(self, item: T) -> None:
            self.items.append(item)

        def pop(self) -> T:
            if not self.items:
                raise IndexError("pop from empty Stack")
            return self.items.pop()

        def peek(self) -> Optional[T]:
            return self.items[-1] if self.items else None

        def __len__(self) -> int:
            return len(self.items)

        def __iter__(self) -> Iterator[T]:
            return iter(reversed(self.items))


    class Pair(Generic[K, V]):
        def __init__(self, key: K, value: V) -> None:
            self.key = key
            self.value = value

        def swap(self) -> "Pair[V, K]":
            return Pair(self.value, self.key)

        def __repr__(self) -> str:
            return f"Pair({self.key!r}, {self.value!r})"


    class IntStack(Stack[int]):
        def total(self) -> int:
            t = 0
            for x in self.items:
                t += x
            return t


    class Tagged(Pair[str, T]):
        def label(self) -> str:
            return f"{self.key}={self.value}"

    return Stack, Pair, IntStack, Tagged


def _coord_class() -> type:
    class Coord(NamedTuple):
        x: int
        y: int = 0
        label: str = ""

        def norm1(self) -> int:
            return abs(self.x) + abs(self.y)

        def moved(self, dx: int) -> "Coord":
            return self._replace(x=self.x + dx)

        @property
        def is_origin(self) -> bool:
            return self.x == 0 and self.y == 0

    return Coord


def test_generic_stack() -> None:
    Stack, Pair, IntStack, Tagged = _generic_classes()
    s = Stack()
    s.push("a")
    s.push("b")
    print(len(s), s.peek(), list(s), s.pop(), s.pop(), s.peek())
    assert len(s) == 0 and s.peek() is None
    try:
        s.pop()
    except IndexError as e:
        print("IndexError", e)


def test_generic_subscription() -> None:
    Stack, Pair, IntStack, Tagged = _generic_classes()
    S = Stack[int]
    x = S()
    x.push(3)
    print(type(x).__name__, x.items, S.__origin__ is Stack, S.__args__)
    assert type(x) is Stack and S.__args__ == (int,)
    print(Stack.__parameters__, Pair.__parameters__, Pair[str, int].__args__)
    assert len(Pair.__parameters__) == 2


def test_generic_orig_bases() -> None:
    Stack, Pair, IntStack, Tagged = _generic_classes()
    print(Stack.__orig_bases__, IntStack.__orig_bases__, [b.__name__ for b in IntStack.__mro__])
    assert IntStack.__bases__ == (Stack,)
    assert [b.__name__ for b in IntStack.__mro__] == ["IntStack", "Stack", "Generic", "object"]
    print(IntStack.__parameters__, Tagged.__parameters__)


def test_generic_subclass() -> None:
    Stack, Pair, IntStack, Tagged = _generic_classes()
    s = IntStack()
    for i in range(5):
        s.push(i)
    print(s.total(), len(s), isinstance(s, Stack), issubclass(IntStack, Stack))
    assert s.total() == 10
    t = Tagged("k", 5)
    print(t, t.label(), t.swap(), type(t.swap()).__name__)
    assert t.label() == "k=5" and type(t.swap()) is Pair


def test_generic_errors() -> None:
    Stack, Pair, IntStack, Tagged = _generic_classes()
    try:
        Stack[int, str]  # type: ignore
    except TypeError as e:
        print(e)
    try:
        isinstance(Stack(), Stack[int])
    except TypeError as e:
        print(e)
        assert str(e) == "Subscripted generics cannot be used with class and instance checks"


def test_protocol_runtime_checkable() -> None:
    print(isinstance(Circle(1.0), HasArea), isinstance(Blob(), HasArea), issubclass(Circle, HasArea))
    assert isinstance(Circle(1.0), HasArea) and not isinstance(Blob(), HasArea)
    shapes: list = [Circle(1.0), Circle(2.0)]
    total = 0.0
    for s in shapes:
        total += s.area()
    print(total)
    assert total == 15.0


def test_protocol_instantiation() -> None:
    try:
        HasArea()  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "Protocols cannot be instantiated"


def test_namedtuple_basics() -> None:
    Coord = _coord_class()
    c = Coord(3, -4)
    print(c, c.x, c[1], c.label == "", len(c), tuple(c), c.norm1(), c.is_origin)
    assert c == (3, -4, "") and c.norm1() == 7 and repr(c) == "Coord(x=3, y=-4, label='')"
    d = c.moved(2)
    print(d, d._asdict(), Coord._fields, Coord._field_defaults)  # type: ignore[attr-defined]
    assert d.x == 5 and Coord._fields == ("x", "y", "label")  # type: ignore[attr-defined]
    x, y, lab = d
    print(x, y, repr(lab), Coord(0).is_origin, Coord._make([1, 2, "z"]))  # type: ignore[attr-defined]


def test_namedtuple_immutable() -> None:
    Coord = _coord_class()
    c = Coord(1)
    try:
        c.x = 2  # type: ignore
    except AttributeError as e:
        print(e)
        assert str(e) == "can't set attribute"
    try:
        Coord()  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "Coord.__new__() missing 1 required positional argument: 'x'"


def test_namedtuple_as_key_and_sort() -> None:
    Coord = _coord_class()
    pts = [Coord(2, 1), Coord(1, 5), Coord(1, 2)]
    print(sorted(pts), {Coord(1, 1): "a"}[Coord(1, 1)], hash(Coord(1, 1)) == hash((1, 1, "")))
    assert sorted(pts)[0] == Coord(1, 2)


def test_collections_namedtuple() -> None:
    c = RGB(255, 128)
    print(c, c.b, c._replace(b=1), RGB._fields, isinstance(c, tuple))
    assert c == (255, 128, 0) and repr(c) == "RGB(r=255, g=128, b=0)"


def test_namedtuple_subclass_methods() -> None:
    p = Pt(3, -4)
    q = p + Pt(1, 1)
    print(p, q, p.norm1(), type(q).__name__, hasattr(p, "__dict__"), p == (3, -4))
    assert q == Pt(4, -3) and p.norm1() == 7 and not hasattr(p, "__dict__")
    try:
        p + (1, 1)  # type: ignore
    except TypeError as e:
        print(e)


def test_enum_basics() -> None:
    c = Color.GREEN
    print(c, repr(c), c.name, c.value, c.describe(), c.is_warm, Color.RED.is_warm)
    assert str(c) == "Color.GREEN" and repr(c) == "<Color.GREEN: 2>" and c.describe() == "green:2"
    print(Color(3), Color["RED"], Color.from_name("blue"), list(Color), len(Color))
    assert Color(3) is Color.BLUE and Color.from_name("blue") is Color.BLUE


def test_enum_identity_and_compare() -> None:
    print(Color.RED is Color(1), Color.RED == 1, Color.RED != Color.BLUE, Color.RED in Color)
    assert Color.RED is Color(1) and Color.RED != 1
    try:
        Color.RED < Color.BLUE  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "'<' not supported between instances of 'Color' and 'Color'"
    d = {Color.RED: "r", Color.GREEN: "g"}
    print(d[Color.RED], isinstance(Color.RED, Color), type(Color.RED).__name__)


def test_enum_errors() -> None:
    try:
        Color(7)
    except ValueError as e:
        print(e)
        assert str(e) == "7 is not a valid Color"
    try:
        Color["PURPLE"]
    except KeyError as e:
        print("KeyError", e)
    try:
        Color.RED = 5  # type: ignore
    except AttributeError as e:
        print(e)
        assert str(e) == "cannot reassign member 'RED'"


def test_enum_aliases() -> None:
    print(Shape.ROUND is Shape.CIRCLE, Shape("ci"), list(Shape), list(Shape.__members__))
    assert Shape.ROUND is Shape.CIRCLE and len(list(Shape)) == 2
    assert list(Shape.__members__) == ["SQUARE", "CIRCLE", "ROUND"]


def test_enum_unique_rejects_alias() -> None:
    try:
        @enum.unique
        class Dup(Enum):
            A = 1
            B = 1
    except ValueError as e:
        print(e)
        assert str(e) == "duplicate values found in <enum 'Dup'>: B -> A"
    print(list(Unique))


def test_intenum() -> None:
    print(Level.MID, repr(Level.MID), Level.MID + 1, Level.LOW < Level.HIGH, Level.MID == 20, sorted([Level.HIGH, Level.LOW]))
    assert Level.MID + 1 == 21 and Level.MID == 20 and Level(30) is Level.HIGH
    print(int(Level.HIGH), f"{Level.LOW}", [1, 2, 3][Level.LOW - 9], max(Level).name)


def test_flag() -> None:
    rw = Perm.R | Perm.W
    print(rw, rw is Perm.RW, Perm.R in rw, Perm.X in rw, bool(Perm.R & Perm.X), Perm.RW.value)
    assert rw is Perm.RW and Perm.R in rw and Perm.X not in rw  # type: ignore[operator]
    print([p.name for p in Perm], (Perm.R | Perm.X).value, ~Perm.R)


def test_auto() -> None:
    print([(m.name, m.value) for m in Auto])
    assert [m.value for m in Auto] == [1, 2, 3]


def test_enum_with_init() -> None:
    e = Planet.EARTH
    print(e.mass, e.radius, e.value, round(e.density_ish(), 3), Planet((3.3, 2.4)).name)  # type: ignore[arg-type, call-arg]
    assert e.mass == 5.9 and Planet((3.3, 2.4)) is Planet.MERCURY  # type: ignore[arg-type, call-arg]


def test_enum_functional_api() -> None:
    Dir = Enum("Dir", "N E S W")
    print(list(Dir), Dir.S.value, Dir(2))
    assert Dir.S.value == 3


def test_enum_subclass_restriction() -> None:
    try:
        class More(Color):  # type: ignore
            PURPLE = 4
    except TypeError as e:
        print(e)
        assert "cannot extend" in str(e)
