"""Hunt: operators and protocol dunders on native classes, called from compiled
code with typed operands, through `object`, and with Python subclasses that
override the reflected method (which Python must try first)."""

from typing import Iterator, Optional


class V:
    x: int

    def __init__(self, x: int) -> None:
        self.x = x

    def __repr__(self) -> str:
        return "V(" + str(self.x) + ")"

    def __add__(self, o: "V") -> "V":
        return V(self.x + o.x)

    def __sub__(self, o: "V") -> "V":
        return V(self.x - o.x)

    def __mul__(self, k: int) -> "V":
        return V(self.x * k)

    def __rmul__(self, k: int) -> "V":
        return V(k * self.x * 10)

    def __neg__(self) -> "V":
        return V(-self.x)

    def __pos__(self) -> "V":
        return V(self.x + 1000)

    def __invert__(self) -> "V":
        return V(~self.x)

    def __abs__(self) -> int:
        return abs(self.x)

    def __lt__(self, o: "V") -> bool:
        return self.x < o.x

    def __le__(self, o: "V") -> bool:
        return self.x <= o.x

    def __eq__(self, o: object) -> bool:
        return isinstance(o, V) and o.x == self.x

    def __hash__(self) -> int:
        return hash(self.x)

    def __floordiv__(self, o: "V") -> "V":
        return V(self.x // o.x)

    def __mod__(self, o: "V") -> "V":
        return V(self.x % o.x)

    def __pow__(self, k: int) -> "V":
        return V(self.x**k)

    def __lshift__(self, k: int) -> "V":
        return V(self.x << k)

    def __and__(self, o: "V") -> "V":
        return V(self.x & o.x)

    def __matmul__(self, o: "V") -> int:
        return self.x * o.x


def add(a: V, b: V) -> V:
    return a + b


def sub(a: V, b: V) -> V:
    return a - b


def lt(a: V, b: V) -> bool:
    return a < b


def gt(a: V, b: V) -> bool:
    return a > b


def ge(a: V, b: V) -> bool:
    return a >= b


def eq(a: V, b: V) -> bool:
    return a == b


def ne(a: V, b: V) -> bool:
    return a != b


def mul(a: V, k: int) -> V:
    return a * k


def rmul(k: int, a: V) -> V:
    return k * a


def unary(a: V) -> list[object]:
    return [-a, +a, ~a, abs(a)]


def misc(a: V, b: V) -> list[object]:
    return [a // b, a % b, a**3, a << 70, a & b, a @ b]


def gadd(a: object, b: object) -> object:
    return a + b  # type: ignore[operator]


def test_basic_ops() -> None:
    a, b = V(7), V(3)
    print(add(a, b), sub(a, b), mul(a, 4), rmul(4, a), unary(a), misc(a, b))
    assert add(a, b).x == 10 and rmul(4, a).x == 280
    print(lt(a, b), gt(a, b), ge(a, b), eq(a, V(7)), ne(a, V(7)), eq(a, b), ne(a, b))
    print(gadd(a, b), a @ b)
    print(misc(V(-7), V(2)), misc(V(2**62), V(2**62 + 1)))


def test_chained_compare() -> None:
    a, b, c = V(1), V(2), V(3)
    print(a < b < c, a < c < b, a <= a <= b, c > b > a)
    assert a < b < c


class Sub(V):
    def __radd__(self, o: "V") -> "V":
        return V(-999)

    def __rsub__(self, o: "V") -> "V":
        return V(-888)

    def __gt__(self, o: "V") -> bool:
        return True

    def __eq__(self, o: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 1


def test_reflected_priority_native_subclass() -> None:
    a, s = V(1), Sub(2)
    print(add(a, s), sub(a, s), lt(a, s), eq(a, s), ne(a, s), gadd(a, s))
    assert add(a, s).x == -999
    assert sub(a, s).x == -888
    assert lt(a, s) is True
    assert eq(a, s) is True
    assert ne(a, s) is False


def test_reflected_priority_python_subclass() -> None:
    class PS(V):
        def __radd__(self, o: V) -> V:
            return V(-1)

        def __gt__(self, o: V) -> bool:
            return True

        def __ge__(self, o: V) -> bool:
            return False

        def __eq__(self, o: object) -> bool:
            return True

        __hash__ = V.__hash__

    a, s = V(1), PS(5)
    print(add(a, s), lt(a, s), eq(a, s), ne(a, s))
    assert add(a, s).x == -1
    assert lt(a, s) is True
    assert eq(a, s) is True
    assert ne(a, s) is False
    print(add(s, a), lt(s, a), gt(V(100), s))


def test_python_subclass_operator_override() -> None:
    class PM(V):
        def __add__(self, o: V) -> V:
            return V(self.x * 100 + o.x)

        def __neg__(self) -> V:
            return V(12345)

        def __lt__(self, o: V) -> bool:
            return False

    p = PM(2)
    print(add(p, V(3)), unary(p)[0], lt(p, V(100)), add(V(3), p))
    assert add(p, V(3)).x == 203
    assert lt(p, V(100)) is False


class NI:
    v: int

    def __init__(self, v: int) -> None:
        self.v = v

    def __add__(self, o: object) -> object:
        if isinstance(o, NI):
            return NI(self.v + o.v)
        if isinstance(o, int):
            return NI(self.v + o)
        return NotImplemented

    def __radd__(self, o: object) -> object:
        if isinstance(o, int):
            return NI(o * 1000 + self.v)
        return NotImplemented

    def __iadd__(self, o: object) -> object:
        if isinstance(o, int):
            self.v += o
            return self
        return NotImplemented

    def __eq__(self, o: object) -> bool:
        if not isinstance(o, NI):
            return NotImplemented
        return self.v == o.v

    def __lt__(self, o: object) -> bool:
        if not isinstance(o, NI):
            return NotImplemented
        return self.v < o.v

    def __repr__(self) -> str:
        return "NI(" + str(self.v) + ")"


def ni_add(a: NI, b: object) -> object:
    return a + b


def ni_radd(b: object, a: NI) -> object:
    return b + a


def ni_iadd(a: NI, b: object) -> object:
    c = a
    c += b  # type: ignore[misc]
    return c


def ni_eq(a: NI, b: object) -> bool:
    return a == b


def ni_lt(a: NI, b: object) -> bool:
    return a < b


def test_notimplemented() -> None:
    a = NI(1)
    print(ni_add(a, NI(2)), ni_add(a, 5), ni_radd(5, a))
    try:
        ni_add(a, "s")
    except TypeError as e:
        print("TypeError", e)
    try:
        ni_radd("s", a)
    except TypeError as e:
        print("TypeError", e)
    print(ni_eq(a, NI(1)), ni_eq(a, 1), ni_eq(a, a), ni_eq(a, "x"))
    try:
        ni_lt(a, 3)
    except TypeError as e:
        print("TypeError", e)
    print(ni_lt(a, NI(2)))
    b = NI(10)
    r = ni_iadd(b, 5)
    print(r, r is b, b)
    r2 = ni_iadd(b, NI(1))
    print(r2, r2 is b, b)
    assert r2 is not b
    try:
        ni_iadd(b, "q")
    except TypeError as e:
        print("TypeError", e)


class EqOnly:
    k: int

    def __init__(self, k: int) -> None:
        self.k = k

    def __eq__(self, o: object) -> bool:
        return isinstance(o, EqOnly) and o.k == self.k


def test_eq_without_hash_unhashable() -> None:
    e = EqOnly(1)
    print(EqOnly.__hash__ is None)
    try:
        hash(e)
        print("hashable")
    except TypeError as ex:
        print("TypeError", ex)
    try:
        d = {e: 1}
        print(len(d))
    except TypeError as ex:
        print("TypeError", ex)
    print(e == EqOnly(1), e != EqOnly(1), e != EqOnly(2))


class HashWeird:
    h: int

    def __init__(self, h: int) -> None:
        self.h = h

    def __hash__(self) -> int:
        return self.h

    def __eq__(self, o: object) -> bool:
        return self is o


def test_hash_edges() -> None:
    for v in [0, -1, -2, 2**61 - 1, 2**61, 2**64, -(2**64), 2**100]:
        print(v, hash(HashWeird(v)))
    hs = [HashWeird(1), HashWeird(1)]
    d = {hs[0]: "a", hs[1]: "b"}
    print(len(d), sorted(d.values()))


class Truthy:
    n: int

    def __init__(self, n: int) -> None:
        self.n = n

    def __bool__(self) -> bool:
        return self.n > 0


class Sized:
    n: int

    def __init__(self, n: int) -> None:
        self.n = n

    def __len__(self) -> int:
        return self.n


class Plain:
    pass


def truth(o: Truthy) -> str:
    r = ""
    if o:
        r += "T"
    else:
        r += "F"
    if not o:
        r += "!"
    r += str(bool(o))
    x = o and 5
    r += str(x == 5)
    return r


def sized_truth(o: Sized) -> str:
    try:
        return ("T" if o else "F") + str(len(o))
    except (ValueError, OverflowError) as e:
        return type(e).__name__ + ": " + str(e)


def test_bool_len() -> None:
    print(truth(Truthy(1)), truth(Truthy(0)), truth(Truthy(-1)))
    print([sized_truth(Sized(n)) for n in [0, 1, -1, 2**62, 2**63, 2**64]])
    p = Plain()
    print(bool(p), not p)
    o: object = Sized(0)
    print(bool(o))

    class PT(Truthy):
        def __bool__(self) -> bool:
            return True

    print(truth(PT(-5)))


def test_bool_wrong_return() -> None:
    class BadBool(Truthy):
        def __bool__(self):  # type: ignore[no-untyped-def]
            return 1

    try:
        print(truth(BadBool(1)))
    except TypeError as e:
        print("TypeError", e)


class Bag:
    items: list[int]

    def __init__(self, n: int) -> None:
        self.items = list(range(n))

    def __iter__(self) -> Iterator[int]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, x: int) -> bool:
        return x in self.items and x != 2

    def __getitem__(self, i: int) -> int:
        return self.items[i] * 10


class Seq:
    n: int

    def __init__(self, n: int) -> None:
        self.n = n

    def __getitem__(self, i: int) -> int:
        if i >= self.n:
            raise IndexError(i)
        return i * i


def iterate_bag(b: Bag) -> list[int]:
    out = []
    for x in b:
        out.append(x)
    return out


def iterate_seq(s: Seq) -> list[int]:
    out = []
    for x in s:  # type: ignore[attr-defined]
        out.append(x)
    return out


def test_iter_protocols() -> None:
    b = Bag(5)
    print(iterate_bag(b), len(b), 2 in b, 3 in b, 9 in b, b[2], b[-1])
    s = Seq(4)
    print(iterate_seq(s), 9 in s, 10 in s, list(s), sorted(s, reverse=True))  # type: ignore[operator, call-overload]
    assert iterate_seq(s) == [0, 1, 4, 9]
    print(sum(b), max(s), [x + 1 for x in b], {x for x in s})  # type: ignore[call-overload, attr-defined]


class Grid:
    data: dict[tuple[int, int], str]

    def __init__(self) -> None:
        self.data = {}

    def __getitem__(self, k: tuple[int, int]) -> str:
        return self.data.get(k, ".")

    def __setitem__(self, k: tuple[int, int], v: str) -> None:
        self.data[k] = v

    def __delitem__(self, k: tuple[int, int]) -> None:
        del self.data[k]


def grid_ops(g: Grid) -> str:
    g[0, 0] = "a"
    g[1, 2] = "b"
    del g[0, 0]
    return g[0, 0] + g[1, 2] + g[5, 5]


def test_items() -> None:
    g = Grid()
    print(grid_ops(g), sorted(g.data))
    try:
        del g[9, 9]
    except KeyError as e:
        print("KeyError", e)


class Slicer:
    def __getitem__(self, k: object) -> str:
        return repr(k)


def test_slices() -> None:
    s = Slicer()
    print(s[1], s[1:2], s[::-1], s[1, 2:3], s[...], s["k"])


class Fn:
    base: int

    def __init__(self, base: int) -> None:
        self.base = base

    def __call__(self, a: int, b: int = 1, c: int = 0) -> int:
        return self.base + a * b + c


def call_fn(f: Fn) -> list[int]:
    return [f(1), f(2, 3), f(a=4), f(1, c=100), f(b=2, a=5)]


def test_call() -> None:
    f = Fn(10)
    print(call_fn(f), callable(f), callable(Plain()))
    try:
        f()  # type: ignore[call-arg]
    except TypeError as e:
        print("TypeError", e)
    g: object = f
    print(g(3))  # type: ignore[operator]


class R:
    v: int

    def __init__(self, v: int) -> None:
        self.v = v

    def __repr__(self) -> str:
        return "R<" + str(self.v) + ">"


class S(R):
    def __str__(self) -> str:
        return "S:" + str(self.v)

    def __format__(self, spec: str) -> str:
        return "fmt[" + spec + "]"


def reprs(r: R) -> list[str]:
    return [repr(r), str(r), f"{r}", f"{r!r}", f"{r:>5}" if isinstance(r, S) else "-", "%s" % (r,)]


def test_repr_str() -> None:
    print(reprs(R(1)), reprs(S(2)), [R(3), S(4)], {"k": R(5)})
    p = Plain()
    print(repr(p).startswith("<hunt_native_ops.Plain object at"))


class Idx:
    i: int

    def __init__(self, i: int) -> None:
        self.i = i

    def __index__(self) -> int:
        return self.i

    def __int__(self) -> int:
        return self.i + 1

    def __float__(self) -> float:
        return 0.5


def test_index_int_float() -> None:
    k = Idx(2)
    lst = [10, 20, 30, 40]
    print(lst[k], list(range(k)), hex(k), int(k), float(k), lst[Idx(-1)], bin(Idx(5)))
    print("ab" * Idx(3), [0] * Idx(2))


class Rev:
    v: int

    def __init__(self, v: int) -> None:
        self.v = v

    def __rsub__(self, o: int) -> int:
        return o - self.v * 2

    def __rtruediv__(self, o: float) -> float:
        return o / self.v

    def __rpow__(self, o: int) -> int:
        return o ** self.v


def rev_ops(r: Rev) -> list[object]:
    return [10 - r, 3.0 / r, 2**r]


def test_reflected_with_builtins() -> None:
    print(rev_ops(Rev(4)))
    try:
        print(Rev(1) - 3)  # type: ignore[operator]
    except TypeError as e:
        print("TypeError", e)


class Acc:
    total: int

    def __init__(self) -> None:
        self.total = 0

    def __iadd__(self, k: int) -> "Acc":
        self.total += k
        return self

    def __isub__(self, k: int) -> "Acc":
        self.total -= k
        return self


class AddOnly:
    n: int

    def __init__(self, n: int) -> None:
        self.n = n

    def __add__(self, k: int) -> "AddOnly":
        return AddOnly(self.n + k)


def inplace(a: Acc, b: AddOnly) -> list[object]:
    a0 = a
    a += 5
    a -= 2
    b0 = b
    b += 3
    return [a is a0, a.total, b is b0, b.n, b0.n]


class HasAcc:
    acc: Acc
    ao: AddOnly

    def __init__(self) -> None:
        self.acc = Acc()
        self.ao = AddOnly(1)

    def bump(self) -> None:
        self.acc += 7
        self.ao += 7


def test_inplace() -> None:
    print(inplace(Acc(), AddOnly(1)))
    h = HasAcc()
    keep = h.acc
    keep2 = h.ao
    h.bump()
    h.bump()
    print(h.acc.total, h.acc is keep, h.ao.n, h.ao is keep2, keep2.n)
    assert h.ao.n == 15


class Cmp:
    v: int

    def __init__(self, v: int) -> None:
        self.v = v

    def __lt__(self, o: "Cmp") -> bool:
        return self.v < o.v

    def __repr__(self) -> str:
        return "C" + str(self.v)


def test_sort_and_minmax() -> None:
    cs = [Cmp(3), Cmp(1), Cmp(2)]
    print(sorted(cs), min(cs), max(cs))
    try:
        print(Cmp(1) <= Cmp(2))  # type: ignore[operator]
    except TypeError as e:
        print("TypeError", e)
    print(Cmp(5) > Cmp(2))


class Extra:
    """Operator methods with a parameter beyond the operands, defaulted: `a ** b`
    calls `__pow__(a, b)` and the default applies (mod is for pow() only)."""

    def __init__(self, tag: int) -> None:
        self.tag = tag

    def __pow__(self, other: int, mod: "int | None" = None) -> str:
        return f"pow {self.tag} {other} {mod}"

    def __add__(self, other: int, scale: int = 10) -> int:
        return other * scale + self.tag

    def __neg__(self, sign: int = -1) -> int:
        return sign * self.tag

    def __iadd__(self, other: int, scale: int = 100) -> int:
        return other * scale


def power(e: Extra, k: int) -> str:
    return e**k


def test_operator_methods_with_defaulted_extras() -> None:
    e = Extra(1)
    print(power(e, 2), pow(e, 3, 5), e + 4, -e)
    f = Extra(2)
    f += 2
    print(f)
