"""Slices of typed lists with int bounds are copied directly in compiled code:
negative, huge and missing bounds, bools and list subclasses behave as in
CPython."""

from typing import Any


class L(list[int]):
    def __getitem__(self, k):  # type: ignore[no-untyped-def, override]
        return "custom"


def sl(xs: list[int], a: int, b: int) -> list[Any]:
    return [xs[a:b], xs[:b], xs[a:], xs[:], xs[-2:], xs[:-1], xs[10:], xs[-100:2],
            xs[2**70:], xs[:-2**70], xs[True:]]


def any_bound(xs: list[int], o: Any) -> Any:
    return xs[o:]


def test_int_bounds() -> None:
    print(sl([1, 2, 3, 4], 1, 3))
    copy = [5, 6]
    c = copy[:]
    c.append(7)
    assert copy == [5, 6] and c is not copy


def test_subclass_getitem_is_called() -> None:
    print(sl(L([1, 2, 3]), 0, 1))


def test_other_bound_types() -> None:
    print(any_bound([1, 2, 3], None), any_bound([1, 2, 3], 1))
    try:
        any_bound([1], "x")
    except TypeError as e:
        print("TypeError", e)
