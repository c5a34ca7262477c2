"""Idioms found in real libraries that compiled code got wrong: a wrapper given the
defaults of the function it wraps (pyparsing), `@overload` stubs whose defaults are
`...` (packaging), and zero-argument `super()` in a module with a star import
(pyparsing). See also star_params_rebound.py (toolz)."""

import functools
import inspect
import typing
from os.path import *  # noqa: F403  (makes every builtin name a global lookup)
from typing import Any, Callable, Iterable, Iterator, Protocol, overload


def target(a: int, b: int = 2, *, c: int = 3, d: int = 4) -> tuple[int, int, int, int]:
    return a, b, c, d


def no_defaults(x: int) -> int:
    return x


def nan_default(x: float = float("nan")) -> float:
    return x


def forward(*args: Any, **kwargs: Any) -> tuple[Any, ...]:
    return args


def wrap_with_defaults(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def inner(*args: Any, **kwargs: Any) -> Any:
        return fn(*args, **kwargs)

    inner.__defaults__ = fn.__defaults__  # type: ignore[attr-defined]
    inner.__kwdefaults__ = fn.__kwdefaults__  # type: ignore[attr-defined]
    return inner


def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def inner(*args: Any, **kwargs: Any) -> Any:
        return fn(*args, **kwargs)

    inner.__kwdefaults__ = fn.__kwdefaults__  # type: ignore[attr-defined]
    return inner


def test_defaults_copied_onto_a_wrapper() -> None:
    w = wrap(target)
    print(sorted((w.__kwdefaults__ or {}).items()), w(1), w(1, c=9))
    w.__kwdefaults__ = None
    print(w.__kwdefaults__, w(5, 6))


def test_defaults_set_to_what_they_are() -> None:
    t = (2,)
    target.__defaults__ = t
    print(target.__defaults__ == (2,), target(0))
    target.__kwdefaults__ = {"c": 3, "d": 4, "unused": 5}
    print(sorted((target.__kwdefaults__ or {}).items()), target(0))
    no_defaults.__defaults__ = None
    print(no_defaults.__defaults__, inspect.signature(target))


def test_defaults_that_calls_do_not_see() -> None:
    nan_default.__defaults__ = nan_default.__defaults__
    print(nan_default() != nan_default())
    forward.__defaults__ = (1, 2)
    print(forward(), forward(3), forward.__defaults__)
    w = wrap_with_defaults(target)
    print(w(1), w.__defaults__, sorted((w.__kwdefaults__ or {}).items()))


def test_defaults_of_the_wrong_type() -> None:
    for bad in ("x", [1]):
        try:
            target.__defaults__ = bad  # type: ignore[assignment]
        except TypeError as e:
            print("TypeError", e)
    try:
        target.__kwdefaults__ = 5  # type: ignore[assignment]
    except TypeError as e:
        print("TypeError", e)


class Filter:
    @overload
    def filter(self, it: Iterable[str], key: None = ...) -> Iterator[str]: ...

    @overload
    def filter(self, it: Iterable[int], key: Callable[[int], str] = ...) -> Iterator[int]: ...

    def filter(self, it: Iterable[Any], key: Any = None) -> Iterator[Any]:
        return iter([x for x in it if (key or str)(x)])


@typing.overload
def pick(x: int = ...) -> int: ...


@typing.overload
def pick(x: str = ...) -> str: ...


def pick(x: Any = 0) -> Any:
    return x


def ellipses(x: int = ..., y: float = ..., z: str = ...) -> object:  # type: ignore[assignment]
    return x, y, z


class Sized(Protocol):
    def size(self, scale: int = ...) -> int: ...


class Box:
    def size(self, scale: int = 1) -> int:
        return 3 * scale


def measure(s: Sized) -> int:
    return s.size() + s.size(2)


def test_ellipsis_defaults() -> None:
    print(list(Filter().filter(["a", "", "b"])), list(Filter().filter([0, 1], key=str)))
    print(pick(), pick("s"), ellipses(), ellipses(1, 2.5, "z"))
    print(measure(Box()))


class Base:
    def name(self) -> str:
        return "Base"

    def __new__(cls, *args: Any) -> "Base":
        return super().__new__(cls)


class Middle(Base):
    def name(self) -> str:
        return "Middle>" + super().name()

    def __init__(self, tag: str = "") -> None:
        super().__init__()
        self.tag = tag


class Leaf(Middle):
    def name(self) -> str:
        return "Leaf>" + super().name()

    @classmethod
    def blank(cls) -> "Leaf":
        return super().__new__(cls)  # type: ignore[return-value]


def test_super_with_a_star_import() -> None:
    print(Leaf("t").name(), Leaf("u").tag, type(Leaf.blank()).__name__)
    print(type(super(Leaf, Leaf())).__name__, len([1, 2]), isinstance(3, int))
    print(exists is not None)  # noqa: F405
