"""Insertion sort of pseudo-random `list[int]`s.

A local LCG fills LISTS lists of SIZE ints each; the value range differs
between lists (some have many duplicates, some values exceed 2**31, some are
negative), and every fourth list starts nearly sorted (a sorted run with a
few swapped pairs), which is insertion sort's good case. Each list is sorted
in place by textbook insertion sort: take the next element, shift the larger
ones of the sorted prefix one slot right, drop it into the gap. Every result
is checked against `sorted()` of the input.

The checksum mixes, for each list, a position-weighted sum of the sorted
values and the number of element moves.

Measures `list[int]` indexing and item assignment in a tight inner `while`
loop with int comparisons: about 9 million moves, each after a compare.
"""

LISTS = 12
SIZE = 2000


def lcg(state: int) -> int:
    return (state * 1103515245 + 12345) & 0x7FFFFFFF


def make_list(seed: int, size: int, index: int) -> list[int]:
    state = seed
    spans = [1000, 50, 1 << 40, 2000000]
    span = spans[index % len(spans)]
    values: list[int] = []
    for _ in range(size):
        state = lcg(state)
        hi = state
        state = lcg(state)
        v = ((hi << 31) | state) % span
        if index % 3 == 1:
            v -= span // 2
        values.append(v)
    if index % 4 == 3:
        values.sort()
        for k in range(0, size - 1, 97):
            values[k], values[k + 1] = values[k + 1], values[k]
    return values


def insertion_sort(a: list[int]) -> int:
    """Sorts `a` in place; returns how many elements were moved."""
    moves = 0
    for i in range(1, len(a)):
        x = a[i]
        j = i - 1
        while j >= 0 and a[j] > x:
            a[j + 1] = a[j]
            j -= 1
            moves += 1
        a[j + 1] = x
    return moves


def bench() -> int:
    checksum = 0
    for index in range(LISTS):
        values = make_list(1 + index * 7919, SIZE, index)
        expected = sorted(values)
        moves = insertion_sort(values)
        if values != expected:
            raise AssertionError("insertion sort gave a wrong order")
        weighted = 0
        for i, v in enumerate(values):
            weighted = (weighted + (i + 1) * v) & 0xFFFFFFFFFFFF
        checksum = (checksum * 1000003 + weighted) & 0xFFFFFFFFFFFF
        checksum = (checksum * 31 + moves) & 0xFFFFFFFFFFFF
    return checksum


if __name__ == "__main__":
    print(bench())
