"""Comparison methods made by a decorator: the wrapper it installs as `__eq__` or
`__lt__` is a plain function annotated `-> bool` that returns NotImplemented for
other types (mypy lets any function return NotImplemented), so the interpreter
falls back to the reflected operation or to identity."""

from functools import wraps
from typing import Any, Callable

Cmp = Callable[[Any, Any], bool]


def comparator(op: Cmp) -> Cmp:
    @wraps(op)
    def wrapper(self: "Version", other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return op(self, other)

    return wrapper


def only_ints(f: Callable[[int], bool]) -> Callable[[object], bool]:
    def check(x: object) -> bool:
        if not isinstance(x, int):
            return NotImplemented
        return f(x)

    return check


class Version:
    def __init__(self, major: int, minor: int) -> None:
        self.major = major
        self.minor = minor

    @comparator
    def __eq__(self, other: "Version") -> bool:
        return (self.major, self.minor) == (other.major, other.minor)

    @comparator
    def __lt__(self, other: "Version") -> bool:
        return (self.major, self.minor) < (other.major, other.minor)

    def __hash__(self) -> int:
        return hash((self.major, self.minor))


def test_wrapped_comparisons_decline_other_types() -> None:
    a, b = Version(1, 2), Version(1, 3)
    print(a == Version(1, 2), a == b, a < b, b < a)
    print(a == "1.2", a != "1.2", a in [1, "x", Version(1, 2)])
    try:
        print(a < 3)
    except TypeError as e:
        print("TypeError", e)
    print(sorted([b, a, Version(0, 9)], key=lambda v: (v.major, v.minor))[0].minor)


def test_a_plain_function_may_return_not_implemented() -> None:
    positive = only_ints(lambda n: n > 0)
    print(positive(3), positive(-1), positive("x") is NotImplemented)
