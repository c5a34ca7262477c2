"""Sum of the integers below N with a `while` loop.

Measures the cost of the most basic loop: an integer compare, two integer
additions and a branch per iteration. CPython boxes every intermediate
value; a compiler that keeps `int` in a machine word should not.
"""

N = 100_000_000


def sum_below(n: int) -> int:
    total: int = 0
    i: int = 0
    while i < n:
        total += i
        i += 1
    return total


def bench() -> int:
    return sum_below(N)


if __name__ == "__main__":
    print(bench())
