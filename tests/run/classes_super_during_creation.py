"""Methods that use `super()` or `__class__` called while their class is being made:
from the base's `__init_subclass__`, from a descriptor's `__set_name__` and from a
metaclass's `__init__`. The interpreter fills a class's `__class__` cell as soon as
the type exists, before any of them runs (compiled code read an empty class there: a
crash for native classes, RuntimeError for the others). And what the interpreter
checks: a metaclass that does not pass `__classcell__` on to `type.__new__`."""

from typing import Any


class Base:
    log: list[str] = []
    computed: dict[str, int] = {}

    @classmethod
    def defaults(cls) -> dict[str, int]:
        return {"base": 1}

    def __init_subclass__(cls, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        cls.computed = cls.defaults()
        Base.log.append(cls.__name__ + ":" + cls.kind())

    @classmethod
    def kind(cls) -> str:
        return "base"


class Child(Base):
    @classmethod
    def defaults(cls) -> dict[str, int]:
        d = super().defaults()
        d["child"] = 2
        return d

    @classmethod
    def kind(cls) -> str:
        return __class__.__name__ + "<" + super().kind()  # type: ignore[name-defined]


class GrandChild(Child):
    @classmethod
    def defaults(cls) -> dict[str, int]:
        d = super().defaults()
        d["grand"] = 3
        return d


tags: list[str] = []


class Tagger:
    def __set_name__(self, owner: Any, name: str) -> None:
        tags.append(name + "=" + owner.tag())


class Plain:
    @classmethod
    def tag(cls) -> str:
        return "plain"


class Tagged(Plain):
    field = Tagger()

    @classmethod
    def tag(cls) -> str:
        return "tagged<" + super().tag()


def test_init_subclass_calls_methods_that_use_super() -> None:
    print(Child.computed, GrandChild.computed, Base.computed)
    print(Base.log)
    print(Child.kind(), GrandChild.kind())


def test_set_name_calls_methods_that_use_super() -> None:
    print(tags, Tagged.tag())


class Meta(type):
    made: list[str] = []

    def __init__(cls, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> None:
        super().__init__(name, bases, ns)
        if name != "Root":
            Meta.made.append(cls.who())  # type: ignore[attr-defined]


class Root(metaclass=Meta):
    @classmethod
    def who(cls) -> str:
        return "root"


class Leaf(Root):
    @classmethod
    def who(cls) -> str:
        return "leaf<" + super().who()


class Dropping(type):
    def __new__(mcs, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> "Dropping":
        ns = {k: v for k, v in ns.items() if k != "__classcell__"}
        return super().__new__(mcs, name, bases, ns)


try:

    class Lost(metaclass=Dropping):
        def m(self) -> str:
            return super().__repr__()

    lost = "made " + Lost.__name__
except RuntimeError as e:
    lost = "RuntimeError " + str(e).split(".")[0]


class TooEarly:
    """Methods called from the class body, before the class exists: `__class__` is a
    free variable without a value (NameError), `super()` finds an empty cell."""

    def name(self) -> str:
        return __class__.__name__  # type: ignore[name-defined]

    def parent(self) -> str:
        return super().__repr__()

    early: list[str] = []
    for call in (name, parent):
        try:
            early.append(call(None))  # type: ignore[arg-type]
        except (NameError, RuntimeError) as e:
            early.append(type(e).__name__ + ": " + str(e))


def test_methods_called_from_the_class_body() -> None:
    print(TooEarly.early, TooEarly().name())


def make_local(tag: str) -> Any:
    class Local(Base):
        @classmethod
        def kind(cls) -> str:
            return tag + "<" + super().kind()

    return Local


def test_a_class_made_in_a_function() -> None:
    before = len(Base.log)
    a, b = make_local("one"), make_local("two")
    print(Base.log[before:], a.kind(), b.kind(), a is not b)


def test_metaclass_init_calls_methods_that_use_super() -> None:
    print(Meta.made, Leaf.who())


def test_a_metaclass_must_pass_the_class_cell_on() -> None:
    print(lost)
