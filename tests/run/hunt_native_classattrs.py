"""Hunt: class attributes (read by methods, rebound at run time, shadowed by
Python subclasses), staticmethod/classmethod/property on native classes,
callables stored in fields, isinstance narrowing in generic code receiving
native instances through `object`, __init_subclass__, __set_name__, __slots__."""

from typing import Callable, ClassVar, Optional


class Conf:
    LIMIT = 10
    NAME: str = "conf"
    created: ClassVar[list[int]] = []
    v: int

    def __init__(self, v: int) -> None:
        self.v = v
        # (`Conf.instances += 1` would make every class of the module ordinary)
        Conf.created.append(v)

    def clipped(self) -> int:
        return min(self.v, self.LIMIT)

    def clipped_cls(self) -> int:
        return min(self.v, Conf.LIMIT)

    def label(self) -> str:
        return self.NAME + ":" + str(self.v)

    def bump_type(self) -> int:
        bump_limit(type(self))
        return self.LIMIT

    @staticmethod
    def twice(x: int) -> int:
        return 2 * x

    @classmethod
    def make(cls, v: int) -> "Conf":
        return cls(v)

    @classmethod
    def kind(cls) -> str:
        return cls.__name__ + "/" + cls.NAME

    def use_static(self) -> int:
        return self.twice(self.v) + Conf.twice(1)

    def use_cls(self) -> str:
        return self.kind()


def bump_limit(t: type) -> None:
    exec("t.LIMIT += 1", {"t": t})


def read_limit(c: Conf) -> int:
    return c.LIMIT


def test_class_attr_rebind() -> None:
    c = Conf(50)
    print(c.clipped(), c.clipped_cls(), read_limit(c), c.label())
    # (stored from interpreted code: a compiled store to a class attribute from
    # outside the class makes every class of the module ordinary)
    exec("Conf.LIMIT = 20; Conf.NAME = 'renamed'", {"Conf": Conf})
    print(c.clipped(), c.clipped_cls(), read_limit(c), c.label())
    assert c.clipped() == 20
    print(c.bump_type(), Conf.LIMIT, c.clipped())
    exec("Conf.LIMIT = 10; Conf.NAME = 'conf'", {"Conf": Conf})


def test_class_attr_shadow_subclass() -> None:
    class Loose(Conf):
        LIMIT = 1000
        NAME = "loose"

    lo = Loose(50)
    print(lo.clipped(), lo.clipped_cls(), read_limit(lo), lo.label(), lo.kind(), lo.use_cls())
    assert lo.clipped() == 50
    print(lo.bump_type(), Loose.LIMIT, Conf.LIMIT)
    assert Conf.LIMIT == 10


def test_classvar_counter() -> None:
    before = len(Conf.created)
    for i in range(3):
        Conf(i)
    Conf.make(3)
    print(len(Conf.created) - before, Conf.created[-4:])
    assert len(Conf.created) - before == 4


def test_static_and_class_methods() -> None:
    c = Conf(4)
    print(Conf.twice(3), c.twice(5), c.use_static(), Conf.kind(), c.kind(), c.use_cls())
    m = Conf.make(7)
    print(type(m).__name__, m.v)

    class Sub(Conf):
        NAME = "sub"

        @staticmethod
        def twice(x: int) -> int:
            return 3 * x

    s = Sub.make(2)
    print(type(s).__name__, s.use_static(), s.kind(), s.use_cls())
    assert s.use_static() == 8


class Temp:
    _c: float

    def __init__(self, c: float) -> None:
        self._c = c

    @property
    def c(self) -> float:
        return self._c

    @c.setter
    def c(self, v: float) -> None:
        if v < -273.15:
            raise ValueError("too cold")
        self._c = v

    @c.deleter
    def c(self) -> None:
        del self._c

    @property
    def f(self) -> float:
        return self._c * 9.0 / 5.0 + 32.0

    def warm(self, d: float) -> float:
        # (`self.c = ...` through the property would make the class ordinary)
        self._c = self.c + d
        return self.f


def set_c(t: Temp, v: float) -> None:
    # (a compiled `t.c = v` through the property setter would make every class of
    # the module ordinary)
    exec("t.c = v", {"t": t, "v": v})


def temp_ops(t: Temp) -> list[float]:
    set_c(t, 100.0)
    a = t.f
    set_c(t, t.c + 1.0)
    return [a, t.c, t.warm(9.0)]


def test_property() -> None:
    t = Temp(0.0)
    print(temp_ops(t))
    try:
        set_c(t, -300.0)
    except ValueError as e:
        print("ValueError", e)
    try:
        exec("t.f = 3.0", {"t": t})
    except AttributeError as e:
        print("AttributeError", e)
    exec("del t.c", {"t": t})
    try:
        print(t.f)
    except AttributeError as e:
        print("AttributeError", e)
    print(type(Temp.c).__name__, Temp.c.__doc__)


def test_property_python_subclass() -> None:
    class T2(Temp):
        @property
        def f(self) -> float:
            return -1.0

    t = T2(5.0)
    print(temp_ops(t))
    assert temp_ops(t)[0] == -1.0


class Hooked:
    cb: Callable[[int], int]

    def __init__(self, cb: Callable[[int], int]) -> None:
        self.cb = cb
        self.loose = cb

    def fire(self, x: int) -> int:
        return self.cb(x) + self.loose(x)


def plus1(x: int) -> int:
    return x + 1


def test_callable_fields() -> None:
    h = Hooked(plus1)
    print(h.fire(1))
    assert h.fire(1) == 4
    h.cb = abs
    h.loose = Conf.twice
    print(h.fire(-3))
    assert h.fire(-3) == -3
    h2 = Hooked(Conf(0).twice)
    print(h2.fire(4))


class Sized:
    def size(self) -> int:
        return 1

    def report(self) -> str:
        return "size=" + str(self.size())


def test_instance_attr_shadows_method() -> None:
    class PS(Sized):
        def __init__(self) -> None:
            self.size = lambda: 42  # type: ignore[method-assign]

    print(PS().report(), Sized().report())
    assert PS().report() == "size=42"


class Animal:
    name: str

    def __init__(self, name: str) -> None:
        self.name = name

    def sound(self) -> str:
        return "..."


class Dog(Animal):
    def sound(self) -> str:
        return "woof"

    def fetch(self) -> str:
        return self.name + " fetches"


def describe(o: object) -> str:
    if isinstance(o, Dog):
        return "dog:" + o.sound() + ":" + o.fetch()
    if isinstance(o, Animal):
        return "animal:" + o.sound()
    if o is None:
        return "none"
    return "other:" + type(o).__name__


def describe_type(o: object) -> str:
    if type(o) is Dog:
        return "exact dog " + o.sound()  # type: ignore[attr-defined]
    if type(o) == Animal:
        return "exact animal " + o.sound()  # type: ignore[attr-defined]
    return "not exact"


def opt_describe(a: Optional[Animal]) -> str:
    if a is not None and a.sound() != "...":
        return a.name + " says " + a.sound()
    return "quiet"


def test_generic_object_narrowing() -> None:
    class Puppy(Dog):
        def sound(self) -> str:
            return "yip"

        def fetch(self) -> str:
            return "puppy won't"

    class Cat(Animal):
        def sound(self) -> str:
            return "meow"

    objs: list[object] = [Dog("rex"), Animal("gen"), Puppy("p"), Cat("c"), None, 3, "s"]
    out = [describe(o) for o in objs]
    print(out)
    assert out[2] == "dog:yip:puppy won't"
    print([describe_type(o) for o in objs])
    print([opt_describe(a) for a in [Dog("d"), Animal("a"), None, Puppy("pp"), Cat("cc")]])


def attr_names(o: object) -> list[str]:
    return sorted(n for n in dir(o) if not n.startswith("__"))


def test_dir_and_class_dict() -> None:
    print(attr_names(Dog("x")))
    print(hasattr(Dog, "fetch"), hasattr(Animal, "fetch"))
    print(Dog.__name__, Dog.__qualname__, Dog.__module__, Dog.__bases__[0].__name__)
    print(Animal.sound.__name__, Animal.sound.__qualname__)


class Registered:
    registry: ClassVar[list[str]] = []

    def __init_subclass__(cls) -> None:
        Registered.registry.append(cls.__name__)


class RegA(Registered):
    pass


class Named:
    owner_attr: str

    def __init__(self) -> None:
        self.owner_attr = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.owner_attr = owner.__name__ + "." + name

    def __get__(self, obj: object, objtype: Optional[type] = None) -> str:
        return "got " + self.owner_attr


class UsesNamed:
    thing = Named()

    def read(self) -> str:
        return self.thing


def test_init_subclass_set_name() -> None:
    class RegB(RegA):
        pass

    print(Registered.registry)
    assert Registered.registry[-2:] == ["RegA", "RegB"]
    u = UsesNamed()
    print(u.read(), UsesNamed.thing)


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self, a: int) -> None:
        self.a = a

    def total(self) -> int:
        return self.a + self.b  # type: ignore[attr-defined]


def test_slots_class() -> None:
    s = Slotted(1)
    print(Slotted.__slots__, hasattr(s, "b"))
    try:
        s.total()
    except AttributeError as e:
        print("AttributeError", e)
    s.b = 2  # type: ignore[attr-defined]
    print(s.total())
    try:
        exec("s.c = 1", {"s": s})
    except AttributeError as e:
        print("AttributeError", e)


class Defaults:
    a: int
    b: str

    def __init__(self, a: int = 5, b: str = "x") -> None:
        self.a = a
        self.b = b

    def combine(self, sep: str = "-", times: int = 1) -> str:
        return (str(self.a) + sep + self.b) * times


def test_method_defaults_and_kwargs() -> None:
    d = Defaults()
    print(d.combine(), d.combine("+"), d.combine(times=2), d.combine(sep="/", times=3))
    print(Defaults(b="y").combine(), Defaults(7).combine(), Defaults.combine(d, "|"))
    try:
        d.combine(1, 2, 3)  # type: ignore[call-arg, arg-type]
    except TypeError as e:
        print("TypeError", e)
    try:
        d.combine(nope=1)  # type: ignore[call-arg]
    except TypeError as e:
        print("TypeError", e)
    try:
        Defaults(1, "a", 3)  # type: ignore[call-arg]
    except TypeError as e:
        print("TypeError", e)


class Box:
    item: object

    def __init__(self, item: object) -> None:
        self.item = item

    def __eq__(self, o: object) -> bool:
        return isinstance(o, Box) and self.item == o.item

    def __hash__(self) -> int:
        return hash(self.item)


def test_eq_in_containers() -> None:
    boxes = [Box(1), Box("a"), Box(None)]
    print(Box("a") in boxes, boxes.index(Box(None)), boxes.count(Box(1)), Box(2) in boxes)
    d = {Box(1): "one", Box((1, 2)): "tuple"}
    print(d[Box(1)], d.get(Box((1, 2))), Box(3) in d, len({Box(1), Box(1), Box(2)}))
    b = Box(Box(Box(0)))
    print(b == Box(Box(Box(0))), b != Box(Box(Box(1))))


class Ctx:
    log: list[str]

    def __init__(self) -> None:
        self.log = []

    def __enter__(self) -> "Ctx":
        self.log.append("enter")
        return self

    def __exit__(self, et: object, ev: object, tb: object) -> bool:
        self.log.append("exit:" + (type(ev).__name__ if ev is not None else "none"))
        return isinstance(ev, KeyError)


def test_context_manager() -> None:
    c = Ctx()
    with c as got:
        print(got is c)
    with c:
        raise KeyError("swallowed")
    try:
        with c:
            raise ValueError("kept")
    except ValueError:
        c.log.append("outer")
    print(c.log)
