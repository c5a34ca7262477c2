"""A pipeline of generators over a stream of pseudo-random ints.

An LCG source yields STREAM ints; stages chained as generators drop some
(filter), transform the rest (map), group them into sliding windows of
WINDOW items (a list kept as a ring), and reduce each window to a summary;
the last stages run through `yield from` delegation and generator
expressions consumed by `sum`, `max` and `any`. Every stage is lazy: the
pipeline never holds more than one window.

The checksum mixes the window summaries, a count of windows with a large
spread, and the sums of three short derived pipelines.

Measures generator creation, resumption (`next` on a chain of five to seven
generators per item), `yield from` and generator expressions: about 15
million generator resumptions.
"""

from typing import Iterator

STREAM = 500000
WINDOW = 8


def source(n: int, seed: int) -> Iterator[int]:
    state = seed
    for _ in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        yield state >> 8


def keep_odd_buckets(items: Iterator[int]) -> Iterator[int]:
    for x in items:
        if (x >> 4) % 3 != 0:
            yield x


def scale(items: Iterator[int], factor: int, offset: int) -> Iterator[int]:
    for x in items:
        yield (x * factor + offset) % 1000003


def windows(items: Iterator[int], size: int) -> Iterator[list[int]]:
    ring: list[int] = []
    pos = 0
    for x in items:
        if len(ring) < size:
            ring.append(x)
        else:
            ring[pos] = x
            pos = (pos + 1) % size
        if len(ring) == size:
            yield ring


def summaries(ws: Iterator[list[int]]) -> Iterator[tuple[int, int, int]]:
    for w in ws:
        lo = min(w)
        hi = max(w)
        yield lo, hi, sum(w)


def spread_flags(rows: Iterator[tuple[int, int, int]], limit: int) -> Iterator[int]:
    for lo, hi, total in rows:
        yield 1 if hi - lo > limit else 0
        yield total % 7


def chained(n: int) -> Iterator[int]:
    yield from keep_odd_buckets(source(n, 7))
    yield from scale(source(n // 2, 11), 3, 1)


def bench() -> int:
    checksum = 0
    flags = spread_flags(
        summaries(windows(scale(keep_odd_buckets(source(STREAM, 42)), 31, 17), WINDOW)),
        900000,
    )
    count = 0
    for i, f in enumerate(flags):
        count += f
        checksum = (checksum * 31 + f + i) & 0xFFFFFFFFFFFF
    checksum ^= count
    evens = sum(x for x in chained(STREAM // 3) if x % 2 == 0)
    biggest = max(x % 10007 for x in scale(source(STREAM // 3, 5), 7, 3))
    found = any(x == 123456 for x in source(STREAM // 3, 9))
    checksum = (checksum * 1000003 + evens) & 0xFFFFFFFFFFFF
    checksum = (checksum * 1000003 + biggest * 2 + int(found)) & 0xFFFFFFFFFFFF
    return checksum


if __name__ == "__main__":
    print(bench())
