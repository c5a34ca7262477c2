"""A subpackage module reaching up with `..`."""

from ..core import fib
from .. import core


def shout(s: str) -> str:
    return s.upper() + "!"


def initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w)


def fib_words(n: int) -> str:
    return " ".join(str(core.fib(i)) for i in range(n)) + f" ({fib(n)})"
