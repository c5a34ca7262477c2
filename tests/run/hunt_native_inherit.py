"""Hunt: inheritance chains of native classes, overriding at several levels, calls
through base-typed, Optional-typed and unannotated variables, Python subclasses
(defined inside test functions) overriding methods, operators and __init__."""

import copy
import pickle
from typing import Optional


class Base:
    name: str
    level: int

    def __init__(self, name: str) -> None:
        self.name = name
        self.level = 0

    def who(self) -> str:
        return "Base:" + self.name

    def describe(self) -> str:
        return "<" + self.who() + "/" + str(self.level) + ">"

    def step(self, k: int) -> int:
        return k + 1

    def run(self, n: int) -> int:
        acc = 0
        for i in range(n):
            acc = self.step(acc)
        return acc

    def kind(self) -> str:
        return "base"


class Mid(Base):
    extra: int

    def __init__(self, name: str, extra: int) -> None:
        super().__init__(name)
        self.extra = extra
        self.level = 1

    def who(self) -> str:
        return "Mid:" + self.name + ":" + str(self.extra)

    def step(self, k: int) -> int:
        return k + self.extra


class Leaf(Mid):
    tag: Optional[str]

    def __init__(self, name: str) -> None:
        super().__init__(name, 10)
        self.level = 2
        self.tag = None

    def who(self) -> str:
        return "Leaf(" + super().who() + ")"

    def kind(self) -> str:
        return "leaf+" + super().kind()


class Sibling(Base):
    def who(self) -> str:
        return "Sib"


def call_who(b: Base) -> str:
    return b.who()


def call_describe(b: Base) -> str:
    return b.describe()


def call_opt(b: Optional[Base]) -> str:
    if b is None:
        return "none"
    return b.describe()


def call_untyped(b) -> str:  # type: ignore[no-untyped-def]
    return b.describe() + "|" + str(b.run(3))


def run_base(b: Base, n: int) -> int:
    return b.run(n)


def test_chain_basic() -> None:
    objs: list[Base] = [Base("a"), Mid("b", 5), Leaf("c"), Sibling("d")]
    out = [call_who(o) for o in objs]
    print(out)
    assert out == ["Base:a", "Mid:b:5", "Leaf(Mid:c:10)", "Sib"]
    ds = [call_describe(o) for o in objs]
    print(ds)
    assert ds[2] == "<Leaf(Mid:c:10)/2>"
    ks = [o.kind() for o in objs]
    print(ks)
    assert ks == ["base", "base", "leaf+base", "base"]


def test_run_overridden_step() -> None:
    r = [run_base(Base("x"), 5), run_base(Mid("y", 3), 5), run_base(Leaf("z"), 5)]
    print(r)
    assert r == [5, 15, 50]


def test_optional_and_untyped() -> None:
    print(call_opt(None), call_opt(Leaf("q")), call_opt(Mid("m", 2)))
    assert call_opt(Leaf("q")) == "<Leaf(Mid:q:10)/2>"
    u = [call_untyped(Base("a")), call_untyped(Leaf("b"))]
    print(u)
    assert u[1] == "<Leaf(Mid:b:10)/2>|30"
    x = Mid("zz", 7)
    y = x
    print(y.who(), y.run(2))
    o: object = Leaf("obj")
    print(call_untyped(o))


def test_optional_field_chain() -> None:
    lf = Leaf("t")
    print(lf.tag)
    assert lf.tag is None
    lf.tag = "set"
    print(lf.tag)
    assert lf.tag == "set"
    lf.tag = None
    assert lf.tag is None


def test_python_subclass_overrides() -> None:
    class PySub(Mid):
        def __init__(self, name: str) -> None:
            super().__init__(name, 100)
            self.level = 7
            self.added = "dyn"

        def who(self) -> str:
            return "PySub/" + super().who()

        def step(self, k: int) -> int:
            return k * 2 + 1

    p = PySub("p")
    print(call_who(p), call_describe(p), run_base(p, 4), p.added)
    assert call_describe(p) == "<PySub/Mid:p:100/7>"
    assert run_base(p, 4) == 15
    print(call_untyped(p))
    print(isinstance(p, Base), isinstance(p, Mid), isinstance(p, Leaf), type(p).__name__)


def test_python_subclass_of_leaf_deep() -> None:
    class L2(Leaf):
        def kind(self) -> str:
            return "L2>" + super().kind()

    class L3(L2):
        def kind(self) -> str:
            return "L3>" + super().kind()

        def who(self) -> str:
            return "L3"

    objs: list[Base] = [L2("a"), L3("b")]
    ks = [o.kind() for o in objs]
    print(ks)
    assert ks == ["L2>leaf+base", "L3>L2>leaf+base"]
    print([call_describe(o) for o in objs])
    print([o.run(2) for o in objs])


def test_subclass_returns_wrong_type() -> None:
    class Bad(Base):
        def step(self, k: int) -> int:
            return k + 2

        def who(self) -> str:
            return "bad"

    b = Bad("b")
    print(run_base(b, 3), call_describe(b))
    assert run_base(b, 3) == 6


def test_subclass_without_init_call() -> None:
    class NoInit(Base):
        def __init__(self) -> None:
            pass

    n = NoInit()
    try:
        print(n.name)
    except AttributeError:
        print("AttributeError name")
    try:
        call_describe(n)
        print("no error")
    except AttributeError:
        print("AttributeError in describe")
    n.name = "late"
    n.level = 3
    print(call_describe(n))
    assert call_describe(n) == "<Base:late/3>"


def test_super_explicit_form() -> None:
    class E(Leaf):
        def who(self) -> str:
            return "E+" + super(Leaf, self).who()

    e = E("e")
    print(e.who(), call_who(e))
    assert e.who() == "E+Mid:e:10"


def test_unbound_method_calls() -> None:
    lf = Leaf("u")
    print(Base.who(lf), Mid.who(lf), Leaf.who(lf))
    assert Base.who(lf) == "Base:u"
    assert Mid.step(lf, 1) == 11
    m = lf.who
    print(m())
    f = Base.describe
    print(f(lf))


class Shape:
    def area(self) -> float:
        return 0.0

    def scaled(self, k: float) -> float:
        return self.area() * k


class Square(Shape):
    side: float

    def __init__(self, side: float) -> None:
        self.side = side

    def area(self) -> float:
        return self.side * self.side


class Cube(Square):
    def area(self) -> float:
        return 6.0 * super().area()


def total_area(shapes: list[Shape]) -> float:
    t = 0.0
    for s in shapes:
        t += s.scaled(1.0)
    return t


def test_shapes_list() -> None:
    shapes: list[Shape] = [Shape(), Square(2.0), Cube(1.5)]
    print(total_area(shapes))
    assert total_area(shapes) == 4.0 + 13.5

    class Tri(Shape):
        def area(self) -> float:
            return 0.5

    shapes.append(Tri())
    print(total_area(shapes))
    assert total_area(shapes) == 18.0


def test_isinstance_type_checks() -> None:
    objs: list[object] = [Base("a"), Mid("b", 1), Leaf("c"), Sibling("d"), 3, None]
    for o in objs:
        print(type(o).__name__, isinstance(o, Base), isinstance(o, Mid), type(o) is Leaf)
    print(issubclass(Leaf, Base), issubclass(Sibling, Mid), Leaf.__mro__[1].__name__)
    print([c.__name__ for c in Leaf.__mro__])


class Counter:
    count: int

    def __init__(self) -> None:
        self.count = 0

    def inc(self) -> "Counter":
        self.count += 1
        return self

    def add(self, n: int) -> "Counter":
        self.count += n
        return self


class LoudCounter(Counter):
    def inc(self) -> "Counter":
        self.count += 100
        return self


def chain(c: Counter) -> int:
    return c.inc().inc().add(5).inc().count


def test_fluent_chain() -> None:
    print(chain(Counter()), chain(LoudCounter()))
    assert chain(Counter()) == 8
    assert chain(LoudCounter()) == 305

    class PyC(Counter):
        def add(self, n: int) -> "Counter":
            self.count -= n
            return self

    print(chain(PyC()))
    assert chain(PyC()) == -2


def test_subclass_init_kwargs() -> None:
    class K(Mid):
        def __init__(self, *, name: str = "dflt", extra: int = 4) -> None:
            super().__init__(name=name, extra=extra)

    k = K(extra=9)
    print(k.who(), k.extra, k.level)
    assert k.who() == "Mid:dflt:9"
    m = Mid(extra=3, name="kw")
    print(m.who())
    try:
        Mid("a")  # type: ignore[call-arg]
    except TypeError as e:
        print("TypeError", "extra" in str(e))


class L0:
    a: float

    def __init__(self) -> None:
        self.a = 0.5


class L1(L0):
    b: bool

    def __init__(self) -> None:
        super().__init__()
        self.b = True


class L2(L1):
    c: int

    def __init__(self) -> None:
        super().__init__()
        self.c = 2**64


class L3(L2):
    d: str

    def __init__(self) -> None:
        super().__init__()
        self.d = "dee"


class L4(L3):
    def __init__(self) -> None:
        super().__init__()
        self.e = [1]
        self.f2 = -0.0


class L5(L4):
    g: bool
    h: float
    i: Optional[L0]

    def __init__(self) -> None:
        super().__init__()
        self.g = False
        self.h = 1e-300
        self.i = L0()

    def all(self) -> list[object]:
        return [self.a, self.b, self.c, self.d, self.e, self.f2, self.g, self.h, self.i.a if self.i is not None else None]


def read0(x: L0) -> float:
    return x.a


def read2(x: L2) -> list[object]:
    return [x.a, x.b, x.c]


def write2(x: L2) -> None:
    x.a = 9.5
    x.b = False
    x.c = -(2**70)


def test_deep_layout() -> None:
    x = L5()
    print(x.all(), read0(x), read2(x))
    write2(x)
    print(x.all())
    y = copy.deepcopy(x)
    z = pickle.loads(pickle.dumps(x))
    print(y.all(), z.all())

    class P6(L5):
        __slots__ = ("extra", "more")

        def __init__(self) -> None:
            super().__init__()
            self.extra = "x"

    p = P6()
    write2(p)
    print(p.all(), p.extra, hasattr(p, "more"))
    q = copy.copy(p)
    # (q.extra: see test_copy_slotted_python_subclass in hunt_native_life.py)
    print(q.all(), getattr(q, "extra", "x"))
    r = pickle.loads(pickle.dumps(L4()))
    print(read2(r), r.d, r.e)


class A:
    def m(self) -> str:
        return "A.m"

    def common(self) -> int:
        return 1


class B:
    def m(self) -> str:
        return "B.m"

    def common(self) -> int:
        return 2


def pick(flag: bool) -> str:
    if flag:
        x = A()
    else:
        x = B()  # type: ignore[assignment]
    return x.m() + str(x.common())


def pick2(flag: bool) -> str:
    x = A() if flag else B()
    return x.m()


def loop_rebind() -> list[str]:
    out = []
    objs: list[object] = [A(), B(), A()]
    for o in objs:
        y = o
        out.append(y.m())  # type: ignore[attr-defined]
    return out


def rebind_local() -> list[str]:
    out = []
    x = A()
    out.append(x.m())
    x = B()  # type: ignore[assignment]
    out.append(x.m())
    return out


def test_local_inference() -> None:
    print(pick(True), pick(False), pick2(True), pick2(False), loop_rebind(), rebind_local())


class RBase:
    def me(self) -> "RBase":
        return self

    def nm(self) -> str:
        return "base"


class RDerived(RBase):
    def nm(self) -> str:
        return "derived"

    def only(self) -> str:
        return "only"


def via_me(d: RDerived) -> str:
    x = d.me()
    return x.nm() + "/" + x.only()  # type: ignore[attr-defined]


def test_return_self_base_typed() -> None:
    print(via_me(RDerived()))
    assert via_me(RDerived()) == "derived/only"


def narrow_tuple(o: object) -> str:
    if isinstance(o, (A, B)):
        return o.m()
    return "none"


def test_isinstance_tuple() -> None:
    print([narrow_tuple(o) for o in [A(), B(), 1]])


class Sorter:
    k: int

    def __init__(self, k: int) -> None:
        self.k = k

    def key(self) -> int:
        return -self.k

    def __repr__(self) -> str:
        return "S" + str(self.k)


def test_unbound_as_key() -> None:
    xs = [Sorter(1), Sorter(3), Sorter(2)]
    print(sorted(xs, key=Sorter.key), list(map(Sorter.key, xs)), max(xs, key=Sorter.key))


class Pt:
    x: int
    y: int

    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y

    def swap(self) -> None:
        self.x, self.y = self.y, self.x

    def rot(self, o: "Pt") -> None:
        self.x, o.x = o.x, self.x

    def chained(self, o: "Pt") -> None:
        self.x = o.x = self.y + o.y


def test_tuple_assign_fields() -> None:
    p, q = Pt(1, 2), Pt(3, 4)
    p.swap()
    print(p.x, p.y)
    p.rot(q)
    print(p.x, q.x)
    p.chained(q)
    print(p.x, q.x)
    p.rot(p)
    print(p.x)


class Aug:
    n: int
    items: list[int]
    s: str
    d: dict[str, int]

    def __init__(self) -> None:
        self.n = 0
        self.items = []
        self.s = ""
        self.d = {}

    def work(self) -> list[object]:
        self.n += 2**62
        self.n += 2**62
        self.n -= 1
        self.n //= 3
        self.n **= 2
        self.n %= 10**9 + 7
        self.n <<= 3
        self.n |= 1
        self.items += [1, 2]
        self.items *= 2
        self.s += "ab"
        self.s *= 3
        self.d["k"] = self.d.get("k", 0) + 1
        self.d["k"] += 10
        return [self.n, self.items, self.s, self.d]


def test_augmented_fields() -> None:
    a = Aug()
    print(a.work())
    print(a.work())


class Cnt:
    hits: int

    def __init__(self) -> None:
        self.hits = 0


class Holder:
    c: Cnt
    arr: list[Cnt]

    def __init__(self) -> None:
        self.c = Cnt()
        self.arr = [Cnt(), Cnt()]

    def go(self) -> int:
        self.c.hits += 1
        self.arr[1].hits += 5
        self.arr[0].hits -= 1
        self.get().hits += 100
        return self.c.hits + self.arr[1].hits + self.arr[0].hits

    def get(self) -> Cnt:
        return self.c


def test_nested_aug() -> None:
    h = Holder()
    print(h.go(), h.go())


class E:
    v: int

    def __init__(self, v: int) -> None:
        self.v = v

    def __eq__(self, o: object) -> object:  # type: ignore[override]
        return "eq-result"

    def __lt__(self, o: "E") -> object:
        return [self.v]

    def __ne__(self, o: object) -> object:  # type: ignore[override]
        return 0


def cmp_e(a: E, b: E) -> list[object]:
    r: list[object] = [a == b, a < b, a != b]
    if a < b:
        r.append("lt-truthy")
    if a != b:
        r.append("ne-truthy")
    return r


def test_nonbool_compare() -> None:
    print(cmp_e(E(1), E(2)))
    assert cmp_e(E(1), E(2)) == ["eq-result", [1], 0, "lt-truthy"]


class NoInitC:
    a: int


class EqOnlySub(Sibling):
    def __eq__(self, o: object) -> bool:
        return True


def test_no_init_and_eq_sub_hash() -> None:
    try:
        NoInitC(1)  # type: ignore[call-arg]
    except TypeError as e:
        print("TypeError", e)
    n = NoInitC()
    try:
        print(n.a)
    except AttributeError as e:
        print("AttributeError", e)
    print(Sibling.__hash__ is object.__hash__, EqOnlySub.__hash__)
    try:
        hash(EqOnlySub("x"))
    except TypeError as e:
        print("TypeError", e)


class Lv:
    level: int

    def __init__(self) -> None:
        self.level = 1

    def get(self) -> int:
        return self.level


def test_class_attr_over_field_in_subclass() -> None:
    class PL(Lv):
        level = 5

    p = PL()
    # Deliberate difference (docs/differences.md): a class attribute of a Python subclass hides the native field for
    # interpreted reads and writes (compiled: p.level is 5 after __init__ stored 1,
    # and `p.level = 7` is not seen by Lv.get()). CPython prints "1 1" and "7 7".
    print(p.get())
    exec("p.level = 7", {"p": p})
    print(p.level)
