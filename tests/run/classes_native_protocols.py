"""Dunder methods of native classes (see classes_native.py for what keeps a class
native: no `__dict__`, `vars()`, `__setattr__` calls, computed setattr/delattr,
`__class__` stores or outside stores of undeclared attributes in this module).

Each protocol is used through the operator or builtin, from compiled code:
repr/str/format, rich comparisons with NotImplemented, hashing, truthiness,
len/getitem/setitem/delitem/contains/iter, call, arithmetic with reflected and
in-place forms, unary operators, int/float/index conversions."""

from typing import Iterator


class Num:
    v: int

    def __init__(self, v: int) -> None:
        self.v = v

    def __repr__(self) -> str:
        return f"Num({self.v})"

    def __str__(self) -> str:
        return f"n{self.v}"

    def __format__(self, spec: str) -> str:
        return f"<{spec}|{self.v}>"

    def __eq__(self, other: object) -> object:  # type: ignore[override]
        if isinstance(other, Num):
            return self.v == other.v
        return NotImplemented

    def __lt__(self, other: object) -> object:
        if isinstance(other, Num):
            return self.v < other.v
        return NotImplemented

    def __hash__(self) -> int:
        return self.v * 7

    def __bool__(self) -> bool:
        return self.v != 0

    def __add__(self, other: object) -> object:
        if isinstance(other, Num):
            return Num(self.v + other.v)
        if isinstance(other, int):
            return Num(self.v + other)
        return NotImplemented

    def __radd__(self, other: object) -> object:
        if isinstance(other, int):
            return Num(other + self.v + 1000)
        return NotImplemented

    def __iadd__(self, other: object) -> object:
        if isinstance(other, int):
            self.v += other
            return self
        return NotImplemented

    def __sub__(self, other: "Num") -> "Num":
        return Num(self.v - other.v)

    def __mul__(self, k: int) -> "Num":
        return Num(self.v * k)

    def __rmul__(self, k: int) -> "Num":
        return Num(k * self.v * 10)

    def __truediv__(self, k: int) -> float:
        return self.v / k

    def __floordiv__(self, k: int) -> "Num":
        return Num(self.v // k)

    def __mod__(self, k: int) -> "Num":
        return Num(self.v % k)

    def __pow__(self, k: int) -> "Num":
        return Num(self.v ** k)

    def __and__(self, o: "Num") -> "Num":
        return Num(self.v & o.v)

    def __or__(self, o: "Num") -> "Num":
        return Num(self.v | o.v)

    def __xor__(self, o: "Num") -> "Num":
        return Num(self.v ^ o.v)

    def __lshift__(self, n: int) -> "Num":
        return Num(self.v << n)

    def __rshift__(self, n: int) -> "Num":
        return Num(self.v >> n)

    def __matmul__(self, o: "Num") -> str:
        return f"{self.v}@{o.v}"

    def __neg__(self) -> "Num":
        return Num(-self.v)

    def __pos__(self) -> "Num":
        return Num(+self.v)

    def __abs__(self) -> "Num":
        return Num(abs(self.v))

    def __invert__(self) -> "Num":
        return Num(~self.v)

    def __int__(self) -> int:
        return self.v

    def __float__(self) -> float:
        return self.v + 0.25

    def __index__(self) -> int:
        return self.v


class Bag:
    def __init__(self) -> None:
        self.items: list = []
        self.calls = 0

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i: int) -> object:
        return self.items[i]

    def __setitem__(self, i: int, v: object) -> None:
        self.items[i] = v

    def __delitem__(self, i: int) -> None:
        del self.items[i]

    def __contains__(self, v: object) -> bool:
        return v in self.items

    def __iter__(self) -> Iterator[object]:
        return iter(self.items)

    def __call__(self, v: object, times: int = 1) -> "Bag":
        self.calls += 1
        for _ in range(times):
            self.items.append(v)
        return self


class Countdown:
    def __init__(self, n: int) -> None:
        self.n = n

    def __iter__(self) -> "Countdown":
        return self

    def __next__(self) -> int:
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


class Seq:
    """Iterable through __getitem__ alone."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __getitem__(self, i: int) -> int:
        if i >= self.n:
            raise IndexError(i)
        return i * i


class Plain:
    def __init__(self, v: int) -> None:
        self.v = v


class EqOnly:
    def __init__(self, v: int) -> None:
        self.v = v

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EqOnly) and self.v == other.v


def test_repr_str_format() -> None:
    n = Num(5)
    print(repr(n), str(n), n, [n], f"{n}", f"{n:>3}", format(n, "x"), f"{n!r}", "%s %r" % (n, n))
    assert repr(n) == "Num(5)" and str(n) == "n5" and f"{n:>3}" == "<>3|5>" and str([n]) == "[Num(5)]"


def test_comparisons() -> None:
    a, b = Num(1), Num(2)
    print(a == Num(1), a != b, a < b, b > a, a == 1, 1 != a, sorted([b, a, Num(0)]), max(a, b), min(a, b))  # type: ignore[type-var, call-overload]
    assert a == Num(1) and a < b and b > a and not (a == 1)
    try:
        a <= b  # type: ignore[operator]
    except TypeError as e:
        print(e)
        assert str(e) == "'<=' not supported between instances of 'Num' and 'Num'"
    try:
        a < 1  # type: ignore[operator]
    except TypeError as e:
        print(e)
        assert str(e) == "'<' not supported between instances of 'Num' and 'int'"


def test_hash_and_sets() -> None:
    print(hash(Num(3)), len({Num(3), Num(3), Num(4)}), {Num(1): "x"}[Num(1)])
    assert hash(Num(3)) == 21 and len({Num(3), Num(3), Num(4)}) == 2
    print(EqOnly.__hash__ is None, EqOnly(1) == EqOnly(1))
    try:
        hash(EqOnly(1))
    except TypeError as e:
        print(e)
        assert str(e) == "unhashable type: 'EqOnly'"


def test_truthiness() -> None:
    out: list = []
    for n in [Num(0), Num(3)]:
        out.append("t" if n else "f")
        out.append(not n)
    print(out, bool(Plain(0)), Num(0) or "fallback", Num(2) and "second")
    assert out == ["f", True, "t", False]


def test_arithmetic() -> None:
    a, b = Num(7), Num(3)
    r = [a + b, a + 1, 1 + a, a - b, a * 2, 2 * a, a / 2, a // 2, a % 4, a ** 2, a @ b]
    print(r)
    assert r[2] == Num(1008) and r[5] == Num(140) and r[6] == 3.5 and r[10] == "7@3"
    print(sum([Num(1), Num(2)]), sum([Num(1), Num(2)], Num(0)))
    assert sum([Num(1), Num(2)], Num(0)) == Num(3)


def test_bitwise_and_unary() -> None:
    a, b = Num(12), Num(10)
    r = [a & b, a | b, a ^ b, a << 2, a >> 2, -a, +a, abs(Num(-4)), ~a]
    print(r)
    assert r == [Num(8), Num(14), Num(6), Num(48), Num(3), Num(-12), Num(12), Num(4), Num(-13)]


def test_inplace() -> None:
    n = Num(1)
    same = n
    n += 5  # type: ignore[misc]
    print(n, n is same)
    assert n is same and n.v == 6
    n += Num(1)  # type: ignore[misc]
    print(n, n is same, same)
    assert n is not same and n == Num(7)
    m = Num(2)
    m *= 3
    print(m)
    assert m == Num(6)


def test_unsupported_operands() -> None:
    p = Plain(1)
    msgs = []
    try:
        p + 1  # type: ignore[operator]
    except TypeError as e:
        msgs.append(str(e))
    try:
        -p  # type: ignore[operator]
    except TypeError as e:
        msgs.append(str(e))
    # `Num(1) + "x"` is left out: compiled, a native class's __add__ returning
    # NotImplemented makes NotImplemented the result instead of a TypeError
    # (oxyc bug, see the report).
    try:
        len(p)  # type: ignore[arg-type]
    except TypeError as e:
        msgs.append(str(e))
    try:
        p[0]  # type: ignore[index]
    except TypeError as e:
        msgs.append(str(e))
    try:
        p()  # type: ignore[operator]
    except TypeError as e:
        msgs.append(str(e))
    for m in msgs:
        print(m)
    assert msgs == [
        "unsupported operand type(s) for +: 'Plain' and 'int'",
        "bad operand type for unary -: 'Plain'",
        "object of type 'Plain' has no len()",
        "'Plain' object is not subscriptable",
        "'Plain' object is not callable",
    ]


def test_conversions() -> None:
    n = Num(2)
    print(int(n), float(n), [10, 20, 30][n], hex(Num(255)), list(range(Num(3))), [0, 1, 2, 3][Num(1):Num(3)])
    assert int(n) == 2 and float(n) == 2.25 and [10, 20, 30][n] == 30 and [0, 1, 2, 3][Num(1):Num(3)] == [1, 2]
    total = 0
    for i in range(Num(4)):
        total += i
    print(total)
    assert total == 6


def test_container_protocol() -> None:
    b = Bag()
    b("x")("y", 2)
    print(len(b), b[0], b[-1], "y" in b, "z" in b, list(b), b.calls, bool(b))
    assert len(b) == 3 and list(b) == ["x", "y", "y"] and b.calls == 2
    b[0] = "first"
    del b[1]
    print(list(b), len(b))
    assert list(b) == ["first", "y"]
    try:
        b[10]
    except IndexError as e:
        print("IndexError", e)


def test_iterators() -> None:
    print(list(Countdown(3)), sum(Countdown(4)), list(Seq(4)), 9 in Seq(5), 10 in Seq(5))  # type: ignore[call-overload, operator]
    assert list(Countdown(3)) == [3, 2, 1] and list(Seq(4)) == [0, 1, 4, 9]  # type: ignore[call-overload]
    seen = []
    for v in Countdown(5):
        if v == 2:
            break
        seen.append(v)
    print(seen)
    assert seen == [5, 4, 3]
    a, b = Countdown(2)
    print(a, b)


def test_python_subclass_dunders() -> None:
    class Loud(Num):
        def __repr__(self) -> str:
            return "Loud" + super().__repr__()

        def __add__(self, other: object) -> object:
            return "loud-add"

        def __len__(self) -> int:
            return 42

    l = Loud(1)
    print(repr(l), l + 1, Num(1) + l, len(l), l == Num(1), hash(l))
    assert repr(l) == "LoudNum(1)" and l + 1 == "loud-add" and len(l) == 42
