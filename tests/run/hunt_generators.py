"""The nastiest generator edge cases: yields inside expressions (temporaries live
across a suspension), re-entrancy, delegation to custom iterators, exception
context across yields, recursion limits, inlined consumers vs PEP 479, walrus,
unbound free variables, and globally rebound builtins."""

import gc
import sys
import traceback
import weakref
from typing import Any, Callable, Generator, Iterator, Optional


# ---------------------------------------------------------------- yields inside expressions

def test_yield_inside_binary_expr() -> None:
    def g() -> Generator[int, int, None]:
        x = (yield 1) + (yield 2)
        yield x * 10

    it = g()
    r = [next(it), it.send(5), it.send(7)]
    print(r)
    assert r == [1, 2, 120]


def test_yield_keeps_left_temporary() -> None:
    log: list[str] = []

    def val(s: str) -> str:
        log.append(s)
        return s

    def g() -> Generator[str, str, None]:
        r = val("left") + (yield "q1") + val("right")
        yield r

    it = g()
    a = next(it)
    b = it.send("MID")
    print(a, b, log)
    assert b == "leftMIDright"


def test_yield_inside_list_and_dict_literal() -> None:
    def g(n: int) -> Generator[object, Optional[int], None]:
        lst = [n, (yield "a"), n * 2, (yield "b")]
        d = {"k": (yield "c"), "n": n}
        yield lst
        yield sorted(d.items())

    it = g(3)
    r = [next(it), it.send(10), it.send(20), it.send(30), next(it)]
    print(r)
    assert r[3] == [3, 10, 6, 20]


def test_yield_inside_call_args() -> None:
    def fmt(a: object, b: object, sep: str = "|") -> str:
        return str(a) + sep + str(b)

    def g() -> Generator[str, object, None]:
        yield fmt((yield "one"), (yield "two"), sep=str((yield "three")))

    it = g()
    r = [next(it), it.send(1), it.send(2.5), it.send("::")]
    print(r)
    assert r[3] == "1::2.5"


def test_yield_in_conditions_and_augassign() -> None:
    def g() -> Generator[int, int, int]:
        total = 0
        while (yield total):
            total += yield -1
        return total

    it = g()
    r = [next(it), it.send(1), it.send(5), it.send(1), it.send(6)]
    print(r)
    try:
        it.send(0)
    except StopIteration as e:
        print("ret", e.value)
        assert e.value == 11


class Obj:
    attr: object

    def __init__(self) -> None:
        self.attr = None


def test_yield_in_subscript_and_attribute_target() -> None:
    def g(store: dict[str, object], o: Any) -> Generator[int, object, None]:
        store[str((yield 1))] = (yield 2)
        o.attr = (yield 3)

    store: dict[str, object] = {}
    o = Obj()
    it = g(store, o)
    next(it)
    it.send("key")
    it.send([1, 2])
    try:
        it.send("attrval")
    except StopIteration:
        pass
    print(store, getattr(o, "attr"))


def test_unboxed_locals_across_yield() -> None:
    def g() -> Iterator[str]:
        i = 1
        f = 1.0
        b = False
        for _ in range(70):
            i *= 2
            f *= 2.0
            b = not b
            yield str(i % 1000) + "/" + str(f > 1e20) + "/" + str(b)
        yield str(i) + " " + str(f)

    r = list(g())
    print(r[0], r[62], r[63], r[-1])
    assert r[-1] == str(2 ** 70) + " " + str(2.0 ** 70)


def test_loop_iterator_live_across_yield() -> None:
    def g(d: dict[str, int]) -> Iterator[tuple[str, int]]:
        for k, v in d.items():
            for j in range(v):
                yield k, j

    r = list(g({"a": 2, "b": 0, "c": 1}))
    print(r)
    assert r == [("a", 0), ("a", 1), ("c", 0)]


# ---------------------------------------------------------------- re-entrancy

# BUG: /tmp/gen_bugs/reentrant_next.py, reentrant_send_close.py,
# yield_from_self.py -- calling next()/send()/close() on a running compiled
# generator (or `yield from` itself) does not raise ValueError "generator already
# executing" (StopIteration / silently closed / `yield from` returns None).


def test_yield_from_finished_generator() -> None:
    def inner() -> Generator[int, None, str]:
        yield 1
        return "r"

    i = inner()
    list(i)

    def outer() -> Generator[int, None, Optional[str]]:
        r = yield from i
        yield 99
        return r

    o = outer()
    print(next(o))
    try:
        next(o)
    except StopIteration as e:
        print("ret", e.value)


# ---------------------------------------------------------------- custom delegates

class Delegate:
    """An iterator with send/throw/close, used as a `yield from` target."""

    # BUG: /tmp/gen_bugs/send_name_clash.py -- while this is a native class, every
    # `.send()` on a generator in the module checks the result against
    # Delegate.send's `-> int` (TypeError "return value of send() must be int").
    # `__dict__` in `__slots__` keeps it an ordinary class.
    __slots__ = ("log", "n", "__dict__")

    def __init__(self, log: list[str]) -> None:
        self.log = log
        self.n = 0

    def __iter__(self) -> "Delegate":
        return self

    def __next__(self) -> int:
        self.log.append("next")
        self.n += 1
        if self.n > 3:
            raise StopIteration("delegate-done")
        return self.n

    def send(self, v: object) -> int:
        self.log.append("send " + str(v))
        self.n += 10
        return self.n

    def throw(self, typ: object, val: object = None, tb: object = None) -> int:
        self.log.append("throw " + type(typ).__name__)
        return -1

    def close(self) -> None:
        self.log.append("close")


# BUG: /tmp/gen_bugs/yield_from_throw_args.py -- throw() delegated through
# `yield from` to a non-generator iterator passes one normalized exception
# instance; CPython passes throw()'s own arguments (a class stays a class, the
# 3-argument form passes 3 arguments). Only the instance form is tested here.
def test_yield_from_custom_delegate() -> None:
    log: list[str] = []

    def g() -> Generator[int, object, object]:
        r = yield from Delegate(log)
        return r

    it = g()
    r = [next(it), it.send("x"), it.throw(ValueError("v"))]
    print(r, log)
    it.close()
    print(log)
    it2 = g()
    out = list(it2)
    print(out)
    try:
        next(it2)
    except StopIteration as e:
        print("value", e.value)


def test_yield_from_delegate_send_none_uses_next() -> None:
    log: list[str] = []

    def g() -> Generator[int, object, object]:
        return (yield from Delegate(log))

    it = g()
    next(it)
    it.send(None)
    it.send(5)
    print(log)
    assert log == ["next", "next", "send 5"]


class NoClose:
    def __init__(self) -> None:
        self.i = 0

    def __iter__(self) -> "NoClose":
        return self

    def __next__(self) -> int:
        self.i += 1
        return self.i


def test_yield_from_close_without_close_method() -> None:
    log: list[str] = []

    def g() -> Generator[int, None, None]:
        try:
            yield from NoClose()
        finally:
            log.append("outer finally")

    it = g()
    next(it)
    it.close()
    print(log)
    assert log == ["outer finally"]


# ---------------------------------------------------------------- close / throw corners

def test_return_in_finally_swallows_close() -> None:
    def g() -> Generator[int, None, str]:
        try:
            yield 1
            yield 2
        finally:
            return "swallowed"  # noqa: B012

    it = g()
    next(it)
    print(it.close())  # type: ignore[func-returns-value]
    print(list(it))


def test_throw_generatorexit() -> None:
    def g() -> Generator[int, None, None]:
        try:
            yield 1
        except GeneratorExit:
            print("got GeneratorExit")
            raise

    it = g()
    next(it)
    try:
        it.throw(GeneratorExit)
    except GeneratorExit:
        print("propagated")


def test_throw_with_traceback_arg() -> None:
    def g() -> Generator[int, None, None]:
        yield 1

    it = g()
    next(it)
    try:
        it.throw(ValueError, ValueError("x"), None)  # type: ignore[arg-type]
    except ValueError as e:
        print("ValueError", e)


def test_throw_bad_argument() -> None:
    def g() -> Generator[int, None, None]:
        yield 1

    it = g()
    next(it)
    try:
        it.throw(42)  # type: ignore[call-overload]
    except TypeError as e:
        print("TypeError", e)
    print(next(it, "still suspended?"))


def test_finished_generator_state() -> None:
    def g() -> Generator[int, None, None]:
        yield 1
        raise ValueError("end")

    it = g()
    next(it)
    try:
        next(it)
    except ValueError as e:
        print("ValueError", e)
    print(next(it, "finished"))
    it.close()
    try:
        it.throw(KeyError("after"))
    except KeyError as e:
        print("KeyError", e)


def test_close_after_throw_handled() -> None:
    log: list[str] = []

    def g() -> Generator[int, None, None]:
        try:
            try:
                yield 1
            except ValueError:
                log.append("handled")
            yield 2
        finally:
            log.append("fin")

    it = g()
    next(it)
    print(it.throw(ValueError))
    it.close()
    print(log)
    assert log == ["handled", "fin"]


# ---------------------------------------------------------------- exception context

def test_exc_info_from_caller_seen_inside() -> None:
    def g() -> Iterator[str]:
        yield str(sys.exc_info()[0])
        yield str(sys.exc_info()[0])

    it = g()
    try:
        raise KeyError("outer")
    except KeyError:
        a = next(it)
    b = next(it)
    print(a, b)
    assert a == "<class 'KeyError'>" and b == "None"


def test_exception_context_inside_generator() -> None:
    def g() -> Iterator[int]:
        try:
            raise ValueError("first")
        except ValueError:
            pass
        yield 1
        raise KeyError("second")

    it = g()
    next(it)
    try:
        next(it)
    except KeyError as e:
        print("KeyError", e, type(e.__context__).__name__)


def test_exception_context_from_caller_handler() -> None:
    def g() -> Iterator[int]:
        yield 1
        raise KeyError("inner")

    it = g()
    next(it)
    try:
        try:
            raise ValueError("caller")
        except ValueError:
            next(it)
    except KeyError as e:
        print("KeyError", e, "context:", type(e.__context__).__name__)


def test_unbound_local_in_generator() -> None:
    def g(flag: bool) -> Iterator[int]:
        if flag:
            x = 1
        yield 0
        yield x

    it = g(False)
    print(next(it))
    try:
        next(it)
    except UnboundLocalError as e:
        print("UnboundLocalError", e)


def test_del_local_across_yield() -> None:
    def g() -> Iterator[str]:
        s = "v"
        yield s
        del s
        yield "deleted"
        yield s  # noqa: F821

    it = g()
    print(next(it), next(it))
    try:
        next(it)
    except UnboundLocalError as e:
        print("UnboundLocalError", e)


# ---------------------------------------------------------------- recursion

def chain(n: int) -> Iterator[int]:
    if n == 0:
        yield 0
    else:
        yield from chain(n - 1)


def nested_for(n: int) -> Iterator[int]:
    if n == 0:
        yield n
    else:
        for x in nested_for(n - 1):
            yield x + 1


def test_deep_yield_from_ok() -> None:
    print(list(chain(100)), list(chain(900)), list(nested_for(800)))


def test_deep_yield_from_recursion_error() -> None:
    for depth in (2000, 5000):
        try:
            print(list(chain(depth)))
        except RecursionError as e:
            print(depth, "RecursionError", e)
        try:
            print(list(nested_for(depth)))
        except RecursionError as e:
            print(depth, "RecursionError", e)
    # still usable afterwards
    print(list(chain(10)))


# ---------------------------------------------------------------- genexps and inline consumers

# BUG: /tmp/gen_bugs/inline_pep479.py -- all()/any()/sum() of a generator
# expression compiled inline let a StopIteration raised by the element escape
# as StopIteration; CPython raises RuntimeError "generator raised StopIteration".


def test_inline_any_closes_source_generator() -> None:
    log: list[str] = []

    def src() -> Iterator[int]:
        try:
            for i in range(10):
                log.append("yield" + str(i))
                yield i
        finally:
            log.append("src finally")

    r = any(x == 2 for x in src())
    log.append("after any")
    r2 = all(x < 1 for x in src())
    log.append("after all")
    print(r, r2, log)


def test_inline_walrus_binds_enclosing() -> None:
    last = -1
    found = any((last := x) > 3 for x in range(10))
    print(found, last)
    assert last == 4
    total = 0
    s = sum((total := total + x) for x in range(4))
    print(s, total)
    seen = ""
    g = list((seen := c) for c in "xyz")
    print(g, seen)


def test_genexp_unbound_free_variable() -> None:
    k: int
    try:
        print(sum(x + k for x in range(3)))
    except NameError as e:
        print(type(e).__name__, e)
    try:
        print(list(x + k for x in range(3)))
    except NameError as e:
        print(type(e).__name__, e)
    k = 1
    print(k)


def test_genexp_unbound_first_iterable() -> None:
    xs: list[int]
    try:
        print(sum(x for x in xs))
    except NameError as e:
        print(type(e).__name__, e)
    xs = [1]
    print(xs)


class Weird:
    def __init__(self, v: int) -> None:
        self.v = v

    def __bool__(self) -> bool:
        if self.v == 2:
            raise ValueError("bad bool")
        return self.v > 0


def test_inline_bool_raises() -> None:
    log: list[int] = []

    def mk(v: int) -> Weird:
        log.append(v)
        return Weird(v)

    try:
        print(any(mk(v) for v in [0, 0, 2, 5]))
    except ValueError as e:
        print("ValueError", e, log)
    log.clear()
    print(all(mk(v) for v in [1, 0, 2]), log)


def test_inline_sum_dict_mutation() -> None:
    d = {"a": 1, "b": 2}

    def grow(k: str) -> int:
        d[k + k] = 0
        return d[k]

    try:
        print(sum(grow(k) for k in d))
    except RuntimeError as e:
        print("RuntimeError", e)


def test_inline_sum_zero_division() -> None:
    try:
        print(sum(10 // x for x in [5, 2, 0, 1]))
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e)


def test_inline_nested_consumers() -> None:
    r = sum(sum(j for j in range(i)) for i in range(6))
    a = all(any(c == "a" for c in w) for w in ["ab", "ca", "xa"])
    b = any(all(c != "z" for c in w) for w in ["zz", "az"])
    print(r, a, b)
    assert r == 20 and a and not b


def test_inline_sum_float_precision() -> None:
    xs = [0.1] * 10 + [1e16, 1.0, -1e16]
    print(sum(x for x in xs), sum(xs))
    print(sum(x for x in [1, 2.5, 2 ** 64, True]))
    print(sum(x for x in [True, True, False]), sum(x for x in [2 ** 63, -1]))
    print(sum(x for x in [float("inf"), 1]), sum(x for x in [1e308, 1e308]))


def test_inline_loop_variable_reuse() -> None:
    x = 100
    r = any(x > 5 for x in range(10)) and x == 100
    i = "keep"
    t = sum(i for i in range(3) for i in range(i))
    print(r, x, t, i)
    assert x == 100 and i == "keep"


def test_genexp_qualname_nested() -> None:
    def outer() -> Any:
        return (x for x in range(2))

    g = outer()
    print(g.__name__, g.__qualname__)


_shadow_log: list[str] = []


def _custom_sum(it: Iterator[int]) -> int:
    _shadow_log.append("custom")
    return -1


def uses_sum() -> int:
    return sum(x for x in range(5))


def install_sum() -> None:
    global sum
    sum = _custom_sum  # type: ignore[name-defined]


def remove_sum() -> None:
    global sum
    del sum  # type: ignore[name-defined]


def test_global_sum_rebound() -> None:
    a = uses_sum()
    install_sum()
    b = uses_sum()
    remove_sum()
    c = uses_sum()
    print(a, b, c, _shadow_log)
    assert (a, b, c) == (10, -1, 10)


# ---------------------------------------------------------------- lifetimes (weakrefs)

class Thing:
    def __init__(self, name: str) -> None:
        self.name = name


class MyErr(Exception):
    pass


def hold(t: Thing) -> Generator[int, None, None]:
    local = t
    yield 1
    yield len(local.name)


def test_locals_alive_while_suspended() -> None:
    t = Thing("a")
    r = weakref.ref(t)
    g = hold(t)
    del t
    next(g)
    print("suspended alive", r() is not None)
    del g
    print("dropped alive", r() is not None)


# BUG: /tmp/gen_bugs/leak_yielded_local_on_close.py -- a generator closed (or
# dropped) while suspended at `yield <local variable>` (also `for x in xs: yield
# x`) leaks that local: the yield's exception edge does not release it.


# BUG: /tmp/gen_bugs/leak_ignored_generatorexit.py -- a suspended generator that
# ignores GeneratorExit when finalized leaks its live locals (the frame's free
# function releases only the parameters and the closure, not the registers).


# BUG: /tmp/gen_bugs/frame_not_cleared.py -- a compiled generator keeps its
# locals alive after it finishes or is closed (CPython clears the frame then);
# they are released only when the generator object is freed.


def test_sent_value_released() -> None:
    def g() -> Generator[int, object, None]:
        x = yield 1
        x = None
        yield 2
        yield 3

    t = Thing("s")
    r = weakref.ref(t)
    it = g()
    next(it)
    it.send(t)
    del t
    print("sent alive", r() is not None)


def test_yielded_value_released() -> None:
    def g() -> Iterator[Thing]:
        yield Thing("y")
        yield Thing("z")

    it = g()
    t = next(it)
    r = weakref.ref(t)
    del t
    print("yielded alive", r() is not None)


def test_thrown_exception_released() -> None:
    def g() -> Generator[int, None, None]:
        while True:
            try:
                yield 1
            except MyErr:
                pass

    it = g()
    next(it)
    e = MyErr("x")
    r = weakref.ref(e)
    it.throw(e)
    del e
    print("thrown alive", r() is not None)
    e2 = MyErr("uncaught")
    r2 = weakref.ref(e2)
    it2 = hold(Thing("q"))
    next(it2)
    try:
        it2.throw(e2)
    except MyErr:
        pass
    del e2
    gc.collect()
    print("uncaught alive", r2() is not None)


def test_return_value_released() -> None:
    holder: list[Thing] = []

    def g() -> Generator[int, None, Thing]:
        yield 1
        return Thing("ret")

    def outer() -> Iterator[int]:
        v = yield from g()
        holder.append(v)

    list(outer())
    r = weakref.ref(holder[0])
    holder.clear()
    print("ret alive", r() is not None)


def test_generator_weakref() -> None:
    it = hold(Thing("w"))
    r = weakref.ref(it)
    print("gen alive", r() is not None)
    del it
    print("gen alive after del", r() is not None)


def test_many_suspended() -> None:
    gens = [hold(Thing(str(i))) for i in range(5000)]
    tot = 0
    for gg in gens:
        tot += next(gg)
    print(tot)
    del gens
    gc.collect()


# ---------------------------------------------------------------- assorted forms

def test_unpack_yield() -> None:
    def g() -> Generator[int, tuple[int, str], None]:
        a, b = yield 0
        yield a * len(b)

    it = g()
    next(it)
    print(it.send((3, "ab")))


def test_outer_generator_cells() -> None:
    def outer() -> Iterator[int]:
        n = 1

        def get() -> int:
            return n * 10

        yield get()
        n = 5
        yield get()

        def bump() -> None:
            nonlocal n
            n += 1

        bump()
        yield n

    r = list(outer())
    print(r)
    assert r == [10, 50, 6]


def test_genexp_in_generator_late_binding() -> None:
    def g() -> Iterator[list[int]]:
        k = 1
        ge = (x * k for x in range(3))
        yield [next(ge)]
        k = 10
        yield list(ge)

    r = list(g())
    print(r)
    assert r == [[0], [10, 20]]


def test_for_else_break_in_generator() -> None:
    def g(stop: int) -> Iterator[str]:
        for i in range(4):
            if i == stop:
                yield "break" + str(i)
                break
            yield str(i)
        else:
            yield "else"
        yield "end"

    print(list(g(2)), list(g(9)))


def test_mutable_default() -> None:
    def g(acc: list[int] = []) -> Iterator[int]:
        acc.append(len(acc))
        yield from acc

    print(list(g()), list(g()), list(g([7])))


def test_map_filter_over_generators() -> None:
    def g() -> Iterator[int]:
        yield from range(6)

    print(list(map(lambda x: x * 2, g())), list(filter(None, g())), list(reversed(list(g()))))


counter = 0


def test_global_across_yields() -> None:
    def g() -> Iterator[int]:
        global counter
        for _ in range(3):
            counter += 1
            yield counter

    it = g()
    a = next(it)
    global counter
    counter = 100
    r = list(it)
    print(a, r)
    assert r == [101, 102]


class MyStop(StopIteration):
    pass


def test_inner_stopiteration_subclass() -> None:
    def inner() -> Iterator[int]:
        yield 1
        raise MyStop("m")

    def outer() -> Iterator[int]:
        try:
            yield from inner()
        except RuntimeError as e:
            print("outer caught RuntimeError", e, type(e.__cause__).__name__)
        yield 2

    print(list(outer()))


def test_close_raises_stopiteration() -> None:
    def g() -> Generator[int, None, None]:
        try:
            yield 1
        except GeneratorExit:
            raise StopIteration("x")

    it = g()
    next(it)
    try:
        it.close()
        print("closed quietly")
    except RuntimeError as e:
        print("RuntimeError", e)


def test_raise_generatorexit_itself() -> None:
    def g() -> Iterator[int]:
        yield 1
        raise GeneratorExit("own")

    it = g()
    next(it)
    try:
        next(it)
    except GeneratorExit as e:
        print("GeneratorExit", e)
    print(next(it, "done"))


def test_throw_into_for_loop_body() -> None:
    log: list[int] = []

    def src() -> Iterator[int]:
        for i in range(5):
            log.append(i)
            yield i

    def g() -> Generator[int, None, None]:
        for x in src():
            thrown = False
            try:
                yield x
            except KeyError:
                thrown = True
            if thrown:
                yield -x

    it = g()
    r = [next(it), next(it), it.throw(KeyError), next(it)]
    print(r, log)
    assert r == [0, 1, -1, 2]


def test_yield_from_inner_raises_midway() -> None:
    def inner() -> Iterator[int]:
        yield 1
        raise ValueError("mid")

    def outer() -> Iterator[int]:
        try:
            yield from inner()
        except ValueError as e:
            print("caught", e)
        yield from inner()

    it = outer()
    out = [next(it), next(it)]
    try:
        next(it)
    except ValueError as e:
        print("second", e)
    print(out)


def test_send_through_yield_from() -> None:
    def acc() -> Generator[int, int, int]:
        total = 0
        while True:
            v = yield total
            if v < 0:
                return total
            total += v

    def outer() -> Generator[int, int, str]:
        a = yield from acc()
        b = yield from acc()
        return str(a) + "," + str(b)

    it = outer()
    r = [next(it), it.send(3), it.send(4), it.send(-1), it.send(10)]
    try:
        it.send(-5)
    except StopIteration as e:
        print(r, e.value)
        assert e.value == "7,10"


class PNative:
    def __init__(self, x: int) -> None:
        self.x = x


def test_generator_closure_over_native_instance() -> None:
    def walker(p: PNative) -> Iterator[int]:
        def g() -> Iterator[int]:
            for i in range(3):
                yield p.x + i
        return g()

    w = PNative(10)
    it = walker(w)
    a = next(it)
    w.x = 100
    print(a, list(it))


def test_join_type_error() -> None:
    def g() -> Iterator[object]:
        yield "a"
        yield 1

    try:
        print("".join(g()))  # type: ignore[arg-type]
    except TypeError as e:
        print("TypeError", e)


def test_exhausted_after_exception() -> None:
    def g() -> Iterator[int]:
        yield 1
        yield 1 // 0
        yield 3

    it = g()
    next(it)
    try:
        next(it)
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e)
    print(list(it))


def test_big_int_and_nan_params() -> None:
    def g(n: int, f: float) -> Iterator[object]:
        yield n
        yield n * n
        yield f
        yield f != f

    print(list(g(2 ** 100, float("nan"))), list(g(-(2 ** 63), -0.0)))


# BUG: /tmp/gen_bugs/inspect_state.py -- compiled generators are not
# types.GeneratorType (inspect.isgenerator is False), have no gi_suspended
# (inspect.getgeneratorstate raises AttributeError), and gi_frame/gi_yieldfrom
# are always None.


# ---------------------------------------------------------------- yields in odd places, driven by send


class Acc:
    def __init__(self) -> None:
        self.items: list[object] = []

    def add(self, a: object, b: object) -> str:
        self.items.append((a, b))
        return str(len(self.items))


def drive(g: Generator[Any, Any, Any], sends: list[Any]) -> list[object]:
    out: list[object] = [next(g)]
    for s in sends:
        try:
            out.append(g.send(s))
        except StopIteration as e:
            out.append(("stop", e.value))
            break
        except Exception as e:
            out.append((type(e).__name__, str(e)))
            break
    return out


def test_yield_short_circuit() -> None:
    def g(a: int) -> Generator[object, object, None]:
        x = a or (yield "or")
        y = a and (yield "and")
        z = (yield "t") if a > 0 else (yield "f")
        yield (x, y, z)

    print(drive(g(0), ["A", "B", "C"]), drive(g(5), ["A", "B", "C"]))


def test_yield_fstring_compare_chain() -> None:
    def g(n: int) -> Generator[object, Any, None]:
        s = f"<{(yield 1)}|{n}|{(yield 2)}>"
        c = 0 < (yield 3) < n
        yield s, c

    print(drive(g(10), ["a", "b", 5, None]), drive(g(10), ["a", "b", 50]))


def test_yield_slice_and_unpack() -> None:
    def g(xs: list[int]) -> Generator[object, Any, None]:
        part = xs[(yield "lo"):(yield "hi")]
        a, b = (yield "a"), (yield "b")
        star = [*(yield "star"), 0]
        yield part, a, b, star

    print(drive(g([0, 1, 2, 3, 4]), [1, 3, "A", "B", (7, 8), None]))


def test_yield_method_on_temporary() -> None:
    acc = Acc()

    def g() -> Generator[object, Any, None]:
        r = acc.add((yield "first"), (yield "second"))
        yield r
        yield acc.items

    print(drive(g(), ["x", "y", None, None]))


def test_yield_for_iterable_and_raise_return() -> None:
    def g() -> Generator[object, Any, object]:
        for x in (yield "give iterable"):
            yield x
        exc = yield "give exception"
        if exc is not None:
            raise exc
        return (yield "give ret")

    print(drive(g(), [[1, 2], None, None, None, "R"]))
    print(drive(g(), [(), KeyError("kk")]))


def test_unboxed_int_temp_across_yield() -> None:
    def g(n: int) -> Generator[int, int, None]:
        m = n * 3 + (yield n) * 2
        k = (n << 62) + (yield m)
        yield k

    print(drive(g(5), [7, 1, None]))


def test_send_wrong_type() -> None:
    def g() -> Generator[int, int, None]:
        total = 0
        while True:
            total += yield total

    print(drive(g(), [1, 2, "x"]))
    print(drive(g(), [1, 2.5, 1]))


def test_yield_in_match() -> None:
    def g(v: object) -> Iterator[str]:
        match v:
            case int(n) if n > 0:
                yield "pos"
                yield str(n)
            case [a, b]:
                yield "pair"
                yield str(a) + str(b)
            case _:
                yield "other"

    print(list(g(3)), list(g([1, 2])), list(g("s")))


def test_try_finally_loop_control() -> None:
    log: list[str] = []

    def g() -> Iterator[int]:
        for i in range(5):
            try:
                if i == 1:
                    continue
                if i == 3:
                    break
                yield i
            finally:
                log.append("fin" + str(i))
        try:
            return
        finally:
            log.append("last")

    print(list(g()), log)


def test_return_in_try_with_finally_value() -> None:
    def g() -> Generator[int, None, str]:
        try:
            yield 1
            return "from try"
        finally:
            print("finally runs")

    it = g()
    next(it)
    try:
        next(it)
    except StopIteration as e:
        print(e.value)


def test_nested_try_except_yields() -> None:
    def g(mode: int) -> Iterator[str]:
        try:
            try:
                yield "a"
                if mode == 1:
                    raise ValueError("v")
                if mode == 2:
                    raise KeyError("k")
                yield "b"
            except ValueError:
                pass
            yield "c"
        except KeyError:
            pass
        yield "d"

    print(list(g(0)), list(g(1)), list(g(2)))


def test_while_else_yield() -> None:
    def g(n: int) -> Iterator[int]:
        i = 0
        while i < n:
            yield i
            i += 1
            if i == 10:
                break
        else:
            yield -1

    print(list(g(3)), list(itertools_free(g(20))))


def itertools_free(it: Iterator[int]) -> list[int]:
    return [x for x in it]


# ---------------------------------------------------------------- values read before a yield, source changed while suspended

GG = "global-" + str(7)


class SHolder:
    def __init__(self, s: str) -> None:
        self.s = s


def test_list_item_across_yield() -> None:
    xs = ["a" * 3 + str(i) for i in range(3)]

    def g() -> Generator[str, str, None]:
        yield xs[0] + (yield "first")

    it = g()
    next(it)
    xs.clear()
    gc.collect()
    junk = [str(i) * 5 for i in range(100)]
    print(it.send("!"), len(junk))


def test_attr_across_yield() -> None:
    h = SHolder("x" * 4 + "y")

    def g() -> Generator[str, str, None]:
        yield h.s + (yield "first")

    it = g()
    next(it)
    h.s = "replaced"
    junk = [str(i) * 5 for i in range(100)]
    print(it.send("!"), len(junk))


def test_dict_item_across_yield() -> None:
    d = {"k": "v" * 3 + "w"}

    def g() -> Generator[str, str, None]:
        yield d["k"] + (yield "first")

    it = g()
    next(it)
    d["k"] = "other"
    del d["k"]
    junk = [str(i) * 5 for i in range(100)]
    print(it.send("!"), len(junk))


def test_global_across_yield() -> None:
    def g() -> Generator[str, str, None]:
        yield GG + (yield "first")

    it = g()
    next(it)
    global GG
    GG = "rebound"
    junk = [str(i) * 5 for i in range(100)]
    print(it.send("!"), len(junk))


def test_param_local_across_yield() -> None:
    def g(s: str) -> Generator[str, str, None]:
        t = s
        s = "changed"
        yield t + (yield "first") + s

    it = g("p" * 2 + "q")
    next(it)
    print(it.send("!"))


def test_tuple_item_across_yield() -> None:
    holder: list[tuple[str, str]] = [("t" * 2 + "u", "b")]

    def g() -> Generator[str, str, None]:
        tup = holder[0]
        yield tup[0] + (yield "first")

    it = g()
    next(it)
    holder.clear()
    print(it.send("!"))


def test_loop_list_item_across_yield() -> None:
    xs = ["m" * 2 + str(i) for i in range(3)]

    def g() -> Iterator[str]:
        for x in xs:
            yield "got"
            yield x

    it = g()
    print(next(it))
    xs.clear()
    junk = [str(i) * 5 for i in range(100)]
    print(next(it), len(junk), list(it))


def test_native_field_across_yield() -> None:
    h = SHolder("n" * 3 + "o")

    def g() -> Generator[str, str, None]:
        s = h.s
        yield "first"
        yield s + (yield "second")

    it = g()
    next(it)
    h.s = "replaced"
    next(it)
    junk = [str(i) * 5 for i in range(100)]
    print(it.send("!"), len(junk))


# ---------------------------------------------------------------- recursion limit

# BUG: /tmp/gen_bugs/lowered_recursion_limit.py -- compiled code caches the
# recursion limit; lowering it with sys.setrecursionlimit() after compiled code
# has raised RecursionError (here: test_deep_yield_from_recursion_error) is not
# seen, so chain(400) under a limit of 250 succeeds.


# BUG: /tmp/gen_bugs/resumed_yield_from_depth.py -- a `yield from` chain that
# grows by one level per resumption is not bounded by the recursion limit
# (33820 levels instead of 997, then "maximum recursion depth exceeded (the C
# stack is nearly full)").


# ---------------------------------------------------------------- exception state across the generator boundary


# BUG: /tmp/gen_bugs/throw_context.py -- an exception thrown with gen.throw()
# while the caller handles another gets that one as __context__ (CPython 3.11
# leaves it None).


def test_bare_raise_in_generator() -> None:
    def g() -> Iterator[int]:
        yield 1
        raise

    it = g()
    next(it)
    try:
        try:
            raise ValueError("caller's")
        except ValueError:
            next(it)
    except ValueError as e:
        print("ValueError", e)
    except RuntimeError as e:
        print("RuntimeError", e)


def test_bare_raise_no_active() -> None:
    def g() -> Iterator[int]:
        yield 1
        raise

    it = g()
    next(it)
    try:
        next(it)
    except RuntimeError as e:
        print("RuntimeError", e)


def test_exc_info_inside_handler_in_generator() -> None:
    def g() -> Iterator[str]:
        try:
            raise KeyError("in gen")
        except KeyError:
            info = str(sys.exc_info()[0])
        yield info
        yield str(sys.exc_info()[0])

    it = g()
    try:
        raise ValueError("outer")
    except ValueError:
        print(list(it))


def test_raise_from_in_generator() -> None:
    def g() -> Iterator[int]:
        yield 1
        try:
            d: dict[str, int] = {}
            d["x"]
        except KeyError as e:
            raise ValueError("wrapped") from e

    try:
        list(g())
    except ValueError as e:
        print("ValueError", e, type(e.__cause__).__name__, e.__suppress_context__)


def test_generator_exception_traceback_names() -> None:
    def inner() -> Iterator[int]:
        yield 1 // 0

    def outer() -> Iterator[int]:
        yield from inner()

    try:
        list(outer())
    except ZeroDivisionError as e:
        tb = e.__traceback__
        n = 0
        while tb is not None:
            n += 1
            tb = tb.tb_next
        print("ZeroDivisionError", e, n >= 1)


# ---------------------------------------------------------------- containers mutated while a loop in the generator is suspended


def test_list_grows_while_suspended() -> None:
    xs = [1, 2]

    def g() -> Iterator[int]:
        for x in xs:
            yield x

    it = g()
    r = [next(it)]
    xs.append(3)
    xs[1] = 20
    r.extend(it)
    print(r)


def test_dict_changes_while_suspended() -> None:
    d = {"a": 1, "b": 2}

    def g() -> Iterator[str]:
        for k in d:
            yield k

    it = g()
    print(next(it))
    d["c"] = 3
    try:
        next(it)
    except RuntimeError as e:
        print("RuntimeError", e)


def test_enumerate_zip_across_yields() -> None:
    names = ["a", "b", "c"]
    nums = [1.5, 2.5]

    def g() -> Iterator[str]:
        for i, n in enumerate(names):
            yield str(i) + n
        for n, f in zip(names, nums):
            yield n + str(f * 2)
        for i, (n, f) in enumerate(zip(names, nums), start=10):
            yield str(i) + n + str(f)

    it = g()
    first = next(it)
    names.append("d")
    print(first, list(it))


def test_range_loop_across_yields() -> None:
    def g(n: int) -> Iterator[int]:
        for i in range(n, -1, -2):
            yield i
        for j in range(2 ** 64, 2 ** 64 + 2):
            yield j - 2 ** 64

    print(list(g(7)))


def test_str_tuple_loops_across_yields() -> None:
    def g(s: str, t: tuple[int, ...]) -> Iterator[object]:
        for c in s:
            yield c
        for v in t:
            yield v * 2

    print(list(g("xy", (1, 2, 3))))


def test_set_changes_while_suspended() -> None:
    s = {1, 2, 3}

    def g() -> Iterator[int]:
        for v in s:
            yield v

    it = g()
    next(it)
    s.add(99)
    try:
        list(it)
        print("no error")
    except RuntimeError as e:
        print("RuntimeError", e)


# ---------------------------------------------------------------- handled-exception state of caller and generator


def test_caller_exc_info_preserved() -> None:
    def g() -> Iterator[int]:
        try:
            raise KeyError("inner")
        except KeyError:
            pass
        yield 1
        try:
            raise IndexError("inner2")
        except IndexError:
            pass
        yield 2

    it = g()
    try:
        raise ValueError("caller")
    except ValueError:
        next(it)
        a = str(sys.exc_info()[0])
        next(it)
        b = str(sys.exc_info()[0])
        try:
            raise
        except ValueError as e:
            c = "reraised " + str(e)
    print(a, b, c, sys.exc_info()[0])


def test_generator_handler_then_caller_raise() -> None:
    def g() -> Iterator[str]:
        try:
            raise KeyError("k")
        except KeyError:
            r = str(sys.exc_info()[0])
        yield r
        yield str(sys.exc_info()[0])

    it = g()
    print(next(it), sys.exc_info()[0])
    try:
        raise ValueError("v")
    except ValueError:
        print(next(it))


def _raise_origin() -> None:
    raise ValueError("boom")


def _one() -> Generator[int, None, None]:
    yield 1


def _catch_and_yield() -> Generator[int, None, str]:
    try:
        yield 1
    except ValueError as e:
        return "caught " + " ".join(f.name for f in traceback.extract_tb(e.__traceback__))
    return "no"


def test_throw_keeps_the_instance_traceback() -> None:
    # generator.throw(exc) raises exc with the traceback it already has (from where
    # it was first raised), the new entries added in front.
    try:
        _raise_origin()
    except ValueError as e:
        exc = e
    g = _one()
    next(g)
    try:
        g.throw(exc)
    except ValueError as e:
        print([f.name for f in traceback.extract_tb(e.__traceback__)])
    h = _catch_and_yield()
    next(h)
    try:
        h.throw(exc)
    except StopIteration as stop:
        print(stop.value)
    fresh = KeyError("k")
    g2 = _one()
    next(g2)
    try:
        g2.throw(fresh)
    except KeyError as e:
        print([f.name for f in traceback.extract_tb(e.__traceback__)])
