"""Recursive Fibonacci, fib(N).

Measures the cost of a call: about 7 million calls of a small function with
one int argument, a compare, two subtractions and an addition each.
"""

N = 32


def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def bench() -> int:
    return fib(N)


if __name__ == "__main__":
    print(bench())
