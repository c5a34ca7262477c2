"""Direct calls of module-level functions with and without the test that the
callee's `def` has run: a caller defined after the callee (a function, a method,
a nested function, a lambda) calls it directly; a caller defined before it, run
by a top-level statement between the two, still raises NameError."""

from typing import Callable


def uses_later(x: int) -> int:
    return later(x) + 1


try:
    print(uses_later(1))
except NameError as e:
    print("NameError", e)


def later(x: int) -> int:
    return x * 3


def after(x: int) -> int:
    return later(x) - 1


class Box:
    def __init__(self, v: int) -> None:
        self.v = v

    def tripled(self) -> int:
        return later(self.v)


def maker() -> Callable[[int], int]:
    def inner(y: int) -> int:
        return later(y) + after(y)

    return inner


def test_callers_after_the_callee() -> None:
    print(after(2), Box(4).tripled(), maker()(5), uses_later(6))
    f = lambda z: later(z) * 2  # noqa: E731
    print(f(7))


def test_many_calls() -> None:
    t = 0
    for i in range(1000):
        t += after(i) + Box(i).tripled()
    print(t)
