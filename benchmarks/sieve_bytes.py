"""Sieve of Eratosthenes over a bytearray, for several limits.

For each limit in LIMITS (repeated ROUNDS times) a `bytearray` of ones marks
the candidates; for every prime p up to the square root of the limit, the
multiples from p*p on are struck out with one extended-slice assignment
`flags[p*p::p] = bytes(count)` (the count computed with integer arithmetic).
The primes are then counted with `bytearray.count`, and also by a plain
indexed loop over part of the array; the largest primes below the limit are
found by scanning backwards, and twin primes are counted by comparing the
array with a shifted slice of itself byte by byte (`zip` of two slices).

The checksum mixes the prime counts, the twin counts, the largest primes and
a weighted sum over a window of the flags.

Measures `bytearray` creation, extended-slice assignment, `bytes(n)`,
`bytearray.count`, indexing a bytearray (`int` results), slicing, `zip` over
bytes, and `for`/`while` loops with int arithmetic.
"""

LIMITS: list[int] = [1_000_000, 2_500_000, 123_457, 3_000_000, 777_777]
ROUNDS = 2
WINDOW = 200_000


def sieve(limit: int) -> bytearray:
    """flags[i] == 1 exactly when i is prime, for 0 <= i < limit."""
    flags = bytearray([1]) * limit
    flags[0] = 0
    if limit > 1:
        flags[1] = 0
    p = 2
    while p * p < limit:
        if flags[p]:
            start = p * p
            count = (limit - 1 - start) // p + 1
            flags[start::p] = bytes(count)
        p += 1
    return flags


def largest_primes(flags: bytearray, k: int) -> list[int]:
    found: list[int] = []
    i = len(flags) - 1
    while i >= 2 and len(found) < k:
        if flags[i]:
            found.append(i)
        i -= 1
    return found


def count_twins(flags: bytearray) -> int:
    twins = 0
    for x, y in zip(flags[:-2], flags[2:]):
        if x and y:
            twins += 1
    return twins


def window_sum(flags: bytearray, start: int, size: int) -> tuple[int, int]:
    primes = 0
    weighted = 0
    end = min(start + size, len(flags))
    for i in range(start, end):
        f = flags[i]
        primes += f
        weighted = (weighted + f * i) & 0xFFFFFFFF
    return primes, weighted


def bench() -> int:
    checksum = 0
    for round_no in range(ROUNDS):
        for limit in LIMITS:
            flags = sieve(limit + round_no)
            total = flags.count(1)
            twins = count_twins(flags)
            top = largest_primes(flags, 5)
            in_window, weighted = window_sum(flags, limit // 3, WINDOW)
            checksum = (checksum * 1000003 + total) & 0xFFFFFFFFFFFF
            checksum = (checksum * 31 + twins) & 0xFFFFFFFFFFFF
            for p in top:
                checksum = (checksum * 37 + p) & 0xFFFFFFFFFFFF
            checksum = (checksum * 41 + in_window + weighted) & 0xFFFFFFFFFFFF
    return checksum


if __name__ == "__main__":
    print(bench())
