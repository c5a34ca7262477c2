"""pickle (protocol 2 and up), copy and deepcopy of native instances give __new__
the arguments that __getnewargs__ or __getnewargs_ex__ return, whether the native
class or a Python subclass defines them, as for an ordinary class."""

import copy
import pickle


class Point:
    x: int
    y: int

    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y

    def __getnewargs__(self) -> tuple[int, int]:
        print("getnewargs", self.x, self.y)
        return (self.x, self.y)


class Needy(Point):
    """A subclass whose __new__ needs the arguments."""

    def __new__(cls, x: int, y: int) -> "Needy":
        print("new", cls.__name__, x, y)
        return super().__new__(cls)


class Keyword(Point):
    def __new__(cls, x: int, *, y: int) -> "Keyword":
        print("new", cls.__name__, x, y)
        return super().__new__(cls)

    def __getnewargs_ex__(self) -> tuple[tuple[int], dict[str, int]]:
        return ((self.x,), {"y": self.y})


class BadArgs(Point):
    def __getnewargs__(self) -> list[int]:  # type: ignore[override]
        return [self.x]


def show(p: Point) -> str:
    return f"{type(p).__name__}({p.x}, {p.y})"


def test_pickle_protocols() -> None:
    for proto in (2, 4, 5):
        print(proto, show(pickle.loads(pickle.dumps(Needy(1, 2), protocol=proto))))


def test_copy_and_deepcopy() -> None:
    print(show(copy.copy(Needy(3, 4))))
    print(show(copy.deepcopy(Needy(5, 6))))


def test_keyword_arguments() -> None:
    print(show(pickle.loads(pickle.dumps(Keyword(7, y=8), protocol=4))))
    print(show(copy.copy(Keyword(9, y=10))))


def test_plain_native_class() -> None:
    print(show(pickle.loads(pickle.dumps(Point(11, 12), protocol=2))))


def test_wrong_type_from_getnewargs() -> None:
    try:
        pickle.dumps(BadArgs(1, 2), protocol=2)
    except TypeError as e:
        print("TypeError:", e)
