"""Generator functions: next/for/list consumption, parameters of every type,
return values, send/throw/close, finalization of suspended generators,
PEP 479, yield from, delegation chains, recursion, methods, closures."""

import collections.abc
import contextlib
import functools
import typing
import weakref
import gc
import itertools
from typing import Any, Callable, Generator, Iterator, Iterable, Optional, TypeVar


# ---------------------------------------------------------------- helpers

def count_up(n: int) -> Generator[int, None, None]:
    i = 0
    while i < n:
        yield i
        i += 1


def three() -> Generator[int, None, None]:
    yield 1
    yield 2
    yield 3


def with_ints(a: int, b: int = 10) -> Iterator[int]:
    yield a
    yield b
    yield a + b


def with_float(x: float, steps: int) -> Iterator[float]:
    for _ in range(steps):
        yield x
        x = x * 1.5


def with_str(s: str) -> Iterator[str]:
    for ch in s:
        yield ch.upper()
    yield s + "!"


def with_list(xs: list[int]) -> Iterator[int]:
    for x in xs:
        yield x * 2
    xs.append(99)
    yield len(xs)


def with_object(o: object) -> Iterator[str]:
    yield type(o).__name__
    yield str(o)


def with_defaults(a: str = "a", b: Optional[int] = None, *rest: int) -> Iterator[str]:
    yield a
    yield "none" if b is None else str(b)
    for r in rest:
        yield "r" + str(r)


def with_kwonly(a: int, *, scale: int = 2, label: str = "x") -> Iterator[str]:
    yield label + str(a * scale)


def gen_return(n: int) -> Generator[int, None, str]:
    for i in range(n):
        yield i
    return "done" + str(n)


def echo() -> Generator[int, Optional[int], int]:
    total = 0
    while True:
        got = yield total
        if got is None:
            return total
        total += got


def catcher(log: list[str]) -> Generator[int, None, None]:
    i = 0
    while True:
        try:
            yield i
        except ValueError as e:
            log.append("caught " + str(e))
            i += 100
        i += 1


def fin_gen(log: list[str]) -> Generator[int, None, None]:
    try:
        log.append("start")
        yield 1
        log.append("after1")
        yield 2
        log.append("after2")
    finally:
        log.append("finally")


# ---------------------------------------------------------------- basics

def test_simple_next() -> None:
    g = three()
    a = next(g)
    b = next(g)
    c = next(g)
    print(a, b, c)
    assert (a, b, c) == (1, 2, 3)


def test_for_loop() -> None:
    out: list[int] = []
    for x in count_up(5):
        out.append(x)
    print(out)
    assert out == [0, 1, 2, 3, 4]


def test_list_consumption() -> None:
    r = list(count_up(4))
    print(r, tuple(three()), sum(count_up(10)))
    assert r == [0, 1, 2, 3]


def test_empty_generator() -> None:
    def empty() -> Iterator[int]:
        return
        yield 1

    r = list(empty())
    print(r)
    assert r == []


def test_exhausted_repeated_next() -> None:
    g = three()
    print(list(g))
    msgs: list[str] = []
    for _ in range(3):
        try:
            next(g)
        except StopIteration as e:
            msgs.append("stop " + repr(e.value))
    print(msgs)
    assert msgs == ["stop None"] * 3
    print(next(g, -1))


def test_params_int_defaults() -> None:
    r1 = list(with_ints(3))
    r2 = list(with_ints(3, 4))
    r3 = list(with_ints(b=7, a=1))
    print(r1, r2, r3)
    assert r1 == [3, 10, 13] and r2 == [3, 4, 7] and r3 == [1, 7, 8]


def test_params_float() -> None:
    r = list(with_float(2.0, 4))
    print(r)
    assert r == [2.0, 3.0, 4.5, 6.75]


def test_params_str() -> None:
    r = list(with_str("abc"))
    print(r)
    assert r == ["A", "B", "C", "abc!"]


def test_params_list_mutation() -> None:
    xs = [1, 2]
    g = with_list(xs)
    print(next(g))
    xs.append(5)
    r = list(g)
    print(r, xs)
    assert r == [4, 10, 4] and xs == [1, 2, 5, 99]


def test_params_object() -> None:
    r = list(with_object(3.5)) + list(with_object("s")) + list(with_object(None))
    print(r)
    assert r == ["float", "3.5", "str", "s", "NoneType", "None"]


def test_params_defaults_star() -> None:
    r = list(with_defaults()) + list(with_defaults("q", 5, 1, 2))
    print(r)
    assert r == ["a", "none", "q", "5", "r1", "r2"]
    k = list(with_kwonly(4)) + list(with_kwonly(4, label="y", scale=3))
    print(k)
    assert k == ["x8", "y12"]


def test_args_evaluated_at_call() -> None:
    log: list[str] = []

    def arg(v: int) -> int:
        log.append("arg" + str(v))
        return v

    def g(a: int) -> Iterator[int]:
        log.append("body")
        yield a

    gen = g(arg(5))
    print(log)
    assert log == ["arg5"]
    print(next(gen), log)
    assert log == ["arg5", "body"]


def test_body_lazy() -> None:
    log: list[str] = []
    g = fin_gen(log)
    print(log)
    assert log == []
    next(g)
    print(log)
    assert log == ["start"]
    r = list(g)
    print(r, log)
    assert r == [2] and log == ["start", "after1", "after2", "finally"]


def test_independent_instances() -> None:
    a = count_up(3)
    b = count_up(3)
    r = [next(a), next(a), next(b), next(a), next(b)]
    print(r)
    assert r == [0, 1, 0, 2, 1]


def test_locals_survive_yield() -> None:
    def g(n: int) -> Iterator[str]:
        acc: list[int] = []
        s = ""
        f = 0.5
        for i in range(n):
            acc.append(i)
            s += str(i)
            f *= 2.0
            yield s + ":" + str(sum(acc)) + ":" + str(f)

    r = list(g(4))
    print(r)
    assert r == ["0:0:1.0", "01:1:2.0", "012:3:4.0", "0123:6:8.0"]


# ---------------------------------------------------------------- return values

def test_return_value_stopiteration() -> None:
    g = gen_return(2)
    print(next(g), next(g))
    try:
        next(g)
    except StopIteration as e:
        print("value", e.value, e.args)
        assert e.value == "done2"


def test_return_value_yield_from() -> None:
    def outer() -> Generator[int, None, str]:
        r = yield from gen_return(3)
        yield -1
        return r + "!"

    g = outer()
    items = [next(g) for _ in range(4)]
    print(items)
    try:
        next(g)
    except StopIteration as e:
        print(e.value)
        assert e.value == "done3!"


def test_return_none_and_tuple() -> None:
    def g() -> Generator[int, None, tuple[int, str]]:
        yield 1
        return (1, "a")

    it = g()
    next(it)
    try:
        next(it)
    except StopIteration as e:
        print(e.value)
        assert e.value == (1, "a")


# ---------------------------------------------------------------- send

def test_send_accumulate() -> None:
    g = echo()
    r = [next(g), g.send(5), g.send(10), g.send(-3)]
    print(r)
    assert r == [0, 5, 15, 12]
    try:
        g.send(None)
    except StopIteration as e:
        print("ret", e.value)
        assert e.value == 12


def test_send_none_first_ok() -> None:
    g = echo()
    print(g.send(None))


def test_send_non_none_first() -> None:
    g = echo()
    try:
        g.send(4)
    except TypeError as e:
        print("TypeError", e)
    # still usable afterwards
    print(next(g), g.send(2))


def test_send_to_finished() -> None:
    g = three()
    list(g)
    try:
        g.send(1)  # type: ignore[arg-type]
    except StopIteration as e:
        print("stop", e.value)


def test_yield_expression_value_for_next() -> None:
    def g() -> Generator[str, Optional[str], None]:
        got = yield "a"
        got2 = yield "got " + repr(got)
        yield "got2 " + repr(got2)

    it = g()
    r = [next(it), next(it), it.send("x")]
    print(r)
    assert r == ["a", "got None", "got2 'x'"]


# ---------------------------------------------------------------- throw

def test_throw_caught_continues() -> None:
    log: list[str] = []
    g = catcher(log)
    r = [next(g), next(g), g.throw(ValueError("boom")), next(g)]
    print(r, log)
    assert r == [0, 1, 102, 103]
    assert log == ["caught boom"]


def test_throw_uncaught() -> None:
    log: list[str] = []
    g = fin_gen(log)
    next(g)
    try:
        g.throw(KeyError("k"))
    except KeyError as e:
        print("KeyError", e)
    print(log, next(g, -1))
    assert log == ["start", "finally"]


def test_throw_not_started() -> None:
    log: list[str] = []
    g = fin_gen(log)
    try:
        g.throw(ValueError("early"))
    except ValueError as e:
        print("ValueError", e)
    print(log)
    assert log == []
    print(next(g, "exhausted"))


def test_throw_finished() -> None:
    g = three()
    list(g)
    try:
        g.throw(ValueError("late"))
    except ValueError as e:
        print("ValueError", e)


def test_throw_class_vs_instance() -> None:
    log: list[str] = []
    g = catcher(log)
    next(g)
    a = g.throw(ValueError)
    b = g.throw(ValueError("inst"))
    print(a, b, log)
    assert log == ["caught ", "caught inst"]


def test_throw_stopiteration_into_generator() -> None:
    g = three()
    next(g)
    try:
        g.throw(StopIteration)
    except RuntimeError as e:
        print("RuntimeError", e)
    except StopIteration:
        print("StopIteration leaked")


def test_throw_returns_via_return() -> None:
    def g() -> Generator[int, None, str]:
        try:
            yield 1
        except ValueError:
            return "handled"
        return "normal"

    it = g()
    next(it)
    try:
        it.throw(ValueError)
    except StopIteration as e:
        print("stop", e.value)
        assert e.value == "handled"


# ---------------------------------------------------------------- close

def test_close_runs_finally() -> None:
    log: list[str] = []
    g = fin_gen(log)
    next(g)
    g.close()
    print(log)
    assert log == ["start", "finally"]
    g.close()
    print(next(g, -1))


def test_close_not_started() -> None:
    log: list[str] = []
    g = fin_gen(log)
    g.close()
    print(log, next(g, -1))
    assert log == []


def test_close_generatorexit_reraised() -> None:
    log: list[str] = []

    def g() -> Generator[int, None, None]:
        try:
            yield 1
        except GeneratorExit:
            log.append("exit")
            raise

    it = g()
    next(it)
    it.close()
    print(log)
    assert log == ["exit"]


def test_close_ignored_generatorexit() -> None:
    def g() -> Generator[int, None, None]:
        while True:
            try:
                yield 1
            except GeneratorExit:
                pass

    it = g()
    next(it)
    try:
        it.close()
    except RuntimeError as e:
        print("RuntimeError", e)
    print(next(it))
    it2 = g()  # never started: close is fine
    it2.close()


def test_close_return_in_handler() -> None:
    def g() -> Generator[int, None, str]:
        try:
            yield 1
        except GeneratorExit:
            return "bye"
        return "x"

    it = g()
    next(it)
    r = it.close()  # type: ignore[func-returns-value]
    print(r)


def test_close_raises_other() -> None:
    def g() -> Generator[int, None, None]:
        try:
            yield 1
        finally:
            raise ValueError("in finally")

    it = g()
    next(it)
    try:
        it.close()
    except ValueError as e:
        print("ValueError", e)


# ---------------------------------------------------------------- finalization

def test_dropped_suspended_runs_finally() -> None:
    log: list[str] = []
    g = fin_gen(log)
    next(g)
    del g
    gc.collect()
    print(log)
    assert log == ["start", "finally"]


# BUG: /tmp/gen_bugs/loop_break_drop.py -- a `for` loop whose body always
# ends in `break` releases the generator (running its finally) before the body.


# BUG: /tmp/gen_bugs/gen_cycle_gc.py -- the compiled generator type has no
# tp_traverse (not a GC type): a suspended generator in a reference cycle is
# never collected and its `finally` never runs.


# ---------------------------------------------------------------- PEP 479

def test_pep479_raise_stopiteration() -> None:
    def g() -> Iterator[int]:
        yield 1
        raise StopIteration("inner")

    it = g()
    print(next(it))
    try:
        next(it)
    except RuntimeError as e:
        print("RuntimeError", e, type(e.__cause__).__name__)


def test_pep479_next_on_empty() -> None:
    def g(src: Iterator[int]) -> Iterator[int]:
        while True:
            yield next(src)

    try:
        r = list(g(iter([1, 2])))
        print(r)
    except RuntimeError as e:
        print("RuntimeError", e)


def test_pep479_caught_inside_is_fine() -> None:
    def g() -> Iterator[int]:
        try:
            raise StopIteration
        except StopIteration:
            yield 7

    print(list(g()))


# ---------------------------------------------------------------- yield from

def test_yield_from_sequences() -> None:
    def g() -> Iterator[object]:
        yield from [1, 2]
        yield from "ab"
        yield from range(3, 5)
        yield from (9,)
        yield from {"k": 1}
        yield from iter([7])

    r = list(g())
    print(r)
    assert r == [1, 2, "a", "b", 3, 4, 9, "k", 7]


def test_yield_from_generator_result() -> None:
    def inner(n: int) -> Generator[int, None, int]:
        for i in range(n):
            yield i
        return n * 10

    def outer() -> Generator[int, None, list[int]]:
        results: list[int] = []
        for n in (1, 2, 3):
            results.append((yield from inner(n)))
        return results

    g = outer()
    items = list(itertools.islice(g, 100))
    print(items)
    try:
        next(g)
    except StopIteration as e:
        print("exhausted", e.value)
    out: list[int] = []

    def wrap() -> Iterator[int]:
        r = yield from outer()
        out.extend(r)

    print(list(wrap()), out)
    assert out == [10, 20, 30]


class It:
    def __init__(self) -> None:
        self.i = 0

    def __iter__(self) -> "It":
        return self

    def __next__(self) -> int:
        self.i += 1
        if self.i > 3:
            raise StopIteration
        return self.i


def test_yield_from_iterator_without_throw() -> None:
    def g() -> Generator[int, None, None]:
        try:
            yield from It()
        except ValueError as e:
            yield -1
            print("caught", e)

    it = g()
    print(next(it))
    print(it.throw(ValueError("v")))
    print(list(it))
    it2 = g()
    next(it2)
    try:
        it2.send(5)  # type: ignore[arg-type]
    except AttributeError as e:
        print("AttributeError", "send" in str(e))


def test_yield_from_send_to_list_iterator() -> None:
    def g() -> Generator[int, int, None]:
        yield from [1, 2, 3]

    it = g()
    next(it)
    try:
        it.send(3)
    except AttributeError as e:
        print("AttributeError")


def level3(log: list[str]) -> Generator[str, Optional[str], str]:
    try:
        got = yield "l3-first"
        while got != "stop":
            recovered = False
            try:
                got = yield "l3 got " + str(got)
            except KeyError as e:
                log.append("l3 caught " + str(e))
                recovered = True
            if recovered:
                got = yield "l3 recovered"
        return "l3-ret"
    finally:
        log.append("l3 finally")


def level2(log: list[str]) -> Generator[str, Optional[str], str]:
    try:
        r = yield from level3(log)
        yield "l2 saw " + r
        return "l2-ret"
    finally:
        log.append("l2 finally")


def level1(log: list[str]) -> Generator[str, Optional[str], str]:
    try:
        r = yield from level2(log)
        return "l1 saw " + r
    finally:
        log.append("l1 finally")


def test_chain_send() -> None:
    log: list[str] = []
    g = level1(log)
    r = [next(g), g.send("a"), g.send("b"), next(g), g.send("stop")]
    print(r)
    try:
        next(g)
    except StopIteration as e:
        print("ret", e.value)
    print(log)
    assert log == ["l3 finally", "l2 finally", "l1 finally"]


def test_chain_throw_caught_deep() -> None:
    log: list[str] = []
    g = level1(log)
    next(g)
    r = [g.send("x"), g.throw(KeyError("kk")), g.send("y")]
    print(r, log)
    g.close()
    print(log)


def test_chain_throw_uncaught() -> None:
    log: list[str] = []
    g = level1(log)
    next(g)
    try:
        g.throw(IndexError("ix"))
    except IndexError as e:
        print("IndexError", e)
    print(log)
    assert log == ["l3 finally", "l2 finally", "l1 finally"]


def test_chain_close() -> None:
    log: list[str] = []
    g = level1(log)
    next(g)
    g.send("q")
    g.close()
    print(log)
    assert log == ["l3 finally", "l2 finally", "l1 finally"]


def test_chain_throw_middle_catches() -> None:
    def inner() -> Iterator[int]:
        yield 1
        yield 2

    def middle() -> Iterator[int]:
        caught = False
        try:
            yield from inner()
        except ValueError:
            caught = True
        if caught:
            yield 100
        yield 200

    def outer() -> Generator[int, None, None]:
        yield from middle()
        yield 300

    g = outer()
    r = [next(g), g.throw(ValueError), next(g), next(g)]
    print(r, next(g, -1))
    assert r == [1, 100, 200, 300]


# ---------------------------------------------------------------- recursion

class Node:
    def __init__(self, val: int, left: "Optional[Node]" = None, right: "Optional[Node]" = None) -> None:
        self.val = val
        self.left = left
        self.right = right


def inorder(n: Optional[Node]) -> Iterator[int]:
    if n is None:
        return
    yield from inorder(n.left)
    yield n.val
    yield from inorder(n.right)


def preorder_manual(n: Optional[Node]) -> Iterator[int]:
    if n is not None:
        yield n.val
        for v in preorder_manual(n.left):
            yield v
        for v in preorder_manual(n.right):
            yield v


def test_tree_walks() -> None:
    t = Node(4, Node(2, Node(1), Node(3)), Node(6, Node(5), Node(7)))
    a = list(inorder(t))
    b = list(preorder_manual(t))
    print(a, b)
    assert a == [1, 2, 3, 4, 5, 6, 7]
    assert b == [4, 2, 1, 3, 6, 5, 7]


def permutations(xs: list[int]) -> Iterator[list[int]]:
    if len(xs) <= 1:
        yield list(xs)
        return
    for i in range(len(xs)):
        rest = xs[:i] + xs[i + 1:]
        for p in permutations(rest):
            yield [xs[i]] + p


def test_permutations() -> None:
    ps = list(permutations([1, 2, 3]))
    print(ps)
    assert len(ps) == 6
    assert ps == [list(p) for p in itertools.permutations([1, 2, 3])]


def test_flatten_nested() -> None:
    def flatten(x: object) -> Iterator[int]:
        if isinstance(x, list):
            for e in x:
                yield from flatten(e)
        elif isinstance(x, int):
            yield x

    r = list(flatten([1, [2, [3, [4, []]], 5], [[6]]]))
    print(r)
    assert r == [1, 2, 3, 4, 5, 6]


# ---------------------------------------------------------------- methods

class Counter:
    # `__dict__` in `__slots__` keeps this an ordinary (non-native) class
    __slots__ = ("start", "calls", "__dict__")

    def __init__(self, start: int) -> None:
        self.start = start
        self.calls = 0

    def up_to(self, stop: int) -> Generator[int, None, None]:
        self.calls += 1
        i = self.start
        while i < stop:
            yield i
            i += 1

    def __iter__(self) -> Iterator[int]:
        yield from self.up_to(self.start + 3)

    @staticmethod
    def stat(n: int) -> Iterator[str]:
        for i in range(n):
            yield "s" + str(i)

    @classmethod
    def cls_gen(cls, n: int) -> Iterator[str]:
        yield cls.__name__
        yield str(n)


# BUG: /tmp/gen_bugs/native_method_gen.py, native_method_gen_noarg.py -- a
# generator method of a native class, called directly, calls the resume function
# instead of creating the generator: C compile error (no parameters) or segfault.


def test_method_generators() -> None:
    c = Counter(5)
    r = list(c.up_to(8))
    r2 = list(c)
    print(r, r2, c.calls)
    assert r == [5, 6, 7] and r2 == [5, 6, 7] and c.calls == 2
    print(list(Counter.stat(2)), list(c.stat(1)), list(Counter.cls_gen(4)))


def test_method_qualname() -> None:
    g = Counter(0).up_to(1)
    print(g.__name__, g.__qualname__)  # type: ignore[attr-defined]


# ---------------------------------------------------------------- closures

def test_closure_capture() -> None:
    base = 10

    def g(n: int) -> Iterator[int]:
        for i in range(n):
            yield base + i

    it = g(3)
    print(next(it))
    base = 100
    r = list(it)
    print(r)
    assert r == [101, 102]


def test_closure_nonlocal_rebind() -> None:
    total = 0

    def g(xs: list[int]) -> Iterator[int]:
        nonlocal total
        for x in xs:
            total += x
            yield total

    it = g([1, 2, 3])
    print(next(it), total)
    total = 50
    r = list(it)
    print(r, total)
    assert r == [52, 55] and total == 55


def test_closure_factory() -> None:
    def make(step: int) -> "collections.abc.Callable[[int], Iterator[int]]":
        def gen(n: int) -> Iterator[int]:
            for i in range(n):
                yield i * step
        return gen

    a = make(2)
    b = make(3)
    r = list(a(3)) + list(b(3))
    print(r)
    assert r == [0, 2, 4, 0, 3, 6]


def test_generator_captures_loop_var() -> None:
    gens: list[Iterator[int]] = []
    for k in range(3):
        def g() -> Iterator[int]:
            yield k
        gens.append(g())
    r = [next(x) for x in gens]
    print(r)
    assert r == [2, 2, 2]


# ---------------------------------------------------------------- try/with

def test_try_except_else_finally_around_yield() -> None:
    log: list[str] = []

    def g(fail: bool) -> Iterator[int]:
        try:
            yield 1
            if fail:
                raise ValueError("f")
            yield 2
        except ValueError as e:
            log.append("except " + str(e))
        else:
            log.append("else")
        finally:
            log.append("finally")
        yield 3

    r1 = list(g(False))
    r2 = list(g(True))
    print(r1, r2, log)
    assert r1 == [1, 2, 3] and r2 == [1, 3]
    assert log == ["else", "finally", "except f", "finally"]


def test_yield_in_except_and_finally() -> None:
    def g() -> Iterator[str]:
        try:
            raise KeyError("k")
        except KeyError as e:
            yield "in except " + str(e)
        finally:
            yield "in finally"
        yield "after"

    r = list(g())
    print(r)
    assert r == ["in except 'k'", "in finally", "after"]


class Ctx:
    def __init__(self, name: str, log: list[str], swallow: bool = False) -> None:
        self.name = name
        self.log = log
        self.swallow = swallow

    def __enter__(self) -> str:
        self.log.append("enter " + self.name)
        return self.name

    def __exit__(self, et: object, ev: object, tb: object) -> bool:
        self.log.append("exit " + self.name + " " + ("None" if et is None else getattr(et, "__name__", "?")))
        return self.swallow


def test_with_around_yield() -> None:
    log: list[str] = []

    def g() -> Iterator[str]:
        with Ctx("a", log) as n:
            yield n
            with Ctx("b", log, swallow=True) as m:
                yield m
                raise ValueError("swallowed")
            yield "after b"

    r = list(g())
    print(r, log)
    assert r == ["a", "b", "after b"]


def test_with_close_and_throw() -> None:
    log: list[str] = []

    def g() -> Generator[str, None, None]:
        with Ctx("c", log):
            yield "x"
            yield "y"

    it = g()
    next(it)
    it.close()
    it2 = g()
    next(it2)
    try:
        it2.throw(KeyError("kk"))
    except KeyError:
        log.append("propagated")
    print(log)
    assert log == ["enter c", "exit c GeneratorExit", "enter c", "exit c KeyError", "propagated"]


# ---------------------------------------------------------------- infinite

def naturals() -> Iterator[int]:
    n = 0
    while True:
        yield n
        n += 1


def test_infinite_islice_zip_next() -> None:
    a = list(itertools.islice(naturals(), 5))
    b = list(zip("abc", naturals()))
    g = naturals()
    c = [next(g) for _ in range(4)]
    d = list(itertools.takewhile(lambda x: x < 3, naturals()))
    print(a, b, c, d)
    assert a == [0, 1, 2, 3, 4] and c == [0, 1, 2, 3]


def test_fibonacci_pipeline() -> None:
    def fib() -> Iterator[int]:
        a, b = 0, 1
        while True:
            yield a
            a, b = b, a + b

    def evens(src: Iterator[int]) -> Iterator[int]:
        for x in src:
            if x % 2 == 0:
                yield x

    r = list(itertools.islice(evens(fib()), 8))
    print(r)
    big = next(itertools.islice(fib(), 100, None))
    print(big)
    assert big == 354224848179261915075


# ---------------------------------------------------------------- introspection

def test_gi_running_and_names() -> None:
    holder: list[Generator[bool, None, None]] = []

    def g() -> Generator[bool, None, None]:
        yield holder[0].gi_running  # type: ignore[attr-defined]
        yield holder[0].gi_running  # type: ignore[attr-defined]

    it = g()
    holder.append(it)
    print(it.gi_running, next(it), it.gi_running)  # type: ignore[attr-defined]
    print(it.__name__, it.__qualname__, count_up(1).__name__, count_up(1).__qualname__)  # type: ignore[attr-defined]


def test_isinstance_abc() -> None:
    g = three()
    print(isinstance(g, collections.abc.Generator), isinstance(g, collections.abc.Iterator),
          isinstance(g, collections.abc.Iterable), iter(g) is g)
    print(type(g).__name__)
    assert isinstance(g, collections.abc.Generator)


# BUG: /tmp/gen_bugs/reentrant_next.py -- next() on a running compiled
# generator raises StopIteration instead of ValueError "generator already executing".


def test_exception_propagates() -> None:
    def g() -> Iterator[int]:
        yield 1
        d: dict[str, int] = {}
        yield d["missing"]

    it = g()
    next(it)
    try:
        next(it)
    except KeyError as e:
        print("KeyError", e)
    print(next(it, "done"))


def test_generator_as_iterable_arg() -> None:
    def consume(xs: Iterable[int]) -> int:
        t = 0
        for x in xs:
            t += x
        return t

    print(consume(count_up(5)), max(count_up(5)), sorted(count_up(3), reverse=True))
    print(dict(zip(with_str("ab"), count_up(10))), set(count_up(3)) == {0, 1, 2})


# ---------------------------------------------------------------- native classes: __iter__, static and class methods


class Bag:
    def __init__(self, xs: list[int]) -> None:
        self.xs = xs

    def __iter__(self) -> Iterator[int]:
        for x in self.xs:
            yield x * 10


class Stat:
    def __init__(self) -> None:
        self.k = 1

    @staticmethod
    def count(n: int) -> Iterator[int]:
        yield from range(n)

    @classmethod
    def names(cls) -> Iterator[str]:
        yield cls.__name__


def test_native_iter_generator() -> None:
    b = Bag([1, 2])
    print(list(b), [x for x in b], sum(b))


def test_native_static_class_gen() -> None:
    print(list(Stat.count(3)), list(Stat.names()))


def test_native_iter_explicit() -> None:
    b = Bag([3])
    it = iter(b)
    print(next(it), list(Bag.__iter__(b)))


def test_native_method_via_bound() -> None:
    b = Bag([4, 5])
    m = b.__iter__
    print(list(m()))


# ---------------------------------------------------------------- contextlib and decorators

T = TypeVar("T")


class ArgThing:
    pass


@contextlib.contextmanager
def tag(log: list[str], name: str) -> Iterator[str]:
    log.append("<" + name + ">")
    try:
        yield name.upper()
    finally:
        log.append("</" + name + ">")


@contextlib.contextmanager
def suppress_value_error(log: list[str]) -> Iterator[None]:
    try:
        yield
    except ValueError as e:
        log.append("suppressed " + str(e))


@contextlib.contextmanager
def converts(log: list[str]) -> Iterator[None]:
    try:
        yield
    except KeyError as e:
        raise IndexError("converted " + str(e))


def logged_gen(f: Callable[..., Iterator[T]]) -> Callable[..., Iterator[T]]:
    @functools.wraps(f)
    def wrapper(*args: Any) -> Iterator[T]:
        yield from f(*args)
    return wrapper


@logged_gen
def decorated(n: int) -> Iterator[int]:
    for i in range(n):
        yield i * i


def test_contextmanager_normal() -> None:
    log: list[str] = []
    with tag(log, "a") as v:
        log.append("body " + v)
    print(log)


def test_contextmanager_exception_through() -> None:
    log: list[str] = []
    try:
        with tag(log, "b"):
            raise KeyError("kb")
    except KeyError as e:
        log.append("outside " + str(e))
    print(log)


def test_contextmanager_suppress() -> None:
    log: list[str] = []
    with suppress_value_error(log):
        raise ValueError("sv")
    with suppress_value_error(log):
        log.append("no error")
    print(log)


def test_contextmanager_convert() -> None:
    log: list[str] = []
    try:
        with converts(log):
            raise KeyError("kk")
    except IndexError as e:
        print("IndexError", e, type(e.__context__).__name__)


def test_contextmanager_stopiteration_in_body() -> None:
    log: list[str] = []
    try:
        with tag(log, "s"):
            raise StopIteration("body stop")
    except StopIteration as e:
        print("StopIteration", e)
    except RuntimeError as e:
        print("RuntimeError", e)
    print(log)


def test_contextmanager_exitstack() -> None:
    log: list[str] = []
    with contextlib.ExitStack() as st:
        for n in "xyz":
            st.enter_context(tag(log, n))
        log.append("inside")
    print(log)


def test_decorated_generator() -> None:
    print(list(decorated(4)), decorated.__name__)


def test_never_started_releases_args() -> None:
    def g(t: ArgThing, f: float, n: int) -> Iterator[object]:
        yield t
        yield f + n

    t = ArgThing()
    r = weakref.ref(t)
    it = g(t, 1.5, 2)
    del t
    print(r() is not None)
    del it
    print(r() is not None)


def test_contextlib_closing() -> None:
    log: list[str] = []

    def g() -> Generator[int, None, None]:
        try:
            yield 1
            yield 2
        finally:
            log.append("closed")

    with contextlib.closing(g()) as it:
        print(next(it))
    print(log)


# ---------------------------------------------------------------- return annotations and call forms


def no_annot(n):  # type: ignore[no-untyped-def]
    for i in range(n):
        yield i


def ann_iterable(n: int) -> Iterable[int]:
    yield n
    yield n + 1


def ann_abc(n: int) -> collections.abc.Iterator[str]:
    yield str(n)


def ann_typing_mod(n: int) -> typing.Generator[int, None, str]:
    yield n
    return "r"


def ann_string(n: int) -> "Iterator[float]":
    yield n / 2


def ann_any(n: int) -> Any:
    yield n
    return n * 2


def ann_object(n: int) -> object:
    yield n


def ann_bare_generator(n: int) -> Generator:  # type: ignore[type-arg]
    x = yield n
    yield x


def test_annotations() -> None:
    print(list(no_annot(3)), list(ann_iterable(1)), list(ann_abc(5)), list(ann_typing_mod(2)))
    print(list(ann_string(3)), list(ann_any(4)), list(ann_object(6)))  # type: ignore[call-overload]
    g = ann_bare_generator(1)
    print(next(g), g.send("s"))  # type: ignore[arg-type]
    try:
        next(ann_any(3))
        it = ann_any(3)
        next(it)
        next(it)
    except StopIteration as e:
        print("value", e.value)



def gf(n: int, step: int = 1) -> Iterator[int]:
    yield from range(0, n, step)


def test_genfunc_calls() -> None:
    p = functools.partial(gf, step=2)
    print(list(p(7)), list(map(list, map(gf, [1, 2, 3]))), list(gf(step=3, n=10)))


# ---------------------------------------------------------------- close/throw through yield from, failing sources


def test_inner_close_raises_caught_by_outer() -> None:
    log: list[str] = []

    def inner() -> Generator[int, None, None]:
        try:
            yield 1
        finally:
            raise ValueError("inner close failed")

    def outer() -> Generator[int, None, None]:
        try:
            yield from inner()
        except ValueError as e:
            log.append("outer caught " + str(e))

    it = outer()
    next(it)
    it.close()
    print(log)


def test_inner_close_raises_outer_yields() -> None:
    def inner() -> Generator[int, None, None]:
        try:
            yield 1
        finally:
            raise ValueError("boom")

    def outer() -> Generator[int, None, None]:
        caught = False
        try:
            yield from inner()
        except ValueError:
            caught = True
        if caught:
            yield 2

    it = outer()
    next(it)
    try:
        it.close()
    except RuntimeError as e:
        print("RuntimeError", e)


def test_inner_ignores_generatorexit() -> None:
    def inner() -> Generator[int, None, None]:
        while True:
            try:
                yield 1
            except GeneratorExit:
                pass

    def outer() -> Generator[int, None, None]:
        yield from inner()

    it = outer()
    next(it)
    try:
        it.close()
    except RuntimeError as e:
        print("RuntimeError", e)


def test_throw_to_inner_that_returns() -> None:
    def inner() -> Generator[int, None, str]:
        try:
            yield 1
        except KeyError:
            return "inner handled"
        return "normal"

    def outer() -> Generator[int, None, None]:
        r = yield from inner()
        print("outer got", r)
        yield 5

    it = outer()
    next(it)
    print(it.throw(KeyError))


def test_throw_to_inner_that_raises_other() -> None:
    def inner() -> Generator[int, None, None]:
        try:
            yield 1
        except KeyError:
            raise IndexError("translated")

    def outer() -> Generator[int, None, None]:
        try:
            yield from inner()
        except IndexError as e:
            print("outer caught", e, type(e.__context__).__name__)
        yield 7

    it = outer()
    next(it)
    print(it.throw(KeyError("orig")))


def test_genexp_over_failing_generator() -> None:
    def src() -> Iterator[int]:
        yield 1
        raise ValueError("src failed")

    ge = (x * 2 for x in src())
    print(next(ge))
    try:
        next(ge)
    except ValueError as e:
        print("ValueError", e)
    print(next(ge, "finished"))


# ---------------------------------------------------------------- super() in generator methods


class OBase:
    __slots__ = ("__dict__",)

    def items(self) -> Iterator[str]:
        yield "base1"
        yield "base2"

    def __iter__(self) -> Iterator[str]:
        return self.items()


class OSub(OBase):
    __slots__ = ()

    def items(self) -> Iterator[str]:
        yield "sub"
        yield from super().items()
        yield from super(OSub, self).items()


def collect(b: OBase) -> list[str]:
    return list(b.items())


def test_ordinary_class_super_in_generator() -> None:
    print(collect(OBase()), collect(OSub()), list(OSub()))


# BUG: /tmp/gen_bugs/native_super_gen.py -- `yield from super().meth()` in a
# native class (also super().__iter__()) calls the resume function directly:
# C compile error.


# ---------------------------------------------------------------- repr, hashing


def named_g() -> Iterator[int]:
    yield 1


# BUG: /tmp/gen_bugs/inspect_state.py -- a compiled generator's __name__ and
# __qualname__ are read-only (CPython lets you assign them).


def test_repr_prefix() -> None:
    it = named_g()
    print(repr(it).split(" at ")[0], str(it).startswith("<generator object named_g"))
    ge = (x for x in [1])
    print(repr(ge).split(" at ")[0])


def test_hash_eq() -> None:
    a = named_g()
    b = named_g()
    print(a == a, a == b, a != b, hash(a) == hash(a))


def test_gen_in_set_dict() -> None:
    a = named_g()
    d = {a: 1}
    print(d[a], a in {a})
