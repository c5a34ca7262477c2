"""A method that uses `super()` or `__class__` shows its class through `__closure__`,
one cell shared by the class's methods, as the interpreter's `__class__` cell.
Libraries that remake a class (attrs, for `__slots__`) point that cell at the new
class; compiled methods then follow it (before, compiled methods had no
`__closure__` and their `super()` kept the replaced class: TypeError). A nested
function shows the cells of the variables it captures."""

import gc
from typing import Any, TypeVar

T = TypeVar("T")


def remake_with_slots(cls: type[T]) -> type[T]:
    """What attrs does for a slotted class: a new class with the same bases and
    namespace plus `__slots__`, and the `__class__` cells of its methods moved."""
    ns: dict[str, Any] = {
        k: v for k, v in cls.__dict__.items() if k not in ("__dict__", "__weakref__")
    }
    ns["__slots__"] = tuple(cls.__dict__.get("__annotations__", {}))
    meta: Any = type(cls)
    new: Any = meta(cls.__name__, cls.__bases__, ns)
    moved = 0
    for item in ns.values():
        if isinstance(item, (classmethod, staticmethod)):
            cells = getattr(item.__func__, "__closure__", None)
        elif isinstance(item, property):
            cells = getattr(item.fget, "__closure__", None)
        else:
            cells = getattr(item, "__closure__", None)
        for cell in cells or ():
            try:
                match = cell.cell_contents is cls
            except ValueError:
                continue
            if match:
                cell.cell_contents = new
                moved += 1
    log.append(f"{cls.__name__}: {moved} cell(s) moved")
    return new


log: list[str] = []


@remake_with_slots
class Shape:
    name: str

    def __init__(self, name: str) -> None:
        self.name = name

    def describe(self) -> str:
        return "shape " + self.name

    @classmethod
    def kind(cls) -> str:
        return "shape"


@remake_with_slots
class Square(Shape):
    side: int

    def __init__(self, side: int) -> None:
        super().__init__("square")
        self.side = side

    def describe(self) -> str:
        return super().describe() + f" of side {self.side}"

    @classmethod
    def kind(cls) -> str:
        return "square<" + super().kind()

    @property
    def area(self) -> int:
        return self.side * self.side + len(super().describe()) * 0

    def own_class(self) -> type:
        return __class__  # type: ignore[name-defined]


class Plain:
    def value(self) -> int:
        return 1


class Derived(Plain):
    def value(self) -> int:
        return super().value() + 1

    def other(self) -> int:
        return super().value() + 2


seen: list[str] = []


class Announcer:
    def __init_subclass__(cls, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        cells = cls.__dict__["who"].__closure__
        seen.append(f"{cls.__name__}: {cells[0].cell_contents is cls}")

    def who(self) -> str:
        return "announcer"


class Announced(Announcer):
    def who(self) -> str:
        return "announced<" + super().who()


def test_the_cell_while_the_class_is_made() -> None:
    print(seen, Announced().who())


def test_super_follows_the_remade_class() -> None:
    s = Square(3)
    print(log, s.describe(), Square.kind(), s.area, hasattr(s, "__dict__"))
    print(s.own_class() is Square, getattr(type(s), "__slots__"))


def test_closure_cells() -> None:
    cells = Derived.value.__closure__
    assert cells is not None
    print(len(cells), cells[0].cell_contents is Derived)
    other = Derived.other.__closure__
    assert other is not None
    print(other[0] is cells[0], Plain.value.__closure__)


def make_local(tag: str) -> Any:
    @remake_with_slots
    class Local(Derived):
        label: str

        def __init__(self) -> None:
            self.label = tag

        def value(self) -> int:
            return super().value() * 10

    return Local


def counter() -> Any:
    count = 0

    def bump() -> int:
        nonlocal count
        count += 1
        return count

    return bump


def test_classes_made_in_functions() -> None:
    local = make_local("t")
    print(log[-1], local().value(), local().label, hasattr(local(), "__dict__"))


def test_a_closure_shows_its_cells() -> None:
    bump = counter()
    bump()
    cells = bump.__closure__
    print(len(cells), cells[0].cell_contents)
    cells[0].cell_contents = 41
    print(bump(), counter.__closure__)


def test_an_emptied_cell() -> None:
    cells = Derived.other.__closure__
    assert cells is not None
    cell = cells[0]
    saved = cell.cell_contents
    del cell.cell_contents
    try:
        Derived().other()
    except RuntimeError as e:
        print("RuntimeError", e)
    try:
        print(cell.cell_contents)
    except ValueError as e:
        print("ValueError", e)
    cell.cell_contents = saved
    print(Derived().other())


class Holder:
    def __init__(self, n: int) -> None:
        self.n = n


@remake_with_slots
class Kept(Holder):
    tag: str


def test_a_replaced_class_is_not_kept() -> None:
    # (The module kept every class statement's class: the replaced one stayed
    # alive and a second time among its base's subclasses, which broke cattrs'
    # include_subclasses on attrs classes.)
    gc.collect()
    print([c.__qualname__ for c in Holder.__subclasses__()], Kept.__mro__[1] is Holder)
