"""Functions: positional and keyword arguments, defaults (evaluated once at
definition time, mutable defaults shared between calls), recursion (fib,
ackermann, mutual recursion), module globals read and rebound with `global`,
object-typed and untyped parameters, tuple returns."""

LIMIT: int = 100
COUNTER: int = 0
HISTORY: list[int] = []
NAMES = ["ann", "bob"]
SCALE: float = 1.5
GREETING: str = "Hello"


def greet(name: str, greeting: str = "Hello", punct: str = "!") -> str:
    return greeting + ", " + name + punct


def clamp(x: int, lo: int = 0, hi: int = LIMIT) -> int:
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


def set_limit(value: int) -> None:
    global LIMIT
    LIMIT = value


def get_limit() -> int:
    return LIMIT


def accumulate(x: int, acc: list[int] = []) -> list[int]:
    acc.append(x)
    return acc


def linear(x: float, a: float = 2.0, b: float = 0.5) -> float:
    return a * x + b


def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def fib_iter(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def ackermann(m: int, n: int) -> int:
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


def is_even(n: int) -> bool:
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n: int) -> bool:
    if n == 0:
        return False
    return is_even(n - 1)


def hof_f(n: int) -> int:
    if n == 0:
        return 1
    return n - hof_m(hof_f(n - 1))


def hof_m(n: int) -> int:
    if n == 0:
        return 0
    return n - hof_f(hof_m(n - 1))


def fast_pow(base: int, exp: int) -> int:
    if exp == 0:
        return 1
    half = fast_pow(base, exp // 2)
    if exp % 2 == 0:
        return half * half
    return half * half * base


def sum_to(n: int) -> int:
    if n == 0:
        return 0
    return n + sum_to(n - 1)


def bump(by: int = 1) -> int:
    global COUNTER
    COUNTER += by
    HISTORY.append(COUNTER)
    return COUNTER


def read_counter() -> int:
    return COUNTER


def reset_names() -> None:
    global NAMES
    NAMES = ["zed"]


def add_name(name: str) -> int:
    NAMES.append(name)
    return len(NAMES)


def describe(x: object) -> str:
    if x is None:
        return "none"
    if isinstance(x, bool):
        return "bool:" + str(x)
    if isinstance(x, int):
        return "int:" + str(x)
    if isinstance(x, float):
        return "float:" + repr(x)
    if isinstance(x, str):
        return "str:" + x
    if isinstance(x, list):
        return "list:" + str(len(x))
    if isinstance(x, dict):
        return "dict:" + str(len(x))
    if isinstance(x, tuple):
        return "tuple:" + str(len(x))
    return "other"


def add_any(a, b):
    return a + b


def combine(a, b=10, c="z"):
    return str(a) + "|" + str(b) + "|" + str(c)


def min_max(xs: list[int]) -> tuple[int, int]:
    lo = xs[0]
    hi = xs[0]
    for x in xs:
        if x < lo:
            lo = x
        if x > hi:
            hi = x
    return lo, hi


def first_negative(xs: list[int]) -> int:
    for i in range(len(xs)):
        if xs[i] < 0:
            return i
    return -1


def procedure(xs: list[int]) -> None:
    xs.append(len(xs))


def scaled(x: float) -> float:
    return x * SCALE


def test_default_arguments() -> None:
    r = [greet("Ann"), greet("Bob", "Hi"), greet("Cy", "Yo", "?"), clamp(-5), clamp(50), clamp(500), clamp(5, 10), clamp(5, 0, 3)]
    print(r)
    assert r == ["Hello, Ann!", "Hi, Bob!", "Yo, Cy?", 0, 50, 100, 10, 3]


def test_keyword_arguments() -> None:
    r = [
        greet(name="Dee"),
        greet(punct="?", name="Eve"),
        greet("Fay", punct="."),
        greet("Gus", greeting="Hey"),
        clamp(x=7, hi=5),
        clamp(hi=2**64, x=2**63),
        clamp(-1, lo=-(2**70)),
        linear(1.0, b=1.0),
        linear(2.0, a=0.25),
    ]
    print(r)
    assert r == ["Hello, Dee!", "Hello, Eve?", "Hello, Fay.", "Hey, Gus!", 5, 2**63, -1, 3.0, 1.0]


def test_default_evaluated_at_definition() -> None:
    before = clamp(1000)
    set_limit(5)
    after = clamp(1000)
    lim = get_limit()
    set_limit(100)
    print(before, after, lim, get_limit())
    assert before == 100
    assert after == 100
    assert lim == 5
    assert get_limit() == 100


def test_mutable_default_is_shared() -> None:
    a = accumulate(1)
    b = accumulate(2)
    c = accumulate(3, [])
    d = accumulate(4)
    print(a, b, c, d, a is b)
    assert a == [1, 2, 4]
    assert a is b
    assert c == [3]
    assert d is a


def test_recursive_fib() -> None:
    r = [fib(0), fib(1), fib(2), fib(10), fib(20), fib(24)]
    print(r)
    assert r == [0, 1, 1, 55, 6765, 46368]
    big = fib_iter(100)
    print(big, fib_iter(93), fib_iter(92))
    assert big == 354224848179261915075
    assert fib_iter(93) == 12200160415121876738
    assert fib_iter(92) == 7540113804746346429


def test_ackermann() -> None:
    r = [ackermann(0, 0), ackermann(1, 2), ackermann(2, 3), ackermann(3, 3), ackermann(3, 4)]
    print(r)
    assert r == [1, 4, 9, 61, 125]


def test_mutual_recursion() -> None:
    r = [is_even(0), is_even(7), is_even(100), is_odd(99), is_odd(0)]
    f = []
    m = []
    for i in range(15):
        f.append(hof_f(i))
        m.append(hof_m(i))
    print(r, f, m)
    assert r == [True, False, True, True, False]
    assert f == [1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 6, 7, 8, 8, 9]
    assert m == [0, 0, 1, 2, 2, 3, 4, 4, 5, 6, 6, 7, 7, 8, 9]


def test_recursion_with_big_ints() -> None:
    r = [fast_pow(3, 100), fast_pow(2, 64), fast_pow(-2, 63), fast_pow(7, 0), sum_to(500)]
    print(r)
    assert r == [515377520732011331036461129765621272702107522001, 2**64, -(2**63), 1, 125250]


def test_global_counter() -> None:
    start = read_counter()
    bump()
    bump(5)
    bump(by=2**63)
    end = read_counter()
    print(start, end, HISTORY)
    assert start == 0
    assert end == 9223372036854775814
    assert HISTORY == [1, 6, 9223372036854775814]


def test_global_rebinding() -> None:
    n1 = add_name("cy")
    names1 = list(NAMES)
    reset_names()
    n2 = add_name("amy")
    print(n1, names1, n2, NAMES)
    assert n1 == 3
    assert names1 == ["ann", "bob", "cy"]
    assert n2 == 2
    assert NAMES == ["zed", "amy"]


def test_object_parameter_dispatch() -> None:
    vals: list[object] = [None, True, 0, 2**64, 1.5, "s", [1, 2], {"a": 1}, (1, 2, 3), -0.0]
    out = []
    for v in vals:
        out.append(describe(v))
    print(out)
    assert out == ["none", "bool:True", "int:0", "int:18446744073709551616", "float:1.5", "str:s", "list:2", "dict:1", "tuple:3", "float:-0.0"]


def test_untyped_functions() -> None:
    r = [add_any(1, 2), add_any(1.5, 2), add_any("a", "b"), add_any([1], [2]), add_any(2**63, 2**63), add_any((1,), (2,)), add_any(True, True)]
    print(r)
    assert r == [3, 3.5, "ab", [1, 2], 2**64, (1, 2), 2]
    c = [combine(1), combine(1, 2), combine(1, c=3), combine(a="x", b=None)]
    print(c)
    assert c == ["1|10|z", "1|2|z", "1|10|3", "x|None|z"]


def test_tuple_returns_and_early_exit() -> None:
    lo, hi = min_max([3, -(2**64), 7, 2**63])
    print(lo, hi, min_max([5]))
    assert lo == -(2**64)
    assert hi == 2**63
    assert min_max([5]) == (5, 5)
    r = [first_negative([1, 2, -3, -4]), first_negative([]), first_negative([0])]
    print(r)
    assert r == [2, -1, -1]


def test_none_returning_procedure() -> None:
    xs = [7]
    procedure(xs)
    procedure(xs)
    print(xs)
    assert xs == [7, 1, 2]


def test_float_global_and_defaults() -> None:
    r = [scaled(2.0), linear(3.0), scaled(-0.5)]
    print(r, GREETING + " world")
    assert r == [3.0, 6.5, -0.75]


def walk_down(n: int, steps: int) -> int:
    # Recursion whose argument crosses the short/long int boundary on the way.
    if steps == 0:
        return n
    return walk_down(n - 1, steps - 1) + 0


def sum_pair(a: int, b: int) -> int:
    return a + b


def test_int_params_across_the_short_long_boundary() -> None:
    edge = 2**62
    r = [
        walk_down(edge + 2, 5),
        walk_down(-edge + 2, 5),
        walk_down(2**100, 3),
        walk_down(7, 7),
        sum_pair(edge - 1, 1),
        sum_pair(-edge, -1),
        sum_pair(2**64, -(2**64)),
        sum_pair(3, 2**70),
    ]
    print(r)
    assert r[0] == edge - 3 and r[1] == -edge - 3 and r[2] == 2**100 - 3 and r[3] == 0
    assert r[4:] == [edge, -edge - 1, 0, 2**70 + 3]
