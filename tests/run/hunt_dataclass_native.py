"""Hunting bugs in native @dataclass classes (not frozen, not slots=True): field
order with inheritance and defaults, default_factory, field(init=False /
repr=False / compare=False / kw_only=True), __post_init__ chained through
super(), InitVar, KW_ONLY and kw_only=True, ClassVar, eq=False, order=True with
other types, unsafe_hash, a user __init__/__repr__/__eq__/__hash__, the
dataclasses helpers, copy/deepcopy/pickle, Python (and dataclass) subclasses
defined in test functions, compiled methods reading and writing fields, class
attributes read on instances, `match` with class patterns, NaN and unset fields."""

import copy
import dataclasses
import pickle
import weakref
from dataclasses import InitVar, KW_ONLY, astuple, dataclass, field
from typing import ClassVar, Generic, List, Optional, TypeVar

T = TypeVar("T")


@dataclass
class Base:
    a: int
    b: str = "b"
    tags: List[str] = field(default_factory=list)

    def describe(self) -> str:
        return f"{self.a}/{self.b}/{len(self.tags)}"


@dataclass
class Mid(Base):
    c: float = 1.5

    def describe(self) -> str:
        return "Mid(" + super().describe() + f",{self.c})"


@dataclass
class Leaf(Mid):
    d: Optional[Base] = None
    hidden: int = field(default=3, repr=False)
    nocmp: int = field(default=0, compare=False)
    computed: int = field(init=False)
    count: ClassVar[int] = 0

    def __post_init__(self) -> None:
        self.computed = self.a * 10 + self.hidden
        Leaf.count += 1


@dataclass
class PI1:
    x: int
    log: List[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.log.append("PI1")


@dataclass
class PI2(PI1):
    y: int = 0
    scale: InitVar[int] = 2

    def __post_init__(self, scale: int) -> None:  # type: ignore[override]
        super().__post_init__()
        self.log.append("PI2")
        self.y *= scale


@dataclass
class KW:
    a: int
    _: KW_ONLY
    b: int = 2
    c: int = 3


@dataclass(kw_only=True)
class KW2:
    p: int
    q: int = 5


@dataclass
class KW3(KW2):
    r: int = 0


@dataclass(eq=False)
class NoEq:
    v: int


@dataclass(order=True)
class Ord:
    k: int
    name: str = field(compare=False, default="")


@dataclass(unsafe_hash=True)
class UH:
    a: int
    b: int = field(hash=False, default=0)


@dataclass
class Custom:
    v: int
    w: int = 0

    def __init__(self, v: int) -> None:
        self.v = v * 2
        self.w = -1

    def __repr__(self) -> str:
        return f"Custom<{self.v},{self.w}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Custom) and other.v == self.v


@dataclass
class Counter:
    n: int = 0
    LIMIT: ClassVar[int] = 3
    kind = "counter"

    def bump(self) -> bool:
        if self.n < self.LIMIT:
            self.n += 1
            return True
        return False

    def label(self) -> str:
        return self.kind + str(self.n)


def test_field_order() -> None:
    print([f.name for f in dataclasses.fields(Leaf)])
    m = Mid(7)
    print(m, m.describe())
    l1 = Leaf(1, "x", ["t"], 2.5, Base(0), hidden=9)
    print(l1, l1.computed, l1.describe())
    print(Leaf.count)
    l2 = Leaf(1, "x", ["t"], 2.5, Base(0), hidden=9, nocmp=5)
    print(l1 == l2, l1 != l2, Leaf.count)


def test_post_init_chain() -> None:
    p = PI2(1, y=3)
    print(p, p.log)
    p2 = PI2(1, [], 4, 10)
    print(p2)
    print([f.name for f in dataclasses.fields(p2)])
    try:
        print(p.scale)  # type: ignore[attr-defined]
    except AttributeError as e:
        print("AttributeError", e)


def test_kw_only() -> None:
    print(KW(1), KW(1, c=9, b=8), KW3(p=1, r=2))
    try:
        KW3(1, 2)  # type: ignore[misc]
    except TypeError as e:
        print("TypeError", e)
    try:
        KW2()  # type: ignore[call-arg]
    except TypeError as e:
        print("TypeError", e)


def test_eq_order_hash() -> None:
    a, b = NoEq(1), NoEq(1)
    print(a == b, a == a, a != b)
    print(Ord(1, "z") < Ord(2, "a"), Ord(1, "z") == Ord(1, "a"), sorted([Ord(3), Ord(1), Ord(2)]))
    for op in ["<", "<=", ">", ">="]:
        try:
            if op == "<":
                Ord(1) < 5  # type: ignore[operator]
            elif op == "<=":
                Ord(1) <= "x"  # type: ignore[operator]
            elif op == ">":
                Ord(1) > None  # type: ignore[operator]
            else:
                Ord(1) >= Base(1)  # type: ignore[operator]
        except TypeError as e:
            print("TypeError", e)
    print(Ord(1).__lt__(5), Ord(1) == 5)  # type: ignore[operator]
    print(hash(UH(1, 2)) == hash(UH(1, 3)), UH(1, 2) == UH(1, 3), len({UH(1), UH(1, 5), UH(2)}))
    print(Base.__hash__ is None, NoEq.__hash__ is object.__hash__)


def test_custom_methods() -> None:
    c = Custom(4)
    print(c, c == Custom(4), c == Custom(5), c.v, c.w)
    print(dataclasses.asdict(c), dataclasses.astuple(c))


def test_classvar() -> None:
    c = Counter()
    print([c.bump() for _ in range(5)], c, c.label(), c.LIMIT, Counter.LIMIT)
    print([f.name for f in dataclasses.fields(c)])
    Counter.LIMIT = 5
    print(c.bump(), c.n)
    Counter.LIMIT = 3


def test_helpers() -> None:
    l1 = Leaf(1, d=Base(2, tags=["q"]))
    print(dataclasses.asdict(l1))
    print(dataclasses.astuple(l1))
    r = dataclasses.replace(l1, a=5)
    print(r, r.computed)
    try:
        dataclasses.replace(l1, computed=1)
    except ValueError as e:
        print("ValueError", e)
    p = PI2(1, y=3)
    try:
        dataclasses.replace(p, y=1)
    except ValueError as e:
        print("ValueError", e)
    print(dataclasses.replace(p, y=1, scale=3))


def test_copy_pickle() -> None:
    l1 = Leaf(1, d=Base(2, tags=["q"]))
    for obj in [l1, PI2(1, y=2), KW(1, b=4), Ord(3, "n"), UH(1, 2), Custom(3), Counter(2)]:
        c = copy.copy(obj)
        d = copy.deepcopy(obj)
        ps = [pickle.loads(pickle.dumps(obj, proto)) for proto in range(pickle.HIGHEST_PROTOCOL + 1)]
        print(type(obj).__name__, c == obj, d == obj, all(p == obj for p in ps), repr(ps[-1]))
    d2 = copy.deepcopy(l1)
    assert d2.d is not None and l1.d is not None
    d2.d.tags.append("new")
    print(l1.d.tags, d2.d.tags)


def test_python_subclass_in_function() -> None:
    @dataclass
    class Sub(Leaf):
        e: str = "e"
        extra: List[int] = field(default_factory=lambda: [1])

        def describe(self) -> str:
            return "Sub:" + super().describe()

    s = Sub(2, e="E")
    print(s, s.describe(), s.computed, dataclasses.asdict(s))
    print([f.name for f in dataclasses.fields(s)])
    print(s == Sub(2, e="E"), s == Leaf(2))
    s2 = copy.deepcopy(s)
    print(s2 == s, s2.extra is not s.extra)

    class Plain(Base):
        def __init__(self) -> None:
            super().__init__(3, "p")
            self.more = 1

    pl = Plain()
    print(pl, pl.more, pl.describe(), pl == Base(3, "p"))


def test_match() -> None:
    for v in [Leaf(1), Base(2, "q"), KW(5, c=1), Ord(0)]:
        match v:
            case Leaf(a=1, d=None):
                print("leaf with a=1")
            case Base(2, b):
                print("base", b)
            case KW(a, c=1):
                print("kw", a)
            case Ord(k):
                print("ord", k)


@dataclass
class B1:
    a: int
    b: int = 1


    def sum_ab(self) -> int:
        return self.a + self.b


@dataclass
class R1(B1):
    a: int  # redefined without a default: keeps its place
    c: int = 2


@dataclass
class R2(B1):
    b: int = field(default=5)


@dataclass
class R3(B1):
    b: int = 6


@dataclass(unsafe_hash=True)
class F:
    x: float
    y: int = 0


@dataclass
class Lazy:
    a: int
    late: int = field(init=False)
    more: List[int] = field(init=False, default_factory=list)

    def set_late(self, v: int) -> None:
        self.late = v

    def read_late(self) -> int:
        return self.late


@dataclass
class Box(Generic[T]):
    item: T
    items: List[T] = field(default_factory=list)

    def push(self, x: T) -> int:
        self.items.append(x)
        return len(self.items)


@dataclass
class Rec:
    name: str
    kids: List["Rec"] = field(default_factory=list)


@dataclass(init=False)
class NoInit:
    a: int
    b: str = "z"

    def __init__(self, s: str) -> None:
        self.a = len(s)


@dataclass(match_args=False, repr=False)
class NoMatch:
    v: int


@dataclass
class KWF:
    a: int
    b: int = field(kw_only=True, default=0)
    c: int = 3


@dataclass
class DelInPost:
    a: int
    b: int = 0

    def __post_init__(self) -> None:
        if self.a < 0:
            del self.b


def test_redefine() -> None:
    for c in [R1(1, 2, 3), R2(1), R3(1)]:
        print(c, c.a, c.b, [f.name for f in dataclasses.fields(c)])
    print(R1(1, 2, 3).sum_ab())
    # A dataclass subclass that redefines an inherited field with a default is native
    # too; the base's compiled methods see the field.
    for c in [R2(1), R3(1)]:
        print(c.sum_ab())


def test_nan_float_field() -> None:
    nan = float("nan")
    f = F(nan)
    print(f.x == f.x, f != F(1.0), len({f, f}), f in [f])
    # Deliberate difference (docs/differences.md): a float field is boxed afresh at each read, so the generated
    # __eq__ (which compares tuples of fields, identical objects being equal)
    # no longer finds the NaN equal to itself:
    #   f = F(float("nan")); f == f           # CPython: True; compiled: False
    #   F(nan) == F(nan) (same nan object)    # CPython: True; compiled: False
    # (and `<=`/`>=` of order=True classes differ the same way; the NaN hashes
    # by identity too, so unsafe_hash=True hashes can change between reads).
    print(isinstance(f == f, bool))


def test_lazy_fields() -> None:
    z = Lazy(1)
    try:
        print(z)
    except AttributeError as e:
        print("AttributeError", e)
    try:
        z.read_late()
    except AttributeError as e:
        print("AttributeError", e)
    print(hasattr(z, "late"))
    c = copy.copy(z)
    p = pickle.loads(pickle.dumps(z))
    print(hasattr(c, "late"), hasattr(p, "late"), p.a, p.more)
    z.set_late(4)
    print(z, z.read_late(), copy.deepcopy(z))
    try:
        dataclasses.asdict(Lazy(2))
    except AttributeError as e:
        print("AttributeError", e)


def test_generic() -> None:
    b: Box[int] = Box(1)
    print(b.push(2), b.push(3), b, Box[str]("s"))
    print(pickle.loads(pickle.dumps(b)) == b)


def test_recursive_repr() -> None:
    r = Rec("root")
    r.kids.append(r)
    print(r)
    r2 = Rec("a", [Rec("b")])
    print(r2 == copy.deepcopy(r2), dataclasses.asdict(r2))


def test_noinit_nomatch() -> None:
    n = NoInit("abc")
    print(n.a)
    # A field left unset by a user __init__ (or deleted) falls back to the class
    # attribute holding its default in CPython; on a native dataclass the class
    # attribute is the field's descriptor (docs/differences.md: "as with
    # slots=True"), so the read raises AttributeError instead:
    #   NoInit("abc").b   # CPython: 'z'; compiled: AttributeError
    # (also repr(), ==, copy and pickle of such an instance; with a __getattr__
    # the class asks __getattr__ and gets its answer instead of the default.)
    n.b = "set"
    print(n, n.b)
    print(hasattr(NoMatch, "__match_args__"), NoMatch(1) == NoMatch(1))
    print(KWF(1, 2, b=3), KWF(1))


def test_del_in_post() -> None:
    d = DelInPost(-1)
    # (CPython reads the class default 0 for the deleted b; see test_noinit_nomatch.)
    d.b = 4
    e = DelInPost(-1)
    e.b = 4
    print(d, d == e, DelInPost(2))


def test_weakref_and_frozen_mix() -> None:
    b = B1(1)
    w = weakref.ref(b)
    print(w() is b)
    del b
    print(w() is None)
    try:

        @dataclass
        class Bad(FZ):  # type: ignore[misc]
            c: int = 0

        print("no error")
    except TypeError as e:
        print("TypeError", e)


@dataclass(frozen=True)
class FZ:
    a: int = 0


@dataclass(order=True)
class O1:
    k: int


@dataclass(order=True)
class O2(O1):
    j: int = 0


def test_order_subclass() -> None:
    try:
        print(O1(1) < O2(2))
    except TypeError as e:
        print("TypeError", e)
    print(O1(1) == O2(1), O2(1, 2) < O2(1, 3), O2(1, 2) >= O2(1, 2))
    print(sorted([O2(2, 1), O2(1, 5), O2(1, 4)]))


@dataclass
class S:
    __slots__ = ("a", "b")
    a: int
    b: str


class Plain:
    def __init__(self) -> None:
        self.p = 1

    def get_p(self) -> int:
        return self.p


@dataclass
class D(Plain):
    q: int = 0

    def both(self) -> int:
        return self.get_p() + self.q


@dataclass
class DBase:
    a: int
    b: int = 2


class NotDC(DBase):
    def __init__(self, a: int) -> None:
        super().__init__(a, a + 1)
        self.c = a * 3

    def total(self) -> int:
        return self.a + self.b + self.c


@dataclass
class HashMine:
    v: int

    def __hash__(self) -> int:
        return self.v % 3


@dataclass
class Tree:
    label: str
    kids: List["Tree"] = field(default_factory=list)
    parent: Optional["Tree"] = field(default=None, repr=False, compare=False)

    def add(self, label: str) -> "Tree":
        t = Tree(label, parent=self)
        self.kids.append(t)
        return t

    def depth(self) -> int:
        d = 0
        cur = self.parent
        while cur is not None:
            d += 1
            cur = cur.parent
        return d


@dataclass
class WithInit:
    a: int
    seed: InitVar[Optional[List[int]]] = None
    data: List[int] = field(init=False, default_factory=list)

    def __post_init__(self, seed: Optional[List[int]]) -> None:
        if seed is not None:
            self.data.extend(seed)
        self.data.append(self.a)

    def size(self) -> int:
        return len(self.data)


def test_slots_dc() -> None:
    s = S(1, "x")
    print(s, s == S(1, "x"), copy.copy(s))
    try:
        s.c = 3  # type: ignore[attr-defined]
    except AttributeError as e:
        print("AttributeError", e)


def test_mixed_inheritance() -> None:
    d = D(5)
    print(d)
    try:
        print(d.both())
    except AttributeError as e:
        print("AttributeError", e)
    n = NotDC(2)
    print(n, n.total(), n == DBase(2, 3), n == NotDC(2))


def test_hash_and_tree() -> None:
    print(hash(HashMine(7)), len({HashMine(1), HashMine(4)}))
    root = Tree("r")
    c = root.add("c").add("g")
    print(root, c.depth(), root == copy.deepcopy(root))


def test_initvar() -> None:
    w = WithInit(3, [1, 2])
    print(w, w.size(), WithInit(4).size(), dataclasses.replace(w, a=9, seed=[0]))


@dataclass(order=True)
class Fl:
    x: float = 0.5
    ok: bool = False
    n: int = 0

    def scale(self, k: float) -> None:
        self.x *= k
        self.ok = not self.ok
        self.n += 1


def test_floats() -> None:
    f = Fl()
    f.scale(3.0)
    print(f, astuple(f), f == Fl(1.5, True, 1), Fl(-0.0) == Fl(0.0), Fl(1.0) < Fl(1.0, True))
    del f.n
    # (CPython would read the class defaults for a deleted field; a native
    # dataclass raises AttributeError: see test_noinit_nomatch. So the deleted
    # field is set again before anything reads it.)
    g = copy.copy(f)
    h = pickle.loads(pickle.dumps(f))
    g.n = h.n = 5
    print(g, h, g == h)
    inf = float("inf")
    print(Fl(inf) > Fl(1e308), sorted([Fl(2.0), Fl(-inf), Fl(0.1)]))


@dataclass(order=True)
class VO:
    a: int
    b: int = 0

    def key(self) -> int:
        return self.a * 10 + self.b


class WO(VO):
    def __eq__(self, other: object) -> bool:
        return isinstance(other, VO) and other.a == self.a

    def __lt__(self, other: "VO") -> bool:
        return self.b < other.b

    def __repr__(self) -> str:
        return "W!" + str(self.a)

    def key(self) -> int:
        return -self.a


def eqq(x: VO, y: VO) -> bool:
    return x == y


def lt(x: VO, y: VO) -> bool:
    return x < y


def keys(xs: List[VO]) -> List[int]:
    return [x.key() for x in xs]


def reprs(xs: List[VO]) -> List[str]:
    return [repr(x) for x in xs]


def test_generated_methods_dispatch() -> None:
    v, w = VO(1, 5), WO(1, 2)
    print(eqq(v, w), eqq(w, v), eqq(v, VO(1, 5)), lt(w, v), lt(VO(0), VO(1)))
    print(keys([v, w]), reprs([v, w]), sorted([VO(2), VO(1, 1)]))
    print(VO.__eq__ is WO.__eq__)
