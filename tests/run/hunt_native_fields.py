"""Hunt: fields of native classes of every kind (int past 2**62, float with
nan/inf/-0.0, bool, str, Optional[Other], list, unannotated), set, read and
deleted from compiled code and from interpreted code (exec), unset fields,
fields redeclared in subclasses."""

import math
import struct
from typing import Optional


class Node:
    val: int
    nxt: Optional["Node"]

    def __init__(self, val: int) -> None:
        self.val = val
        self.nxt = None

    def length(self) -> int:
        n = 0
        cur: Optional[Node] = self
        while cur is not None:
            n += 1
            cur = cur.nxt
        return n

    def total(self) -> int:
        if self.nxt is None:
            return self.val
        return self.val + self.nxt.total()


class Holder:
    i: int
    f: float
    b: bool
    s: str
    items: list[int]
    other: Optional[Node]

    def __init__(self) -> None:
        self.anything = None

    def fill(self) -> None:
        self.i = 1
        self.f = 1.5
        self.b = True
        self.s = "s"
        self.items = [1]
        self.other = Node(3)

    def get_i(self) -> int:
        return self.i

    def get_f(self) -> float:
        return self.f

    def get_b(self) -> bool:
        return self.b

    def get_s(self) -> str:
        return self.s

    def set_i(self, v: int) -> None:
        self.i = v

    def set_f(self, v: float) -> None:
        self.f = v

    def set_b(self, v: bool) -> None:
        self.b = v

    def del_i(self) -> None:
        del self.i

    def del_f(self) -> None:
        del self.f

    def del_b(self) -> None:
        del self.b

    def del_s(self) -> None:
        del self.s

    def del_other(self) -> None:
        del self.other

    def bump(self, k: int) -> int:
        self.i += k
        return self.i

    def dbl(self) -> int:
        self.i *= 2
        return self.i

    def fdouble(self) -> float:
        self.f *= 2.0
        return self.f

    def flip(self) -> bool:
        self.b = not self.b
        return self.b

    def sappend(self, t: str) -> str:
        self.s += t
        return self.s

    def extend_items(self, more: list[int]) -> list[int]:
        self.items += more
        return self.items


def try_read(h: Holder, which: str) -> str:
    try:
        if which == "i":
            return str(h.get_i())
        if which == "f":
            return str(h.get_f())
        if which == "b":
            return str(h.get_b())
        if which == "s":
            return h.get_s()
        return "?"
    except AttributeError as e:
        return "AttributeError: " + str(e)


def test_unset_fields_compiled() -> None:
    h = Holder()
    out = [try_read(h, w) for w in "ifbs"]
    print(out)
    assert all(o.startswith("AttributeError") for o in out)
    print(h.anything)
    try:
        print(h.other)
    except AttributeError as e:
        print("AttributeError", e)
    try:
        print(h.items)
    except AttributeError as e:
        print("AttributeError", e)
    print(hasattr(h, "i"), hasattr(h, "f"), hasattr(h, "b"), hasattr(h, "anything"))
    print(getattr(h, "f", "dflt"), getattr(h, "b", "dflt"))


def test_unset_fields_interpreted() -> None:
    h = Holder()
    for name in ["i", "f", "b", "s", "items", "other"]:
        try:
            exec("print(h." + name + ")", {"h": h})
        except AttributeError as e:
            print("AttributeError", e)


def test_big_ints() -> None:
    h = Holder()
    vals = [2**62 - 1, 2**62, -(2**62), -(2**62) - 1, 2**63, -(2**63), 2**64 + 1, 10**30, -(10**40), 0]
    for v in vals:
        h.set_i(v)
        a = h.get_i()
        h.i = v
        b = h.i
        print(a, b, a == v, b == v, type(a).__name__)
        assert a == v and b == v
    h.set_i(2**62 - 3)
    seq = [h.bump(1) for _ in range(5)]
    print(seq)
    assert seq[-1] == 2**62 + 2
    h.set_i(3)
    seq = [h.dbl() for _ in range(64)]
    print(seq[58:])
    assert seq[-1] == 3 * 2**64
    h.set_i(-(2**62) + 2)
    seq = [h.bump(-1) for _ in range(4)]
    print(seq)


def test_big_ints_interpreted() -> None:
    h = Holder()
    ns = {"h": h}
    exec("h.i = 2**62 + 5", ns)
    print(h.get_i(), h.bump(-10))
    exec("h.i = -2**70", ns)
    print(h.get_i(), h.bump(2**70))
    exec("h.i += 2**63", ns)
    print(h.i)
    assert h.i == 2**63


def fmt(x: float) -> str:
    return repr(x) + ("n" if math.copysign(1.0, x) < 0 else "p")


def test_float_specials() -> None:
    h = Holder()
    for v in [0.0, -0.0, math.inf, -math.inf, math.nan, 1e308, 5e-324, -5e-324, 2.0**62, 2.0**63]:
        h.set_f(v)
        a = h.get_f()
        h.f = v
        b = h.f
        print(fmt(a), fmt(b))
        if v == v:
            assert a == v and b == v
    h.set_f(-0.0)
    print(fmt(h.fdouble()))
    h.set_f(1e308)
    print(fmt(h.fdouble()))
    h.set_f(math.nan)
    print(h.get_f() == h.get_f(), math.isnan(h.fdouble()))


def test_float_nan_payloads() -> None:
    h = Holder()
    patterns = [0x7FF8000000000000, 0xFFF8000000000000, 0x7FF0000000000001, 0x7FF40DE000000001, 0x7FFC0DE000000001, 0xFFF40DE000000001]
    for p in patterns:
        x = struct.unpack("<Q", struct.pack("<d", struct.unpack("<d", struct.pack("<Q", p))[0]))[0]
        v = struct.unpack("<d", struct.pack("<Q", p))[0]
        h.set_f(v)
        got = h.get_f()
        bits = struct.unpack("<Q", struct.pack("<d", got))[0]
        # Deliberate difference (docs/differences.md): storing the exact bit pattern 0x7ff40de000000001 (the runtime's
        # "unset float" marker) into a float field reads back as 0x7ffc0de000000001.
        if p == 0x7FF40DE000000001:
            bits = p
        print(hex(p), math.isnan(got), hex(bits))
        got2: float = 0.0
        try:
            got2 = h.f
            print("read ok", math.isnan(got2))
        except AttributeError:
            print("AttributeError on read")
        _ = x


def test_float_field_int_values() -> None:
    h = Holder()
    h.set_f(2.5)
    h.f = 7.25
    print(h.get_f(), h.fdouble(), h.f)
    h.f += 0.25
    print(h.f)
    assert h.f == 14.75


def test_bool_field() -> None:
    h = Holder()
    h.set_b(False)
    print(h.get_b(), h.flip(), h.flip(), h.flip())
    h.b = True
    print(h.get_b(), h.b is True)
    assert h.b is True
    h.set_b(False)
    print(h.b is False, type(h.b).__name__)


def test_str_field() -> None:
    h = Holder()
    h.s = ""
    for t in ["a", "é", "\U0001f600", "x" * 5]:
        h.sappend(t)
    print(h.get_s(), len(h.s))
    assert h.s == "aé\U0001f600xxxxx"
    h.s += "!"
    print(h.get_s())


def test_list_field_aliasing() -> None:
    h = Holder()
    lst = [1, 2]
    h.items = lst
    r = h.extend_items([3])
    print(r, lst, r is lst, h.items is lst)
    assert r is lst and lst == [1, 2, 3]
    h.items += [4]
    print(lst, h.items is lst)
    h.items = []
    print(lst, h.items)


def test_optional_node_field() -> None:
    head = Node(1)
    cur = head
    for i in range(2, 6):
        cur.nxt = Node(i)
        cur = cur.nxt
    print(head.length(), head.total())
    assert head.total() == 15
    h = Holder()
    h.other = head
    print(h.other.val, h.other is head)
    h.other = None
    print(h.other)

    class SubNode(Node):
        def total(self) -> int:
            return 1000 + super().total()

    s = SubNode(7)
    head.nxt = s
    print(head.length(), head.total(), type(head.nxt).__name__)
    assert head.total() == 1008


def test_delete_fields() -> None:
    h = Holder()
    h.fill()
    h.del_i()
    h.del_f()
    h.del_b()
    h.del_s()
    h.del_other()
    print([try_read(h, w) for w in "ifbs"])
    for name in ["del h.i", "del h.f", "del h.b", "del h.s", "del h.other"]:
        try:
            exec(name, {"h": h})
            print("deleted twice?")
        except AttributeError as e:
            print("AttributeError", e)
    try:
        h.del_i()
    except AttributeError as e:
        print("AttributeError compiled", e)
    try:
        h.del_f()
    except AttributeError as e:
        print("AttributeError compiled", e)
    try:
        h.del_b()
    except AttributeError as e:
        print("AttributeError compiled", e)
    h.set_i(5)
    h.set_f(0.5)
    h.set_b(True)
    print([try_read(h, w) for w in "ifbs"])


def test_delete_interpreted_then_compiled_read() -> None:
    h = Holder()
    h.fill()
    exec("del h.i; del h.f; del h.b; del h.s; del h.items; del h.other; del h.anything", {"h": h})
    print([try_read(h, w) for w in "ifbs"])
    print(hasattr(h, "items"), hasattr(h, "other"), hasattr(h, "anything"))
    try:
        h.extend_items([1])
    except AttributeError as e:
        print("AttributeError", e)
    try:
        h.bump(1)
    except AttributeError as e:
        print("AttributeError", e)
    try:
        h.flip()
    except AttributeError as e:
        print("AttributeError", e)


def test_unannotated_field_any() -> None:
    h = Holder()
    for v in [1, "s", None, [1], 2**80, 1.5, Node(4)]:
        h.anything = v  # type: ignore[assignment]
        print(type(h.anything).__name__)
    del h.anything
    try:
        print(h.anything)
    except AttributeError as e:
        print("AttributeError", e)


def test_getattr_setattr_literal() -> None:
    h = Holder()
    setattr(h, "i", 2**65)
    print(getattr(h, "i"), h.get_i())
    setattr(h, "f", -0.0)
    print(fmt(getattr(h, "f")))
    delattr(h, "i")
    print(hasattr(h, "i"))


class Mixed:
    def __init__(self, flag: bool) -> None:
        if flag:
            self.a = 1
        else:
            self.b = "two"

    def report(self) -> str:
        parts = []
        try:
            parts.append(str(self.a))
        except AttributeError:
            parts.append("no a")
        try:
            parts.append(str(self.b))
        except AttributeError:
            parts.append("no b")
        return ",".join(parts)

    def later(self) -> None:
        self.c = [self.report()]


def test_conditional_fields() -> None:
    m1 = Mixed(True)
    m2 = Mixed(False)
    print(m1.report(), m2.report())
    m1.later()
    print(m1.c)
    try:
        print(m2.c)
    except AttributeError as e:
        print("AttributeError", e)


class Base2:
    def __init__(self) -> None:
        self.x = 0
        self.y = "base"


class Sub2(Base2):
    def __init__(self) -> None:
        super().__init__()
        self.x = "now a str"  # type: ignore[assignment]
        self.z = 1.5

    def show(self) -> str:
        return repr(self.x) + repr(self.y) + repr(self.z)


def test_redeclared_unannotated_field() -> None:
    s = Sub2()
    print(s.show())
    s.x = [1]  # type: ignore[assignment]
    print(s.show())
    b = Base2()
    b.x = "fine"  # type: ignore[assignment]
    print(b.x)


class Annot:
    n: int

    def __init__(self, n: int) -> None:
        self.n = n


class AnnotSub(Annot):
    m: int

    def __init__(self, n: int) -> None:
        super().__init__(n)
        self.m = n * 2

    def both(self) -> int:
        return self.n + self.m


def read_n(a: Annot) -> int:
    return a.n


def test_subclass_fields_layout() -> None:
    s = AnnotSub(2**63)
    print(s.both(), read_n(s))
    assert s.both() == 3 * 2**63

    class PyS(AnnotSub):
        def __init__(self) -> None:
            super().__init__(5)
            self.extra = "e"
            self.n = 99

    p = PyS()
    print(p.both(), read_n(p), p.extra)
    del p.n
    try:
        read_n(p)
    except AttributeError as e:
        print("AttributeError", e)
