"""Inheritance: overriding, super() (zero-argument and two-argument), the MRO,
cooperative multiple inheritance, abstract base classes, isinstance/issubclass,
subclasses of builtin types, and Python subclasses of compiled classes."""

from abc import ABC, abstractmethod
from collections.abc import Sized


class Animal:
    sound = "..."
    legs = 4

    def __init__(self, name: str) -> None:
        self.name = name

    def speak(self) -> str:
        return f"{self.name} says {self.sound}"

    def kind(self) -> str:
        return "animal"

    def describe(self) -> str:
        # Calls overridable methods: subclasses change what this returns.
        return f"{self.kind()}:{self.speak()}:{self.legs}"


class Dog(Animal):
    sound = "woof"

    def kind(self) -> str:
        return "dog"


class Puppy(Dog):
    def __init__(self, name: str, age: int) -> None:
        super().__init__(name)
        self.age = age

    def speak(self) -> str:
        return super().speak() + "!"

    def kind(self) -> str:
        return "puppy/" + super().kind()


class Bird(Animal):
    legs = 2
    sound = "tweet"

    def kind(self) -> str:
        return "bird"

    def grandparent_kind(self) -> str:
        return super(Bird, self).kind()


class Parrot(Bird):
    def kind(self) -> str:
        return "parrot"

    def skip_bird(self) -> str:
        # Two-argument super starting above Bird.
        return super(Bird, self).kind()

    def via_bird(self) -> str:
        return super(Parrot, self).kind()


class Root:
    def __init__(self) -> None:
        self.trail: list = []

    def hello(self) -> list:
        self.trail.append("Root")
        return self.trail


class Left(Root):
    def hello(self) -> list:
        self.trail.append("Left")
        return super().hello()


class Right(Root):
    def hello(self) -> list:
        self.trail.append("Right")
        return super().hello()


class Diamond(Left, Right):
    def hello(self) -> list:
        self.trail.append("Diamond")
        return super().hello()


class MixinA:
    def tag(self) -> str:
        return "A"

    def both(self) -> str:
        return "A+" + self.tag()


class MixinB:
    def tag(self) -> str:
        return "B"


class AB(MixinA, MixinB):
    pass


class BA(MixinB, MixinA):
    pass


class Shape(ABC):
    @abstractmethod
    def area(self) -> float:
        ...

    @abstractmethod
    def perimeter(self) -> float:
        ...

    def ratio(self) -> float:
        return self.area() / self.perimeter()


class HalfShape(Shape):
    def area(self) -> float:
        return 1.0


class Sq(HalfShape):
    def __init__(self, s: float) -> None:
        self.s = s

    def area(self) -> float:
        return self.s * self.s

    def perimeter(self) -> float:
        return 4.0 * self.s


class Named(ABC):
    @property
    @abstractmethod
    def name(self) -> str:
        ...

    @classmethod
    @abstractmethod
    def create(cls) -> "Named":
        ...

    @staticmethod
    @abstractmethod
    def version() -> int:
        ...


class NamedImpl(Named):
    @property
    def name(self) -> str:
        return "impl"

    @classmethod
    def create(cls) -> "NamedImpl":
        return cls()

    @staticmethod
    def version() -> int:
        return 3


class AbstractWithBody(ABC):
    @abstractmethod
    def run(self) -> str:
        return "base-run"


class CallsAbstractBody(AbstractWithBody):
    def run(self) -> str:
        return "sub>" + super().run()


class MyList(list):
    def total(self) -> int:
        t = 0
        for x in self:
            t += x
        return t

    def append(self, x: object) -> None:
        super().append(x)
        super().append(x)


class MyDict(dict):
    def __missing__(self, key: object) -> str:
        return f"missing:{key}"


class MyInt(int):
    def double(self) -> int:
        return int(self) * 2

    def __repr__(self) -> str:
        return f"MyInt({int(self)})"


class MyStr(str):
    def shout(self) -> str:
        return self.upper() + "!"


class Template:
    def step1(self) -> str:
        return "t1"

    def step2(self) -> str:
        return "t2"

    def run(self) -> str:
        return self.step1() + "," + self.step2()

    def run_many(self, n: int) -> list:
        return [self.step2() for _ in range(n)]


class Base2:
    def __init__(self, a: int) -> None:
        self.a = a


class Derived2(Base2):
    pass


class KwBase:
    def __init__(self, x: int = 1, y: int = 2) -> None:
        self.x = x
        self.y = y


class KwDerived(KwBase):
    def __init__(self, z: int, x: int = 10) -> None:
        super().__init__(x=x, y=z)
        self.z = z


class Registry:
    seen: list = []

    # Explicit @classmethod: an undecorated __init_subclass__ is not made an
    # implicit classmethod when compiled (oxyc bug, see the report).
    @classmethod
    def __init_subclass__(cls, tag: str = "none") -> None:
        Registry.seen.append((cls.__name__, tag))


class RegA(Registry, tag="a"):
    pass


class RegB(RegA):
    pass


class Greeter:
    def who(self) -> str:
        return "Greeter"


class Redefined(Greeter):
    def who(self) -> str:
        return "R1>" + super().who()


FirstRedefined = Redefined


class Redefined(Greeter):  # type: ignore # noqa: F811
    def who(self) -> str:
        return "R2>" + super().who()


class Borrower:
    pass


class CounterBase:
    count = 0

    @classmethod
    def bump(cls) -> int:
        cls.count += 1
        return cls.count


class CounterSub(CounterBase):
    pass


def test_override_and_inherit() -> None:
    d = Dog("rex")
    a = Animal("it")
    print(a.speak(), d.speak(), a.describe(), d.describe())
    assert d.describe() == "dog:rex says woof:4"
    b = Bird("tw")
    print(b.describe(), b.legs, Animal.legs)
    assert b.describe() == "bird:tw says tweet:2"


def test_zero_arg_super() -> None:
    p = Puppy("bo", 1)
    print(p.speak(), p.kind(), p.describe(), p.age, p.name)
    assert p.describe() == "puppy/dog:bo says woof!:4"


def test_two_arg_super() -> None:
    p = Parrot("polly")
    print(p.kind(), p.skip_bird(), p.via_bird(), p.grandparent_kind(), Bird("b").grandparent_kind())
    assert (p.skip_bird(), p.via_bird(), p.grandparent_kind()) == ("animal", "bird", "animal")


def test_super_outside_class() -> None:
    p = Parrot("p")
    print(super(Parrot, p).kind(), super(Bird, p).speak())
    assert super(Parrot, p).kind() == "bird"
    try:
        super(Dog, p).kind()  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "super(type, obj): obj must be an instance or subtype of type"


def test_mro_diamond() -> None:
    print([c.__name__ for c in Diamond.__mro__])
    assert [c.__name__ for c in Diamond.__mro__] == ["Diamond", "Left", "Right", "Root", "object"]
    print(Diamond().hello())
    assert Diamond().hello() == ["Diamond", "Left", "Right", "Root"]
    print(Left().hello(), Right().hello())


def test_mixin_order() -> None:
    print(AB().tag(), BA().tag(), AB().both(), BA().both())
    assert (AB().tag(), BA().tag(), BA().both()) == ("A", "B", "A+B")
    print([c.__name__ for c in BA.mro()])


def test_inconsistent_mro() -> None:
    try:
        type("Bad", (Root, Left), {})
    except TypeError as e:
        print(e)
        assert "consistent method resolution" in str(e)


def test_abstract_instantiation() -> None:
    msgs = []
    try:
        Shape()  # type: ignore
    except TypeError as e:
        msgs.append(str(e))
    try:
        HalfShape()  # type: ignore
    except TypeError as e:
        msgs.append(str(e))
    try:
        Named()  # type: ignore
    except TypeError as e:
        msgs.append(str(e))
    for m in msgs:
        print(m)
    assert msgs[0] == "Can't instantiate abstract class Shape with abstract methods area, perimeter"
    assert msgs[1] == "Can't instantiate abstract class HalfShape with abstract method perimeter"
    assert msgs[2] == "Can't instantiate abstract class Named with abstract methods create, name, version"


def test_abstract_concrete() -> None:
    s = Sq(2.0)
    print(s.area(), s.perimeter(), s.ratio(), isinstance(s, Shape), isinstance(s, HalfShape))
    assert s.ratio() == 0.5
    print(sorted(Shape.__abstractmethods__), sorted(HalfShape.__abstractmethods__), sorted(Sq.__abstractmethods__))
    assert sorted(Sq.__abstractmethods__) == []
    print(Shape.area.__isabstractmethod__, getattr(Sq.area, "__isabstractmethod__", False))  # type: ignore[attr-defined]


def test_abstract_property_classmethod_staticmethod() -> None:
    n = NamedImpl.create()
    print(n.name, NamedImpl.version(), type(n).__name__, isinstance(n, Named))
    assert n.name == "impl" and NamedImpl.version() == 3


def test_abstract_method_with_body() -> None:
    print(CallsAbstractBody().run())
    assert CallsAbstractBody().run() == "sub>base-run"


def test_abc_register_and_sized() -> None:
    class Virtual:
        def __len__(self) -> int:
            return 3

    Shape.register(Virtual)
    v = Virtual()
    print(isinstance(v, Shape), issubclass(Virtual, Shape), isinstance(v, Sized), isinstance(Dog("d"), Sized))
    assert isinstance(v, Shape) and isinstance(v, Sized)


def test_isinstance_issubclass() -> None:
    p = Puppy("x", 1)
    checks = [
        isinstance(p, Puppy), isinstance(p, Dog), isinstance(p, Animal), isinstance(p, object),
        isinstance(p, Bird), isinstance(p, (Bird, Dog)), isinstance(p, (int, str)),
        issubclass(Puppy, Animal), issubclass(Animal, Puppy), issubclass(Puppy, Puppy),
        issubclass(Parrot, (Dog, Bird)), issubclass(bool, int), issubclass(Diamond, Root),
    ]
    print(checks)
    assert checks == [True, True, True, True, False, True, False, True, False, True, True, True, True]
    try:
        issubclass(p, Animal)  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "issubclass() arg 1 must be a class"
    try:
        isinstance(p, 3)  # type: ignore
    except TypeError as e:
        print(e)


def test_type_vs_isinstance() -> None:
    p = Puppy("x", 1)
    print(type(p) is Puppy, type(p) is Dog, type(p) == Dog, type(p).__mro__[1].__name__)
    assert type(p) is Puppy and type(p) is not Dog
    print(Puppy.__bases__[0].__name__, [c.__name__ for c in Animal.__subclasses__()])
    assert [c.__name__ for c in Animal.__subclasses__()] == ["Dog", "Bird"]


def test_builtin_subclass_list() -> None:
    m = MyList([1, 2])
    m.append(3)
    print(m, m.total(), len(m), type(m).__name__, isinstance(m, list))
    assert list(m) == [1, 2, 3, 3] and m.total() == 9
    m2 = m + [4]
    print(type(m2).__name__, m2)
    assert type(m2) is list


def test_builtin_subclass_dict() -> None:
    d = MyDict(a=1)
    print(d["a"], d["zz"], d.get("zz"), "zz" in d, len(d))
    assert d["zz"] == "missing:zz" and d.get("zz") is None


def test_builtin_subclass_int_str() -> None:
    i = MyInt(21)
    print(i.double(), i + 1, repr(i), type(i + 1).__name__, i == 21, isinstance(i, int))
    assert i.double() == 42 and i + 1 == 22 and repr(i) == "MyInt(21)"
    s = MyStr("hi")
    print(s.shout(), s + "x", type(s + "x").__name__, len(s), s == "hi")
    assert s.shout() == "HI!"


def test_inherited_init() -> None:
    d = Derived2(5)
    print(d.a, type(d).__name__)
    assert d.a == 5
    k = KwDerived(3)
    k2 = KwDerived(z=4, x=5)
    print(k.x, k.y, k.z, k2.x, k2.y, k2.z)
    assert (k.x, k.y, k2.x, k2.y) == (10, 3, 5, 4)


def test_init_subclass() -> None:
    print(Registry.seen)
    assert Registry.seen[:2] == [("RegA", "a"), ("RegB", "none")]


def test_init_subclass_local() -> None:
    before = len(Registry.seen)

    class Local(Registry, tag="local"):
        pass

    print(Registry.seen[before:])
    assert Registry.seen[before:] == [("Local", "local")]


def test_classmethod_on_subclass_state() -> None:
    print(CounterBase.bump(), CounterSub.bump(), CounterSub.bump(), CounterBase.count, CounterSub.count)
    assert (CounterBase.count, CounterSub.count) == (1, 3)
    print("count" in CounterSub.__dict__)


def test_python_subclass_overrides_called_method() -> None:
    class Custom(Template):
        def step2(self) -> str:
            return "custom2"

    class Custom2(Custom):
        def step1(self) -> str:
            return "c1<" + super().step1()

    print(Template().run(), Custom().run(), Custom2().run(), Custom().run_many(2))
    assert Custom().run() == "t1,custom2"
    assert Custom2().run() == "c1<t1,custom2"


def test_python_subclass_of_puppy() -> None:
    class Loud(Puppy):
        sound = "WOOF"

        def kind(self) -> str:
            return "loud-" + super().kind()

    x = Loud("max", 2)
    print(x.describe(), x.speak(), isinstance(x, Dog), [c.__name__ for c in Loud.__mro__][:3])
    assert x.describe() == "loud-puppy/dog:max says WOOF!:4"


def test_instance_attribute_overrides_method() -> None:
    t = Template()
    t.step2 = Template().step1  # type: ignore
    print(t.run())
    assert t.run() == "t1,t1"


def test_subclass_without_super_init() -> None:
    class NoSuper(Puppy):
        def __init__(self) -> None:
            self.age = 0

    n = NoSuper()
    try:
        n.speak()
    except AttributeError as e:
        print("AttributeError", e)
        assert str(e) == "'NoSuper' object has no attribute 'name'"


def test_deep_chain() -> None:
    class L1(Animal):
        def kind(self) -> str:
            return "1" + super().kind()

    class L2(L1):
        def kind(self) -> str:
            return "2" + super().kind()

    class L3(L2):
        def kind(self) -> str:
            return "3" + super().kind()

    print(L3("z").describe())
    assert L3("z").describe() == "321animal:z says ...:4"


def test_redefined_class_keeps_own_super() -> None:
    print(FirstRedefined().who(), Redefined().who(), FirstRedefined is Redefined)
    assert FirstRedefined().who() == "R1>Greeter" and Redefined().who() == "R2>Greeter"
    try:
        Redefined.who(FirstRedefined())
    except TypeError as e:
        print(e)
        assert str(e) == "super(type, obj): obj must be an instance or subtype of type"


def test_borrowed_method_super() -> None:
    Borrower.who = FirstRedefined.who  # type: ignore
    try:
        Borrower().who()  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "super(type, obj): obj must be an instance or subtype of type"
