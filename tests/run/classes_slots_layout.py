"""Native classes with a literal __slots__ keep CPython's layout rules: `__slots__ = ()`
mixins combine with other bases, a subclass may add `__weakref__`, weak references
work exactly where CPython allows them."""

import weakref
from typing import List


class Mixin:
    __slots__ = ()

    def describe(self) -> str:
        return type(self).__name__ + ":" + str(self.key())

    def key(self) -> int:
        return 0


class Root:
    __slots__ = ()

    def version(self) -> int:
        return 4


class Base(Root):
    __slots__ = ("_v",)

    def __init__(self, v: int) -> None:
        self._v = v

    def key(self) -> int:
        return self._v


class Both(Mixin, Base):
    __slots__ = ("__weakref__", "extra")

    def __init__(self, v: int) -> None:
        Base.__init__(self, v)
        self.extra = v * 2


class Plain:
    def __init__(self) -> None:
        self.x = 1


class FreeSub(Base):
    def __init__(self, v: int) -> None:
        super().__init__(v)
        self.anything = "ok"


def weakable(objs: List[object]) -> List[bool]:
    out = []
    for o in objs:
        try:
            weakref.ref(o)
            out.append(True)
        except TypeError:
            out.append(False)
    return out


def test_layouts() -> None:
    b = Both(3)
    print(b.describe(), b.extra, b.version(), isinstance(b, Root))
    print(weakable([Base(1), b, Plain(), FreeSub(2), Mixin()]))
    f = FreeSub(5)
    print(f.anything, f.key(), hasattr(f, "__dict__"), hasattr(Base(1), "__dict__"))
    try:
        Base(1).x = 2  # type: ignore[attr-defined]
    except AttributeError as e:
        print("AttributeError", e)
