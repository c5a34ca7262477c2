"""Corner cases of compiled classes: attribute stores that must go through
__setattr__, properties or descriptors defined by subclasses, class-body
functions used as helpers and decorators, method defaults evaluated in the
class body, names in methods that match class attributes or builtins,
instance attributes that shadow methods, recursion through methods."""

from typing import Optional


def helper_total(xs: list) -> int:
    t = 0
    for v in xs:
        t += v
    return t


def generic_ops(xs, ys):  # type: ignore[no-untyped-def]
    xs.append(1)
    return [len(xs), bool(xs), xs.index(1), 3 in xs, ys + "!", ys == "q", len(ys)]


class CustomList(list):
    def append(self, v: object) -> None:
        super().append(("app", v))

    def __len__(self) -> int:
        return 100

    def __bool__(self) -> bool:
        return False

    def index(self, x: object, *args: object) -> object:  # type: ignore[override]
        return "custom-index"

    def __contains__(self, x: object) -> bool:
        return x == 3


class CustomStr(str):
    def __add__(self, o: object) -> str:  # type: ignore[override]
        return "custom-add"

    def __eq__(self, o: object) -> bool:
        return True

    __hash__ = str.__hash__

    def __len__(self) -> int:
        return 42


class Base:
    def __init__(self, x: int) -> None:
        self.x = x
        self.ready = True

    def bump(self) -> int:
        self.x += 1
        return self.x


class Watched:
    def __init__(self) -> None:
        self.log: list = []
        self.a = 1
        self.a += 2

    def __setattr__(self, name: str, value: object) -> None:
        if name != "log":
            self.log.append((name, value))
        object.__setattr__(self, name, value)


class Spy:
    def __init__(self, v: int) -> None:
        self.v = v

    def __getattribute__(self, name: str) -> object:
        if name == "v":
            return object.__getattribute__(self, "v") * 10
        return object.__getattribute__(self, name)

    def read_v(self) -> object:
        return self.v


class Tools:
    factor = 3

    def _double(n: int) -> int:  # type: ignore
        return n * 2

    def _mark(fn):  # type: ignore
        fn.marked = True
        return fn

    DOUBLED = _double(21)
    SQUARES = [i * i for i in range(4)]

    def scaled(self, n: int = factor) -> int:
        return n * self.factor

    @_mark  # type: ignore[arg-type]
    def marked_method(self) -> str:
        return "marked"

    alias = scaled


class Shadow:
    x = "class x"
    len = "class len"

    def uses_builtin(self, xs: list) -> int:
        return len(xs)

    def uses_class_attr(self) -> str:
        return self.x + "|" + self.len

    def len2(self) -> int:
        return len("abc")


class MethodsAndAttrs:
    def action(self) -> str:
        return "method"

    def call_action(self) -> str:
        return self.action()


class Tree:
    def __init__(self, value: int, left: Optional["Tree"] = None, right: Optional["Tree"] = None) -> None:
        self.value = value
        self.left = left
        self.right = right

    def depth(self) -> int:
        l = self.left.depth() if self.left is not None else 0
        r = self.right.depth() if self.right is not None else 0
        return 1 + max(l, r)

    def total(self) -> int:
        t = self.value
        if self.left is not None:
            t += self.left.total()
        if self.right is not None:
            t += self.right.total()
        return t


class Even:
    def check(self, n: int) -> bool:
        if n == 0:
            return True
        return Odd().check(n - 1)


class Odd:
    def check(self, n: int) -> bool:
        if n == 0:
            return False
        return Even().check(n - 1)


class ClassAttrOnly:
    declared: int
    with_value: int = 5


class WithClassVarCounter:
    n = 0

    def __init__(self) -> None:
        WithClassVarCounter.n += 1
        self.n = WithClassVarCounter.n * 100


class StrSub(str):
    def __new__(cls, v: str) -> "StrSub":
        return super().__new__(cls, v.strip())


class Account:
    def __init__(self, owner: str) -> None:
        self.owner = owner
        self._balance = 0

    @property
    def balance(self) -> int:
        return self._balance

    @balance.setter
    def balance(self, value: int) -> None:
        if value < 0:
            raise ValueError("negative balance")
        self._balance = value

    def deposit(self, n: int) -> int:
        self.balance += n
        return self.balance


def test_subclass_property_intercepts_base_init_store() -> None:
    class Logged(Base):
        @property
        def x(self) -> int:
            return self._x

        @x.setter
        def x(self, v: int) -> None:
            self.stores = getattr(self, "stores", 0) + 1
            self._x = v * 10

    o = Logged(2)
    print(o.x, o.stores, o.bump(), o.stores, sorted(o.__dict__))
    assert o.x == 210 and o.stores == 2


def test_subclass_slots_store() -> None:
    class Slim(Base):
        __slots__ = ("extra",)

    s = Slim(1)
    s.extra = 5  # type: ignore[attr-defined]
    print(s.x, s.extra, s.bump(), hasattr(s, "__dict__"))  # type: ignore[attr-defined]
    assert s.bump() == 3


def test_subclass_setattr_sees_base_stores() -> None:
    class Frozen(Base):
        def __setattr__(self, name: str, value: object) -> None:
            if getattr(self, "ready", False):
                raise AttributeError(f"frozen: {name}")
            super().__setattr__(name, value)

    f = Frozen(1)
    try:
        f.bump()
    except AttributeError as e:
        print(e)
        assert str(e) == "frozen: x"
    print(f.x)


def test_setattr_on_compiled_stores() -> None:
    w = Watched()
    print(w.log, w.a)
    assert w.log == [("a", 1), ("a", 3)]


def test_getattribute_on_compiled_reads() -> None:
    s = Spy(4)
    print(s.v, s.read_v())
    assert s.v == 40 and s.read_v() == 40


def test_class_body_helpers() -> None:
    t = Tools()
    print(Tools.DOUBLED, Tools.SQUARES, t.scaled(), t.scaled(2), t.alias(5), t.marked_method(), Tools.marked_method.marked)  # type: ignore
    assert Tools.DOUBLED == 42 and t.scaled() == 9 and t.alias(5) == 15
    try:
        t._double(1)  # type: ignore
    except TypeError as e:
        print("TypeError", str(e).split("() ", 1)[1])


def test_default_uses_class_value_at_definition() -> None:
    old = Tools.factor
    Tools.factor = 10
    try:
        v = Tools().scaled()
    finally:
        Tools.factor = old
    print(v)
    # The default (3) was fixed when the class body ran; the factor is read now.
    assert v == 30


def test_methods_do_not_see_class_scope() -> None:
    s = Shadow()
    print(s.uses_builtin([1, 2, 3]), s.uses_class_attr(), s.len2(), Shadow.len)
    assert s.uses_builtin([1, 2, 3]) == 3 and s.len2() == 3


def test_instance_attribute_shadows_method() -> None:
    m = MethodsAndAttrs()
    m.action = lambda: "instance"  # type: ignore
    print(m.call_action(), MethodsAndAttrs().call_action())
    assert m.call_action() == "instance"
    del m.action
    print(m.call_action())
    assert m.call_action() == "method"


def test_class_attribute_rebinding_method() -> None:
    def replacement(self: MethodsAndAttrs) -> str:
        return "replaced"

    old = MethodsAndAttrs.action
    MethodsAndAttrs.action = replacement  # type: ignore
    try:
        r = MethodsAndAttrs().call_action()
    finally:
        MethodsAndAttrs.action = old  # type: ignore
    print(r, MethodsAndAttrs().call_action())
    assert r == "replaced"


def test_recursive_methods() -> None:
    t = Tree(1, Tree(2, Tree(4)), Tree(3, None, Tree(5, Tree(6))))
    print(t.depth(), t.total())
    assert t.depth() == 4 and t.total() == 21
    chain = Tree(0)
    for i in range(1, 200):
        chain = Tree(i, chain)
    print(chain.depth(), chain.total())
    assert chain.depth() == 200 and chain.total() == 19900


def test_mutual_recursion_methods() -> None:
    print(Even().check(10), Even().check(7), Odd().check(7))
    assert Even().check(10) and not Even().check(7) and Odd().check(7)


def test_declared_but_unset_class_attribute() -> None:
    print(ClassAttrOnly.with_value, "declared" in ClassAttrOnly.__dict__, ClassAttrOnly.__annotations__)
    try:
        ClassAttrOnly.declared
    except AttributeError as e:
        print(e)
        assert str(e) == "type object 'ClassAttrOnly' has no attribute 'declared'"
    try:
        ClassAttrOnly().declared
    except AttributeError as e:
        print(e)
        assert str(e) == "'ClassAttrOnly' object has no attribute 'declared'"


def test_instance_and_class_attribute_same_name() -> None:
    a = WithClassVarCounter()
    b = WithClassVarCounter()
    print(a.n, b.n, WithClassVarCounter.n, type(a).n)
    assert (a.n, b.n) == (100, 200) and WithClassVarCounter.n == 2


def test_str_subclass_new() -> None:
    s = StrSub("  padded ")
    print(repr(s), len(s), type(s).__name__, s.upper(), s == "padded")
    assert s == "padded" and type(s) is StrSub


def test_augmented_assignment_through_property() -> None:
    a = Account("ann")
    print(a.deposit(5), a.deposit(10), a.balance)
    assert a.balance == 15
    try:
        a.balance -= 100
    except ValueError as e:
        print("ValueError", e)
    print(a.balance)
    assert a.balance == 15


def test_compiled_function_calls_methods() -> None:
    t = Tree(5, Tree(7))
    print(helper_total([t.total(), t.depth()]))
    assert helper_total([t.total(), t.depth()]) == 14


def test_sort_by_method_reference() -> None:
    trees = [Tree(3, Tree(1)), Tree(1), Tree(2, Tree(2), Tree(2))]
    print([t.total() for t in sorted(trees, key=Tree.total)], [t.value for t in sorted(trees, key=Tree.depth)])
    assert [t.total() for t in sorted(trees, key=Tree.total)] == [1, 4, 6]


def test_getattr_on_methods_and_callable_attributes() -> None:
    t = Tree(4)
    f = getattr(t, "total")
    g = getattr(Tree, "depth")
    print(f(), g(t), callable(f), f.__self__ is t, f.__func__ is Tree.total)
    assert f() == 4 and g(t) == 1


def test_builtin_subclass_overrides_through_untyped_code() -> None:
    r = generic_ops(CustomList([0]), CustomStr("ab"))
    print(r)
    assert r == [100, False, "custom-index", True, "custom-add", True, 42]
