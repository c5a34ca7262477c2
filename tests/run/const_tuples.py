"""Tuples of literals are constants, as the interpreter folds them: evaluating one
gives the same object every time, and equal ones in the module are one object
(distinguishing 1, 1.0 and True, and 0.0 from -0.0). A tuple with any computed item
is made anew each time (`2**70` is one: the interpreter does not fold a power that
large)."""

from typing import Iterator


def point() -> tuple[int, str, None]:
    return (1, "a", None)


def same_point() -> tuple[int, str, None]:
    return (1, "a", None)


def nested() -> tuple[tuple[int, int], tuple[float, ...]]:
    return ((1, 2), (3.5, -0.0))


def made(x: int) -> tuple[int, int]:
    return (1, x)


def lookalikes() -> list[tuple[object, ...]]:
    return [(1,), (1.0,), (True,), (0.0,), (-0.0,), (1180591620717411303424,), (-1180591620717411303424,), (2**70,), (b"b",), ("b",)]


def test_the_same_object_each_time() -> None:
    print(point() is point(), point() is same_point(), point())


def test_nested_tuples() -> None:
    a, b = nested(), nested()
    print(a is b, a[0] is b[0], a)


def test_computed_items_make_a_new_tuple() -> None:
    print(made(2) is made(2), made(2) == made(2), made(3))


def test_equal_but_different_constants_stay_apart() -> None:
    xs, ys = lookalikes(), lookalikes()
    print([x is y for x, y in zip(xs, ys)])
    print([[x is y for y in xs] for x in xs])


def test_loops_over_constant_tuples() -> None:
    total = 0
    for dx, dy in ((0, 1), (1, 0), (0, -1), (-1, 0)):
        for _ in range(3):
            total = total * 3 + dx * 2 + dy
    print(total, ("x", "y") + ("z",), (1, 2) * 2)


class Backwards(tuple[int, ...]):
    def __iter__(self) -> Iterator[int]:
        return reversed(tuple(tuple.__iter__(self)))


def walk(t: tuple[int, ...]) -> list[int]:
    out = []
    for x in t:
        out.append(x)
    return out


def test_tuples_are_walked_by_their_own_iterator() -> None:
    print(walk((3, 1, 2)), walk(Backwards((3, 1, 2))), walk(()))


def test_membership_and_unpacking() -> None:
    word = "b"
    print(word in ("a", "b"), 3 in (1, 2), ("q", 1) in [("q", 1)])
    first, *rest = (10, 20, 30)
    print(first, rest)
