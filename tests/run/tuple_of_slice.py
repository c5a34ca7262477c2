"""tuple(xs[lo:hi]) of a typed list: the tuple is made from the list's items
directly. Bounds of every kind, list subclasses that override __getitem__, and
identity of the items."""

import gc


class Odd(list[int]):
    def __getitem__(self, i):  # type: ignore[no-untyped-def, override]
        if isinstance(i, slice):
            return [-1]
        return super().__getitem__(i)


def cut(xs: list[int], lo: int, hi: int) -> tuple[int, ...]:
    return tuple(xs[lo:hi])


def head(xs: list[int], hi: int) -> tuple[int, ...]:
    return tuple(xs[:hi])


def tail(xs: list[int], lo: int) -> tuple[int, ...]:
    return tuple(xs[lo:])


def whole(xs: list[str]) -> tuple[str, ...]:
    return tuple(xs[:])


def test_bounds() -> None:
    xs = list(range(10))
    print(cut(xs, 2, 5), cut(xs, -3, -1), cut(xs, 8, 100), cut(xs, 5, 2), cut(xs, -100, 3))
    print(head(xs, 0), head(xs, -2), tail(xs, 7), tail(xs, 10), tail(xs, -1))
    print(cut(xs, 2**70, 3), cut(xs, -(2**70), 2**70), cut(xs, True, 3), cut([], 0, 5))
    print(whole(["a", "b"]), whole([]))


def test_subclass() -> None:
    print(cut(Odd([1, 2, 3]), 0, 2), head(Odd([5]), 1))


def test_items_and_gc() -> None:
    rows: list[list[int]] = [[1], [2], [3]]
    t = tuple(rows[0:2])
    print(t, t[0] is rows[0], gc.is_tracked(t))
    rows[0].append(9)
    print(t)
