"""Regression tests for bugs the closure and generator hunts found (each was a
wrong result, a crash or an import failure in compiled code)."""

import asyncio
import functools
import gc
import weakref
from typing import Any, Callable, Generator, Iterator


class Box:
    def __init__(self, v: int) -> None:
        self.v = v

    def upto(self, n: int) -> Iterator[int]:
        for i in range(self.v, n):
            yield i

    def none(self) -> Iterator[str]:
        yield "only"

    @staticmethod
    def plain() -> int:
        return 3


class Sub(Box):
    def none(self) -> Iterator[str]:
        yield "sub"
        yield from super().none()


def test_generator_methods_of_native_classes() -> None:
    b = Box(5)
    print(list(b.upto(8)), list(b.none()), list(Sub(1).none()), b.plain())


def test_generator_calling_itself() -> None:
    def gen() -> Generator[str, None, None]:
        out = []
        try:
            next(me)
        except ValueError as e:
            out.append("next: " + str(e))
        try:
            me.close()
        except ValueError as e:
            out.append("close: " + str(e))
        yield from out

    me = gen()
    print(list(me))


def test_break_keeps_the_iterator_until_the_loop_ends() -> None:
    log: list[str] = []

    def fin() -> Iterator[int]:
        try:
            yield 1
            yield 2
        finally:
            log.append("finally")

    for x in fin():
        log.append("got" + str(x))
        break
    log.append("after")

    def ret() -> int:
        for y in fin():
            log.append("ret" + str(y))
            return y
        return -1

    ret()
    print(log)
    assert log == ["got1", "finally", "after", "ret1", "finally"]


class T:
    pass


def test_closing_a_generator_releases_the_yielded_local() -> None:
    def g(xs: list[T]) -> Generator[T, None, None]:
        t = xs[0]
        yield t
        yield t

    xs = [T()]
    r = weakref.ref(xs[0])
    it = g(xs)
    next(it)
    it.close()
    del it, xs
    gc.collect()
    print("released:", r() is None)


def test_except_as_variable_captured_and_deleted() -> None:
    def del_in_handler() -> str:
        try:
            raise ValueError("x")
        except ValueError as e:
            g = lambda: e  # noqa: E731, F841
            del e
        return "ok"

    def left_by_return() -> Callable[[], object]:
        try:
            raise KeyError(1)
        except KeyError as e:
            get = lambda: e  # noqa: E731
            return get

    get = left_by_return()
    try:
        get()
    except NameError as n:
        print("NameError", n, n.name)
    print(del_in_handler())


def to_str(fn: Callable[[Any], int]) -> Callable[[Any], str]:
    def w(self: Any) -> str:
        return "s" + str(fn(self))

    return w


class Decorated:
    def __init__(self, v: int) -> None:
        self.v = v

    @to_str
    def n(self) -> int:
        return self.v


def test_decorated_method_returns_what_the_decorator_returns() -> None:
    r = Decorated(4).n()
    print(type(r).__name__, r)


log: list[str] = []


def noting(f: Callable[[Any], None]) -> Callable[[Any], None]:
    def w(cls: Any) -> None:
        log.append("wrapped")
        f(cls)

    return w


class Hooked:
    @noting
    def __init_subclass__(cls) -> None:
        log.append("init_subclass " + cls.__name__)


class HookedSub(Hooked):
    pass


def test_decorated_init_subclass_is_a_classmethod() -> None:
    print(log)


class Shapes:
    area = lambda self: 1  # noqa: E731
    if True:

        def m(self) -> str:
            return "m"


def test_qualnames_in_class_bodies_and_comprehensions() -> None:
    fs = [lambda i=i: i for i in range(1)]
    print(Shapes.area.__qualname__, Shapes.m.__qualname__, fs[0].__qualname__)


class C:
    def m(self) -> str:
        return "module C"


def test_local_class_named_like_a_module_class() -> None:
    class C:
        def m(self) -> int:
            return 1

    print(C().m())


def test_unknown_receiver_of_a_method_some_native_class_has() -> None:
    def gen() -> Generator[int, int, None]:
        x = yield 1
        yield x * 2

    g: Any = gen()
    next(g)
    print(g.send(21))


def test_stop_iteration_in_an_inlined_generator_expression() -> None:
    def boom(x: int) -> int:
        if x == 2:
            raise StopIteration
        return x

    for consumer in (any, all, sum):
        try:
            consumer(boom(x) > 5 for x in range(4))
        except RuntimeError as e:
            print(consumer.__name__, "RuntimeError", e, type(e.__cause__).__name__)


def test_throw_inside_an_except_block_does_not_chain() -> None:
    def gen() -> Generator[int, None, None]:
        seen = ""
        try:
            yield 1
        except KeyError as e:
            seen = repr(e) + " " + type(e.__context__).__name__
        yield len(seen)
        print("caught", seen)

    g = gen()
    next(g)
    try:
        raise ValueError("handling")
    except ValueError:
        print(g.throw(KeyError("thrown")))


def test_comprehension_target_binding_a_name_twice() -> None:
    rows: list[tuple[str, int, str]] = [("a", 1, "x"), ("b", 2, "y")]
    pairs: list[tuple[str, str, int]] = [("a", "x", 1), ("b", "y", 2)]
    print([n for n, _, _ in rows], [w for w, w, _ in pairs])  # type: ignore[misc]


# ---- found by the hunt of 2026-12-04 (parameters, coroutines, introspection) ----


def _throw_target() -> Generator[str, None, None]:
    try:
        raise ValueError("x")
    except ValueError:
        try:
            yield "1"
        except KeyError as e:
            yield repr(e.__context__)


def test_throw_into_generator_in_except_chains_context() -> None:
    it = _throw_target()
    next(it)
    print(it.throw(KeyError("k")))


def test_close_generator_in_except_chains_context() -> None:
    seen: list[str] = []

    def g() -> Generator[int, None, None]:
        try:
            raise ValueError("handled")
        except ValueError:
            try:
                yield 1
            except GeneratorExit as e:
                seen.append(repr(e.__context__))
                raise

    it = g()
    next(it)
    it.close()
    print(seen)


def test_cancelled_task_in_except_chains_context() -> None:
    async def sleeper(log: list[str]) -> None:
        try:
            raise ValueError("v")
        except ValueError:
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError as e:
                log.append(repr(e.__context__))
                raise

    async def main() -> list[str]:
        log: list[str] = []
        t = asyncio.create_task(sleeper(log))
        await asyncio.sleep(0)
        t.cancel()
        await asyncio.gather(t, return_exceptions=True)
        return log

    print(asyncio.run(main()))


class _OverridingDict(dict):  # type: ignore[type-arg]
    def __getitem__(self, k: Any) -> Any:
        return "override"

    def keys(self) -> Any:
        return ["x"]


def _kw(**k: Any) -> Any:
    return k


def _ab(a: int = 0, b: int = 0) -> Any:
    return (a, b)


def test_dict_subclass_unpacked_as_its_storage() -> None:
    d = _OverridingDict(a=1)
    print(_kw(**d), dict(**d), _ab(**_OverridingDict(a=1)), _kw(z=1, **d))


def _star(*a: Any) -> Any:
    return a


def test_star_argument_messages() -> None:
    n: Any = None
    for f in (lambda: _star(1, *n), lambda: _star(*[1], *n), lambda: _star(*n)):
        try:
            f()
        except TypeError as e:
            print(str(e).split(".")[-1] if "argument after" in str(e) else e)


def _plain(x: int) -> int:
    return x


def test_function_dict_holds_only_user_attributes() -> None:
    print(_plain.__dict__, _plain.__module__)
    _plain.__annotations__ = {"x": str}
    print(sorted(_plain.__dict__), _plain.__annotations__)

    def w(*args: int) -> int:
        return 0

    functools.update_wrapper(w, _plain)
    print(sorted(w.__dict__), w.__module__ == _plain.__module__)


class _Listish(list):  # type: ignore[type-arg]
    def count(self, x: Any) -> int:
        return -1


def _count_of(xs: Any, x: Any) -> Any:
    return xs.count(x)


def test_method_call_site_sees_each_receiver_type() -> None:
    # One call site, receivers of several builtin types and a subclass that
    # overrides the method: each gets its own type's method.
    for xs in ([1, 2, 1], (1, 1, 1), "1a1", _Listish([1]), b"\x01\x01", [1], "x"):
        x: Any = "1" if isinstance(xs, str) else (1 if not isinstance(xs, bytes) else b"\x01")
        print(type(xs).__name__, _count_of(xs, x))


async def _a_coroutine() -> int:
    return 1


def _delegate(co: Any) -> Iterator[Any]:
    try:
        yield from co
    except TypeError as e:
        yield str(e)


def test_yield_from_a_coroutine_in_a_generator() -> None:
    c = _a_coroutine()
    print(list(_delegate(c)))
    c.close()
    print(list(_delegate([1, 2])))


class _Shouty(str):
    def upper(self) -> Any:  # type: ignore[override]
        return 1e300


def _len_upper(s: str) -> int:
    return len(s.upper())


def test_str_subclass_method_result_is_checked() -> None:
    # The override's float must not be read as a str (it was: a garbage length).
    try:
        print(_len_upper(_Shouty("abc")))
    except TypeError:
        print("TypeError")
    print(_len_upper("abc"))
