"""Classes made in functions whose methods use zero-argument super() or __class__:
the function compiles, and each class statement fills a cell of the function with the
class it made (before decorators), which its methods read. A class statement in a
loop, or super() in a function nested in a method, keeps the function interpreted."""

from typing import Any


def make(tag: str) -> Any:
    class Base:
        def m(self) -> str:
            return "base-" + tag

        def who(self) -> Any:
            return __class__  # type: ignore[name-defined]

    class Sub(Base):
        def m(self) -> str:
            return super().m() + "+sub"

        def who(self) -> Any:
            return (__class__, super().who())  # type: ignore[name-defined]

    return Sub


def deco(cls: Any) -> Any:
    cls.decorated = True
    return cls


def make_decorated() -> Any:
    @deco
    class K:
        def m(self) -> str:
            return __class__.__name__ + str(getattr(__class__, "decorated", False))  # type: ignore[name-defined]

    return K


def make_many() -> list:
    out = []
    for i in range(3):
        class L:
            def m(self) -> int:
                return i
        out.append(L)
    return out


def test_super_in_classes_made_in_functions() -> None:
    A = make("a")
    B = make("b")
    print(A().m(), B().m())
    w1, w2 = A().who()
    print(w1 is A, w2.__name__, w2 is A.__mro__[1])
    print(B().who()[0] is B, A is not B)


def test_decorated_and_loops() -> None:
    print(make_decorated()().m())
    print([c().m() for c in make_many()])


def test_super_with_arguments_and_init() -> None:
    def build() -> Any:
        class P:
            def __init__(self, x: int) -> None:
                self.x = x

        class Q(P):
            def __init__(self, x: int, y: int) -> None:
                super().__init__(x)
                self.y = y

            def total(self) -> int:
                return self.x + self.y

        return Q

    Q = build()
    print(Q(2, 3).total(), Q.__qualname__)


def loop_classes() -> list:
    out = []
    for i in range(2):
        class B:
            def m(self) -> str:
                return "b"

        class C(B):
            def m(self) -> str:
                return super().m() + str(i)

        out.append(C)
    return out


def nested_in_method() -> Any:
    class B:
        def m(self) -> str:
            return "b"

    class C(B):
        def m(self) -> Any:
            def inner() -> Any:
                return __class__  # type: ignore[name-defined]
            return inner

    return C


def no_params() -> Any:
    class B:
        def m() -> Any:  # type: ignore[misc]
            return super()

    return B


def test_edges() -> None:
    print([c().m() for c in loop_classes()])
    C = nested_in_method()
    print(C().m()() is C)
    try:
        no_params().m()
    except RuntimeError as e:
        print("RuntimeError", e)
