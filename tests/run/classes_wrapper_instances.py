"""Decorator classes whose instances copy the wrapped function's metadata onto
themselves (functools.update_wrapper / functools.wraps): the instance must take the
attributes those set (__name__, __doc__, __wrapped__)."""

import functools
from typing import Any, Callable


class Memo:
    def __init__(self, fn: Callable[[int], int]) -> None:
        self.fn = fn
        self.cache: dict[int, int] = {}
        functools.update_wrapper(self, fn)

    def __call__(self, n: int) -> int:
        if n not in self.cache:
            self.cache[n] = self.fn(n)
        return self.cache[n]


class Counted:
    def __init__(self, fn: Callable[..., Any]) -> None:
        functools.wraps(fn)(self)
        self.fn = fn
        self.calls = 0

    def __call__(self, *args: Any) -> Any:
        self.calls += 1
        return self.fn(*args)


@Memo
def fib(n: int) -> int:
    """The n-th Fibonacci number."""
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def shout(s: str) -> str:
    """Upper case, with a bang."""
    return s.upper() + "!"


loud = Counted(shout)


def test_update_wrapper() -> None:
    print(fib(30), fib.__name__, fib.__doc__, len(fib.cache))  # type: ignore[attr-defined]
    print(fib.__wrapped__.__name__, fib.__qualname__)  # type: ignore[attr-defined]


def test_wraps() -> None:
    print(loud("hi"), loud("yo"), loud.calls, loud.__name__, loud.__doc__)  # type: ignore[attr-defined]
    print(loud.__wrapped__ is shout)  # type: ignore[attr-defined]
