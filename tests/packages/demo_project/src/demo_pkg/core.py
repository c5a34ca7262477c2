"""Typed hot loops: what oxyc makes fast."""


def fib(n: int) -> int:
    a: int = 0
    b: int = 1
    for _ in range(n):
        a, b = b, a + b
    return a


def primes_below(n: int) -> list[int]:
    sieve = [True] * n
    out: list[int] = []
    for i in range(2, n):
        if sieve[i]:
            out.append(i)
            for j in range(i * i, n, i):
                sieve[j] = False
    return out


def where() -> tuple[str, str, str]:
    """The names the import system gave this module."""
    return (__name__, __package__ or "", __spec__.name if __spec__ is not None else "")
