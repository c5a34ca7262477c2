"""Fast paths of object-oriented code and what must still see through them:
module constants whose check one read reuses for the next (rebound between two
reads by a call, by a finalizer run by a release, from outside), list.pop() of
the last item (sizes and errors as list's own), and direct method calls on an
exact native type (a Python subclass overriding them, a method replaced on the
class)."""

import sys
from typing import Optional

FLAG_A = 1
FLAG_B = 2
FLAG_C = 4

mod = sys.modules[__name__]


def rebind_b(value: int) -> int:
    setattr(mod, "FLAG_B", value)
    return 0


def reads_around_call(x: int) -> tuple[int, int, int, int]:
    first = (x & FLAG_A) | FLAG_B  # one check, the second read reuses it
    rebind_b(40)
    second = FLAG_B | FLAG_C  # a call in between: checked again
    third = FLAG_A + FLAG_B
    rebind_b(2)
    return first, second, third, FLAG_B


def test_constant_rebound_by_a_call_between_reads() -> None:
    print(reads_around_call(3))
    print(reads_around_call(0), FLAG_B)


class Rebinder:
    def __init__(self, value: int) -> None:
        self.value = value

    def __del__(self) -> None:
        setattr(mod, "FLAG_C", self.value)


def reads_around_release() -> tuple[int, int, int]:
    r: Optional[Rebinder] = Rebinder(64)
    a = FLAG_A | FLAG_C
    r = None  # the release runs __del__, which rebinds FLAG_C
    b = FLAG_A | FLAG_C
    setattr(mod, "FLAG_C", 4)
    return a, b, FLAG_C if r is None else -1


def test_constant_rebound_by_a_finalizer_between_reads() -> None:
    print(reads_around_release())


def branchy(x: int) -> int:
    if x > 0:
        y = x & FLAG_A
    else:
        y = x | FLAG_B
    return y + FLAG_C  # every path checked: reused


def test_constant_reads_on_joined_paths() -> None:
    print(branchy(5), branchy(-6))
    setattr(mod, "FLAG_C", 100)
    print(branchy(5), branchy(-6))
    setattr(mod, "FLAG_C", 4)
    print(branchy(5), branchy(-6))


def pops(n: int) -> list[int]:
    xs: list[int] = list(range(n))
    out: list[int] = []
    sizes: list[int] = []
    while xs:
        out.append(xs.pop())
        sizes.append(sys.getsizeof(xs))
    return out + sizes


def test_list_pop_last_keeps_list_behaviour() -> None:
    print(pops(0), pops(1), pops(9))
    grown: list[str] = []
    for i in range(40):
        grown.append(str(i))
    seen: list[str] = []
    while len(grown) > 3:
        seen.append(grown.pop())
        seen.append(str(sys.getsizeof(grown)))
    print(seen, grown)
    empty: list[int] = []
    try:
        empty.pop()
    except IndexError as e:
        print("IndexError", e)
    objs: list[object] = [object(), "x", 3]
    last = objs.pop()
    print(last, sys.getrefcount(last) > 0, len(objs))
    mid: list[int] = [1, 2, 3, 4]
    print(mid.pop(-1), mid.pop(1), mid.pop(0), mid)


class Shape:
    def __init__(self, size: int) -> None:
        self.size = size

    def area(self) -> int:
        return self.size * self.size

    def describe(self) -> str:
        return "shape " + str(self.area())


class Square(Shape):
    def area(self) -> int:
        return self.size * self.size + 1


def total_area(shapes: list[Shape]) -> int:
    t = 0
    for s in shapes:
        t += s.area()
    return t


def describe_all(shapes: list[Shape]) -> list[str]:
    return [s.describe() for s in shapes]


def test_methods_on_exact_types_and_python_subclasses() -> None:
    class Triangle(Square):
        def area(self) -> int:
            return self.size * self.size // 2

    shapes: list[Shape] = [Shape(2), Square(3), Triangle(4)]
    print(total_area(shapes), describe_all(shapes))
    original = Square.area
    Square.area = lambda self: 1000  # type: ignore[method-assign,assignment,misc]
    try:
        print(total_area(shapes), describe_all(shapes))
    finally:
        Square.area = original  # type: ignore[method-assign]
    print(total_area(shapes))


def count_from(start: int, n: int) -> int:
    t = 0
    for i in range(start, start + n):
        t = t + (i & 7) + (i | 1) - i
    return t


def test_long_int_loop_releases_its_values() -> None:
    # The general (long-int) copy of a loop releases what its int operations read.
    big = 2**70
    count_from(big, 10)
    before = sys.getallocatedblocks()
    total = count_from(big, 20000)
    grown = sys.getallocatedblocks() - before
    print(total, grown < 2000)


def int_locals(n: int) -> list[int]:
    big = 10**30 + n
    small = n & 3
    out: list[int] = [big - 10**30, small]
    for i in range(3):
        last = big * i  # a big int local rebound in a loop, read after it
        out.append(last // 10**29)
    out.append(last % 7)
    del small
    try:
        out.append(small)  # type: ignore[misc]  # noqa: F821
    except NameError as e:  # UnboundLocalError
        out.append(len(type(e).__name__))
    return out


def int_local_gen(n: int):  # type: ignore[no-untyped-def]
    big = 2**80 + n
    for i in range(n):
        yield big + i
    yield big


def test_int_locals_die_at_last_use() -> None:
    print(int_locals(5), int_locals(2**70))
    print(list(int_local_gen(3)))
    g = int_local_gen(4)
    print(next(g), next(g))
    g.close()
