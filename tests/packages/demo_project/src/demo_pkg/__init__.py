"""oxyc's example package: every module but `plugins` is compiled."""

from .core import fib, primes_below
from . import shapes
from .shapes.circle import Circle

__version__ = "0.3.1"
__all__ = ["fib", "primes_below", "shapes", "Circle", "describe"]


def describe() -> str:
    return f"demo_pkg {__version__}: fib(20) = {fib(20)}"
