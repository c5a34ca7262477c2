"""Bug hunt over the features that landed together: every parameter kind (module
functions, closures, lambdas, methods of native and ordinary classes, static and class
methods, generators, coroutines, decorated functions), CPython's TypeError messages
for calls that do not bind, evaluation order, defaults evaluated once, introspection
(__code__, __defaults__, __kwdefaults__, __annotations__, inspect, typing, functools),
coroutines (protocol by hand, async with/for, cancellation, comprehensions with await),
generators that yield inside except/finally, and the match statement."""

import asyncio
import collections
import functools
import gc
import inspect
import sys
import types
import typing
from dataclasses import dataclass
from typing import Any, Callable, Generator, Iterator, Optional


def rep(f: Callable[..., Any], /, *a: Any, **k: Any) -> str:
    """Call f and describe the result or the TypeError it raised."""
    try:
        return repr(f(*a, **k))
    except TypeError as e:
        return "TypeError: " + str(e)


def ei() -> str:
    return repr(sys.exc_info()[1])


# ---------------------------------------------------------------- parameter kinds, messages

def po(a: int, b: int, /, c: int, *, d: int = 4) -> tuple:
    return (a, b, c, d)


def allk(a: int, /, b: int = 2, *args: int, c: int, d: int = 5, **kw: int) -> tuple:
    return (a, b, args, c, d, sorted(kw.items()))


def kwo(*, x: int) -> int:
    return x


def noargs() -> int:
    return 1


def test_messages_posonly_and_kwonly() -> None:
    r = [
        rep(po, 1),
        rep(po, 1, 2, 3, 4),
        rep(po, 1, 2, a=1, c=3),
        rep(po, 1, b=1, c=3),
        rep(po, 1, 2, 3, e=1),
        rep(po, 1, 2, 3, c=1),
        rep(po),
        rep(kwo, 1),
        rep(kwo),
        rep(kwo, 1, x=1),
        rep(kwo, 1, 2),
    ]
    assert r[0] == "TypeError: po() missing 2 required positional arguments: 'b' and 'c'"
    assert r[2] == ("TypeError: po() got some positional-only arguments passed as keyword"
                    " arguments: 'a'")
    assert r[9] == ("TypeError: kwo() takes 0 positional arguments but 1 positional argument"
                    " (and 1 keyword-only argument) were given")
    for line in r:
        print(line)


def test_messages_varargs_varkw() -> None:
    r = [
        rep(allk),
        rep(allk, 1),
        rep(allk, 1, 2, 3, a=9, c=1),
        rep(allk, 1, 2, 3, b=9, c=1),
        rep(allk, 1, c=1, b=2, a=3),
        rep(noargs, 1),
        rep(noargs, a=1),
        rep(noargs, 1, 2, a=1),
    ]
    assert r[2] == "(1, 2, (3,), 1, 5, [('a', 9)])"
    assert r[3] == "TypeError: allk() got multiple values for argument 'b'"
    assert r[7] == "TypeError: noargs() got an unexpected keyword argument 'a'"
    for line in r:
        print(line)


def many(a: int, b: int, c: int, d: int, e: int) -> int:
    return a


def kwonly_order(*, b: int, a: int) -> tuple:
    return (a, b)


def pos_only_default(a: int = 1, b: int = 2, /) -> tuple:
    return (a, b)


def test_messages_missing_lists() -> None:
    r = [rep(many), rep(many, 1, 2, 3), rep(many, c=1, e=2), rep(kwonly_order),
         rep(kwonly_order, b=1), rep(pos_only_default, b=1, a=2),
         rep(pos_only_default, 1, 2, 3)]
    assert r[0] == ("TypeError: many() missing 5 required positional arguments: 'a', 'b',"
                    " 'c', 'd', and 'e'")
    assert r[3] == ("TypeError: kwonly_order() missing 2 required keyword-only arguments:"
                    " 'b' and 'a'")
    assert r[5] == ("TypeError: pos_only_default() got some positional-only arguments"
                    " passed as keyword arguments: 'a, b'")
    for line in r:
        print(line)


def test_direct_call_errors() -> None:
    out = []
    try:
        po(1, 2, 3, 4)  # type: ignore[misc]
    except TypeError as e:
        out.append(str(e))
    try:
        kwo(1)  # type: ignore[misc]
    except TypeError as e:
        out.append(str(e))
    d = {"c": 1, "x": 3}
    try:
        po(1, 2, **d)
    except TypeError as e:
        out.append(str(e))
    t: Any = (1, 2, 3, 4, 5)
    try:
        po(*t)
    except TypeError as e:
        out.append(str(e))
    try:
        allk(*t, c=2, **d)
    except TypeError as e:
        out.append(str(e).split(".")[-1])
    try:
        kwo(**{"x": 1}, **{"x": 2})
    except TypeError as e:
        out.append(str(e).split(".")[-1])
    assert out[0] == "po() takes 3 positional arguments but 4 were given"
    assert out[4] == "allk() got multiple values for keyword argument 'c'"
    print(out)
    print(allk(*t, **d))


def test_call_site_unpack_errors() -> None:
    out = []
    try:
        po(*5)  # type: ignore[misc]
    except TypeError as e:
        out.append(str(e).split(".", 1)[1])
    try:
        po(1, 2, **5)  # type: ignore[arg-type]
    except TypeError as e:
        out.append(str(e).split(".", 1)[1])
    try:
        po(1, 2, **{1: 2})  # type: ignore[arg-type]
    except TypeError as e:
        out.append(str(e))
    assert out == ["po() argument after * must be an iterable, not int",
                   "po() argument after ** must be a mapping, not int",
                   "keywords must be strings"]
    print(out)


def test_ok_bindings() -> None:
    r = [po(1, 2, 3), po(1, 2, c=3, d=5), allk(1, c=3), allk(1, 2, 3, 4, c=5, z=6, y=7),
         allk(1, b=3, c=4, a=9)]
    assert r[3] == (1, 2, (3, 4), 5, 5, [("y", 7), ("z", 6)])
    assert r[4] == (1, 3, (), 4, 5, [("a", 9)])
    print(r)


order: list = []


def ev(x: int) -> int:
    order.append(x)
    return x


def test_argument_evaluation_order() -> None:
    order.clear()
    r = allk(ev(1), ev(2), *[ev(3), ev(4)], c=ev(5), **{"q": ev(6)}, d=ev(7))
    assert order == [1, 2, 3, 4, 5, 6, 7]
    assert r == (1, 2, (3, 4), 5, 7, [("q", 6)])
    print(r, order)
    order.clear()
    try:
        po(ev(1), ev(2), ev(3), ev(4), ev(5))  # type: ignore[call-arg]
    except TypeError as e:
        print(e, order)
    assert order == [1, 2, 3, 4, 5]


def rec(n: int, *args: int) -> int:
    if n == 0:
        return sum(args)
    return rec(n - 1, *args, n)


def reck(n: int, **kw: int) -> int:
    if n == 0:
        return sum(kw.values())
    kw["k%d" % n] = n
    return reck(n - 1, **kw)


def test_recursion_with_star_params() -> None:
    r = (rec(10), rec(3, 100), reck(5), rec(300))
    assert r == (55, 106, 15, 45150)
    print(r)


def kwdict(**kw: int) -> dict:
    kw["new"] = 1
    return kw


def argst(*args: int) -> tuple:
    return args


def test_star_params_are_fresh_objects() -> None:
    d = {"a": 1}
    r = kwdict(**d)
    assert d == {"a": 1} and r == {"a": 1, "new": 1} and r is not d
    assert kwdict() is not kwdict()
    t = (1, 2)
    assert argst(*t) == t and type(argst(*[1])) is tuple and argst() == ()

    class T(tuple):
        pass

    r2 = argst(*T((1, 2)))
    assert type(r2) is tuple
    print(r, type(r2).__name__, r2)


def cnames(auto: int, register: int = 1, *struct: int, goto: int = 2, volatile: str = "v",
           **char: int) -> tuple:
    return (auto, register, struct, goto, volatile, sorted(char.items()))


def selfish(self: int, args: int = 0, *kwargs: int, **oxy_closure: int) -> tuple:
    return (self, args, kwargs, oxy_closure)


def varkw_names(*args: int, **kwargs: int) -> tuple:
    return (args, kwargs)


def test_parameter_names_that_collide() -> None:
    r = [cnames(1), cnames(1, 2, 3, goto=4, volatile="x", int=5, double=6),
         rep(cnames, auto=1, register=2, NULL=3, self=4, args=5),
         selfish(1, 2, 3, x=4), selfish(self=1, args=2, oxy_closure=3, kwargs=4),
         varkw_names(args=1, kwargs=2), varkw_names(1, **{"args": 3})]
    assert r[4] == (1, 2, (), {"oxy_closure": 3, "kwargs": 4})
    assert r[5] == ((), {"args": 1, "kwargs": 2})
    print(r)


# ---------------------------------------------------------------- defaults

def mut(x: int, acc: list = []) -> list:
    acc.append(x)
    return acc


def nonedef(x: Optional[int] = None, y: int = None) -> tuple:  # type: ignore[assignment]
    return (x, y)


def defs(a: int = 2 ** 70, b: float = 1e300, c: bool = True, d: str = "s",
         e: Optional[int] = None, f: int = -5) -> tuple:
    return (a, b, c, d, e, f)


def test_defaults_mutable_none_and_big() -> None:
    r1 = (list(mut(1)), list(mut(2)), mut(3, []))
    assert r1 == ([1], [1, 2], [3])
    assert nonedef() == (None, None) and nonedef(y=2) == (None, 2)
    assert defs() == (2 ** 70, 1e300, True, "s", None, -5)
    print(r1, nonedef(), nonedef(1), defs(), defs.__defaults__)


calls: list = []


def mkdef(tag: str) -> list:
    calls.append(tag)
    return [tag]


XDEF: list = [1]


def fdef(a: list = XDEF, *, b: list = mkdef("b"), c: Optional[list] = None) -> tuple:
    return (a, b, c)


XDEF = [2]


def test_defaults_evaluated_once_at_def() -> None:
    r = (fdef(), fdef(b=[0]), fdef([3]))
    assert r[0] == ([1], ["b"], None) and calls == ["b"]
    dyn: Any = fdef
    assert dyn() == ([1], ["b"], None) and calls == ["b"]
    print(r, calls)


def test_def_and_decorator_evaluation_order() -> None:
    log: list = []

    def rec_(tag: str) -> Callable[[Any], Any]:
        log.append("deco " + tag)

        def d(f: Any) -> Any:
            log.append("apply " + tag)
            return f
        return d

    def evl(v: int) -> int:
        log.append("default %d" % v)
        return v

    @rec_("a")
    @rec_("b")
    def inner(x: int = evl(1), *, y: int = evl(2), z: int = evl(3)) -> tuple:
        return (x, y, z)

    assert log == ["deco a", "deco b", "default 1", "default 2", "default 3", "apply b",
                   "apply a"]
    assert inner() == (1, 2, 3)
    print(log)


def test_default_snapshots_in_closures() -> None:
    x = 1

    def inner(a: int = x, *, b: int = x + 1) -> tuple:
        return (a, b, x)

    x = 10
    fs = [lambda i=i: i * 2 for i in range(3)]
    assert inner() == (1, 2, 10) and inner.__defaults__ == (1,)
    assert inner.__kwdefaults__ == {"b": 2}
    assert [f() for f in fs] == [0, 2, 4]
    out = []
    for i in range(3):
        def f(acc: list = []) -> list:
            acc.append(len(acc))
            return acc
        f()
        out.append(list(f()))
    assert out == [[0, 1]] * 3
    print(inner(), [f() for f in fs], out)


class KDef:
    def m(self, acc: list = [], *, kk: dict = {}) -> tuple:
        acc.append(1)
        kk[len(kk)] = 1
        return (len(acc), len(kk))


def test_method_defaults_evaluated_once() -> None:
    k = KDef()
    r = (k.m(), k.m(), KDef().m())
    assert r == ((1, 1), (2, 2), (3, 3))
    print(r, KDef.m.__defaults__, KDef.m.__kwdefaults__)


# ---------------------------------------------------------------- closures, lambdas, methods

def outer_fn(base: int) -> Callable[..., Any]:
    def inner(a: int, /, b: int = base, *args: int, c: int = base * 2, **kw: int) -> tuple:
        return (a, b, args, c, sorted(kw.items()), base)
    return inner


def test_nested_function_kinds() -> None:
    f = outer_fn(10)
    r = [f(1), f(1, 2, 3, c=4, z=5), rep(f), rep(f, 1, 2, b=3)]
    assert r[0] == (1, 10, (), 20, [], 10)
    assert r[3] == "TypeError: outer_fn.<locals>.inner() got multiple values for argument 'b'"
    assert f.__defaults__ == (10,) and f.__kwdefaults__ == {"c": 20}

    def h(x: int, /, *args: int, y: int = 7, **kw: int) -> tuple:
        return (x, args, y, sorted(kw.items()))

    assert h(*[1, 2], **{"y": 5, "q": 6}) == (1, (2,), 5, [("q", 6)])
    try:
        h(x=1)  # type: ignore[call-arg]
    except TypeError as e:
        r.append(str(e))
    print(r)


def test_lambda_kinds() -> None:
    l1 = lambda a, /, b=2, *c, d, e=5, **f: (a, b, c, d, e, f)  # noqa: E731
    r = [l1(1, d=4), l1(1, 2, 3, d=4, g=7), rep(l1, 1), rep(l1, a=1, d=2), rep(l1, 1, d=2, a=3)]
    assert r[1] == (1, 2, (3,), 4, 5, {"g": 7})
    assert r[4] == "(1, 2, (), 2, 5, {'a': 3})"
    c = l1.__code__
    assert (c.co_argcount, c.co_posonlyargcount, c.co_kwonlyargcount) == (2, 1, 2)
    print(r, l1.__defaults__, l1.__kwdefaults__)


def cap_star(*args: int, **kw: int) -> Callable[[], Any]:
    def inner() -> Any:
        return (args, kw)
    return inner


def cap_gen(*args: int, **kw: int) -> Iterator[Any]:
    f = lambda: (args, sorted(kw))  # noqa: E731
    yield f()
    args = args + (99,)
    yield f()


def test_captured_star_params() -> None:
    r = (cap_star(1, 2, x=3)(), list(cap_gen(1, k=2)))
    assert r == (((1, 2), {"x": 3}), [((1,), ["k"]), ((1, 99), ["k"])])
    print(r)


def test_nested_recursion_with_kinds() -> None:
    def walk(n: int, *path: int, sep: str = "-") -> str:
        if n == 0:
            return sep.join(map(str, path))
        return walk(n - 1, *path, n, sep=sep)

    def kwrec(n: int, **acc: int) -> dict:
        if n == 0:
            return acc
        return kwrec(n - 1, **acc, **{"k%d" % n: n})

    r = (walk(4), walk(3, 9, sep="+"), kwrec(3))
    assert r == ("4-3-2-1", "9+3+2+1", {"k3": 3, "k2": 2, "k1": 1})
    print(r)


class NMeth:
    v: int

    def __init__(self, v: int) -> None:
        self.v = v

    def m(self, a: int, /, b: int = 1, *args: int, k: int = 0, **kw: int) -> tuple:
        return (self.v, a, b, args, k, sorted(kw.items()))

    @staticmethod
    def s(a: int, /, *, b: int = 2) -> tuple:
        return (a, b)

    @classmethod
    def c(cls, *args: int, **kw: int) -> tuple:
        return (cls.__name__, args, sorted(kw.items()))

    def g(self, *args: int, stop: int = 2) -> Iterator[int]:
        for a in args[:stop]:
            yield a + self.v


class NMethSub(NMeth):
    pass


def test_native_methods_all_kinds() -> None:
    o = NMeth(5)
    r = [o.m(1), o.m(1, 2, 3, 4, k=9, z=1), o.m(*[1, 2], **{"k": 3, "zz": 4}),
         rep(o.m), rep(o.m, a=1), rep(o.m, 1, self=2), rep(NMeth.m, o, 1),
         NMeth.s(1), o.s(1, b=3), rep(NMeth.s, 1, 2), NMethSub.c(1, x=2), o.c(),
         list(o.g(1, 2, 3)), list(o.g(1, 2, 3, stop=3))]
    assert r[4] == "TypeError: NMeth.m() missing 1 required positional argument: 'a'"
    assert r[5] == "(5, 1, 1, (), 0, [('self', 2)])"
    assert r[9] == "TypeError: NMeth.s() takes 1 positional argument but 2 were given"
    assert r[10] == ("NMethSub", (1,), [("x", 2)])
    print(r)


def keep(cls: type) -> type:
    """A class decorator: keeps the class an ordinary (non-native) one."""
    return cls


@keep
class Plain:
    def __init__(self, x: int, /, *rest: int, flag: bool = False, **kw: int) -> None:
        self.x = x
        self.rest = rest
        self.kw = kw
        self.flag = flag

    def show(self) -> tuple:
        return (type(self).__name__, self.x, self.rest, self.flag, sorted(self.kw.items()))


class PlainSub(Plain):
    def __init__(self, *args: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.x += 100




def test_constructors_with_kinds() -> None:
    kwargs: Any = {"flag": True, "m": 5}
    r = [Plain(1).show(), Plain(1, 2, 3, flag=True, z=4).show(),
         PlainSub(1, 2, flag=True, q=1).show(), rep(Plain), rep(PlainSub, x=1),
         Plain(*[1, 2], **kwargs).show()]
    assert r[2] == ("PlainSub", 101, (2,), True, [("q", 1)])
    assert r[4] == "TypeError: Plain.__init__() missing 1 required positional argument: 'x'"
    print(r)


deco_calls: list = []


def count_calls(f: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(f)
    def w(*args: Any, **kw: Any) -> Any:
        deco_calls.append(f.__name__)
        return ("w", f(*args, **kw))
    return w


@count_calls
def decorated(a: int, /, b: int = 2, *, c: int = 3) -> tuple:
    return (a, b, c)


def test_decorated_functions_go_through_the_decorator() -> None:
    r = [decorated(1), decorated(1, c=5), rep(decorated, a=1)]
    assert r[0] == ("w", (1, 2, 3)) and deco_calls == ["decorated"] * 3
    assert r[2].endswith("got some positional-only arguments passed as keyword arguments: 'a'")
    assert inspect.signature(decorated).__str__() == "(a: int, /, b: int = 2, *, c: int = 3) -> tuple"
    print(r, decorated.__name__, decorated.__wrapped__.__defaults__)  # type: ignore[attr-defined]


def test_partial_on_kinds() -> None:
    def f(a: int, /, b: int, *args: int, c: int, **kw: int) -> tuple:
        return (a, b, args, c, kw)

    p = functools.partial(f, 1, c=3)
    p2 = functools.partial(p, 9)
    r = [p(2), p(2, 3, 4, c=5, z=6), rep(p, b=2), p2(), p2(7, q=1)]
    assert r[1] == (1, 2, (3, 4), 5, {"z": 6})
    assert r[4] == (1, 9, (7,), 3, {"q": 1})
    print(r)


def test_many_star_arguments() -> None:
    def m(*a: int) -> int:
        return len(a)

    def mk(**k: int) -> int:
        return len(k)

    r = (m(*range(1000)), m(*range(10), *range(10)), mk(**{str(i): i for i in range(300)}))
    assert r == (1000, 20, 300)
    print(r)


class KeysOnly:
    def keys(self) -> list:
        return ["a", "b"]

    def __getitem__(self, k: str) -> int:
        return ord(k)


def kwunpack(a: int, b: int = 0, **kw: int) -> tuple:
    return (a, b, kw)


def two_gen() -> Iterator[int]:
    yield 1
    yield 2


def test_unpacking_mapping_likes_and_iterators() -> None:
    od: Any = collections.OrderedDict(b=2, a=1, z=3)
    bkw: Any = {"b": 4}
    ckw: Any = {"c": 3}
    ckw2: Any = {}
    r: list = [kwunpack(**KeysOnly()),  # type: ignore[arg-type]
               kwunpack(**od),
               kwunpack(*range(2), **ckw), kwunpack(*iter([1]), *(), **ckw2, **bkw),  # type: ignore[misc]
               kwunpack(*two_gen())]
    assert r[0] == (97, 98, {}) and r[4] == (1, 2, {})
    try:
        kwunpack(*two_gen(), *two_gen())
    except TypeError as e:
        r.append(str(e))
    print(r)


# ---------------------------------------------------------------- introspection

def f_intro(a: int, b: str = "x", /, c: float = 1.5, *args: int, d: Optional[int] = None,
            e: list = [], **kw: bool) -> Optional[str]:
    return None


def gen_intro(n: int) -> Iterator[int]:
    yield n


async def co_intro(n: int) -> int:
    return n


def test_code_objects() -> None:
    def info(f: Any) -> tuple:
        c = f.__code__
        return (c.co_name, c.co_argcount, c.co_posonlyargcount, c.co_kwonlyargcount,
                c.co_flags & (4 | 8 | 16 | 32 | 128), c.co_qualname)

    def inner(*a: int) -> int:
        return len(a)

    r = [info(f) for f in [f_intro, gen_intro, co_intro, inner, lambda *a, **k: 0]]
    assert r[0] == ("f_intro", 3, 2, 2, 12, "f_intro")
    assert r[1][4] == 32 and r[2][4] == 128 and r[3][4] == 20 and r[4][4] == 28
    print(r)


def test_defaults_annotations_signature() -> None:
    assert f_intro.__defaults__ == ("x", 1.5)
    assert f_intro.__kwdefaults__ == {"d": None, "e": []}
    hints = typing.get_type_hints(f_intro)
    assert hints["d"] == Optional[int] and hints["kw"] is bool
    s = str(inspect.signature(f_intro))
    assert s == ("(a: int, b: str = 'x', /, c: float = 1.5, *args: int, d: Optional[int] = None,"
                 " e: list = [], **kw: bool) -> Optional[str]")
    print(f_intro.__annotations__)
    print(s, inspect.signature(gen_intro), inspect.signature(co_intro))
    print(inspect.getfullargspec(f_intro))


def test_predicates_and_globals() -> None:
    r = [(inspect.isgeneratorfunction(f), inspect.iscoroutinefunction(f),
          asyncio.iscoroutinefunction(f)) for f in [f_intro, gen_intro, co_intro]]
    assert r == [(False, False, False), (True, False, False), (False, True, True)]
    assert f_intro.__globals__ is globals() and f_intro.__module__ == __name__
    print(r)


@functools.lru_cache(maxsize=None)
def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@functools.singledispatch
def sd(x: object) -> str:
    return "obj"


@sd.register
def _sd_int(x: int) -> str:
    return "int"


def test_functools_on_compiled() -> None:
    r = (fib(60), sd(1), sd("a"), sd(1.5), str(inspect.signature(fib)))
    assert r == (1548008755920, "int", "obj", "obj", "(n: int) -> int")
    print(r)


class NSig:
    v: int

    def __init__(self, v: int, *, w: int = 2) -> None:
        self.v = v

    def m(self, a: int, /, b: "NSig", *c: str, d: Optional["NSig"] = None, **e: float) -> "NSig":
        return self

    @classmethod
    def cm(cls, x: int = 1) -> int:
        return x


def test_method_signatures() -> None:
    o = NSig(1)
    fs: list[Any] = [NSig.m, o.m, NSig.cm, o.cm, NSig]
    r = [str(inspect.signature(f)) for f in fs]
    assert r[1] == "(a: int, /, b: 'NSig', *c: str, d: Optional[ForwardRef('NSig')] = None, **e: float) -> 'NSig'"
    assert r[4] == "(v: int, *, w: int = 2) -> None"
    ba = inspect.signature(NSig.m).bind(o, 1, o, "x", d=None, q=1.0)
    assert sorted(ba.arguments) == ["a", "b", "c", "d", "e", "self"]
    print(r, NSig.m.__kwdefaults__, typing.get_type_hints(NSig.m)["d"])


# ---------------------------------------------------------------- coroutines

async def slp(x: int) -> int:
    await asyncio.sleep(0)
    return x


def test_coroutine_reuse_messages() -> None:
    async def c() -> int:
        return 1

    out = []
    co = c()
    try:
        co.send(None)
    except StopIteration as e:
        out.append(e.value)
    for _ in range(2):
        try:
            co.send(None)
        except RuntimeError as e:
            out.append(str(e))
    co2 = c()
    try:
        co2.send(1)
    except TypeError as e:
        out.append(str(e))
    co2.close()
    assert out == [1, "cannot reuse already awaited coroutine",
                   "cannot reuse already awaited coroutine",
                   "can't send non-None value to a just-started coroutine"]
    print(out)


def test_return_and_raise_inside_async_with() -> None:
    log: list = []

    class CM:
        async def __aenter__(self) -> "CM":
            log.append("enter")
            await asyncio.sleep(0)
            return self

        async def __aexit__(self, *a: Any) -> bool:
            log.append(("exit", a[0].__name__ if a[0] else None))
            await asyncio.sleep(0)
            return False

    async def f(x: int) -> int:
        async with CM():
            if x:
                return x
            raise KeyError(x)
        return -1

    r = asyncio.run(f(3))
    try:
        asyncio.run(f(0))
    except KeyError as e:
        log.append(repr(e))
    assert r == 3 and log == ["enter", ("exit", None), "enter", ("exit", "KeyError"), "KeyError(0)"]
    print(r, log)


def test_try_finally_with_awaits_and_exc_info() -> None:
    log: list = []

    async def f() -> int:
        try:
            try:
                await asyncio.sleep(0)
                raise ValueError("a")
            finally:
                await asyncio.sleep(0)
                log.append(ei())
        except ValueError as e:
            await asyncio.sleep(0)
            log.append(("caught", str(e), ei()))
            try:
                await slp(1)
                raise KeyError("b")
            except KeyError as e2:
                await asyncio.sleep(0)
                log.append(repr(e2.__context__))
            log.append(ei())
        log.append(ei())
        return 7

    r = asyncio.run(f())
    assert r == 7 and log[-1] == "None" and log[2] == "ValueError('a')"
    print(log)


def test_await_in_comprehensions() -> None:
    async def main() -> Any:
        a = [await slp(i) for i in range(4)]
        b = {i: await slp(i * 2) for i in range(3)}
        c = [x for x in range(6) if await slp(x % 2)]
        d = [await slp(x) + await slp(y) for x in range(2) for y in range(2)]
        e = {await slp(x) for x in [1, 1, 2]}
        return a, b, c, d, sorted(e)

    r = asyncio.run(main())
    assert r == ([0, 1, 2, 3], {0: 0, 1: 2, 2: 4}, [1, 3, 5], [0, 1, 1, 2], [1, 2])
    print(r)


def test_coroutine_throw_and_close_by_hand() -> None:
    @types.coroutine
    def yielder() -> Generator[Any, Any, Any]:
        v = yield "y1"
        return v

    async def c() -> Any:
        try:
            r = await yielder()
        except KeyError as e:
            r2 = await yielder()
            return (e.args, r2)
        return r

    out = []
    co = c()
    out.append(co.send(None))
    out.append(co.throw(KeyError("k")))
    try:
        co.send("fin")
    except StopIteration as e:
        out.append(e.value)
    co = c()
    co.send(None)
    try:
        co.throw(ValueError)
    except ValueError as e:
        out.append(repr(e))
    co = c()
    co.send(None)
    co.close()
    assert out == ["y1", "y1", (("k",), "fin"), "ValueError()"]
    print(out)


class AsyncNative:
    v: int

    def __init__(self, v: int) -> None:
        self.v = v

    async def get(self, d: int = 1, *args: int, k: int = 0, **kw: int) -> int:
        await asyncio.sleep(0)
        return self.v + d + sum(args) + k + sum(kw.values())

    @staticmethod
    async def st(x: int) -> int:
        return x

    @classmethod
    async def cm(cls, x: int) -> str:
        return cls.__name__ + str(x)


def test_async_methods_of_native_class() -> None:
    async def main() -> Any:
        n = AsyncNative(10)
        return (await n.get(), await n.get(2, 3, k=3, z=1), await AsyncNative.st(4),
                await AsyncNative.cm(5), await n.cm(6))

    r = asyncio.run(main())
    assert r == (11, 19, 4, "AsyncNative5", "AsyncNative6")
    assert rep(AsyncNative(1).get, 1, self=2) == ("TypeError: AsyncNative.get() got multiple"
                                                   " values for argument 'self'")
    print(r)


def test_interpreted_and_compiled_coroutines_await_each_other() -> None:
    async def comp(x: int) -> int:
        await asyncio.sleep(0)
        return x + 1

    ns: dict = {"comp": comp}
    exec(compile("async def interp(n):\n    t = 0\n    for i in range(n):\n"
                 "        t += await comp(i)\n    return t\n", "<interp>", "exec"), ns)

    async def comp_awaits(f: Any) -> int:
        return await f(3)

    r = (asyncio.run(ns["interp"](4)), asyncio.run(comp_awaits(ns["interp"])))
    assert r == (10, 6)
    print(r)


def test_cancellation_runs_cleanup() -> None:
    log: list = []

    async def leaf() -> None:
        try:
            await asyncio.sleep(10)
        finally:
            log.append("leaf finally")

    async def mid() -> None:
        try:
            await leaf()
        except asyncio.CancelledError:
            log.append("mid cancel")
            raise

    async def main() -> None:
        t = asyncio.create_task(mid())
        await asyncio.sleep(0)
        t.cancel("why")
        try:
            await t
        except asyncio.CancelledError as e:
            log.append(("main", e.args))

    asyncio.run(main())
    assert log == ["leaf finally", "mid cancel", ("main", ("why",))]
    print(log)


def test_async_for_with_native_iterator() -> None:
    class AIt:
        def __init__(self, n: int) -> None:
            self.i = 0
            self.n = n

        def __aiter__(self) -> "AIt":
            return self

        async def __anext__(self) -> int:
            await asyncio.sleep(0)
            if self.i >= self.n:
                raise StopAsyncIteration
            self.i += 1
            return self.i

    async def main() -> Any:
        out: list = []
        async for a in AIt(3):
            async for b in AIt(a):
                if b == 2:
                    continue
                out.append((a, b))
        else:
            out.append("else")
        it = AIt(5)
        try:
            async for i in it:
                if i == 2:
                    raise ValueError(i)
        except ValueError as e:
            out.append((e.args, it.i))
        return out

    r = asyncio.run(main())
    assert r == [(1, 1), (2, 1), (3, 1), (3, 3), "else", ((2,), 2)]
    print(r)


def test_async_protocol_errors() -> None:
    class NoAexit:
        async def __aenter__(self) -> None:
            return None

    async def w(o: Any) -> str:
        try:
            async with o:
                return "in"
        except TypeError as e:
            return str(e)
        return "unreachable"

    async def fo(o: Any) -> str:
        try:
            async for _ in o:
                return "in"
        except TypeError as e:
            return str(e)
        return "empty"

    r = [asyncio.run(w(NoAexit())), asyncio.run(w(5)), asyncio.run(fo([1])), asyncio.run(fo(5))]
    assert r[3] == "'async for' requires an object with __aiter__ method, got int"
    print(r)


# ---------------------------------------------------------------- generators: yield in except/finally

def g_exc_states() -> Iterator[Any]:
    try:
        raise ValueError("x")
    except ValueError:
        yield ei()
        try:
            raise KeyError("k")
        except KeyError as e:
            yield (ei(), repr(e.__context__))
        yield ei()
    yield ei()


def test_exc_info_inside_and_after_except_yield() -> None:
    r = list(g_exc_states())
    assert r == ["ValueError('x')", ("KeyError('k')", "ValueError('x')"), "ValueError('x')", "None"]
    out = []
    try:
        raise IndexError("caller")
    except IndexError:
        for v in g_exc_states():
            out.append((v, ei()))
    assert out[-1] == ("IndexError('caller')", "IndexError('caller')")
    assert out[0] == ("ValueError('x')", "IndexError('caller')")
    print(r, out)


def g_resume_raise() -> Iterator[Any]:
    try:
        raise ValueError("x")
    except ValueError:
        yield 1
        raise KeyError("after")


def test_exception_after_resume_is_chained() -> None:
    out: list = []
    it = g_resume_raise()
    next(it)
    try:
        next(it)
    except KeyError as e:
        out.append(repr(e.__context__))
    try:
        raise IndexError("c")
    except IndexError:
        it = g_resume_raise()
        next(it)
        try:
            next(it)
        except KeyError as e:
            out.append((repr(e.__context__),
                        repr(e.__context__.__context__)))  # type: ignore[union-attr]
    assert out == ["ValueError('x')", ("ValueError('x')", "IndexError('c')")]
    print(out)


def g_finally_log(log: list) -> Generator[int, None, None]:
    try:
        yield 1
    finally:
        log.append(("fin", ei()))
        yield 2
        log.append("fin end")


def test_yield_in_finally_close_and_throw() -> None:
    log: list = []
    it = g_finally_log(log)
    next(it)
    try:
        it.close()
    except RuntimeError as e:
        log.append(str(e))
    it2 = g_finally_log(log)
    next(it2)
    r = it2.throw(ValueError("t"))
    try:
        next(it2)
    except ValueError as e:
        log.append(("propagated", str(e)))
    assert r == 2
    assert log == [("fin", "GeneratorExit()"), "generator ignored GeneratorExit",
                   ("fin", "ValueError('t')"), "fin end", ("propagated", "t")]
    print(log)


def g_nested_excepts() -> Iterator[Any]:
    try:
        try:
            raise ValueError("a")
        except ValueError:
            try:
                raise KeyError("b")
            except KeyError:
                yield ei()
            yield ei()
            raise
    except ValueError as e:
        yield ("outer", ei(), repr(e.__context__))
    yield ei()


def g_return_finally() -> Generator[Any, Any, Any]:
    try:
        return "ret"
    finally:
        yield ("fin", ei())


def test_nested_handlers_and_return_through_finally() -> None:
    r = list(g_nested_excepts())
    assert r == ["KeyError('b')", "ValueError('a')", ("outer", "ValueError('a')", "None"), "None"]
    it = g_return_finally()
    first = next(it)
    try:
        next(it)
    except StopIteration as e:
        r.append((first, e.value))
    print(r)


def g_loop_except(n: int) -> Iterator[Any]:
    for i in range(n):
        try:
            if i % 2:
                raise ValueError(i)
            yield ("ok", i)
        except ValueError as e:
            yield ("caught", e.args, ei())
            if i == 3:
                continue
            if i == 5:
                break
        yield ("end", ei())
    yield ("out", ei())


def test_break_continue_from_except_with_yield() -> None:
    r = list(g_loop_except(8))
    assert r[-1] == ("out", "None") and ("caught", (5,), "ValueError(5)") in r
    assert len(r) == 11 and ("caught", (3,), "ValueError(3)") in r
    print(len(r), r)


def g_yield_from_in_except() -> Generator[Any, Any, Any]:
    def sub() -> Generator[Any, Any, Any]:
        try:
            raise KeyError("k")
        except KeyError:
            yield ei()
            return ei()

    try:
        raise ValueError("outer")
    except ValueError:
        r = yield from sub()
        yield ("r", r, ei())


def test_yield_from_inside_except() -> None:
    r = list(g_yield_from_in_except())
    assert r == ["KeyError('k')", ("r", "KeyError('k')", "ValueError('outer')")]
    print(r)


def test_interleaved_generators_keep_their_own_exception() -> None:
    def g(tag: str) -> Iterator[str]:
        try:
            raise ValueError(tag)
        except ValueError:
            yield ei()
            yield ei()
        yield ei()

    a = g("a")
    b = g("b")
    r = [next(a), next(b), next(a), next(b), ei(), next(a), next(b)]
    assert r == ["ValueError('a')", "ValueError('b')", "ValueError('a')", "ValueError('b')",
                 "None", "None", "None"]
    print(r)


def test_suspended_in_except_is_freed() -> None:
    def g() -> Iterator[Any]:
        try:
            raise ValueError("gc")
        except ValueError as e:
            yield e

    its = [g() for _ in range(5)]
    errs = [next(i) for i in its]
    del its
    gc.collect()
    r = [repr(e) for e in errs]
    assert r == ["ValueError('gc')"] * 5
    print(r)


def test_pep479_inside_except() -> None:
    def g() -> Iterator[int]:
        try:
            raise ValueError("v")
        except ValueError:
            yield 1
            raise StopIteration("si")

    it = g()
    next(it)
    try:
        next(it)
    except RuntimeError as e:
        r = (repr(e), repr(e.__cause__), repr(e.__cause__.__context__))  # type: ignore[union-attr]
    assert r == ("RuntimeError('generator raised StopIteration')", "StopIteration('si')",
                 "ValueError('v')")
    print(r)


# ---------------------------------------------------------------- match

class MNode:
    __match_args__ = ("kind", "kids")
    kind: str
    kids: list

    def __init__(self, kind: str, *kids: "MNode") -> None:
        self.kind = kind
        self.kids = list(kids)

    def eval(self) -> int:
        match self:
            case MNode("num", []):
                return 1
            case MNode("add", [l, r]):
                return l.eval() + r.eval()
            case MNode("neg", [x]):
                return -x.eval()
            case MNode(kind, kids):
                raise ValueError(kind + str(len(kids)))
        return 0


def test_match_self_in_native_method() -> None:
    n = MNode("add", MNode("num"), MNode("neg", MNode("add", MNode("num"), MNode("num"))))
    r: list = [n.eval()]
    try:
        MNode("x", MNode("num")).eval()
    except ValueError as e:
        r.append(str(e))
    assert r == [-1, "x1"]
    print(r)


class Lazy:
    __match_args__ = ("a", "b")
    a: int
    b: int

    def __init__(self, a: int) -> None:
        self.a = a

    def set_b(self) -> None:
        self.b = 5


def test_match_unset_native_field_is_no_match() -> None:
    out: list = []
    lz = Lazy(1)
    for _ in range(2):
        match lz:
            case Lazy(1, b):
                out.append(("has b", b))
            case Lazy(a=1):
                out.append("no b")
        lz.set_b()
    assert out == ["no b", ("has b", 5)]
    print(out)


def seqm(x: object) -> str:
    match x:
        case []:
            return "empty"
        case [a]:
            return "one %r" % (a,)
        case [a, *rest] if len(rest) > 2:
            return "long %r %r" % (a, rest)
        case [a, b, *_]:
            return "two+ %r %r" % (a, b)
        case _:
            return "other"


def test_match_sequence_subjects() -> None:
    r = [seqm(s) for s in ["", "ab", b"ab", bytearray(b"ab"), collections.deque([1, 2, 3]),
                           range(5), (1,), {1: 2}, iter([1]), collections.UserList([1, 2])]]
    assert r[:4] == ["other"] * 4 and r[5] == "long 0 [1, 2, 3, 4]"
    print(r)


def numm(x: object) -> str:
    match x:
        case True:
            return "True"
        case 1:
            return "one"
        case 0.5:
            return "half"
        case -0.0:
            return "zero"
        case -3 + 2j:
            return "c"
        case None:
            return "None"
        case _:
            return "other"


def intm(i: int) -> str:
    match i:
        case True:
            return "True"
        case 1.0:
            return "1.0"
        case 2 | 3 as v:
            return "v%d" % v
        case 0x10:
            return "hex"
    return "none"


def test_match_literals_and_typed_subjects() -> None:
    r = [numm(v) for v in [True, 1, 1.0, False, 0.0, 0.5, complex(-3, 2), None, float("nan")]]
    r2 = [intm(1), intm(2), intm(3), intm(16), intm(5)]
    assert r == ["True", "one", "one", "zero", "zero", "half", "c", "None", "other"]
    assert r2 == ["1.0", "v2", "v3", "hex", "none"]
    print(r, r2)


@dataclass
class MP:
    x: int
    y: int = 0


def test_match_in_coroutine_with_awaits_in_guards() -> None:
    async def main(items: list) -> list:
        out: list = []
        for it in items:
            match await slp(it):
                case 1 | 2 as n if await slp(n) == 2:
                    out.append("two")
                case int(n) if n > 2:
                    out.append(await slp(n * 10))
                case _:
                    out.append("else")
        return out

    r = asyncio.run(main([1, 2, 3, 0]))
    assert r == ["else", "two", 30, "else"]
    print(r)


def test_match_in_generator_and_closures() -> None:
    def gm(items: list) -> Iterator[str]:
        for it in items:
            match it:
                case MP(x, y=0):
                    yield "mp %d" % x
                case (k, v):
                    yield "%s=%s" % (k, v)
                case {"k": k, **rest}:
                    yield "map %s %r" % (k, rest)
                case _:
                    yield "?"

    fs = []
    for item in [(1, 2), [3, 4]]:
        match item:
            case [a, b]:
                fs.append(lambda: a + b)
    r = (list(gm([MP(3), ("a", 1), {"k": 2, "z": 3}, 5])), [f() for f in fs])
    assert r == (["mp 3", "a=1", "map 2 {'z': 3}", "?"], [7, 7])
    print(r)


def test_match_class_pattern_errors() -> None:
    class BadMA:
        __match_args__ = ["a"]
        a = 1

    class P:
        __match_args__ = ("x",)
        x = 1

    out: list = []
    try:
        match BadMA():
            case BadMA(x):
                out.append(x)
    except TypeError as e:
        out.append(str(e))
    try:
        match P():
            case P(a, x=b):  # type: ignore[misc]
                out.append((a, b))
    except TypeError as e:
        out.append(str(e))
    try:
        match 1:
            case int(a, b):  # type: ignore[misc]
                out.append((a, b))  # type: ignore[has-type]
    except TypeError as e:
        out.append(str(e))
    assert out == ["BadMA.__match_args__ must be a tuple (got list)",
                   "P() got multiple sub-patterns for attribute 'x'",
                   "int() accepts 1 positional sub-pattern (2 given)"]
    print(out)


def test_match_mapping_details() -> None:
    d: collections.defaultdict = collections.defaultdict(list)
    d["a"] = 1
    out: list = []
    match d:
        case {"b": _}:
            out.append("b")
        case {"a": v, **rest}:
            out.append(("a", v, rest, type(rest).__name__))
    out.append(sorted(d))
    x: object = "orig"
    match {"a": 1, "b": 2}:
        case {"a": x, "b": 3}:
            pass
    out.append(x)
    assert out == [("a", 1, {}, "dict"), ["a"], "orig"]
    print(out)


# ---------------------------------------------------------------- reference counts

class RC:
    pass


def rc_all(a: object, /, b: object = None, *args: object, c: object, d: object = None,
           **kw: object) -> object:
    return a


def test_reference_counts_through_bindings() -> None:
    o = RC()
    base = sys.getrefcount(o)
    f: Any = rc_all
    for _ in range(50):
        rc_all(o, o, o, o, c=o, d=o, e=o)
        rc_all(*[o, o, o], **{"c": o, "z": o})
        f(o, o, o, c=o, zz=o)
        try:
            f(o, o, o, c=o, b=o)
        except TypeError:
            pass
        try:
            rc_all(o, o, *[o], c=o, **{"c": o})
        except TypeError:
            pass
    gc.collect()
    assert sys.getrefcount(o) == base
    print("balanced")
