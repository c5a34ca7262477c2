"""Copying elements between slots of a list[int] (insertion sort's inner loop):
the element object itself moves, as in CPython."""


def shift_right(a: list[int], start: int) -> None:
    j = len(a) - 2
    while j >= start:
        a[j + 1] = a[j]
        j -= 1


def test_big_elements_keep_their_identity() -> None:
    big = 10**30
    a = [big, 2**70, -5, 7]
    shift_right(a, 0)
    assert a[1] is big
    print(a, a[1] is a[0])


def test_insertion_sort_with_mixed_sizes() -> None:
    a = [5, -2**64, 3, 2**63, 0, -1, 2**62, 7]
    for i in range(1, len(a)):
        x = a[i]
        j = i - 1
        while j >= 0 and a[j] > x:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = x
    print(a)
    assert a == sorted(a)


def test_index_errors_still_raise() -> None:
    a = [1, 2, 3]
    try:
        a[0] = a[5]
    except IndexError as e:
        print("IndexError", e)
    b: list[int] = []
    for i in range(3):
        b.append(i)
    try:
        b[-4] = b[-1]
    except IndexError as e:
        print("IndexError", e)
    print(a, b)


def test_augmented_item_assignment_on_typed_lists() -> None:
    counts = [0, 5, 2**70]
    for i in (0, 1, 2, -1, -3):
        counts[i] += 3
    counts[1] -= 10
    counts[0] *= 7
    grid: list[list[int]] = [[1, 2], [3, 4]]
    grid[1][0] -= 1
    grid[-1][-1] <<= 2
    names = ["a", "b"]
    names[0] += "x"
    print(counts, grid, names)
    try:
        counts[3] += 1
    except IndexError as e:
        print("IndexError", e)
    floats = [1.5]
    floats[0] /= 2
    print(floats)
