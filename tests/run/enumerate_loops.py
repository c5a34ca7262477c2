"""for i, x in enumerate(...) over lists, tuples, strs, bytes and bytearrays walked by
index, with literal starts, and the ordinary enumerate for everything else:
subclasses overriding __iter__, sequences changed during the loop, generators, big
starts, odd targets, break/else and generator expressions."""

from typing import Iterator


def over_list(xs: list[str]) -> list[str]:
    out: list[str] = []
    for i, x in enumerate(xs):
        out.append(f"{i}:{x}")
    return out


def over_tuple(t: tuple[int, ...], start: int) -> int:
    total = 0
    for i, v in enumerate(t, 3):
        total += i * v
    for i, v in enumerate(t, -2):
        total -= i + v
    for i, v in enumerate(t, start=7):
        total += i - v
    return total + start


def over_str(s: str) -> list[tuple[int, str]]:
    return [(i, c) for i, c in enumerate(s, 1) if c != " "]


def over_bytes(b: bytes, ba: bytearray) -> tuple[int, int]:
    h = 0
    for i, byte in enumerate(b):
        h = h * 31 + i * byte
    g = 0
    for k, v in enumerate(ba, 10):
        g += k ^ v
    return h, g


class Backwards(list[int]):
    def __iter__(self) -> Iterator[int]:
        return reversed(list(super().__iter__()))


def over_subclass(xs: list[int]) -> list[tuple[int, int]]:
    return [(i, x) for i, x in enumerate(xs)]


def growing(xs: list[int]) -> list[int]:
    seen: list[int] = []
    for i, x in enumerate(xs):
        seen.append(i * 100 + x)
        if i < 3:
            xs.append(x + 1)
    return seen


def shrinking(xs: list[int]) -> list[int]:
    seen: list[int] = []
    for i, x in enumerate(xs):
        seen.append(x)
        if xs:
            xs.pop()
    return seen


def numbers() -> Iterator[int]:
    yield 5
    yield 6


def from_generator() -> list[int]:
    return [i + x for i, x in enumerate(numbers(), 7)]


def other_iterables(d: dict[str, int], s: set[int]) -> list[object]:
    out: list[object] = []
    for i, k in enumerate(d):
        out.append((i, k, d[k]))
    for i, v in enumerate(sorted(s), 100):
        out.append(i + v)
    for i, r in enumerate(range(3, 9, 2)):
        out.append(i * r)
    return out


def count_forever() -> Iterator[int]:
    k = 0
    while True:
        yield k
        k += 1


def infinite(limit: int) -> int:
    for i, v in enumerate(count_forever()):
        if i >= limit:
            return i * 1000 + v
    return -1


def failing() -> Iterator[int]:
    yield 1
    yield 2
    raise KeyError("gone")


def raises_midway() -> list[int]:
    seen: list[int] = []
    try:
        for i, v in enumerate(failing(), 5):
            seen.append(i * 10 + v)
    except KeyError as e:
        seen.append(-1)
        print("KeyError", e)
    return seen


def not_iterable(x: object) -> int:
    total = 0
    for i, v in enumerate(x):  # type: ignore[arg-type, var-annotated]
        total += i
    return total


def big_start(xs: list[int]) -> list[int]:
    return [i for i, _ in enumerate(xs, 2**62)] + [i for i, _ in enumerate(xs, -(2**40))]


class Slot:
    def __init__(self) -> None:
        self.index = -1


def odd_targets(xs: list[str]) -> tuple[int, dict[str, int]]:
    s = Slot()
    d: dict[str, int] = {}
    for s.index, name in enumerate(xs):
        d[name] = s.index
    return s.index, d


def break_else(xs: list[int], stop: int) -> str:
    for i, x in enumerate(xs):
        if x == stop:
            result = f"found at {i}"
            break
    else:
        result = "not found"
    return result


def nested(rows: list[list[int]]) -> int:
    total = 0
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            total += (r + 1) * (c + 1) * v
    return total


def queens_ok(queens: tuple[int, ...], col: int) -> bool:
    row = len(queens)
    return all(q != col and row - r != abs(col - q) for r, q in enumerate(queens))


def shadowed(xs: list[int]) -> list[object]:
    def enumerate(v: list[int]) -> list[tuple[int, int]]:
        return [(-1, y) for y in v]

    return [(i, x) for i, x in enumerate(xs)]


def wrong_items(xs: list[object]) -> int:
    total = 0
    for i, x in enumerate(xs):
        total += i
        print(x)
    return total


def test_sequences() -> None:
    print(over_list(["a", "b", "c"]), over_list([]))
    print(over_tuple((1, 2, 3), 4), over_str("a b c"))
    print(over_bytes(b"\x01\x02\xff", bytearray(b"xyz")))


def test_other_iterables() -> None:
    print(over_subclass(Backwards([1, 2, 3])), from_generator(), big_start([1, 2]))
    print(other_iterables({"a": 1, "b": 2}, {9, 7}), infinite(5), raises_midway())
    try:
        not_iterable(5)
    except TypeError as e:
        print("TypeError:", e)


def test_changes_during_the_loop() -> None:
    print(growing([1, 2]), shrinking([1, 2, 3, 4, 5]))


def test_targets_and_control() -> None:
    print(odd_targets(["x", "y"]), odd_targets([]))
    print(break_else([4, 5, 6], 5), break_else([4], 9), nested([[1, 2], [3, 4]]))
    print(queens_ok((0, 2), 4), queens_ok((0, 2), 1), shadowed([3, 4]))
    print(wrong_items([None, "s", 1.5]))
