"""Container and object protocols on classes: __getitem__/__setitem__/__delitem__
(with slices), __contains__, __iter__/__next__, the old __getitem__ iteration,
__reversed__, __call__, __enter__/__exit__ (called explicitly), __getattr__,
__setattr__, __delattr__ and __getattribute__."""


class Grid:
    def __init__(self, w: int, h: int) -> None:
        self.w = w
        self.h = h
        self.cells: dict = {}
        self.log: list = []

    def __getitem__(self, key: tuple) -> int:
        x, y = key
        if not (0 <= x < self.w and 0 <= y < self.h):
            raise IndexError(f"cell {key} out of range")
        return self.cells.get(key, 0)

    def __setitem__(self, key: tuple, value: int) -> None:
        self.log.append(("set", key, value))
        self.cells[key] = value

    def __delitem__(self, key: tuple) -> None:
        self.log.append(("del", key))
        del self.cells[key]

    def __len__(self) -> int:
        return self.w * self.h

    def __contains__(self, value: object) -> bool:
        return value in self.cells.values()


class Seq:
    """A sequence that records the keys it is given (ints and slices)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.keys: list = []

    def __getitem__(self, key: object) -> object:
        self.keys.append(repr(key))
        if isinstance(key, slice):
            start, stop, step = key.indices(self.n)
            return list(range(start, stop, step))
        if isinstance(key, int):
            if key < 0:
                key += self.n
            if key < 0 or key >= self.n:
                raise IndexError("Seq index out of range")
            return key * key
        raise TypeError(f"bad key {key!r}")

    def __len__(self) -> int:
        return self.n


class CountDown:
    def __init__(self, start: int) -> None:
        self.current = start

    def __iter__(self) -> "CountDown":
        return self

    def __next__(self) -> int:
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


class Bag:
    """Iterable (not an iterator): each iter() starts afresh."""

    def __init__(self, items: list) -> None:
        self.items = items

    def __iter__(self) -> "BagIter":
        return BagIter(self.items)


class BagIter:
    def __init__(self, items: list) -> None:
        self.items = items
        self.i = 0

    def __iter__(self) -> "BagIter":
        return self

    def __next__(self) -> object:
        if self.i >= len(self.items):
            raise StopIteration
        v = self.items[self.i]
        self.i += 1
        return v


class GenIter:
    def __init__(self, n: int) -> None:
        self.n = n

    def __iter__(self):  # type: ignore
        for i in range(self.n):
            yield i * 10


class BadIter:
    def __iter__(self) -> int:
        return 5


class Rev:
    def __init__(self, items: list) -> None:
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i: int) -> object:
        return self.items[i]

    def __reversed__(self) -> list:
        return ["custom-reversed"]


class NoContains:
    def __iter__(self) -> BagIter:
        return BagIter([1, 2, 3])


class ContainsNonBool:
    def __contains__(self, x: object) -> object:
        return [x] if x else []


class Adder:
    def __init__(self, base: int) -> None:
        self.base = base
        self.calls = 0

    def __call__(self, x: int, scale: int = 1) -> int:
        self.calls += 1
        return (self.base + x) * scale


class Resource:
    log: list = []

    def __init__(self, name: str, swallow: bool = False) -> None:
        self.name = name
        self.swallow = swallow

    def __enter__(self) -> "Resource":
        Resource.log.append(f"enter {self.name}")
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> bool:
        kind = "none" if exc_type is None else exc_type.__name__  # type: ignore
        Resource.log.append(f"exit {self.name} {kind}")
        return self.swallow


class Proxy:
    def __init__(self, target: object) -> None:
        self._target = target
        self.misses: list = []

    def __getattr__(self, name: str) -> object:
        self.misses.append(name)
        if name.startswith("virtual_"):
            return name[8:].upper()
        return getattr(self._target, name)


class Record:
    changes: list

    def __init__(self) -> None:
        object.__setattr__(self, "changes", [])

    def __setattr__(self, name: str, value: object) -> None:
        self.changes.append(name)
        if name == "readonly":
            raise AttributeError(f"{name} is read-only")
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        self.changes.append("-" + name)
        super().__delattr__(name)


class Spy:
    def __init__(self) -> None:
        self.value = 1

    def __getattribute__(self, name: str) -> object:
        if name == "secret":
            return "intercepted"
        if name == "value":
            return object.__getattribute__(self, name) * 100
        return object.__getattribute__(self, name)

    def __getattr__(self, name: str) -> object:
        return "fallback:" + name


class Plain:
    pass


class Target:
    real = "real-value"


def test_getitem_setitem_delitem() -> None:
    g = Grid(3, 2)
    g[1, 1] = 5
    g[(2, 0)] = 7
    print(g[1, 1], g[0, 0], g[2, 0], len(g), 5 in g, 6 in g, 6 not in g)
    assert g[1, 1] == 5 and g[0, 0] == 0 and 5 in g and 6 not in g
    del g[1, 1]
    print(g[1, 1], g.log)
    assert g.log == [("set", (1, 1), 5), ("set", (2, 0), 7), ("del", (1, 1))]


def test_getitem_errors() -> None:
    g = Grid(2, 2)
    try:
        g[5, 5]
    except IndexError as e:
        print("IndexError", e)
        assert str(e) == "cell (5, 5) out of range"
    try:
        del g[0, 0]
    except KeyError as e:
        print("KeyError", e)
        assert str(e) == "(0, 0)"


def test_slices_passed_to_getitem() -> None:
    s = Seq(10)
    print(s[3], s[-1], s[2:5], s[::3], s[-3:], s[:], s[1:8:2])
    assert s[2:5] == [2, 3, 4] and s[::3] == [0, 3, 6, 9] and s[-1] == 81
    print(s.keys[:7])
    assert s.keys[2] == "slice(2, 5, None)" and s.keys[3] == "slice(None, None, 3)"


def test_getitem_iteration_protocol() -> None:
    s = Seq(4)
    print(list(s), 9 in s, 10 in s, sorted(s, reverse=True))  # type: ignore[call-overload, operator]
    assert list(s) == [0, 1, 4, 9] and 9 in s and 10 not in s  # type: ignore[call-overload, operator]
    out = []
    for v in Seq(3):  # type: ignore[attr-defined]
        out.append(v)
    print(out)
    assert out == [0, 1, 4]


def test_unsupported_item_ops() -> None:
    p = Plain()
    msgs = []
    try:
        p[0]  # type: ignore
    except TypeError as e:
        msgs.append(str(e))
    try:
        p[0] = 1  # type: ignore
    except TypeError as e:
        msgs.append(str(e))
    try:
        del p[0]  # type: ignore
    except TypeError as e:
        msgs.append(str(e))
    try:
        s = Seq(2)
        s[0] = 1  # type: ignore
    except TypeError as e:
        msgs.append(str(e))
    try:
        1 in p  # type: ignore
    except TypeError as e:
        msgs.append(str(e))
    for m in msgs:
        print(m)
    assert msgs == [
        "'Plain' object is not subscriptable",
        "'Plain' object does not support item assignment",
        "'Plain' object doesn't support item deletion",
        "'Seq' object does not support item assignment",
        "argument of type 'Plain' is not iterable",
    ]


def test_iterator_protocol() -> None:
    print(list(CountDown(3)), sum(CountDown(4)), max(CountDown(5)), sorted(CountDown(3)))
    assert list(CountDown(3)) == [3, 2, 1]
    it = CountDown(2)
    print(next(it), next(it), next(it, "done"), iter(it) is it)
    try:
        next(it)
    except StopIteration as e:
        print("StopIteration", repr(e))


def test_for_loop_over_iterator() -> None:
    total = 0
    seen = []
    for v in CountDown(5):
        if v == 2:
            continue
        seen.append(v)
        total += v
    print(seen, total)
    assert seen == [5, 4, 3, 1] and total == 13
    for v in CountDown(10):
        if v == 7:
            break
    else:
        v = -1
    print(v)
    assert v == 7


def test_iterable_restarts() -> None:
    b = Bag(["a", "b"])
    print(list(b), list(b), [x + y for x in b for y in b], "b" in b, "z" in b)  # type: ignore[operator]
    assert list(b) == list(b) == ["a", "b"]
    x, y = b
    print(x, y, dict(enumerate(b)), list(zip(b, CountDown(9))))
    assert (x, y) == ("a", "b")


def test_unpack_errors() -> None:
    try:
        a, b = Bag([1, 2, 3])
    except ValueError as e:
        print(e)
        assert str(e) == "too many values to unpack (expected 2)"
    try:
        a, b, c = CountDown(2)
    except ValueError as e:
        print(e)
        assert str(e) == "not enough values to unpack (expected 3, got 2)"


def test_generator_iter() -> None:
    print(list(GenIter(3)), 20 in GenIter(3), 25 in GenIter(3))
    assert list(GenIter(3)) == [0, 10, 20]


def test_iter_errors() -> None:
    try:
        iter(BadIter())  # type: ignore[type-var]
    except TypeError as e:
        print(e)
        assert str(e) == "iter() returned non-iterator of type 'int'"
    try:
        for _ in Plain():  # type: ignore
            pass
    except TypeError as e:
        print(e)
        assert str(e) == "'Plain' object is not iterable"
    try:
        next(Bag([]))  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "'Bag' object is not an iterator"


def test_contains_fallbacks() -> None:
    n = NoContains()
    print(2 in n, 5 in n, 5 not in n)
    assert 2 in n and 5 not in n
    c = ContainsNonBool()
    print(1 in c, 0 in c, 1 not in c)
    assert (1 in c) is True and (0 in c) is False


def test_reversed() -> None:
    print(reversed(Rev([1, 2])), list(reversed(Seq(4))))
    assert list(reversed(Seq(4))) == [9, 4, 1, 0]
    try:
        reversed(Plain())  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "'Plain' object is not reversible"


def test_call() -> None:
    add = Adder(10)
    print(add(1), add(2, 3), add(x=1, scale=2), add.calls, callable(add), callable(Plain()))
    assert add(1) == 11 and add(2, 3) == 36 and add(x=1, scale=2) == 22
    print(list(map(add, [1, 2])), sorted([3, 1, 2], key=add))
    try:
        Plain()()  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "'Plain' object is not callable"
    try:
        add()  # type: ignore
    except TypeError as e:
        print(e.args[0].split("() ", 1)[1])


def test_enter_exit_explicit() -> None:
    Resource.log.clear()
    r = Resource("a")
    got = r.__enter__()
    try:
        Resource.log.append("body")
    finally:
        ret = r.__exit__(None, None, None)
    print(got is r, ret, Resource.log)
    assert Resource.log == ["enter a", "body", "exit a none"]


def test_enter_exit_exception_path() -> None:
    Resource.log.clear()
    r = Resource("b", swallow=True)
    r.__enter__()
    swallowed = False
    try:
        raise KeyError("k")
    except BaseException as e:
        swallowed = r.__exit__(type(e), e, e.__traceback__)
        if not swallowed:
            raise
    print(swallowed, Resource.log)
    assert swallowed and Resource.log == ["enter b", "exit b KeyError"]


def test_with_statement() -> None:
    Resource.log.clear()
    with Resource("outer") as o, Resource("inner"):
        Resource.log.append("body " + o.name)
    try:
        with Resource("raising"):
            raise ValueError("v")
    except ValueError:
        Resource.log.append("caught")
    with Resource("swallow", True):
        raise ValueError("gone")
    print(Resource.log)
    assert Resource.log == [
        "enter outer", "enter inner", "body outer", "exit inner none", "exit outer none",
        "enter raising", "exit raising ValueError", "caught",
        "enter swallow", "exit swallow ValueError",
    ]


def test_getattr_only_on_miss() -> None:
    p = Proxy(Target())
    print(p.virtual_abc, p.real, p._target is not None, p.misses)
    assert p.virtual_abc == "ABC" and p.real == "real-value"
    assert p.misses == ["virtual_abc", "real", "virtual_abc", "real"]
    try:
        p.nothing
    except AttributeError as e:
        print(e)
        assert str(e) == "'Target' object has no attribute 'nothing'"
    print(hasattr(p, "nothing"), getattr(p, "nothing", "dflt"), hasattr(p, "virtual_x"))


def test_setattr_delattr() -> None:
    r = Record()
    r.a = 1  # type: ignore
    r.b = 2  # type: ignore
    try:
        r.readonly = 3  # type: ignore
    except AttributeError as e:
        print("AttributeError", e)
    del r.a  # type: ignore
    setattr(r, "c", 3)
    print(r.changes, sorted(r.__dict__))
    assert r.changes == ["a", "b", "readonly", "-a", "c"]
    assert sorted(r.__dict__) == ["b", "c", "changes"]
    try:
        del r.zzz  # type: ignore
    except AttributeError as e:
        print("AttributeError", e)
        assert str(e) == "'Record' object has no attribute 'zzz'"


def test_getattribute() -> None:
    s = Spy()
    print(s.secret, s.value, s.missing, getattr(s, "other"))  # type: ignore
    assert s.secret == "intercepted" and s.value == 100 and s.missing == "fallback:missing"  # type: ignore
