"""Operator dunders: arithmetic, bitwise and in-place operators, reflected
operators and NotImplemented, subclass priority, unary operators, and the
numeric conversions __int__, __float__, __index__, __round__."""

import math
import operator


class Vec:
    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y

    def __repr__(self) -> str:
        return f"Vec({self.x}, {self.y})"

    def __eq__(self, other: object) -> object:  # type: ignore[override]
        if not isinstance(other, Vec):
            return NotImplemented
        return self.x == other.x and self.y == other.y

    __hash__ = None  # type: ignore

    def __add__(self, other: object) -> object:
        if isinstance(other, Vec):
            return Vec(self.x + other.x, self.y + other.y)
        if isinstance(other, int):
            return Vec(self.x + other, self.y + other)
        return NotImplemented

    def __radd__(self, other: object) -> object:
        if isinstance(other, int):
            return Vec(other + self.x, other + self.y)
        return NotImplemented

    def __sub__(self, other: object) -> object:
        if isinstance(other, Vec):
            return Vec(self.x - other.x, self.y - other.y)
        return NotImplemented

    def __rsub__(self, other: object) -> object:
        if isinstance(other, int):
            return Vec(other - self.x, other - self.y)
        return NotImplemented

    def __mul__(self, k: object) -> object:
        if isinstance(k, int):
            return Vec(self.x * k, self.y * k)
        return NotImplemented

    __rmul__ = __mul__

    def __matmul__(self, other: "Vec") -> int:
        return self.x * other.x + self.y * other.y

    def __truediv__(self, k: int) -> "Vec":
        return Vec(self.x // k, self.y // k)

    def __floordiv__(self, k: int) -> str:
        return f"floordiv {k}"

    def __mod__(self, k: int) -> "Vec":
        return Vec(self.x % k, self.y % k)

    def __rmod__(self, other: object) -> str:
        return f"rmod {other}"

    def __divmod__(self, k: int) -> tuple:
        return (self // k, self % k)

    def __rdivmod__(self, other: object) -> str:
        return "rdivmod"

    def __pow__(self, k: int, mod: object = None) -> object:
        if mod is None:
            return Vec(self.x ** k, self.y ** k)
        return Vec(pow(self.x, k, mod), pow(self.y, k, mod))  # type: ignore

    def __rpow__(self, base: object) -> str:
        return f"rpow {base}"

    def __neg__(self) -> "Vec":
        return Vec(-self.x, -self.y)

    def __pos__(self) -> "Vec":
        return Vec(+self.x, +self.y)

    def __abs__(self) -> float:
        return math.sqrt(self.x * self.x + self.y * self.y)

    def __invert__(self) -> "Vec":
        return Vec(self.y, self.x)


class Bits:
    def __init__(self, v: int) -> None:
        self.v = v

    def __repr__(self) -> str:
        return f"Bits({self.v:#b})"

    def __and__(self, o: "Bits") -> "Bits":
        return Bits(self.v & o.v)

    def __or__(self, o: "Bits") -> "Bits":
        return Bits(self.v | o.v)

    def __xor__(self, o: "Bits") -> "Bits":
        return Bits(self.v ^ o.v)

    def __lshift__(self, n: int) -> "Bits":
        return Bits(self.v << n)

    def __rshift__(self, n: int) -> "Bits":
        return Bits(self.v >> n)

    def __rand__(self, o: int) -> str:
        return "rand"

    def __ror__(self, o: int) -> str:
        return "ror"

    def __rxor__(self, o: int) -> str:
        return "rxor"

    def __rlshift__(self, o: int) -> str:
        return "rlshift"

    def __rrshift__(self, o: int) -> str:
        return "rrshift"


class Acc:
    """In-place operators that mutate and return self."""

    def __init__(self) -> None:
        self.items: list = []

    def __iadd__(self, other: object) -> "Acc":
        self.items.append(("+=", other))
        return self

    def __isub__(self, other: object) -> "Acc":
        self.items.append(("-=", other))
        return self

    def __imul__(self, other: object) -> "Acc":
        self.items.append(("*=", other))
        return self

    def __ior__(self, other: object) -> "Acc":
        self.items.append(("|=", other))
        return self

    def __ilshift__(self, other: object) -> "Acc":
        self.items.append(("<<=", other))
        return self

    def __ipow__(self, other: object) -> "Acc":
        self.items.append(("**=", other))
        return self

    def __imatmul__(self, other: object) -> "Acc":
        self.items.append(("@=", other))
        return self

    def __itruediv__(self, other: object) -> "Acc":
        self.items.append(("/=", other))
        return self

    def __ifloordiv__(self, other: object) -> "Acc":
        self.items.append(("//=", other))
        return self

    def __imod__(self, other: object) -> "Acc":
        self.items.append(("%=", other))
        return self

    def __iand__(self, other: object) -> "Acc":
        self.items.append(("&=", other))
        return self

    def __ixor__(self, other: object) -> "Acc":
        self.items.append(("^=", other))
        return self

    def __irshift__(self, other: object) -> "Acc":
        self.items.append((">>=", other))
        return self


class IAddNotImpl:
    def __init__(self, v: int) -> None:
        self.v = v

    def __iadd__(self, other: object) -> object:
        if isinstance(other, int) and other > 0:
            self.v += other
            return self
        return NotImplemented

    def __add__(self, other: object) -> object:
        return "fallback add"


class Log:
    calls: list = []

    def __init__(self, name: str, ok: bool) -> None:
        self.name = name
        self.ok = ok

    def __add__(self, other: object) -> object:
        Log.calls.append(f"{self.name}.add")
        return f"{self.name}+" if self.ok else NotImplemented

    def __radd__(self, other: object) -> object:
        Log.calls.append(f"{self.name}.radd")
        return f"+{self.name}" if self.ok else NotImplemented


class LogSub(Log):
    def __radd__(self, other: object) -> object:
        Log.calls.append(f"{self.name}.sub-radd")
        return f"sub+{self.name}" if self.ok else NotImplemented


class LogSubNoOverride(Log):
    pass


class Num:
    def __init__(self, v: object) -> None:
        self.v = v

    def __int__(self):  # type: ignore
        return self.v

    def __float__(self):  # type: ignore
        return self.v

    def __index__(self):  # type: ignore
        return self.v

    def __round__(self, ndigits: object = None) -> str:
        return f"round {ndigits}"

    def __trunc__(self) -> int:
        return 99

    def __floor__(self) -> int:
        return -1

    def __ceil__(self) -> int:
        return 1


class Idx:
    def __init__(self, i: int) -> None:
        self.i = i

    def __index__(self) -> int:
        return self.i


class OnlyFloat:
    def __float__(self) -> float:
        return 2.5


class OnlyInt:
    def __int__(self) -> int:
        return 7


class Plain:
    pass


def test_add_sub_mul() -> None:
    a, b = Vec(1, 2), Vec(10, 20)
    print(a + b, b - a, a * 3, 3 * a, a + 1, 1 + a, 100 - a)
    assert a + b == Vec(11, 22) and 3 * a == Vec(3, 6) and 100 - a == Vec(99, 98)
    print(sum([a, b, Vec(0, 1)]), sum([a, b], Vec(5, 5)))
    assert sum([a, b]) == Vec(11, 22)


def test_other_binary_ops() -> None:
    a = Vec(7, 9)
    print(a @ Vec(1, 2), a / 2, a // 3, a % 4, divmod(a, 2), a ** 2, pow(a, 3, 5))
    assert a @ Vec(1, 2) == 25 and a % 4 == Vec(3, 1) and pow(a, 3, 5) == Vec(3, 4)
    print(5 % a, divmod(5, a), 2 ** a, pow(2, a))
    assert 5 % a == "rmod 5" and 2 ** a == "rpow 2"


def test_unsupported_binary() -> None:
    msgs = []
    try:
        Vec(1, 1) + "s"  # type: ignore
    except TypeError as e:
        msgs.append(str(e))
    try:
        "s" - Vec(1, 1)  # type: ignore
    except TypeError as e:
        msgs.append(str(e))
    try:
        Vec(1, 1) * 1.5  # type: ignore
    except TypeError as e:
        msgs.append(str(e))
    try:
        Plain() + Plain()  # type: ignore
    except TypeError as e:
        msgs.append(str(e))
    try:
        Plain() << 1  # type: ignore
    except TypeError as e:
        msgs.append(str(e))
    try:
        Vec(1, 1) @ 3  # type: ignore[operator]
    except TypeError as e:
        msgs.append("matmul: " + str(e))
    except AttributeError as e:
        msgs.append("matmul attr: " + str(e))
    for m in msgs:
        print(m)
    assert msgs[0] == "unsupported operand type(s) for +: 'Vec' and 'str'"
    assert msgs[1] == "unsupported operand type(s) for -: 'str' and 'Vec'"
    assert msgs[2] == "unsupported operand type(s) for *: 'Vec' and 'float'"
    assert msgs[3] == "unsupported operand type(s) for +: 'Plain' and 'Plain'"
    assert msgs[4] == "unsupported operand type(s) for <<: 'Plain' and 'int'"


def test_unsupported_pow_messages() -> None:
    try:
        Plain() ** 2  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "unsupported operand type(s) for ** or pow(): 'Plain' and 'int'"
    try:
        pow(Plain(), 2, 3)  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "unsupported operand type(s) for ** or pow(): 'Plain', 'int', 'int'"


def test_unary() -> None:
    a = Vec(3, -4)
    print(-a, +a, abs(a), ~a, -(-a) == a)
    assert -a == Vec(-3, 4) and abs(a) == 5.0 and ~a == Vec(-4, 3)


def test_unary_unsupported() -> None:
    msgs = []
    try:
        -Plain()  # type: ignore
    except TypeError as e:
        msgs.append(str(e))
    try:
        +Plain()  # type: ignore
    except TypeError as e:
        msgs.append(str(e))
    try:
        ~Plain()  # type: ignore
    except TypeError as e:
        msgs.append(str(e))
    try:
        abs(Plain())  # type: ignore
    except TypeError as e:
        msgs.append(str(e))
    print(msgs)
    assert msgs == [
        "bad operand type for unary -: 'Plain'",
        "bad operand type for unary +: 'Plain'",
        "bad operand type for unary ~: 'Plain'",
        "bad operand type for abs(): 'Plain'",
    ]


def test_bitwise() -> None:
    a, b = Bits(0b1100), Bits(0b1010)
    print(a & b, a | b, a ^ b, a << 2, a >> 2)
    assert (a & b).v == 8 and (a | b).v == 14 and (a ^ b).v == 6 and (a << 2).v == 48
    print(1 & a, 1 | a, 1 ^ a, 1 << a, 1 >> a)
    assert (1 & a, 1 | a, 1 ^ a, 1 << a, 1 >> a) == ("rand", "ror", "rxor", "rlshift", "rrshift")


def test_inplace_operators() -> None:
    acc = Acc()
    orig = acc
    acc += 1
    acc -= 2
    acc *= 3
    acc |= 4
    acc <<= 5
    acc **= 6
    acc @= 7
    acc /= 8
    acc //= 9
    acc %= 10
    acc &= 11
    acc ^= 12
    acc >>= 13
    print(acc.items, acc is orig)
    assert acc is orig and len(acc.items) == 13
    assert [op for op, _ in acc.items] == ["+=", "-=", "*=", "|=", "<<=", "**=", "@=", "/=", "//=", "%=", "&=", "^=", ">>="]


def test_inplace_falls_back_to_binary() -> None:
    v = Vec(1, 1)
    w = v
    v += Vec(1, 2)  # type: ignore[assignment]
    print(v, w, v is w)
    assert v == Vec(2, 3) and w == Vec(1, 1) and v is not w
    n = 10
    n -= Vec(1, 2)  # type: ignore
    print(n)
    assert n == Vec(9, 8)


def test_inplace_notimplemented() -> None:
    x = IAddNotImpl(1)
    y = x
    x += 5  # type: ignore[misc]
    print(x is y, y.v)
    assert x is y and y.v == 6
    x += -1  # type: ignore[misc]
    print(x, y.v)
    assert x == "fallback add"


def test_inplace_unsupported_message() -> None:
    p = Plain()
    try:
        p += 1  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "unsupported operand type(s) for +=: 'Plain' and 'int'"
    q = Plain()
    try:
        q **= 2  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "unsupported operand type(s) for **=: 'Plain' and 'int'"


def test_inplace_on_attribute_and_item() -> None:
    class Holder:
        def __init__(self) -> None:
            self.acc = Acc()

    h = Holder()
    h.acc += "a"
    d = {"k": Acc()}
    d["k"] *= 2
    print(h.acc.items, d["k"].items)
    assert h.acc.items == [("+=", "a")] and d["k"].items == [("*=", 2)]


def test_reflected_order() -> None:
    Log.calls.clear()
    r = Log("a", False) + LogSubNoOverride("b", True)
    print(r, Log.calls)
    assert r == "+b" and Log.calls == ["a.add", "b.radd"]
    Log.calls.clear()
    try:
        Log("a", False) + Log("b", False)
    except TypeError as e:
        print(e, Log.calls)
        assert str(e) == "unsupported operand type(s) for +: 'Log' and 'Log'"
    # Same type: __radd__ is not tried.
    assert Log.calls == ["a.add"]


def test_reflected_subclass_priority() -> None:
    Log.calls.clear()
    r = Log("base", True) + LogSub("sub", True)
    print(r, Log.calls)
    assert r == "sub+sub" and Log.calls == ["sub.sub-radd"]
    Log.calls.clear()
    r = Log("base", True) + LogSubNoOverride("sub", True)
    print(r, Log.calls)
    # No priority without an overriding __radd__.
    assert r == "base+" and Log.calls == ["base.add"]
    Log.calls.clear()
    r = Log("base", True) + LogSub("sub", False)
    print(r, Log.calls)
    assert r == "base+" and Log.calls == ["sub.sub-radd", "base.add"]


def test_same_type_no_reflection() -> None:
    Log.calls.clear()
    try:
        Log("a", False) + 1
    except TypeError as e:
        print(e, Log.calls)
    try:
        1 + Log("a", False)
    except TypeError as e:
        print(e, Log.calls)
    assert Log.calls == ["a.add", "a.radd"]


def test_int_float_conversion() -> None:
    print(int(Num(5)), float(Num(2.5)), int(OnlyInt()), float(OnlyFloat()), float(Idx(3)))
    assert int(Num(5)) == 5 and float(OnlyFloat()) == 2.5 and float(Idx(3)) == 3.0
    print(int(Idx(4)), math.floor(Num(0)), math.ceil(Num(0)), math.trunc(Num(0)), round(Num(0)), round(Num(0), 2))
    assert int(Idx(4)) == 4 and round(Num(0), 2) == "round 2"


def test_int_conversion_errors() -> None:
    msgs = []
    try:
        int(Num("x"))
    except TypeError as e:
        msgs.append(str(e))
    try:
        float(Num(1))
    except TypeError as e:
        msgs.append(str(e))
    try:
        int(Plain())  # type: ignore
    except TypeError as e:
        msgs.append(str(e))
    try:
        float(Plain())  # type: ignore
    except TypeError as e:
        msgs.append(str(e))
    for m in msgs:
        print(m)
    assert msgs[0] == "__int__ returned non-int (type str)"
    assert msgs[1] == "Num.__float__ returned non-float (type int)"
    assert msgs[2] == "int() argument must be a string, a bytes-like object or a real number, not 'Plain'"
    assert msgs[3] == "float() argument must be a string or a real number, not 'Plain'"


def test_index_uses() -> None:
    xs = [10, 20, 30, 40, 50]
    i = Idx(2)
    print(xs[i], xs[Idx(-1)], xs[Idx(1):Idx(3)], "abcdef"[Idx(3)], (1, 2, 3)[Idx(0)])
    assert xs[i] == 30 and xs[Idx(1):Idx(3)] == [20, 30]
    print(list(range(Idx(4))), list(range(Idx(1), Idx(7), Idx(2))), hex(Idx(255)), bin(Idx(5)), oct(Idx(8)))
    assert list(range(Idx(1), Idx(7), Idx(2))) == [1, 3, 5] and hex(Idx(255)) == "0xff"
    print(operator.index(Idx(9)), "ab" * Idx(3), [0] * Idx(2), Idx(3).__index__())
    assert "ab" * Idx(3) == "ababab"


def test_index_in_range_loop() -> None:
    total = 0
    for k in range(Idx(5)):
        total += k
    n = 0
    for k in range(Idx(2), Idx(12), Idx(3)):
        n += k
    print(total, n)
    assert total == 10 and n == 2 + 5 + 8 + 11


def test_index_errors() -> None:
    try:
        [1, 2][Num("a")]  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "__index__ returned non-int (type str)"
    try:
        [1, 2][Plain()]  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "list indices must be integers or slices, not Plain"
    try:
        range(Plain())  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "'Plain' object cannot be interpreted as an integer"
    try:
        [1, 2][Idx(5)]
    except IndexError as e:
        print(e)
        assert str(e) == "list index out of range"


def test_typed_locals_with_objects() -> None:
    n: int = 3
    f: float = 1.5
    v = Vec(1, 2)
    r1 = n + v
    r2 = n * v
    r3 = v * n
    print(r1, r2, r3)
    assert r1 == Vec(4, 5) and r2 == Vec(3, 6)
    try:
        f * v  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "unsupported operand type(s) for *: 'float' and 'Vec'"
    m: int = int(Num(7)) + n
    g: float = float(OnlyFloat()) * f
    print(m, g)
    assert m == 10 and g == 3.75


def test_operator_module() -> None:
    a, b = Vec(1, 2), Vec(3, 4)
    print(operator.add(a, b), operator.neg(a), operator.mul(a, 2), operator.matmul(a, b))
    assert operator.add(a, b) == Vec(4, 6)
    c = Acc()
    operator.iadd(c, 1)
    print(c.items)
    assert c.items == [("+=", 1)]


class Mirror:
    """Every reflected operator and comparison returns a marker object."""

    def __eq__(self, other: object) -> object:  # type: ignore[override]
        return ["eq", other]

    def __ne__(self, other: object) -> object:  # type: ignore[override]
        return ["ne", other]

    def __lt__(self, other: object) -> object:
        return "lt"

    def __gt__(self, other: object) -> object:
        return "gt"

    def __radd__(self, other: object) -> object:
        return ("radd", other)

    def __rsub__(self, other: object) -> object:
        return ("rsub", other)

    def __rmul__(self, other: object) -> object:
        return ("rmul", other)

    def __rtruediv__(self, other: object) -> object:
        return ("rtruediv", other)

    def __rfloordiv__(self, other: object) -> object:
        return ("rfloordiv", other)

    def __rmod__(self, other: object) -> object:
        return ("rmod", other)

    def __rpow__(self, other: object) -> object:
        return ("rpow", other)

    def __rlshift__(self, other: object) -> object:
        return ("rlshift", other)

    def __rand__(self, other: object) -> object:
        return ("rand", other)

    __hash__ = None  # type: ignore


def test_typed_values_meet_objects() -> None:
    n: int = 3
    f: float = 2.5
    s: str = "s"
    b: bool = True
    big: int = 10 ** 30
    xs: list = [1]
    m = Mirror()
    cmp = [n == m, n != m, n < m, n > m, f == m, f < m, s == m, s < m, b == m, big == m, big < m]
    print(cmp)
    assert cmp == [["eq", 3], ["ne", 3], "gt", "lt", ["eq", 2.5], "gt", ["eq", "s"], "gt", ["eq", True], ["eq", big], "gt"]
    ops = [n + m, f + m, s + m, big + m, n - m, f - m, n * m, s * m, xs * m, xs + m, n / m, f / m,
           n // m, f // m, n % m, f % m, n ** m, f ** m, n << m, n & m, b & m]
    print(ops)
    assert ops[0] == ("radd", 3) and ops[3] == ("radd", big) and ops[8] == ("rmul", [1]) and ops[-1] == ("rand", True)
    try:
        s % m  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "not all arguments converted during string formatting"
    r = "yes" if n < m else "no"
    print(r)
    assert r == "yes"
