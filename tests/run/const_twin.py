"""Module int constants read as literals, and the code that runs once one is
rebound in the middle of a call: a function whose check fails goes on in a copy
that reads every constant from the module dict (locals, owned objects, loops,
handlers and the int specialisation carried over), and a small function tests
them on entry. Rebinding by a call, by a finalizer, to a big int, to a str, and
deleting one, between reads and in loops; an unrelated global that keeps
changing; reference counts of what the function holds across the switch."""

import sys
from typing import Optional

MASK = 3
STEP = 2
LIMIT = 5
KIND = 1


def set_const(name: str, value: object) -> int:
    globals()[name] = value
    return 0


class Box:
    def __init__(self, v: int) -> None:
        self.v = v


def loop_with_rebind(n: int, at: int, value: int) -> list[int]:
    out: list[int] = []
    held = Box(7)
    total = 0
    for i in range(n):
        total += (i & MASK) + STEP + held.v
        out.append(total)
        if i == at:
            set_const("STEP", value)  # the rest of the loop reads the new STEP
    out.append(STEP)
    set_const("STEP", 2)
    return out


def test_rebound_in_the_middle_of_a_loop() -> None:
    print(loop_with_rebind(6, 2, 100))
    print(loop_with_rebind(4, 0, 10**20))
    print(loop_with_rebind(3, 99, 5))
    print(STEP)


def reads_after_calls(x: int) -> tuple[int, int, int]:
    a = x & MASK
    set_const("MASK", 12)
    b = x & MASK
    set_const("MASK", 3)
    c = x & MASK
    return a, b, c


def test_rebound_between_reads() -> None:
    print(reads_after_calls(15), reads_after_calls(6))


def to_str_then_read(x: int) -> int:
    y = x + LIMIT
    set_const("LIMIT", "five")
    try:
        return y + LIMIT
    except TypeError as e:
        print("TypeError", type(e).__name__)  # (the messages differ: docs/differences.md)
        return -1
    finally:
        set_const("LIMIT", 5)


def deleted_then_read(x: int) -> int:
    y = x + LIMIT
    del globals()["LIMIT"]
    try:
        return y + LIMIT
    except NameError as e:
        print("NameError", e)
        return y + KIND
    finally:
        globals()["LIMIT"] = 5


def test_rebound_to_a_str_or_deleted() -> None:
    print(to_str_then_read(1))
    print(deleted_then_read(2))
    print(to_str_then_read(3), deleted_then_read(4), LIMIT)


def handler_then_reads(xs: list[int]) -> list[int]:
    out: list[int] = []
    for x in xs:
        try:
            if x < 0:
                set_const("KIND", KIND + 1)
                raise ValueError(x)
            out.append(x * KIND + LIMIT)
        except ValueError:
            out.append(-KIND)
    set_const("KIND", 1)
    return out


def test_handlers_after_a_rebinding() -> None:
    print(handler_then_reads([1, 2, -1, 3, -2, 4]))
    print(handler_then_reads([5]))


class Rebinder:
    def __init__(self, value: int) -> None:
        self.value = value

    def __del__(self) -> None:
        globals()["MASK"] = self.value


class Holder:
    def __init__(self) -> None:
        self.item: Optional[object] = None


def finalizer_in_loop(n: int) -> list[int]:
    h = Holder()
    out: list[int] = []
    for i in range(n):
        out.append(i & MASK)
        h.item = Rebinder(1 if i % 2 == 0 else 3)  # the old one's __del__ rebinds
    h.item = None
    set_const("MASK", 3)
    return out


def test_rebound_by_a_finalizer_in_a_loop() -> None:
    print(finalizer_in_loop(6), MASK)


def small(x: int) -> int:
    return (x & MASK) + STEP


def small_after_call(x: int) -> int:
    set_const("STEP", x)
    return x + STEP


def test_small_functions() -> None:
    print(small(7), small(4))
    set_const("MASK", 1)
    print(small(7), small(4))
    set_const("STEP", 10**19)
    print(small(7))
    set_const("MASK", 3)
    set_const("STEP", 2)
    print(small(7), small_after_call(9), STEP, small(5))
    set_const("STEP", 2)


def long_ints(x: int, y: int) -> int:
    t = 0
    for i in range(3):
        t += (x + y) & MASK
        if i == 1:
            set_const("MASK", 255)
    set_const("MASK", 3)
    return t + STEP


def test_with_long_int_parameters() -> None:
    print(long_ints(5, 6), long_ints(10**20, 7), long_ints(-(10**30), 1))


def refcounts_across_switch() -> tuple[int, int]:
    o = object()
    keep = [o, o]
    before = sys.getrefcount(o)
    x = len(keep) & MASK
    set_const("MASK", 1)
    x += len(keep) & MASK
    after = sys.getrefcount(o)
    set_const("MASK", 3)
    return after - before, x


def test_references_kept_across_the_switch() -> None:
    print(refcounts_across_switch())
    o = object()
    base = sys.getrefcount(o)
    for _ in range(10):
        loop_with_rebind(3, 1, 4)
        refcounts_across_switch()
    print(sys.getrefcount(o) - base)


def churn(n: int) -> int:
    t = 0
    for i in range(n):
        globals()["SCRATCH"] = i  # not a constant: the constants stay valid
        t += STEP + (i & MASK)
    return t


def test_unrelated_global_changing() -> None:
    print(churn(300), churn(5))


def depth_sum(n: int) -> int:
    if n == 0:
        return STEP
    if n == 3:
        set_const("STEP", 20)  # deeper frames see 20; this one's rest reads it too
    r = depth_sum(n - 1) + STEP
    if n == 5:
        set_const("STEP", 2)
    return r


def closure_reads(k: int) -> list[int]:
    def inner(x: int) -> int:
        return (x & MASK) + STEP

    out = [inner(k)]
    set_const("STEP", 7)
    out.append(inner(k))
    set_const("STEP", 2)
    out.append(inner(k))
    return out


def test_recursion_and_closures() -> None:
    print(depth_sum(5), STEP)
    print(closure_reads(6), closure_reads(1))


counter = 0
holder: object = None


class SetsMaskWhenFreed:
    def __del__(self) -> None:
        globals()["MASK"] = 1


def count_with_constants(n: int) -> int:
    global counter
    t = 0
    for i in range(n):
        counter += 1  # a compiled global store: the constants stay valid
        t += (i & MASK) + STEP
    return t


def store_frees_a_rebinder() -> tuple[int, int]:
    global holder
    holder = SetsMaskWhenFreed()
    a = 7 & MASK
    holder = None  # the old value's __del__ rebinds MASK during this store
    b = 7 & MASK
    set_const("MASK", 3)
    return a, b


def test_compiled_global_stores() -> None:
    print(count_with_constants(50), counter)
    print(store_frees_a_rebinder(), MASK)
    print(count_with_constants(3), counter)
