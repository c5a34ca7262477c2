"""for-loops over zip() of lists, tuples, strings, bytes and bytearrays: compiled
code walks exact sequences by index; subclasses, mutation during the loop,
unequal lengths and odd targets must behave as in CPython."""

from typing import Any


class Loud(list[int]):
    def __iter__(self):  # type: ignore[no-untyped-def]
        print("Loud.__iter__")
        return super().__iter__()


def pairs(a: list[int], b: str) -> list[str]:
    return [f"{x}{y}" for x, y in zip(a, b)]


def test_lists_strings_bytes_tuples() -> None:
    out = []
    for x, y, z in zip([1, 2, 3], "ab", b"\x00\xff\x10"):
        out.append((x, y, z))
    print(out, pairs([5, 6], "xyz"))
    t: tuple[int, ...] = (9, 8, 7)
    ba = bytearray(b"AB")
    print([(p, q) for p, q in zip(t, ba)])


def test_subclass_iter_is_called() -> None:
    a = Loud([1, 2])
    b: list[int] = [3, 4]
    total = 0
    for x, y in zip(a, b):
        total += x * y
    print(total)


def test_mutation_while_walking() -> None:
    a = [1, 2, 3]
    b = [10, 20, 30, 40]
    seen = []
    for x, y in zip(a, b):
        seen.append((x, y))
        if len(a) < 6:
            a.append(x + 100)
        b.pop()
    print(seen, a, b)


def test_single_target_gets_tuples_and_else_runs() -> None:
    got: list[object] = []
    for pair in zip([1, 2], ("a", "b")):
        got.append(pair)
    else:
        got.append("done")
    print(got)
    nothing: list[int] = []
    for x, y in zip([1], nothing):
        print("never")
    else:
        print("empty else")


def test_break_and_nested_targets() -> None:
    found = -1
    for i, (x, y) in enumerate(zip([3, 1, 4], [1, 5, 9])):
        if x + y > 5:
            found = i
            break
    print(found)
    for (a, b), c in zip([(1, 2), (3, 4)], "xy"):
        print(a, b, c)


def test_wrong_arity_and_types() -> None:
    try:
        for x, y, z in zip([1, 2], [3, 4]):  # type: ignore[misc]
            print(x)
    except ValueError as e:
        print("ValueError", e)
    items: Any = 5
    try:
        for x, y in zip([1], items):
            print(x)
    except TypeError as e:
        print("TypeError", e)


def test_twin_count_over_bytearray_slices() -> None:
    flags = bytearray(b"\x01\x00\x01\x01\x00\x01\x01\x01")
    twins = 0
    for x, y in zip(flags[:-2], flags[2:]):
        if x and y:
            twins += 1
    print(twins)
