"""Tuple locals that compiled code keeps as their items (no tuple object): built from
tuple displays and unboxed results, read by unpacking, literal indices and len(),
returned whole; unbound and deleted locals, swaps, failures half-way through a
display, finalizer timing, and locals that stay tuples because of another mention."""

from typing import Optional


def split_pair(a: int, b: int) -> tuple[int, int]:
    return a // b, a % b


def from_display(n: int) -> int:
    total = 0
    for i in range(1, n):
        p = (i, i * i)
        x, y = p
        total += x + y + p[0] * p[-1] + len(p)
    return total


def from_unboxed_call(n: int) -> list[int]:
    out: list[int] = []
    for i in range(1, n):
        p = split_pair(n * 7, i)
        q, r = p
        out.append(q * 10 + r + p[1] - p[-2])
    return out


def swapped(a: str, b: str) -> tuple[str, str]:
    p = (a, b)
    p = (p[1], p[0])
    return p


def mixed(n: int) -> tuple[int, float, str]:
    t = (n, n / 4, str(n))
    return t


def three_ways(flag: bool) -> str:
    if flag:
        p = ("yes", 1)
    else:
        p = ("no", 2)
    word, count = p
    return word * count


def maybe_unbound(flag: bool) -> int:
    if flag:
        p = (1, 2)
    return p[0] + p[1]


def float_first(flag: bool) -> float:
    if flag:
        p = (0.0, True)
    return p[0] + 1 if p[1] else -1.0


def deleted() -> int:
    p = (3, 4)
    a = p[0]
    del p
    return a + p[1]  # type: ignore[misc]


def test_items() -> None:
    print(from_display(6), from_unboxed_call(6))
    print(swapped("x", "y"), mixed(10), three_ways(True), three_ways(False))


def test_unbound() -> None:
    print(maybe_unbound(True), float_first(True))
    try:
        float_first(False)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    try:
        maybe_unbound(False)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    try:
        deleted()
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)


class Noisy:
    def __init__(self, name: str, log: list[str]) -> None:
        self.name = name
        self.log = log

    def __del__(self) -> None:
        self.log.append("del " + self.name)


def lifetimes(log: list[str]) -> None:
    p = (Noisy("a", log), Noisy("b", log))
    first, second = p
    log.append("unpacked " + first.name + second.name)
    del first
    del second
    log.append("locals gone")
    p = (Noisy("c", log), Noisy("d", log))
    log.append("rebound")
    log.append(p[0].name)
    del p
    log.append("deleted")
    p = (Noisy("e", log), Noisy("f", log))
    log.append(p[1].name)


def test_lifetimes() -> None:
    log: list[str] = []
    lifetimes(log)
    print(log)


def boom(x: int) -> int:
    if x == 3:
        raise ValueError("three")
    return x


def half_way(n: int) -> list[int]:
    out: list[int] = []
    p = (0, 0)
    for i in range(n):
        try:
            p = (i * 2, boom(i))
        except ValueError as e:
            out.append(-1)
            print("caught", e, "p still", p[0], p[1])
        out.append(p[0] + p[1])
    return out


def test_failure_keeps_old_value() -> None:
    print(half_way(5))


def still_a_tuple(n: int) -> tuple[tuple[int, int], bool]:
    p = (n, n + 1)
    seen = {p}
    return p, p in seen


def in_comprehension(n: int) -> list[int]:
    p = (n, 2)
    return [p[0] * k + p[1] for k in range(3)]


def shadowed(n: int) -> list[int]:
    p = (n, n + 1)
    ps = [(1, 2), (3, 4)]
    return [p[0] + p[1] for p in ps] + [p[0]]


def closure_sees(n: int) -> int:
    p = (n, n * 2)

    def inner() -> int:
        return p[0] + p[1]

    return inner()


def optional_pair(flag: bool) -> Optional[tuple[int, int]]:
    p = (1, 2) if flag else None
    return p


def test_other_mentions() -> None:
    print(still_a_tuple(4), in_comprehension(5), shadowed(9), closure_sees(3))
    print(optional_pair(True), optional_pair(False))


def index_errors() -> None:
    p = (1, 2)
    try:
        print(p[2])  # type: ignore[misc]
    except IndexError as e:
        print("IndexError:", e)
    print(p[-2], p[1], p[0:1], len(p))


def test_index_errors() -> None:
    index_errors()


def gen_with_pair(n: int):  # type: ignore[no-untyped-def]
    for i in range(n):
        p = (i, i + 1)
        yield p[0] * p[1]


def test_generator() -> None:
    print(list(gen_with_pair(4)))
