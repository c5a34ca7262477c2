"""Functions annotated to return a fixed-length tuple that they always build in
their `return` statements return it unboxed to compiled callers: `a, b = f(x)` gets
the items without a tuple in between, any other use gets the tuple, and Python
callers get it from the wrapper. Also `a, b = x, y` without a tuple. The results
must be what the interpreter gives, tuple or not."""

from typing import Any, Iterator, List, Optional, Tuple


def divmod_pos(a: int, b: int) -> tuple[int, int]:
    q = a // b
    return q, a - q * b


def stats(xs: List[float]) -> Tuple[float, float, int]:
    if not xs:
        return 0.0, 0.0, 0
    lo = min(xs)
    return lo, max(xs), len(xs)


def tagged(x: Any) -> tuple[str, Any]:
    return type(x).__name__, x


def flags(n: int) -> tuple[bool, int, Optional[str]]:
    return n > 0, n * n, (None if n == 0 else str(n))


def fib_pair(n: int) -> tuple[int, int]:
    if n == 0:
        return 0, 1
    a, b = fib_pair(n - 1)
    return b, a + b


def big(n: int) -> tuple[int, int]:
    return 2 ** n, -(2 ** n)


def test_unpacked_and_whole() -> None:
    q, r = divmod_pos(17, 5)
    print(q, r)
    t = divmod_pos(-17, 5)
    print(t, type(t).__name__, t[0], t[1], len(t))
    print(stats([2.5, -1.0, 4.0]), stats([]))
    lo, hi, n = stats([3.0])
    print(lo, hi, n)
    print(fib_pair(30), [fib_pair(i)[0] for i in range(10)])
    a, b = big(70)
    print(a, b, big(3))


def test_items_keep_their_objects() -> None:
    s = "".join(["ab", "cd"])
    name, obj = tagged(s)
    print(name, obj is s)
    t = tagged([1, 2])
    print(t, t[1] is not None)
    print(flags(3), flags(0), flags(-2))
    ok, sq, txt = flags(4)
    print(ok, sq, txt, type(ok).__name__)


def test_from_python_and_as_value() -> None:
    f: Any = divmod_pos
    print(f(9, 4), f(b=3, a=10))
    g = globals()["stats"]
    print(g([1.0, 2.0]))
    print(list(map(divmod_pos, [7, 8], [2, 3])))


def test_wrong_counts_raise() -> None:
    try:
        a, b, c = divmod_pos(1, 1)  # type: ignore[misc]
        print(a, b, c)
    except ValueError as e:
        print("ValueError", e)
    try:
        (x,) = divmod_pos(1, 1)  # type: ignore[misc]
        print(x)
    except ValueError as e:
        print("ValueError", e)


def test_errors_in_the_callee() -> None:
    try:
        q, r = divmod_pos(1, 0)
        print(q, r)
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e)
    try:
        name, val = tagged(undefined_name)  # type: ignore[name-defined]  # noqa: F821
        print(name, val)
    except NameError as e:
        print("NameError", e)


calls: List[int] = []


def counted(n: int) -> tuple[int, str]:
    calls.append(n)
    try:
        return n + 1, "n" + str(n)
    finally:
        if n < 3:
            # The finally body calls it again before the first result is taken.
            print("inner", counted(n + 10))


class Noisy:
    def __init__(self, n: int) -> None:
        self.n = n

    def __del__(self) -> None:
        # Runs when the argument dies, right after the call returns.
        counted(100 + self.n)


def through(o: Noisy) -> tuple[int, str]:
    return o.n * 2, "through"


def test_reentry_keeps_items() -> None:
    a, b = counted(1)
    print(a, b, calls)
    x, y = through(Noisy(7))
    print(x, y, calls[-1])


def gen(n: int) -> Iterator[int]:
    for i in range(n):
        q, r = divmod_pos(i * 7, 3)
        yield q * 10 + r


def test_in_generators_and_loops() -> None:
    print(list(gen(5)))
    total = 0
    for i in range(1000):
        q, r = divmod_pos(i, 7)
        total += q - r
    print(total)


def test_plain_tuple_unpacking() -> None:
    a, b = 1, 2
    a, b = b, a
    print(a, b)
    x = [1, 2, 3]
    i = 0
    i, x[i] = 1, 9
    print(i, x)
    p: Any
    q: Any
    p, q = "s", [a]
    print(p, q)
    m: Any
    n: Any
    try:
        m, n = 1, 2, 3  # type: ignore[misc]
        print(m, n)
    except ValueError as e:
        print("ValueError", e)


def swap_sum(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def test_swaps() -> None:
    print(swap_sum(10), swap_sum(90))
