"""Excluded from compilation ([tool.oxyc] exclude): stays ordinary Python and still
works with the compiled modules."""

from .core import fib
from .util.text import shout


def fib_banner(n: int) -> str:
    return shout(f"fib({n}) = {fib(n)}")
