"""Parameters whose default is a sentinel object rather than a value of the annotated
type: `x: int = _UNSET` with `_UNSET: Any = object()` (which mypy accepts), a bare
`MISSING = object()`, or `cast(int, MISSING)`. The default is taken as it is, and the
body tells it apart with `is`; the module imports (its `def`s run) without a
TypeError."""

import typing
from typing import Any, cast
from typing import Any as AnyT

_UNSET: Any = object()
_NOTHING: typing.Any = object()
MISSING = object()
_PLAIN: object = object()
_ALIASED: AnyT = object()


def describe(x: int = _UNSET) -> str:
    if x is _UNSET:
        return "unset"
    return f"int {x + 1}"


def scaled(v: float = MISSING, *, by: float = 2.0) -> str:  # type: ignore[assignment]
    if v is MISSING:
        return "missing"
    return f"{v * by:.2f}"


def label(name: str = _NOTHING, *, upper: bool = _PLAIN) -> str:  # type: ignore[assignment]
    base = "anon" if name is _NOTHING else name
    if upper is _PLAIN or not upper:
        return base
    return base.upper()


class Config:
    def __init__(self, size: int = _UNSET, tag: str = "t") -> None:
        self.size = 10 if size is _UNSET else size
        self.tag = tag

    def replace(self, *, size: int = _UNSET, tag: str = _UNSET) -> "Config":
        return Config(
            self.size if size is _UNSET else size,
            self.tag if tag is _UNSET else tag,
        )


def aliased(n: int = _ALIASED) -> str:
    return "aliased" if n is _ALIASED else str(n)


def casted(n: int = cast(int, MISSING), *, s: str = typing.cast(str, _PLAIN)) -> str:
    left = "missing" if n is MISSING else str(n)
    right = "plain" if s is _PLAIN else s
    return left + "/" + right


def outer(step: int) -> int:
    def inner(k: int = _UNSET) -> int:
        return step if k is _UNSET else k * step

    return inner() + inner(3)


def test_functions_take_their_sentinel() -> None:
    print(describe(), describe(4))
    print(scaled(), scaled(1.25), scaled(3.0, by=0.5))
    print(label(), label("bo"), label("bo", upper=True), label(upper=False))


def test_methods_and_closures() -> None:
    c = Config()
    d = c.replace(tag="x")
    e = d.replace(size=3)
    print(c.size, c.tag, d.size, d.tag, e.size, e.tag)
    print(Config(7).size, outer(5), aliased(), aliased(2))
    print(casted(), casted(4, s="x"))


def test_the_defaults_are_the_sentinels() -> None:
    print(describe.__defaults__ == (_UNSET,), Config.replace.__kwdefaults__ == {"size": _UNSET, "tag": _UNSET})
    assert describe.__defaults__ is not None
    print(describe.__defaults__[0] is _UNSET)
