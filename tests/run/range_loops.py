"""for-range loops: both the fast C-integer loop (short bounds) and the general loop
(bounds beyond 2**62), every step sign, break/continue/else, and the loop variable."""

BIG = 2**70


def collect(start: int, stop: int, step: int) -> list[int]:
    out = []
    for i in range(start, stop, step):
        out.append(i)
    return out


def collect2(start: int, stop: int) -> list[int]:
    out = []
    for i in range(start, stop):
        out.append(i)
    return out


def sum_below(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def first_multiple(start: int, stop: int, step: int, k: int) -> int:
    for i in range(start, stop, step):
        if i % k == 0:
            break
    else:
        return -1
    return i


def skip_odd(n: int) -> list[int]:
    out = []
    for i in range(n):
        if i % 2:
            continue
        out.append(i * i)
    return out


def last_value(n: int) -> int:
    i = -99
    for i in range(n):
        pass
    return i


def reassign_inside(n: int) -> list[int]:
    seen = []
    for i in range(n):
        seen.append(i)
        i = 1000
    return seen


def float_work(n: int) -> float:
    acc = 0.0
    for k in range(1, n, 3):
        acc += 1.0 / k
    return acc


def test_short_bounds_all_steps() -> None:
    print(collect(0, 10, 3), collect(10, 0, -3), collect(5, 5, 1), collect(-5, 5, 4))
    print(collect(3, -4, -1), collect2(-3, 3), collect(0, 1, 10**18))


def test_big_bounds_use_the_general_loop() -> None:
    print(collect(BIG, BIG + 3, 1))
    print(collect(BIG + 2, BIG - 1, -1))
    print(collect(-BIG, -BIG + 10, 4))
    print(collect(0, 3, BIG), collect(2**62 - 2, 2**62 + 2, 1))
    print(first_multiple(BIG, BIG + 100, 1, 7) - BIG)


def test_bounds_near_the_short_limit() -> None:
    top = 2**62 - 1
    print(collect(top - 3, top, 1))
    print(collect(top - 1, top + 1, 1))
    print(collect(-(2**62), -(2**62) + 2, 1))
    print(collect(top, top - 6, -2))


def test_zero_step() -> None:
    for step in (0,):
        try:
            collect(0, 10, step)
        except ValueError as e:
            print("ValueError:", e)


def test_break_continue_else() -> None:
    print(first_multiple(1, 20, 1, 7), first_multiple(1, 6, 1, 7), first_multiple(50, 0, -3, 11))
    print(skip_odd(10))


def test_loop_variable_semantics() -> None:
    print(last_value(5), last_value(0), reassign_inside(4))


def test_sums_and_floats() -> None:
    print(sum_below(10**6), sum_below(0), sum_below(-5))
    print(round(float_work(10000), 12))


def test_comprehensions_over_ranges() -> None:
    print([i * i for i in range(6)], [i for i in range(BIG, BIG + 2)])
    print({i: i % 3 for i in range(-3, 4)}, [j for i in range(3) for j in range(i, 4, 2)])


LIMIT = 5
START = 2


class Idx:
    def __index__(self) -> int:
        return 3


def over_globals() -> list[int]:
    out = []
    for i in range(START, LIMIT):
        out.append(i)
    return out


def over_objects(a, b) -> list:
    out = []
    for i in range(a, b):
        out.append(i)
    return out


def test_bounds_of_any_type() -> None:
    print(over_globals(), over_objects(1, Idx()), over_objects(True, 3))
    for bad in (1.5, "3", None):
        try:
            over_objects(0, bad)
        except TypeError as e:
            print("TypeError:", e)
