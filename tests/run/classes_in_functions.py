"""Classes defined inside functions: ordinary classes made each time the function
runs, with compiled methods that are closures of the function."""

from dataclasses import dataclass
from typing import Any, Callable


def make_counter_class(start: int) -> Any:
    step = 2

    class Counter:
        """Counts by the enclosing step."""

        base = start
        label = f"from {start}"

        def __init__(self) -> None:
            self.n = start

        def bump(self) -> int:
            self.n += step
            return self.n

        def __repr__(self) -> str:
            return f"Counter({self.n})"

        @staticmethod
        def kind() -> str:
            return "counter"

        @classmethod
        def make(cls) -> Any:
            return cls()

        @property
        def double(self) -> int:
            return self.n * 2

    return Counter


def test_methods_capture_the_function_variables() -> None:
    c1 = make_counter_class(10)
    c = c1()
    c.bump()
    print(c, c.bump(), c.double, c1.kind(), c1.make(), c1.base, c1.label, c1.__doc__)
    assert c.n == 14


def test_names_of_local_classes_and_methods() -> None:
    c1 = make_counter_class(1)
    print(c1.__qualname__, c1.__name__, c1.bump.__qualname__, c1.kind.__qualname__)
    assert c1.__module__ == __name__


def test_each_call_makes_a_new_class() -> None:
    a = make_counter_class(1)
    b = make_counter_class(1)
    assert a is not b
    assert not isinstance(a(), b)
    print(a.base == b.base)


def point_factory() -> Any:
    @dataclass
    class P:
        x: int
        y: int = 0

    return P


def test_local_dataclass() -> None:
    p = point_factory()
    print(p(1, 2), p(3) == p(3), p.__qualname__)


def test_class_body_reads_function_variables_and_its_own_names() -> None:
    y = "fy"

    class C:
        a = y
        x = "class"
        b = x
        c = [x + y for _ in range(1)]

    print(C.a, C.b, C.c)


x = "global x"


def test_name_bound_in_the_class_body_reads_the_namespace_then_globals() -> None:
    x = "function x"  # noqa: F841

    class C:
        first = x  # bound below: the namespace, then the globals
        x = "class x"
        second = x

    print(C.first, C.second)


def test_inheritance_between_local_classes() -> None:
    class Base:
        def who(self) -> str:
            return "base"

    class Derived(Base):
        def who(self) -> str:
            return "derived+" + Base.who(self)

    print(Derived().who(), issubclass(Derived, Base))


def test_init_returning_a_value() -> None:
    class Bad:
        def __init__(self) -> None:
            return 1  # type: ignore[return-value]

    try:
        Bad()
    except TypeError as e:
        print(e)


def test_classes_made_in_a_loop_remember_their_value() -> None:
    made: list[Callable[[], int]] = []
    for i in range(3):

        class K:
            value = i

            def get(self) -> int:
                return self.value

        made.append(K().get)
    print([m() for m in made])


def test_local_class_with_closure_counter_shared() -> None:
    count = 0

    class Tracked:
        def __init__(self) -> None:
            nonlocal count
            count += 1

    Tracked()
    Tracked()
    print(count)
    assert count == 2
