"""Class statements whose bases are not classes (PEP 560): each such base with
`__mro_entries__` is replaced by what it returns, judged by its real type, as the
interpreter does; a proxy whose `__class__` claims to be a class (wrapt's
ObjectProxy does this) still counts as not a class."""

from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Real:
    def hello(self) -> str:
        return "hello from " + type(self).__name__


class Other:
    def other(self) -> str:
        return "other"


class Proxy:
    def __init__(self, *targets: type) -> None:
        self.targets = targets

    @property  # type: ignore[misc]
    def __class__(self) -> Any:
        return type(self.targets[0])

    def __mro_entries__(self, bases: tuple[Any, ...]) -> tuple[type, ...]:
        return self.targets


class NotATuple:
    def __mro_entries__(self, bases: tuple[Any, ...]) -> Any:
        return [Real]


proxy_of_real = Proxy(Real)
proxy_of_two = Proxy(Real, Other)


class Sub(proxy_of_real):  # type: ignore[misc,valid-type]
    pass


class Both(proxy_of_two):  # type: ignore[misc,valid-type]
    pass


class Box(Generic[T]):
    def __init__(self, v: T) -> None:
        self.v = v


class IntBox(Box[int]):
    pass


def names(cls: type) -> list[str]:
    return [c.__name__ for c in cls.__mro__]


def test_a_proxy_base_is_replaced() -> None:
    print(type(Sub).__name__, names(Sub), Sub().hello())
    print(names(Both), Both().other())
    print([b.__name__ for b in Sub.__bases__], Sub.__orig_bases__ == (proxy_of_real,))


def test_generic_bases() -> None:
    print(names(IntBox), IntBox(3).v, IntBox.__orig_bases__)  # type: ignore[attr-defined]


def test_mro_entries_must_return_a_tuple() -> None:
    bad = NotATuple()
    try:

        class Bad(bad):  # type: ignore[misc,valid-type]
            pass

        print("made", Bad)
    except TypeError as e:
        print("TypeError", e)
