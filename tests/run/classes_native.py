"""Classes that oxyc compiles as native classes (a C struct with typed fields).

Keep every class here eligible (see crates/oxyc_sema/src/native.rs): the module
must not use `__dict__`, `vars()`, `__setattr__` calls, `setattr`/`delattr` with
a computed name, `__class__` stores, or store from outside a class an attribute
that no class declares; classes have no decorator, metaclass, `__slots__` or
`__new__`. `oxyc build --explain` names any class that is not native.

Covered: fields read and written from compiled and interpreted code, unset and
deleted fields, class constants, properties, static and class methods, dunders,
single inheritance with super(), Python subclasses (overriding methods that
compiled code calls, adding attributes, overriding operators), copy, deepcopy,
pickle, weak references, garbage cycles, instances as dict keys."""

import copy
import gc
import pickle
import weakref
from typing import Iterator, Optional


class Vec:
    x: float
    y: float

    def __init__(self, x: float, y: float) -> None:
        self.x = x
        self.y = y

    def __repr__(self) -> str:
        return f"Vec({self.x}, {self.y})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Vec) and self.x == other.x and self.y == other.y

    def __hash__(self) -> int:
        return hash((self.x, self.y))

    def __add__(self, other: "Vec") -> "Vec":
        return Vec(self.x + other.x, self.y + other.y)

    def __sub__(self, other: "Vec") -> "Vec":
        return Vec(self.x - other.x, self.y - other.y)

    def __mul__(self, k: float) -> "Vec":
        return Vec(self.x * k, self.y * k)

    def __rmul__(self, k: float) -> "Vec":
        return Vec(self.x * k, self.y * k)

    def __neg__(self) -> "Vec":
        return Vec(-self.x, -self.y)

    def __abs__(self) -> float:
        return (self.x * self.x + self.y * self.y) ** 0.5

    def __bool__(self) -> bool:
        return self.x != 0.0 or self.y != 0.0

    def __lt__(self, other: "Vec") -> bool:
        return abs(self) < abs(other)

    def dot(self, other: "Vec") -> float:
        return self.x * other.x + self.y * other.y


class Particle:
    def __init__(self, pos: Vec, vel: Vec, mass: float = 1.0) -> None:
        self.pos = pos
        self.vel = vel
        self.mass = mass
        self.steps = 0

    def step(self, dt: float) -> None:
        self.pos = self.pos + self.vel * dt
        self.steps += 1

    def energy(self) -> float:
        return 0.5 * self.mass * self.vel.dot(self.vel)


class Node:
    value: int
    next: Optional["Node"]

    def __init__(self, value: int, next: Optional["Node"] = None) -> None:
        self.value = value
        self.next = next

    def total(self) -> int:
        t = 0
        n: Optional[Node] = self
        while n is not None:
            t += n.value
            n = n.next
        return t

    def length(self) -> int:
        if self.next is None:
            return 1
        return 1 + self.next.length()


class Animal:
    SOUND = "..."
    LEGS = 4

    def __init__(self, name: str) -> None:
        self.name = name

    def speak(self) -> str:
        return f"{self.name} says {self.sound()}"

    def sound(self) -> str:
        return self.SOUND

    def describe(self) -> str:
        return f"{type(self).__name__}({self.name}, {self.LEGS} legs): {self.speak()}"


class Dog(Animal):
    SOUND = "woof"

    def __init__(self, name: str, tricks: int) -> None:
        super().__init__(name)
        self.tricks = tricks

    def speak(self) -> str:
        return super().speak() + "!" * self.tricks


class Puppy(Dog):
    def sound(self) -> str:
        return "yip"


class Lazy:
    ready: bool
    data: list

    def __init__(self) -> None:
        self.ready = False

    def load(self) -> None:
        self.data = [1, 2, 3]
        self.ready = True

    def first(self) -> int:
        return self.data[0]

    def unload(self) -> None:
        del self.data
        self.ready = False


class Stack:
    def __init__(self) -> None:
        self.items: list = []

    def push(self, v: int) -> "Stack":
        self.items.append(v)
        return self

    def pop(self) -> int:
        if not self.items:
            raise IndexError("pop from empty Stack")
        return self.items.pop()

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i: int) -> int:
        return self.items[i]

    def __contains__(self, v: object) -> bool:
        return v in self.items

    def __iter__(self) -> Iterator[int]:
        return iter(self.items)

    def __repr__(self) -> str:
        return f"Stack({self.items})"


class Account:
    RATE = 0.5

    def __init__(self, owner: str, balance: int = 0) -> None:
        self.owner = owner
        self.balance = balance

    @property
    def rich(self) -> bool:
        return self.balance >= 1000

    @staticmethod
    def fee(amount: int) -> int:
        return amount // 100

    @classmethod
    def opened(cls, owner: str) -> "Account":
        return cls(owner, 10)

    def withdraw(self, amount: int) -> int:
        if amount > self.balance:
            raise ValueError(f"{self.owner}: insufficient funds ({self.balance} < {amount})")
        self.balance -= amount + Account.fee(amount)
        return self.balance

    def interest(self) -> float:
        return self.balance * self.RATE


class Plain:
    def __init__(self, tag: str) -> None:
        self.tag = tag


class Template:
    def __init__(self) -> None:
        self.calls = 0

    def hook(self) -> str:
        return "base-hook"

    def run(self) -> str:
        self.calls += 1
        return "run:" + self.hook()


def describe_animal(a: Animal) -> str:
    return a.describe()


def run_template(t: Template) -> str:
    return t.run() + "/" + t.hook()


def add_vecs(a: Vec, b: Vec) -> Vec:
    return a + b


def read_value(n: Node) -> int:
    return n.value


def test_fields_and_methods() -> None:
    p = Particle(Vec(0.0, 0.0), Vec(1.0, 2.0), 2.0)
    for _ in range(3):
        p.step(0.5)
    print(p.pos, p.vel, p.mass, p.steps, p.energy())
    assert p.pos == Vec(1.5, 3.0) and p.steps == 3 and p.energy() == 5.0


def test_field_writes_from_outside() -> None:
    v = Vec(1.0, 2.0)
    v.x = 10.0
    v.y += 0.5
    n = Node(1)
    n.value = 7
    n.next = Node(3)
    print(v, n.total(), read_value(n), n.length())
    assert v == Vec(10.0, 2.5) and n.total() == 10 and read_value(n) == 7
    n.next = None
    print(n.total(), n.length())
    assert n.total() == 7


def test_dunders() -> None:
    a, b = Vec(3.0, 4.0), Vec(1.0, 0.0)
    print(a + b, a - b, a * 2.0, 2.0 * a, -a, abs(a), bool(a), bool(Vec(0.0, 0.0)), a < b, b < a)
    assert a + b == Vec(4.0, 4.0) and abs(a) == 5.0 and not Vec(0.0, 0.0) and b < a
    print(sorted([a, b, Vec(0.0, 2.0)]), a == Vec(3.0, 4.0), a != b, a == "x", add_vecs(a, b))
    assert sorted([a, b])[0] == b


def test_container_dunders() -> None:
    s = Stack().push(1).push(2).push(3)
    print(s, len(s), s[0], s[-1], 2 in s, 5 in s, list(s), [x * 2 for x in s], bool(s))
    assert len(s) == 3 and s[-1] == 3 and 2 in s and list(s) == [1, 2, 3]
    print(s.pop(), s.pop(), s.pop(), bool(s))
    try:
        s.pop()
    except IndexError as e:
        print("IndexError", e)


def test_unset_and_deleted_fields() -> None:
    z = Lazy()
    try:
        z.first()
    except AttributeError as e:
        print("AttributeError", e)
        assert str(e) == "'Lazy' object has no attribute 'data'"
    print(hasattr(z, "data"), getattr(z, "data", "none"), z.ready)
    z.load()
    print(z.first(), z.ready, hasattr(z, "data"))
    z.unload()
    try:
        print(z.data)
    except AttributeError as e:
        print("AttributeError", e)
    try:
        z.unload()
    except AttributeError as e:
        print("AttributeError", e)
        assert str(e) == "'Lazy' object has no attribute 'data'"


def test_undeclared_attribute_read() -> None:
    p = Plain("t")
    try:
        print(p.missing)  # type: ignore[attr-defined]
    except AttributeError as e:
        print(e)
        assert str(e) == "'Plain' object has no attribute 'missing'"
    try:
        print(Plain.missing)  # type: ignore[attr-defined]
    except AttributeError as e:
        print(e)
        assert str(e) == "type object 'Plain' has no attribute 'missing'"


def test_inheritance_and_class_constants() -> None:
    animals = [Animal("generic"), Dog("rex", 2), Puppy("bit", 1)]
    for a in animals:
        print(a.describe(), describe_animal(a))
    assert Puppy("bit", 1).describe() == "Puppy(bit, 4 legs): bit says yip!"
    print(Dog.SOUND, Puppy.SOUND, Puppy("p", 0).SOUND, Animal.LEGS, isinstance(Puppy("p", 0), Animal), issubclass(Puppy, Dog))
    print([c.__name__ for c in Puppy.__mro__])
    assert [c.__name__ for c in Puppy.__mro__] == ["Puppy", "Dog", "Animal", "object"]


def test_property_static_class_methods() -> None:
    a = Account.opened("ann")
    print(a.owner, a.balance, a.rich, Account.fee(250), a.fee(1000), type(a).__name__)
    a.balance = 2000
    print(a.rich, a.withdraw(500), a.interest())
    assert a.balance == 1495 and a.interest() == 747.5
    try:
        a.withdraw(10**6)
    except ValueError as e:
        print("ValueError", e)
    # Stored from here, `rich` would make every class of the module non-native.
    print(Account.rich.fset is None, Account.rich.fget is not None)  # type: ignore[attr-defined]


def test_python_subclass_overrides() -> None:
    class Custom(Template):
        def hook(self) -> str:
            return "custom-hook"

    class Loud(Dog):
        def sound(self) -> str:
            return "WOOF"

        def describe(self) -> str:
            return "loud " + super().describe()

    c = Custom()
    print(c.run(), run_template(c), c.calls, run_template(Template()))
    assert run_template(c) == "run:custom-hook/custom-hook" and c.calls == 3
    l = Loud("max", 1)
    print(l.speak(), describe_animal(l), l.tricks, isinstance(l, Animal))
    assert describe_animal(l) == "loud Loud(max, 4 legs): max says WOOF!"


def test_python_subclass_new_attributes() -> None:
    class Tagged(Vec):
        def __init__(self, x: float, y: float, tag: str) -> None:
            super().__init__(x, y)
            self.tag = tag
            self.history: list = []

        def move(self, dx: float) -> None:
            self.history.append(self.x)
            self.x += dx

    t = Tagged(1.0, 2.0, "t")
    t.move(1.5)
    t.move(1.0)
    print(t, t.tag, t.history, t + Vec(1.0, 1.0), type(t + Vec(0.0, 0.0)).__name__)
    assert t.x == 3.5 and t.history == [1.0, 2.5] and type(t + Vec(0.0, 0.0)) is Vec


def test_python_subclass_overrides_operator() -> None:
    class Weird(Vec):
        def __add__(self, other: Vec) -> Vec:
            return Vec(-1.0, -1.0)

        def __radd__(self, other: Vec) -> Vec:
            return Vec(-2.0, -2.0)

    w = Weird(1.0, 1.0)
    v = Vec(5.0, 5.0)
    print(w + v, v + w, add_vecs(w, v), add_vecs(v, w))
    assert add_vecs(w, v) == Vec(-1.0, -1.0) and add_vecs(v, w) == Vec(-2.0, -2.0)


def test_default_eq_and_hash() -> None:
    a, b = Plain("a"), Plain("a")
    print(a == b, a == a, a != b, len({a, b, a}), {a: 1}[a])
    assert a != b and len({a, b, a}) == 2
    r = repr(a)
    print(r.startswith("<") and "Plain object at 0x" in r)


def test_dict_keys_and_sets() -> None:
    d = {Vec(1.0, 2.0): "a"}
    d[Vec(1.0, 2.0)] = "b"
    d[Vec(0.0, 0.0)] = "c"
    print(len(d), d[Vec(1.0, 2.0)], Vec(0.0, 0.0) in d, sorted(d.values()))
    assert len(d) == 2 and d[Vec(1.0, 2.0)] == "b"


def test_copy_and_deepcopy() -> None:
    p = Particle(Vec(1.0, 1.0), Vec(0.0, 1.0))
    p.step(1.0)
    c = copy.copy(p)
    d = copy.deepcopy(p)
    print(c.pos, c.steps, c.pos is p.pos, d.pos, d.pos is p.pos, type(d).__name__)
    assert c.pos is p.pos and d.pos is not p.pos and d.pos == p.pos and d.steps == 1
    n = Node(1, Node(2))
    n2 = copy.deepcopy(n)
    n2.value = 10
    print(n.total(), n2.total())
    assert (n.total(), n2.total()) == (3, 12)


def test_pickle_round_trip() -> None:
    # Protocols 0 and 1 are left out: compiled, a native class cannot be pickled
    # with them (oxyc bug, see the report).
    for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
        p = pickle.loads(pickle.dumps(Particle(Vec(1.0, 2.0), Vec(3.0, 4.0), 5.0), protocol=proto))
        assert p.pos == Vec(1.0, 2.0) and p.mass == 5.0 and p.steps == 0
        d = pickle.loads(pickle.dumps(Dog("rex", 3), protocol=proto))
        assert d.describe() == "Dog(rex, 4 legs): rex says woof!!!"
    print(p.pos, p.vel, p.mass, d.describe())
    z = pickle.loads(pickle.dumps(Lazy(), protocol=2))
    print(z.ready, hasattr(z, "data"))
    assert not hasattr(z, "data")


def test_weakref_and_cycles() -> None:
    v = Vec(1.0, 1.0)
    r = weakref.ref(v)
    # v is used last: compiled code releases a local after its last use, not at
    # `del` (oxyc bug, see classes_interop.test_weak_value_dictionary).
    print(r(), r() is v)
    del v
    print(r())
    assert r() is None
    n = Node(1)
    n.next = n
    rn = weakref.ref(n)
    del n
    gc.collect()
    print(rn())
    assert rn() is None


def test_exceptions_from_methods() -> None:
    accounts = [Account("a", 5), Account("b", 500)]
    out: list = []
    for acc in accounts:
        try:
            out.append(acc.withdraw(100))
        except ValueError as e:
            out.append(str(e))
    print(out)
    assert out == ["a: insufficient funds (5 < 100)", 399]


def test_recursion_on_fields() -> None:
    head = Node(0)
    for i in range(1, 300):
        head = Node(i, head)
    print(head.total(), head.length())
    assert head.total() == 44850 and head.length() == 300


def test_many_objects() -> None:
    total = 0.0
    ps = [Particle(Vec(float(i), 0.0), Vec(1.0, 1.0)) for i in range(200)]
    for p in ps:
        p.step(2.0)
        total += p.pos.x + p.pos.y
    print(total)
    assert total == sum(float(i) for i in range(200)) + 200 * 4.0


class HalfSet:
    def __init__(self, ok: bool) -> None:
        self.values = [1]
        if ok:
            self.value = 1

    def get(self) -> int:
        return self.value


def test_unset_field_error_knows_object_and_name() -> None:
    # AttributeError carries the object and the name, as the interpreter's does.
    try:
        HalfSet(False).get()
    except AttributeError as e:
        print(str(e), e.name, type(e.obj).__name__)
        assert e.name == "value"
