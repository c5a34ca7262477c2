"""N-queens: counting with sets, enumerating lazily with generators.

Phase 1 counts every solution of the n-queens puzzle for n = 4..SET_MAX_N by
depth-first search that keeps the attacked columns and both diagonal
directions in three `set[int]`s (`in`, `add`, `discard`).

Phase 2 enumerates solutions with a recursive generator: each level yields
from the level below for every column that a generator expression over the
queens placed so far (`all(...)` over `enumerate`) finds safe, and the
bottom level yields the board as a tuple. A driver generator chains the
boards of n = 4, 5, 6, ... without end (`itertools.count`); the benchmark
takes the first TAKE of them with `itertools.islice`, so only the laziness of
the generators keeps it finite. It then takes the first FIRST_K solutions of
each of a few large boards (n = 12..LARGE_MAX_N), which would take far too
long to enumerate in full.

The checksum mixes the counts of phase 1 with a hash of every board yielded
in phase 2.

Measures set membership and update with small ints, recursive calls,
generators and `yield from` chains, generator expressions consumed by
`all()` and `sum()`, `itertools.islice`/`count`/`chain`, and small tuples.
"""

from itertools import chain, count, islice
from typing import Iterator

SET_MAX_N = 10
TAKE = 1200
FIRST_K = 30
LARGE_MAX_N = 14


def count_with_sets(n: int, row: int, cols: set[int], diag: set[int], anti: set[int]) -> int:
    if row == n:
        return 1
    total = 0
    for col in range(n):
        d = row + col
        a = row - col
        if col in cols or d in diag or a in anti:
            continue
        cols.add(col)
        diag.add(d)
        anti.add(a)
        total += count_with_sets(n, row + 1, cols, diag, anti)
        cols.discard(col)
        diag.discard(d)
        anti.discard(a)
    return total


def safe(queens: tuple[int, ...], col: int) -> bool:
    row = len(queens)
    return all(q != col and row - r != abs(col - q) for r, q in enumerate(queens))


def extend(n: int, queens: tuple[int, ...]) -> Iterator[tuple[int, ...]]:
    if len(queens) == n:
        yield queens
        return
    for col in range(n):
        if safe(queens, col):
            yield from extend(n, queens + (col,))


def solutions(n: int) -> Iterator[tuple[int, ...]]:
    return extend(n, ())


def every_board() -> Iterator[tuple[int, ...]]:
    """All solutions of all sizes from 4 up; never ends."""
    return chain.from_iterable(solutions(n) for n in count(4))


def board_hash(board: tuple[int, ...]) -> int:
    h = len(board)
    for q in board:
        h = (h * 131 + q + 1) & 0xFFFFFFFF
    return h


def bench() -> int:
    checksum = 0
    for n in range(4, SET_MAX_N + 1):
        found = count_with_sets(n, 0, set(), set(), set())
        checksum = (checksum * 1009 + found) & 0xFFFFFFFFFFFF

    seen = 0
    for board in islice(every_board(), TAKE):
        checksum = (checksum * 31 + board_hash(board)) & 0xFFFFFFFFFFFF
        seen += 1
    checksum = (checksum * 7 + seen) & 0xFFFFFFFFFFFF

    for n in range(12, LARGE_MAX_N + 1):
        first = list(islice(solutions(n), FIRST_K))
        corners = sum(1 for board in first if board[0] == 0 or board[-1] == n - 1)
        for board in first:
            checksum = (checksum * 33 + board_hash(board)) & 0xFFFFFFFFFFFF
        checksum = (checksum * 5 + corners) & 0xFFFFFFFFFFFF
    return checksum


if __name__ == "__main__":
    print(bench())
