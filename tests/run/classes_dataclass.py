"""@dataclass: generated __init__/__repr__/__eq__, order, frozen and
FrozenInstanceError, defaults, default_factory, field() options, __post_init__,
InitVar, ClassVar, inheritance, slots, kw_only, helpers (asdict, replace, ...)."""

import dataclasses
from dataclasses import dataclass, field, InitVar, FrozenInstanceError
from typing import ClassVar, Optional


@dataclass
class Point:
    x: int
    y: int = 0

    def dist2(self) -> int:
        return self.x * self.x + self.y * self.y


@dataclass(order=True)
class Version:
    major: int
    minor: int = 0
    label: str = field(default="", compare=False)


@dataclass(frozen=True)
class Frozen:
    name: str
    tags: tuple = ()

    def with_tag(self, t: str) -> "Frozen":
        return dataclasses.replace(self, tags=self.tags + (t,))


@dataclass
class Inventory:
    owner: str
    items: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    secret: str = field(default="hidden", repr=False)
    cache: Optional[dict] = field(default=None, compare=False, repr=False)
    total: int = field(init=False, default=0)

    def add(self, item: str, n: int = 1) -> None:
        self.items.append(item)
        self.counts[item] = self.counts.get(item, 0) + n
        self.total += n


@dataclass
class WithPost:
    a: int
    b: int
    scale: InitVar[int] = 1
    product: int = field(init=False)
    instances: ClassVar[int] = 0

    def __post_init__(self, scale: int) -> None:
        self.product = self.a * self.b * scale
        WithPost.instances += 1


@dataclass
class Base:
    id: int
    name: str = "base"

    def describe(self) -> str:
        return f"{type(self).__name__}#{self.id}:{self.name}"


@dataclass
class Derived(Base):
    extra: list = field(default_factory=list)
    name: str = "derived"


@dataclass(eq=False)
class NoEq:
    v: int


@dataclass(unsafe_hash=True)
class Hashed:
    a: int
    b: str = "b"
    ignored: int = field(default=0, hash=False, compare=False)


@dataclass(frozen=True, order=True)
class Card:
    rank: int
    suit: str


@dataclass(slots=True)
class Slotted:
    x: int
    y: float = 1.5


@dataclass(kw_only=True)
class Options:
    verbose: bool = False
    level: int = 1


@dataclass
class Mixed:
    a: int
    _: dataclasses.KW_ONLY
    b: int = 2
    c: str = "c"


@dataclass(repr=False)
class CustomRepr:
    v: int

    def __repr__(self) -> str:
        return f"<custom {self.v}>"


@dataclass
class WithProperty:
    w: int
    h: int

    @property
    def area(self) -> int:
        return self.w * self.h

    @staticmethod
    def square(s: int) -> "WithProperty":
        return WithProperty(s, s)

    @classmethod
    def unit(cls) -> "WithProperty":
        return cls(1, 1)


@dataclass
class Tree:
    value: int
    children: list = field(default_factory=list)

    def total(self) -> int:
        t = self.value
        for c in self.children:
            t += c.total()
        return t


def test_init_repr_eq() -> None:
    p = Point(3, 4)
    q = Point(3)
    print(p, q, repr(p), p == Point(3, 4), p == q, p != q, p.dist2())
    assert repr(p) == "Point(x=3, y=4)" and repr(q) == "Point(x=3, y=0)"
    assert p == Point(3, 4) and p != q and p.dist2() == 25
    print(Point(y=1, x=2), p == (3, 4))
    assert not (p == (3, 4))  # type: ignore


def test_init_errors() -> None:
    msgs = []
    try:
        Point()  # type: ignore
    except TypeError as e:
        msgs.append(str(e))
    try:
        Point(1, 2, 3)  # type: ignore
    except TypeError as e:
        msgs.append(str(e))
    try:
        Point(1, z=2)  # type: ignore
    except TypeError as e:
        msgs.append(str(e))
    for m in msgs:
        print(m)
    assert msgs[0] == "Point.__init__() missing 1 required positional argument: 'x'"
    assert msgs[1] == "Point.__init__() takes from 2 to 3 positional arguments but 4 were given"
    assert msgs[2] == "Point.__init__() got an unexpected keyword argument 'z'"


def test_eq_unhashable() -> None:
    print(Point.__hash__ is None)
    try:
        hash(Point(1, 2))
    except TypeError as e:
        print(e)
        assert str(e) == "unhashable type: 'Point'"


def test_order() -> None:
    vs = [Version(1, 2, "b"), Version(1, 0), Version(0, 9), Version(1, 2, "a")]
    print(sorted(vs))
    assert [(v.major, v.minor) for v in sorted(vs)] == [(0, 9), (1, 0), (1, 2), (1, 2)]
    print(Version(1) < Version(1, 1), Version(2) >= Version(1, 9), Version(1, 2, "x") == Version(1, 2, "y"))
    assert Version(1, 2, "x") == Version(1, 2, "y")
    try:
        Version(1) < (1, 0)  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "'<' not supported between instances of 'Version' and 'tuple'"


def test_no_order_by_default() -> None:
    try:
        Point(1) < Point(2)  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "'<' not supported between instances of 'Point' and 'Point'"


def test_frozen() -> None:
    f = Frozen("a", ("x",))
    print(f, hash(f) == hash(Frozen("a", ("x",))), f == Frozen("a", ("x",)))
    assert hash(f) == hash(Frozen("a", ("x",)))
    try:
        f.name = "b"  # type: ignore
    except FrozenInstanceError as e:
        print(type(e).__name__, e, isinstance(e, AttributeError))
        assert str(e) == "cannot assign to field 'name'"
    try:
        del f.name  # type: ignore
    except FrozenInstanceError as e:
        print(type(e).__name__, e)
        assert str(e) == "cannot delete field 'name'"
    try:
        f.other = 1  # type: ignore
    except FrozenInstanceError as e:
        print(type(e).__name__, e)
        assert str(e) == "cannot assign to field 'other'"
    g = f.with_tag("y")
    print(g, f, {f: 1, g: 2}[g])
    assert g.tags == ("x", "y") and f.tags == ("x",)


def test_frozen_order_hash() -> None:
    cards = [Card(10, "h"), Card(2, "s"), Card(10, "c")]
    print(sorted(cards), len(set(cards + [Card(2, "s")])), max(cards))
    assert sorted(cards)[0] == Card(2, "s") and len(set(cards + [Card(2, "s")])) == 3


def test_default_factory() -> None:
    a = Inventory("ann")
    b = Inventory("bob")
    a.add("apple", 3)
    a.add("pear")
    print(a, b)
    assert a.items == ["apple", "pear"] and b.items == [] and a.items is not b.items
    assert repr(b) == "Inventory(owner='bob', items=[], counts={}, total=0)"
    print(a.total, a.secret, a.cache)
    assert a.total == 4


def test_field_compare_and_init() -> None:
    x = Inventory("x", cache={"k": 1})
    y = Inventory("x")
    print(x == y, x.cache, y.cache)
    assert x == y
    try:
        Inventory("z", total=5)  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "Inventory.__init__() got an unexpected keyword argument 'total'"


def test_post_init_initvar_classvar() -> None:
    before = WithPost.instances
    w = WithPost(2, 3)
    v = WithPost(2, 3, 10)
    print(w, v, w.product, v.product, WithPost.instances - before)
    assert (w.product, v.product) == (6, 60) and WithPost.instances - before == 2
    names = [f.name for f in dataclasses.fields(WithPost)]
    print(names, hasattr(w, "scale"))
    assert names == ["a", "b", "product"]


def test_fields_metadata() -> None:
    fs = dataclasses.fields(Inventory)
    print([(f.name, f.init, f.repr, f.compare) for f in fs])
    assert [f.name for f in fs] == ["owner", "items", "counts", "secret", "cache", "total"]
    print(dataclasses.is_dataclass(Inventory), dataclasses.is_dataclass(Inventory("q")), dataclasses.is_dataclass(int))
    f = field(default=1, metadata={"unit": "m"})
    print(f.metadata["unit"])  # type: ignore[attr-defined]


def test_inheritance() -> None:
    d = Derived(7)
    print(d, d.describe(), Base(1).describe(), d == Derived(7), d == Base(7, "derived"))
    assert repr(d) == "Derived(id=7, name='derived', extra=[])"
    assert d.describe() == "Derived#7:derived"
    assert not (d == Base(7, "derived"))
    print([f.name for f in dataclasses.fields(Derived)], isinstance(d, Base))


def test_eq_false() -> None:
    a, b = NoEq(1), NoEq(1)
    print(a == b, a == a, a, len({a, b}))
    assert a != b and len({a, b}) == 2


def test_unsafe_hash() -> None:
    a, b = Hashed(1), Hashed(1, "b", 99)
    print(a == b, hash(a) == hash(b), hash(a) == hash((1, "b")), len({a, b}))
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1


def test_slots_dataclass() -> None:
    s = Slotted(1)
    print(s, Slotted.__slots__, hasattr(s, "__dict__"))
    assert Slotted.__slots__ == ("x", "y")
    try:
        s.z = 3  # type: ignore
    except AttributeError as e:
        print(e)
        assert str(e) == "'Slotted' object has no attribute 'z'"


def test_kw_only() -> None:
    o = Options(level=3)
    print(o, Options())
    assert o.level == 3
    try:
        Options(True)  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "Options.__init__() takes 1 positional argument but 2 were given"
    m = Mixed(1, c="z")
    print(m, Mixed.__match_args__)
    assert repr(m) == "Mixed(a=1, b=2, c='z')" and Mixed.__match_args__ == ("a",)


def test_custom_repr_kept() -> None:
    print(CustomRepr(4), [CustomRepr(5)])
    assert repr(CustomRepr(4)) == "<custom 4>"


def test_methods_on_dataclass() -> None:
    w = WithProperty.square(3)
    print(w, w.area, WithProperty.unit(), WithProperty.unit().area)
    assert w.area == 9 and WithProperty.unit() == WithProperty(1, 1)


def test_asdict_astuple_replace() -> None:
    t = Tree(1, [Tree(2), Tree(3, [Tree(4)])])
    print(dataclasses.asdict(t))
    assert dataclasses.asdict(t) == {"value": 1, "children": [{"value": 2, "children": []}, {"value": 3, "children": [{"value": 4, "children": []}]}]}
    print(dataclasses.astuple(Point(1, 2)), t.total())
    assert dataclasses.astuple(Point(1, 2)) == (1, 2) and t.total() == 10
    p = dataclasses.replace(Point(1, 2), y=5)
    print(p)
    assert p == Point(1, 5)
    try:
        dataclasses.replace(WithPost(1, 1), product=3)
    except ValueError as e:
        print(e)


def test_mutable_default_rejected() -> None:
    try:
        @dataclass
        class Bad:
            xs: list = []
    except ValueError as e:
        print(e)
        assert str(e) == "mutable default <class 'list'> for field xs is not allowed: use default_factory"


def test_default_order_rejected() -> None:
    try:
        @dataclass
        class Bad:
            a: int = 1
            b: int  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "non-default argument 'b' follows default argument"


def test_local_dataclass() -> None:
    @dataclass(order=True)
    class Local:
        k: int
        v: str = "v"

    xs = [Local(2), Local(1, "a")]
    print(sorted(xs), Local.__qualname__.split(".")[-1])
    assert sorted(xs)[0] == Local(1, "a")


def test_dataclass_in_containers() -> None:
    frozen = {Frozen("a"): 1, Frozen("b"): 2}
    print(frozen[Frozen("a")], Frozen("b") in frozen, Point(1, 2) in [Point(0, 0), Point(1, 2)])
    assert frozen[Frozen("a")] == 1 and Point(1, 2) in [Point(1, 2)]
    print([Point(i, i) for i in range(3)])


def test_annotations_seen_by_dataclass() -> None:
    print(list(Point.__annotations__), list(WithPost.__annotations__))
    assert list(Point.__annotations__) == ["x", "y"]
    assert list(WithPost.__annotations__) == ["a", "b", "scale", "product", "instances"]
    print(Point.__dataclass_fields__["x"].type is int, WithPost.__dataclass_fields__["instances"]._field_type is dataclasses._FIELD_CLASSVAR)  # type: ignore[attr-defined]
