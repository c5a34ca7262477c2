"""Dunder methods with Python's lookup rules: __repr__, __str__, __format__,
rich comparisons (reflection, NotImplemented, subclass priority), __hash__,
__bool__ and __len__ truthiness."""

import functools


class Money:
    def __init__(self, cents: int, cur: str = "EUR") -> None:
        self.cents = cents
        self.cur = cur

    def __repr__(self) -> str:
        return f"Money({self.cents}, {self.cur!r})"

    def __str__(self) -> str:
        return f"{self.cents // 100}.{self.cents % 100:02d} {self.cur}"

    def __format__(self, spec: str) -> str:
        if spec == "":
            return str(self)
        if spec == "c":
            return f"{self.cents}c"
        if spec.startswith(">"):
            return format(str(self), spec)
        raise ValueError(f"bad spec {spec!r}")


class OnlyRepr:
    def __init__(self, v: int) -> None:
        self.v = v

    def __repr__(self) -> str:
        return f"<OnlyRepr {self.v}>"


class OnlyStr:
    def __str__(self) -> str:
        return "only-str"


class BadRepr:
    def __repr__(self):  # type: ignore
        return 42


class BadStr:
    def __str__(self):  # type: ignore
        return None


class Version:
    def __init__(self, major: int, minor: int) -> None:
        self.major = major
        self.minor = minor

    def _key(self) -> tuple:
        return (self.major, self.minor)

    def __eq__(self, other: object) -> object:  # type: ignore[override]
        if not isinstance(other, Version):
            return NotImplemented
        return self._key() == other._key()

    def __lt__(self, other: object) -> object:
        if not isinstance(other, Version):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: object) -> object:
        if not isinstance(other, Version):
            return NotImplemented
        return self._key() <= other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"v{self.major}.{self.minor}"


class OnlyLt:
    def __init__(self, v: int) -> None:
        self.v = v

    def __lt__(self, other: "OnlyLt") -> bool:
        return self.v < other.v

    def __repr__(self) -> str:
        return f"L{self.v}"


class Trace:
    """Records which comparison methods ran."""

    log: list = []

    def __init__(self, name: str, result: object = NotImplemented) -> None:
        self.name = name
        self.result = result

    def __eq__(self, other: object) -> object:  # type: ignore[override]
        Trace.log.append(f"{self.name}.eq")
        return self.result

    def __ne__(self, other: object) -> object:  # type: ignore[override]
        Trace.log.append(f"{self.name}.ne")
        return self.result

    def __lt__(self, other: object) -> object:
        Trace.log.append(f"{self.name}.lt")
        return self.result

    def __gt__(self, other: object) -> object:
        Trace.log.append(f"{self.name}.gt")
        return self.result

    def __le__(self, other: object) -> object:
        Trace.log.append(f"{self.name}.le")
        return self.result

    def __ge__(self, other: object) -> object:
        Trace.log.append(f"{self.name}.ge")
        return self.result

    __hash__ = None  # type: ignore


class SubTrace(Trace):
    def __lt__(self, other: object) -> object:
        Trace.log.append(f"{self.name}.sub-lt")
        return self.result

    def __gt__(self, other: object) -> object:
        Trace.log.append(f"{self.name}.sub-gt")
        return self.result


class EqOnly:
    def __init__(self, v: int) -> None:
        self.v = v

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EqOnly) and self.v == other.v


class EqAndHash(EqOnly):
    def __hash__(self) -> int:
        return self.v % 7


class EqInheritsNoHash(EqOnly):
    pass


class HashOnly:
    def __init__(self, h: object) -> None:
        self.h = h

    def __hash__(self):  # type: ignore
        return self.h


class Weird:
    """Comparisons that return something other than a bool."""

    def __init__(self, v: int) -> None:
        self.v = v

    def __eq__(self, other: object) -> object:  # type: ignore[override]
        return [self.v, "eq"]

    def __lt__(self, other: object) -> object:
        return "lt-result"

    def __gt__(self, other: object) -> object:
        return ""

    def __hash__(self) -> int:
        return self.v


class Truthy:
    def __init__(self, v: object) -> None:
        self.v = v

    def __bool__(self):  # type: ignore
        return self.v


class Sized:
    def __init__(self, n: object) -> None:
        self.n = n

    def __len__(self):  # type: ignore
        return self.n


class BoolAndLen:
    def __bool__(self) -> bool:
        return True

    def __len__(self) -> int:
        return 0


class Plain:
    pass


@functools.total_ordering
class Score:
    def __init__(self, v: int) -> None:
        self.v = v

    def __eq__(self, other: object) -> object:  # type: ignore[override]
        if not isinstance(other, Score):
            return NotImplemented
        return self.v == other.v

    def __lt__(self, other: object) -> object:
        if not isinstance(other, Score):
            return NotImplemented
        return self.v < other.v

    def __hash__(self) -> int:
        return self.v

    def __repr__(self) -> str:
        return f"Score({self.v})"


def test_repr_and_str() -> None:
    m = Money(1234)
    print(repr(m), str(m), m, [m], (m,), {"k": m})
    assert repr(m) == "Money(1234, 'EUR')" and str(m) == "12.34 EUR"
    assert str([m]) == "[Money(1234, 'EUR')]"
    print(f"{m!r} {m!s} {m}")
    assert f"{m!r}|{m!s}" == "Money(1234, 'EUR')|12.34 EUR"


def test_str_falls_back_to_repr() -> None:
    o = OnlyRepr(3)
    print(str(o), repr(o), f"{o}", "%s %r" % (o, o))
    assert str(o) == "<OnlyRepr 3>" and f"{o}" == "<OnlyRepr 3>"


def test_only_str() -> None:
    s = OnlyStr()
    print(str(s), f"{s}", "%s" % s, repr(s).startswith("<"))
    assert str(s) == "only-str"


def test_repr_must_return_str() -> None:
    try:
        repr(BadRepr())
    except TypeError as e:
        print(e)
        assert str(e) == "__repr__ returned non-string (type int)"
    try:
        str(BadStr())
    except TypeError as e:
        print(e)
        assert str(e) == "__str__ returned non-string (type NoneType)"


def test_format() -> None:
    m = Money(505)
    print(format(m), format(m, "c"), f"{m:c}", f"{m:>12}|", "{:c}".format(m), "{0:>10}".format(m))
    assert f"{m:c}" == "505c" and f"{m:>12}" == "    5.05 EUR"
    try:
        f"{m:zz}"
    except ValueError as e:
        print("ValueError", e)
        assert str(e) == "bad spec 'zz'"


def test_default_format() -> None:
    o = OnlyRepr(1)
    print(format(o), f"{o}", format(o, ""))
    try:
        format(o, "x")
    except TypeError as e:
        print(e)
        assert str(e) == "unsupported format string passed to OnlyRepr.__format__"


def test_eq_ne() -> None:
    a, b, c = Version(1, 2), Version(1, 2), Version(2, 0)
    print(a == b, a != b, a == c, a != c, a is b)
    assert a == b and not (a != b) and a != c
    print(a == 1, a != 1, 1 == a, "x" != a, a == None)
    assert not (a == 1) and a != 1


def test_ordering() -> None:
    a, b, c = Version(1, 2), Version(1, 10), Version(1, 2)
    print(a < b, a <= c, b > a, b >= a, a > b, c >= a)
    assert a < b and a <= c and b > a and b >= a and not a > b and c >= a
    print(sorted([Version(3, 0), Version(1, 5), Version(1, 0)]), max(a, b), min(a, b))  # type: ignore[call-overload, type-var]
    assert sorted([Version(3, 0), Version(1, 5)]) == [Version(1, 5), Version(3, 0)]  # type: ignore[type-var]


def test_ordering_unsupported() -> None:
    a = Version(1, 0)
    try:
        a < 3  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "'<' not supported between instances of 'Version' and 'int'"
    try:
        3 >= a  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "'>=' not supported between instances of 'int' and 'Version'"
    try:
        Plain() < Plain()  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "'<' not supported between instances of 'Plain' and 'Plain'"


def test_reflected_comparison() -> None:
    # Only __lt__ exists: a > b becomes b < a.
    x, y = OnlyLt(1), OnlyLt(2)
    print(y > x, x > y, sorted([y, x, OnlyLt(0)]))
    assert y > x and not x > y
    try:
        x <= y  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "'<=' not supported between instances of 'OnlyLt' and 'OnlyLt'"


def test_comparison_call_order() -> None:
    Trace.log.clear()
    a, b = Trace("a"), Trace("b")
    try:
        a < b
    except TypeError as e:
        print(e)
    r2 = a == b
    r3 = a != b
    print(r2, r3, Trace.log)
    assert Trace.log == ["a.lt", "b.gt", "a.eq", "b.eq", "a.ne", "b.ne"]
    assert r2 is False and r3 is True
    Trace.log.clear()
    try:
        a >= b
    except TypeError as e:
        print(e, Trace.log)
    assert Trace.log == ["a.ge", "b.le"]


def test_subclass_reflected_first() -> None:
    Trace.log.clear()
    base, sub = Trace("base", True), SubTrace("sub", True)
    r = base < sub
    print(r, Trace.log)
    assert Trace.log == ["sub.sub-gt"]
    Trace.log.clear()
    r = base <= sub
    print(r, Trace.log)
    # Rich comparisons give a subclass priority even without an override.
    assert Trace.log == ["sub.ge"]
    Trace.log.clear()
    r = base == sub
    print(r, Trace.log)
    assert Trace.log == ["sub.eq"]


def test_eq_notimplemented_falls_back_to_identity() -> None:
    Trace.log.clear()
    a = Trace("a")
    print(a == a, a != a, a == Trace("b"), a != Trace("c"))
    assert a == a and not (a != a)
    print(Trace.log)


def test_non_bool_comparison_results() -> None:
    w, v = Weird(1), Weird(2)
    eq = w == v
    lt = w < v
    gt = w > v
    print(eq, lt, repr(gt), w != v)
    assert eq == [1, "eq"] and lt == "lt-result" and gt == ""
    r = "yes" if w < v else "no"
    r2 = "yes" if w > v else "no"
    print(r, r2, bool(w == v))
    assert (r, r2) == ("yes", "no")
    chained = 0 < w < v
    print(repr(chained))


def test_chained_comparison_calls_each_once() -> None:
    Trace.log.clear()
    a, b, c = Trace("a", True), Trace("b", True), Trace("c", False)
    r = a < c < b
    print(r, Trace.log)
    assert r is False and Trace.log == ["a.lt", "c.lt"]
    Trace.log.clear()
    r = c < a < b
    print(r, Trace.log)
    assert Trace.log == ["c.lt"]


def test_eq_removes_hash() -> None:
    print(EqOnly.__hash__ is None, "__hash__" in EqOnly.__dict__, EqInheritsNoHash.__hash__ is None)
    assert EqOnly.__hash__ is None
    try:
        hash(EqOnly(1))
    except TypeError as e:
        print(e)
        assert str(e) == "unhashable type: 'EqOnly'"
    try:
        {EqInheritsNoHash(1)}
    except TypeError as e:
        print(e)
        assert str(e) == "unhashable type: 'EqInheritsNoHash'"
    try:
        {EqOnly(2): 1}
    except TypeError as e:
        print(e)


def test_explicit_hash() -> None:
    a, b = EqAndHash(10), EqAndHash(10)
    print(hash(a), hash(a) == hash(b), len({a, b}), a == b, a in {b})
    assert hash(a) == 3 and len({a, b}) == 1
    print(hash(Version(1, 2)) == hash((1, 2)), len({Version(1, 2), Version(1, 2), Version(2, 1)}))


def test_hash_return_value_rules() -> None:
    print(hash(HashOnly(5)), hash(HashOnly(-1)), hash(HashOnly(2**64)) == hash(2**64), hash(HashOnly(True)))
    assert hash(HashOnly(-1)) == -2 and hash(HashOnly(5)) == 5
    try:
        hash(HashOnly("x"))
    except TypeError as e:
        print(e)
        assert str(e) == "__hash__ method should return an integer"
    try:
        hash(HashOnly(1.5))
    except TypeError as e:
        print(e)


def test_default_hash_and_eq() -> None:
    p, q = Plain(), Plain()
    print(p == p, p == q, p != q, hash(p) == hash(p), len({p, q, p}))
    assert p == p and p != q and len({p, q, p}) == 2


def test_bool() -> None:
    print(bool(Truthy(True)), bool(Truthy(False)), not Truthy(True))
    assert bool(Truthy(True)) and not Truthy(False)
    out = []
    for t in [Truthy(True), Truthy(False)]:
        if t:
            out.append("t")
        else:
            out.append("f")
    print(out, Truthy(False) or "fallback", (Truthy(True) and "second"))
    assert out == ["t", "f"]


def test_bool_must_return_bool() -> None:
    try:
        bool(Truthy(1))
    except TypeError as e:
        print(e)
        assert str(e) == "__bool__ should return bool, returned int"
    try:
        if Truthy(None):
            pass
    except TypeError as e:
        print(e)
        assert str(e) == "__bool__ should return bool, returned NoneType"


def test_len_truthiness() -> None:
    print(bool(Sized(0)), bool(Sized(3)), len(Sized(5)), not Sized(0))
    assert not Sized(0) and Sized(3) and len(Sized(5)) == 5
    print(bool(BoolAndLen()), len(BoolAndLen()), bool(Plain()))
    assert bool(BoolAndLen())


def test_len_errors() -> None:
    try:
        len(Sized(-1))
    except ValueError as e:
        print("ValueError", e)
        assert str(e) == "__len__() should return >= 0"
    try:
        len(Sized("3"))
    except TypeError as e:
        print("TypeError", e)
        assert str(e) == "'str' object cannot be interpreted as an integer"
    try:
        len(Sized(2**70))
    except OverflowError as e:
        print("OverflowError", e)
    try:
        bool(Sized(-2))
    except ValueError as e:
        print("ValueError", e)
    try:
        len(Plain())  # type: ignore
    except TypeError as e:
        print("TypeError", e)
        assert str(e) == "object of type 'Plain' has no len()"


def test_total_ordering() -> None:
    a, b = Score(1), Score(2)
    print(a < b, a <= b, a > b, a >= b, b >= a, a == Score(1), sorted([b, a, Score(0)]))
    assert a <= b and not a >= b and b >= a
    print(Score(3) > Score(2), Score(2) >= Score(2))


def test_dunder_lookup_on_type_not_instance() -> None:
    o = OnlyRepr(9)
    o.__repr__ = lambda: "instance-level"  # type: ignore
    print(repr(o), o.__repr__())
    assert repr(o) == "<OnlyRepr 9>"
    s = Sized(2)
    s.__len__ = lambda: 100  # type: ignore
    print(len(s))
    assert len(s) == 2


def test_dunder_patched_on_class() -> None:
    o = OnlyRepr(1)
    old = OnlyRepr.__repr__
    OnlyRepr.__repr__ = lambda self: "patched"  # type: ignore
    try:
        print(repr(o), str(o))
        assert repr(o) == "patched"
    finally:
        OnlyRepr.__repr__ = old  # type: ignore
    print(repr(o))
