"""Classes combined as bases of one class statement: CPython allows it when at most
one base adds to the instance layout. Compiled classes that are combined keep the
layout of ordinary classes, so every combination the interpreter accepts works."""

from abc import ABC, abstractmethod
from typing import Generic, TypeVar

T = TypeVar("T")


class Named:
    def __init__(self, name: str) -> None:
        self.name = name

    def describe(self) -> str:
        return f"named {self.name}"


class Sized:
    def __init__(self, size: int) -> None:
        self.size = size

    def describe(self) -> str:
        return f"sized {self.size}"


class Both(Named, Sized):
    def __init__(self, name: str, size: int) -> None:
        Named.__init__(self, name)
        Sized.__init__(self, size)


class Coded:
    def __init__(self, code: int) -> None:
        self.code = code


class HttpError(Coded, Exception):
    def __init__(self, code: int) -> None:
        Coded.__init__(self, code)
        Exception.__init__(self, f"http {code}")


class Base:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def hello(self) -> str:
        return "base"


class Left(Base):
    def __init__(self) -> None:
        super().__init__()
        self.left = 1

    def hello(self) -> str:
        return "left+" + super().hello()


class Right(Base):
    def __init__(self) -> None:
        super().__init__()
        self.right = 2

    def hello(self) -> str:
        return "right+" + super().hello()


class Diamond(Left, Right):
    pass


class Tagged:
    def __init__(self, tag: str) -> None:
        self.tag = tag


class TaggedDict(dict, Tagged):  # type: ignore[type-arg]
    def __init__(self, tag: str) -> None:
        dict.__init__(self)
        Tagged.__init__(self, tag)


class Shape(ABC):
    def __init__(self, sides: int) -> None:
        self.sides = sides

    @abstractmethod
    def area(self) -> float: ...


class Square(Shape):
    def __init__(self, side: float) -> None:
        super().__init__(4)
        self.side = side

    def area(self) -> float:
        return self.side * self.side


class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item


class IntBox(Box[int], Generic[T]):
    def doubled(self) -> int:
        return self.item * 2


def make_both(n: int) -> int:
    total = 0
    for i in range(n):
        b = Both(str(i), i)
        total += b.size + len(b.name)
    return total


def test_two_classes_with_fields() -> None:
    b = Both("x", 3)
    print(b.name, b.size, b.describe(), make_both(50))
    print(isinstance(b, Named), isinstance(b, Sized), [c.__name__ for c in type(b).__mro__])


def test_class_and_exception() -> None:
    try:
        raise HttpError(404)
    except HttpError as e:
        print(e.code, e, e.args)
    except Exception as e:
        print("wrong handler", type(e).__name__)


def test_diamond() -> None:
    d = Diamond()
    print(d.left, d.right, d.seen, d.hello(), Left().hello(), Right().hello())


def test_with_dict() -> None:
    t = TaggedDict("t")
    t["a"] = 1
    print(t.tag, dict(t), len(t))


def test_layout_free_bases_still_combine() -> None:
    s = Square(1.5)
    print(s.sides, s.area(), isinstance(s, Shape))
    try:
        Shape(3)  # type: ignore[abstract]
    except TypeError as e:
        print("TypeError", "abstract" in str(e))
    print(IntBox(21).doubled(), IntBox(2).item)


def test_interpreted_class_combining_them() -> None:
    ns: dict[str, object] = {"Named": Named, "Sized": Sized, "Coded": Coded}
    exec(
        "class Later(Named, Sized):\n"
        "    def __init__(self):\n"
        "        Named.__init__(self, 'later')\n"
        "        Sized.__init__(self, 7)\n"
        "class Err(Coded, ValueError):\n"
        "    pass\n",
        ns,
    )
    later = ns["Later"]()  # type: ignore[operator]
    print(later.name, later.size, later.describe())
    err = ns["Err"](5)  # type: ignore[operator]
    print(err.code, isinstance(err, ValueError))
