"""for-loops over range() whose start and step are small literals: one C-counter loop,
whatever the stop (a long stop is clamped). Long stops on either side, breaks,
else clauses, __index__ stops, and the starts and steps that take the general loop."""

from typing import Any


class Idx:
    def __init__(self, v: int) -> None:
        self.v = v

    def __index__(self) -> int:
        return self.v


def first_of(n: int, k: int) -> list[int]:
    out: list[int] = []
    for i in range(n):
        if len(out) == k:
            break
        out.append(i)
    return out


def first_from_one(n: int, k: int) -> list[int]:
    out: list[int] = []
    for i in range(1, n):
        if len(out) == k:
            break
        out.append(i * i)
    else:
        out.append(-1)
    return out


def down_to(n: int, k: int) -> list[int]:
    out: list[int] = []
    for i in range(3, n, -2):
        if len(out) == k:
            break
        out.append(i)
    else:
        out.append(-99)
    return out


def stepped(n: int, k: int) -> list[int]:
    out: list[int] = []
    for i in range(0, n, 7):
        if len(out) == k:
            break
        out.append(i)
    return out


def test_long_stops() -> None:
    print(first_of(10**30, 5), first_of(2**62, 3), first_of(2**62 + 1, 3), first_of(2**63, 2))
    print(first_of(-10**30, 5), first_of(-2**62, 5), first_of(-2**62 - 1, 5))
    print(first_from_one(10**30, 4), first_from_one(-10**30, 4), first_from_one(5, 10))
    print(down_to(-10**30, 4), down_to(10**30, 4), down_to(-4, 10), down_to(-2**62 - 1, 3))
    print(stepped(2**64, 4), stepped(-2**64, 4), stepped(30, 10))


def test_boundaries() -> None:
    # Stops at and around the edge of the short range (2**62).
    for stop in (2**62 - 2, 2**62 - 1, 2**62, 2**62 + 1, -2**62, -2**62 - 1, -2**62 + 1):
        print(stop, first_of(stop, 2), down_to(stop, 2))


def count_to(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def test_short_stops() -> None:
    print([count_to(n) for n in (-3, 0, 1, 2, 10, 1000)])
    print(count_to(True), count_to(False))


def loop_any(n: Any) -> list[int]:
    out: list[int] = []
    for i in range(n):
        out.append(i)
        if i > 3:
            break
    return out


def test_index_stops() -> None:
    print(loop_any(Idx(3)), loop_any(Idx(10**20)), loop_any(Idx(-10**20)), loop_any(True))
    for bad in (1.5, "3", None):
        try:
            loop_any(bad)
        except TypeError as e:
            print("TypeError", e)


def nested(n: int) -> int:
    acc = 0
    for i in range(n):
        for j in range(i):
            if (i + j) % 3 == 0:
                continue
            acc += i * j
    return acc


def test_nested_and_continue() -> None:
    print([nested(n) for n in (0, 1, 5, 30)])


def after_loop(n: int) -> int:
    i = -7
    for i in range(2, n):
        pass
    return i


def bounds_once(n: int) -> list[int]:
    out: list[int] = []
    for i in range(n):
        n -= 1
        out.append(i + n)
    return out


def test_variable_after_and_bounds_once() -> None:
    print(after_loop(10), after_loop(2), after_loop(-5), after_loop(3))
    print(bounds_once(5))


def big_values(n: int) -> list[int]:
    out: list[int] = []
    for i in range(n):
        out.append(i * 2**62 + n)
        if i == 2:
            break
    return out


def test_big_arithmetic_on_counter() -> None:
    print(big_values(10**30), big_values(2))


def general_start(k: int) -> list[int]:
    out: list[int] = []
    for i in range(1099511627776, 1099511627776 + k):
        out.append(i)
    return out


def general_step(n: int) -> list[int]:
    out: list[int] = []
    for i in range(0, n, 100000):
        out.append(i)
        if len(out) == 3:
            break
    return out


def general_big_start(k: int) -> list[int]:
    out: list[int] = []
    for i in range(-2**64, -2**64 + k):
        out.append(i)
    return out


def test_general_loops() -> None:
    print(general_start(3), general_step(10**30), general_step(250000), general_big_start(2))


def step_zero(n: int) -> int:
    t = 0
    for i in range(0, n, 0):
        t += i
    return t


def test_step_zero() -> None:
    try:
        step_zero(5)
    except ValueError as e:
        print("ValueError", e)


def gen_range(n: int):  # type: ignore[no-untyped-def]
    for i in range(n):
        yield i


def test_in_generator() -> None:
    g = gen_range(10**40)
    print([next(g) for _ in range(4)])
    print(list(gen_range(3)))


def comp(n: int) -> list[int]:
    return [i * 3 for i in range(1, n) if i % 2]


def shadowing_comp(n: int) -> list[int]:
    # The comprehension's own n is bound only after range(n) has its stop.
    return [n * 2 for n in range(n)]


def stop_from_call(xs: list[int]) -> list[int]:
    return [i for i in range(len(xs) * 2) if i % 3 == 0]


def test_comprehension() -> None:
    print(comp(12), comp(-10**30), sum(1 for _ in range(0, 100, 3)))
    print(shadowing_comp(5), shadowing_comp(0), stop_from_call([1, 2, 3, 4]))
