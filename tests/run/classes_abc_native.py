"""Abstract base classes that compile as native classes: `class C(ABC)`,
`metaclass=ABCMeta`, abstract methods and properties, instantiation errors from
compiled and interpreted code, isinstance/issubclass with register(), concrete
subclasses (native and Python) called through the abstract interface."""

import abc
from abc import ABC, ABCMeta, abstractmethod
from typing import List


class Shape(ABC):
    def __init__(self, name: str) -> None:
        self.name = name

    @abstractmethod
    def area(self) -> float:
        ...

    @property
    @abstractmethod
    def sides(self) -> int:
        ...

    def describe(self) -> str:
        return self.name + " with " + str(self.sides) + " sides, area " + str(round(self.area(), 2))


class Square(Shape):
    def __init__(self, side: float) -> None:
        super().__init__("square")
        self.side = side

    def area(self) -> float:
        return self.side * self.side

    @property
    def sides(self) -> int:
        return 4


class Triangle(Shape):
    def __init__(self, base: float, height: float) -> None:
        super().__init__("triangle")
        self.base = base
        self.height = height

    def area(self) -> float:
        return self.base * self.height / 2

    @property
    def sides(self) -> int:
        return 3


class Sink(metaclass=ABCMeta):
    @abstractmethod
    def put(self, x: int) -> None:
        ...


class ListSink(Sink):
    def __init__(self) -> None:
        self.items: List[int] = []

    def put(self, x: int) -> None:
        self.items.append(x)


class Half(abc.ABC):
    @abc.abstractmethod
    def f(self) -> int:
        ...

    def g(self) -> int:
        return 1


def total_area(shapes: List[Shape]) -> float:
    t = 0.0
    for s in shapes:
        t += s.area()
    return t


def make_shape() -> Shape:
    return Shape("x")  # type: ignore[abstract]


def test_concrete_subclasses() -> None:
    shapes: List[Shape] = [Square(2.0), Triangle(3.0, 4.0)]
    print(total_area(shapes), [s.describe() for s in shapes])
    print(type(Shape).__name__, type(Square).__name__, Shape.__abstractmethods__ == frozenset({"area", "sides"}))
    print(sorted(Square.__abstractmethods__))


def test_abstract_instantiation_fails() -> None:
    for f in [make_shape, lambda: Sink(), lambda: Half()]:  # type: ignore[abstract]
        try:
            f()
            print("made")
        except TypeError as e:
            print("TypeError", e)


def test_isinstance_and_register() -> None:
    s = ListSink()
    s.put(3)
    print(s.items, isinstance(s, Sink), issubclass(ListSink, Sink), isinstance(3, Sink))
    Sink.register(int)
    print(isinstance(3, Sink), issubclass(bool, Sink))


def test_python_subclass() -> None:
    class Circle(Shape):
        def __init__(self, r: float) -> None:
            super().__init__("circle")
            self.r = r

        def area(self) -> float:
            return 3.0 * self.r * self.r

        @property
        def sides(self) -> int:
            return 0

    class Incomplete(Shape):
        def area(self) -> float:
            return 0.0

    print(total_area([Circle(1.0), Square(1.0)]), Circle(2.0).describe())
    try:
        Incomplete("i")  # type: ignore[abstract]
    except TypeError as e:
        print("TypeError", e)


def test_partial_abstract_left_abstract() -> None:
    class Full(Half):
        def f(self) -> int:
            return 5

    print(Full().f() + Full().g())
