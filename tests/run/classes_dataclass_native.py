"""Dataclasses that compile as native classes: defaults and default factories,
ordering, equality and hashing, __post_init__ with InitVar, keyword-only fields,
inheritance (native and Python subclasses), the dataclasses helpers, copy and
pickle, and compiled methods reading and writing the fields directly."""

import copy
import dataclasses
import pickle
from dataclasses import InitVar, KW_ONLY, dataclass, field
from typing import Dict, List, Optional


@dataclass
class Point:
    x: int
    y: int = 0

    def norm1(self) -> int:
        return abs(self.x) + abs(self.y)

    def shift(self, dx: int) -> None:
        self.x += dx


@dataclass(order=True)
class Version:
    major: int
    minor: int = 0
    label: str = field(default="", compare=False)


@dataclass
class Bag:
    name: str
    items: List[int] = field(default_factory=list)
    meta: Dict[str, int] = field(default_factory=dict, repr=False)

    def add(self, v: int) -> int:
        self.items.append(v)
        return len(self.items)


@dataclass
class Scaled:
    base: float
    factor: InitVar[float] = 1.0
    value: float = field(init=False, default=0.0)

    def __post_init__(self, factor: float) -> None:
        self.value = self.base * factor


@dataclass
class Options:
    path: str
    _: KW_ONLY
    verbose: bool = False
    level: int = 1


@dataclass(unsafe_hash=True)
class Key:
    a: int
    b: str


@dataclass
class Point3(Point):
    z: int = 0

    def norm1(self) -> int:
        return abs(self.x) + abs(self.y) + abs(self.z)


@dataclasses.dataclass(repr=False)
class Quiet:
    n: int

    def __repr__(self) -> str:
        return "Quiet<" + str(self.n) + ">"


@dataclass
class Link:
    value: int
    after: Optional["Link"] = None

    def total(self) -> int:
        s = 0
        cur: Optional[Link] = self
        while cur is not None:
            s += cur.value
            cur = cur.after
        return s


def total_norm(ps: List[Point]) -> int:
    t = 0
    for p in ps:
        t += p.norm1()
    return t


def test_init_repr_eq() -> None:
    p = Point(3, -4)
    print(p, Point(1), p == Point(3, -4), p != Point(3, 4), p.norm1())
    p.shift(2)
    print(p, p.x)
    assert p == Point(5, -4)


def test_order() -> None:
    vs = [Version(1, 2, "b"), Version(1, 0), Version(0, 9, "a")]
    print(sorted(vs))
    print(Version(1, 0, "x") == Version(1, 0, "y"), Version(1) < Version(1, 1))


def test_default_factory_is_per_instance() -> None:
    a, b = Bag("a"), Bag("b")
    print(a.add(1), a.add(2), b.add(3))
    print(a, b, a.meta)


def test_post_init_and_initvar() -> None:
    s = Scaled(2.0, 3.0)
    print(s, s.value, Scaled(5.0).value)
    print([f.name for f in dataclasses.fields(s)])


def test_kw_only() -> None:
    o = Options("a.txt", level=3)
    print(o)
    try:
        Options("a", True)  # type: ignore[misc]
    except TypeError as e:
        print("TypeError", e)


def test_hashing() -> None:
    print(hash(Key(1, "a")) == hash(Key(1, "a")), len({Key(1, "a"), Key(1, "a"), Key(2, "a")}))
    try:
        hash(Point(1, 2))
    except TypeError as e:
        print("TypeError", e)


def test_inheritance() -> None:
    q = Point3(1, 2, z=-3)
    print(q, q.norm1(), total_norm([Point(1, 1), q]))
    print([f.name for f in dataclasses.fields(Point3)])
    print(isinstance(q, Point), q == Point3(1, 2, -3), q == Point(1, 2))


def test_helpers() -> None:
    p = Point(7, 8)
    print(dataclasses.asdict(p), dataclasses.astuple(p))
    print(dataclasses.replace(p, y=0), dataclasses.is_dataclass(p), p.__match_args__)


def test_copy_and_pickle() -> None:
    b = Bag("z", [1, 2])
    c = copy.copy(b)
    d = copy.deepcopy(b)
    b.items.append(3)
    print(c.items, d.items)
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        r = pickle.loads(pickle.dumps(Version(2, 3, "x"), proto))
        assert r == Version(2, 3) and r.label == "x"
    print(pickle.loads(pickle.dumps(Point(1, 2))))


def test_fields_set_from_outside() -> None:
    p = Point(1, 2)
    setattr(p, "x", 40)
    p.y += 2
    print(p, p.norm1(), getattr(p, "y"))


def test_custom_repr_kept() -> None:
    print(repr(Quiet(4)), Quiet(4) == Quiet(4))


def test_linked() -> None:
    chain = Link(1, Link(2, Link(3)))
    print(chain.total(), chain.after)


def test_python_subclass() -> None:
    @dataclass
    class Tagged(Point):
        tag: str = "t"

    t = Tagged(1, 2, "k")
    print(t, t.norm1(), total_norm([t]))
    t.shift(10)
    print(t.x)


def test_match() -> None:
    for v in [Point(0, 0), Point(1, 0), Point(2, 5)]:
        match v:
            case Point(0, 0):
                print("origin")
            case Point(x, 0):
                print("on x axis", x)
            case Point(x=x, y=y):
                print("point", x, y)


@dataclass
class Chain:
    v: int
    nxt: "Chain" = None  # type: ignore[assignment]

    def total(self) -> int:
        t = self.v
        if self.nxt is not None:
            t += self.nxt.total()
        return t


def test_none_default_makes_field_optional() -> None:
    c = Chain(1, Chain(2, Chain(3)))
    print(c, c.total(), Chain(5).nxt)
