"""isinstance() against builtin classes, which compiled code checks in C: the
answers must match CPython for subclasses, bools, proxies that lie about their
__class__, and values of every common type."""

from typing import Any


class MyDict(dict[str, int]):
    pass


class MyStr(str):
    pass


class Liar:
    """Claims to be a list through __class__ (as mocks and proxies do)."""

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return list


VALUES: list[Any] = [
    0, 7, True, False, 2**100, 1.5, float("nan"), "s", MyStr("m"), b"b",
    [1], (1,), {"a": 1}, MyDict(a=1), {1}, frozenset({1}), None, Liar(), object(),
]


def classify(v: object) -> str:
    out = []
    if isinstance(v, int):
        out.append("int")
    if isinstance(v, bool):
        out.append("bool")
    if isinstance(v, float):
        out.append("float")
    if isinstance(v, str):
        out.append("str")
    if isinstance(v, bytes):
        out.append("bytes")
    if isinstance(v, list):
        out.append("list")
    if isinstance(v, tuple):
        out.append("tuple")
    if isinstance(v, dict):
        out.append("dict")
    if isinstance(v, set):
        out.append("set")
    return "+".join(out) or "-"


def test_every_builtin_class_against_every_value() -> None:
    got = [classify(v) for v in VALUES]
    print(got)
    assert got[2] == "int+bool"
    assert got[13] == "dict"
    assert got[17] == "list"


def test_unboxed_operands() -> None:
    n = 5
    x = 2.5
    flag = True
    assert isinstance(n, int) and not isinstance(n, float)
    assert isinstance(x, float) and not isinstance(x, int)
    assert isinstance(flag, int) and isinstance(flag, bool)
    print(isinstance(n + 1, int), isinstance(x * 2, float))


def test_a_shadowed_name_is_not_the_builtin() -> None:
    list = tuple  # noqa: A001
    assert isinstance((1, 2), list)
    assert not isinstance([1, 2], list)
    print("shadowed ok")


def test_tuples_of_classes_and_errors() -> None:
    assert isinstance(3, (str, int))
    assert not isinstance(3.0, (str, int))
    try:
        isinstance(3, 4)  # type: ignore[arg-type]
    except TypeError as e:
        print("TypeError", e)
