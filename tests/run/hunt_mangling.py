"""Private-name mangling edge cases (see crates/oxyc_syntax/src/mangle.rs): dunders and
all-underscore names left alone, class names with leading underscores, private names
in class-level statements (attributes, annotations, for loops), default values,
decorators, comprehensions, f-strings (including `=`), getattr strings (not mangled),
subclasses (native and local) with the same private name, private methods and their
tracebacks, keyword names in calls (not mangled) vs parameters (mangled), __slots__,
and a module-level global reached through a mangled name."""

from typing import Any, Callable, Dict, List, Tuple


def _frame_names(e: BaseException) -> List[str]:
    names: List[str] = []
    tb = e.__traceback__
    while tb is not None:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    return names


def _names(obj: object, sub: str) -> List[str]:
    return sorted([n for n in dir(obj) if sub in n])


def _collect(**kw: int) -> List[str]:
    return sorted(kw)


_TAGGED: List[str] = []


def _tag(f: Callable[..., Any]) -> Callable[..., Any]:
    _TAGGED.append(f.__name__)
    return f


class Dunders:
    __doc__ = "doc"
    ___ = "three"
    __ = "two"
    __x__ = "dunder"
    _y = "single"

    def __init__(self) -> None:
        self.__z__ = 1
        self.___ = "2"
        self.__ = "3"

    def names(self) -> List[str]:
        return [self.__x__, self.___, self._y, str(self.__z__), self.__]


class _Priv:
    __v = 10

    def __init__(self) -> None:
        self.__w = 20

    def get(self) -> int:
        return self.__v + self.__w


class __P:
    __v = 1

    def get(self) -> int:
        return self.__v


class ___:
    __v = 7

    def get(self) -> int:
        return self.__v


def test_dunders_and_class_names() -> None:
    d = Dunders()
    assert d.names() == ["dunder", "2", "single", "1", "3"]
    print(d.names(), Dunders.__doc__)
    print(_names(d, "Dunders"), _names(d, "___"), _names(d, "__z"))
    print(_Priv().get(), _names(_Priv(), "__v"), _names(_Priv(), "_Priv__w"))
    p = __P()  # noqa: F821
    print(p.get(), _names(p, "__v"))
    print(___().get(), _names(___(), "__v"))


class Body:
    __base = 3
    __doubled = __base * 2
    __total: int = 0
    __names: List[str] = []
    for __i in range(3):
        __total += __i * __base
        __names.append(str(__i))
    __sq = [n + 1 for n in [__base, __doubled]]
    del __i

    def show(self) -> Tuple[int, int, List[str], List[int]]:
        return (Body.__doubled, self.__total, self.__names, self.__sq)


def test_class_body_statements() -> None:
    assert Body().show() == (6, 9, ["0", "1", "2"], [4, 7])
    print(Body().show())
    print(_names(Body(), "_Body"))
    print(sorted(Body.__annotations__))
    print(hasattr(Body, "_Body__i"), hasattr(Body, "__i"))


class _LambdaDefault:
    __limit = 5

    def make(self) -> Callable[[], int]:
        f: Callable[[], int] = lambda k=self.__limit: k * 2  # type: ignore[misc]  # noqa: E731
        return f


class Defaults:
    __limit = 5

    def __init__(self) -> None:
        self.__seen: List[int] = []

    def clip(self, n: int, lim: int = __limit) -> int:
        return min(n, lim)

    def make(self) -> Callable[[], int]:
        return _LambdaDefault().make()

    __marker = _tag

    @__marker
    def __tagged(self) -> int:
        return 1

    def tagged(self) -> int:
        return self.__tagged()

    @staticmethod
    def __helper(n: int) -> int:
        return n + 100

    @classmethod
    def __cm(cls) -> str:
        return cls.__name__

    def use(self) -> Tuple[int, str]:
        return (self.__helper(1), self.__cm())


def test_defaults_and_decorators() -> None:
    d = Defaults()
    print(d.clip(9), d.clip(9, 7), d.make()())
    print(d.tagged(), _TAGGED, hasattr(Defaults, "_Defaults__marker"))
    assert d.use() == (101, "Defaults")
    print(d.use())
    h = Defaults._Defaults__helper  # type: ignore[attr-defined]
    c = Defaults._Defaults__cm  # type: ignore[attr-defined]
    print(h.__name__, h.__qualname__, c.__name__, c.__qualname__)


class _Walrus:
    def run(self, data: List[int]) -> List[int]:
        return [(__w := x) + __w for x in data]


class Comp:
    def __init__(self) -> None:
        self.__data = [3, 1, 2]
        self.__scale = 10

    def comps(self) -> Tuple[List[int], Dict[int, int], int, List[int]]:
        lst = [x * self.__scale for x in self.__data if x != self.__scale]
        dct = {__k: __k * self.__scale for __k in self.__data}
        gen = sum([__v for __v in self.__data])
        return lst, dct, gen, _Walrus().run(self.__data)

    def fstr(self) -> List[str]:
        __width = 6
        return [
            f"{self.__data}",
            f"{self.__scale=}",
            f"[{self.__scale:>{__width}}]",
            f"{self.__data!r:*^12}",
        ]


def test_comprehensions_and_fstrings() -> None:
    c = Comp()
    assert c.fstr()[1] == "self.__scale=10"
    print(c.comps())
    for s in c.fstr():
        print(s)


class Strings:
    def __init__(self) -> None:
        self.__x = 1
        self.__y = 0
        setattr(self, "_Strings__y", 2)

    def probe(self) -> List[Any]:
        return [
            getattr(self, "__x", "missing"),
            getattr(self, "_Strings__x", "missing"),
            hasattr(self, "__y"),
            getattr(self, "_Strings__y"),
            _names(self, "__x"),
            _names(self, "__y"),
        ]

    def read_y(self) -> str:
        try:
            return str(self.__y)
        except AttributeError as e:
            return "AttributeError " + str(e)

    def drop(self) -> Tuple[bool, bool]:
        del self.__x
        return (hasattr(self, "_Strings__x"), hasattr(self, "__x"))


def test_strings_not_mangled() -> None:
    s = Strings()
    assert s.probe()[:4] == ["missing", 1, False, 2]
    print(s.probe())
    print(s.read_y())
    print(s.drop())


class Root:
    def __init__(self) -> None:
        self.__tag = "root"

    def __who(self) -> str:
        return "Root.__who:" + self.__tag

    def who(self) -> str:
        return self.__who()

    def tag(self) -> str:
        return self.__tag


class Leaf(Root):
    def __init__(self) -> None:
        super().__init__()
        self.__tag = "leaf"

    def __who(self) -> str:
        return "Leaf.__who:" + self.__tag

    def who(self) -> str:
        return super().who() + "|" + self.__who()

    def tag(self) -> str:
        return super().tag() + "+" + self.__tag


def test_subclasses_see_their_own() -> None:
    lf = Leaf()
    assert lf.tag() == "root+leaf"
    print(lf.who(), lf.tag())
    print(_names(lf, "__tag"), _names(lf, "__who"))

    class Local(Leaf):
        def __init__(self) -> None:
            super().__init__()
            self.__tag = "local"

        def __who(self) -> str:
            return "Local.__who:" + self.__tag

        def who(self) -> str:
            return super().who() + "|" + self.__who()

    lo = Local()
    print(lo.who(), lo.tag())
    print(_names(lo, "__tag"), _names(lo, "__who"))


class Deep:
    def __init__(self, n: int) -> None:
        self.__n = n

    def __inner(self, k: int) -> int:
        if k == 0:
            raise KeyError("bottom " + str(self.__n))
        return self.__inner(k - 1)

    def __outer(self) -> int:
        return self.__inner(1)

    def run(self) -> int:
        return self.__outer()


def test_private_method_tracebacks() -> None:
    d = Deep(4)
    assert Deep._Deep__inner.__name__ == "__inner"  # type: ignore[attr-defined]
    try:
        d.run()
    except KeyError as e:
        print("KeyError", e, _frame_names(e)[1:])
    i = Deep._Deep__inner  # type: ignore[attr-defined]
    o = Deep._Deep__outer  # type: ignore[attr-defined]
    print(i.__name__, i.__qualname__, o.__name__, o.__qualname__)
    print(_names(d, "inner"), _names(d, "outer"))


class Kw:
    def m(self, __k: int = 0) -> int:
        return __k

    def call_kw(self) -> str:
        try:
            return str(self.m(__k=1))  # type: ignore[call-arg]
        except TypeError as e:
            return "TypeError " + str(e)

    def call_pos(self) -> int:
        return self.m(2)

    def kwargs(self) -> Tuple[Dict[str, int], List[str]]:
        return dict(__a=1), _collect(__b=2, c=3)

    def by_mangled(self) -> int:
        return self.m(_Kw__k=7)  # type: ignore[call-arg]


def test_keyword_names_vs_parameters() -> None:
    k = Kw()
    assert k.call_kw().startswith("TypeError")
    assert k.by_mangled() == 7
    print(k.call_kw())
    print(k.call_pos(), k.m(_Kw__k=5))  # type: ignore[call-arg]
    print(k.kwargs())
    print(k.by_mangled())


class Slotted:
    __slots__ = ("__a", "__b__", "_c")

    def __init__(self) -> None:
        self.__a = 1
        self.__b__ = 2
        self._c = 3

    def vals(self) -> Tuple[int, int, int]:
        return (self.__a, self.__b__, self._c)


class _SlotSub(Slotted):
    __slots__ = ("__a",)

    def __init__(self) -> None:
        super().__init__()
        self.__a = 10

    def both(self) -> Tuple[int, int]:
        return (self.vals()[0], self.__a)


def test_slots_private_names() -> None:
    s = Slotted()
    print(s.vals(), sorted(Slotted.__slots__))
    print(_names(s, "_c"), _names(s, "__a"), _names(s, "__b"))
    ss = _SlotSub()
    assert ss.both() == (1, 10)
    print(ss.both(), _names(ss, "__a"))
    print(hasattr(ss, "__dict__"), hasattr(ss, "__a"), hasattr(ss, "_Slotted__a"))


_Glob__g = "module-level _Glob__g"
__g = "module-level __g"


class Glob:
    def read(self) -> str:
        return __g

    def read_plain(self) -> str:
        return globals()["__g"]


def test_mangled_global_lookup() -> None:
    g = Glob()
    assert g.read() == "module-level _Glob__g"
    print(g.read())
    print(g.read_plain())
