"""Recursion that re-enters compiled code through Python: a compiled function passed
as a value, methods of ordinary (non-native) classes found by attribute lookup, and
callbacks through builtins.  Unbounded recursion must raise RecursionError, never
overflow the C stack."""

from typing import Any, Callable


def self_apply(g: Any, n: int) -> int:
    if n == 0:
        return 0
    return g(g, n - 1) + 1


def via_callable(g: Callable[[int], int], n: int) -> int:
    return g(n)


def countdown(n: int) -> int:
    if n == 0:
        return 0
    return via_callable(countdown, n - 1) + 1


class Dyn:
    def __init__(self) -> None:
        self.x = 1

    def down(self, n: int) -> int:
        if n == 0:
            return self.x
        return getattr(self, "down")(n - 1) + 1


def make_dyn() -> Dyn:
    d = Dyn()
    setattr(d, "extra", 2)
    return d


def through_map(n: int) -> int:
    if n == 0:
        return 0
    return sum(map(through_map, [n - 1])) + 1


def test_bounded_recursion_works() -> None:
    assert self_apply(self_apply, 300) == 300
    assert countdown(200) == 200
    assert make_dyn().down(300) == 301
    assert through_map(100) == 100
    print("bounded ok")


def test_unbounded_self_apply() -> None:
    try:
        self_apply(self_apply, 10**7)
        print("no error")
    except RecursionError:
        print("RecursionError")
    # The stack unwound: ordinary calls work again.
    print(self_apply(self_apply, 50))


def test_unbounded_callable() -> None:
    try:
        countdown(10**7)
        print("no error")
    except RecursionError:
        print("RecursionError")
    print(countdown(20))


def test_unbounded_method() -> None:
    d = make_dyn()
    try:
        d.down(10**7)
        print("no error")
    except RecursionError:
        print("RecursionError")
    print(d.down(10))


def test_unbounded_through_builtin() -> None:
    try:
        through_map(10**7)
        print("no error")
    except RecursionError:
        print("RecursionError")
    print(through_map(10))
