"""The `with` statement: one or several managers, `as` targets of every kind,
__exit__ arguments and suppression, return/break/continue through a `with`,
exceptions in __enter__ / __exit__ / the target, the lookup of the protocol
methods on the type (and its TypeError), `with` inside try/finally, except
and loops, contextlib managers, native classes as managers, and lifetimes."""

import contextlib
import io
import sys
import threading
import types
from types import TracebackType
from typing import Any, Iterator, Optional, Type

LOG: list[str] = []


def log(msg: str) -> None:
    LOG.append(msg)


def take_log() -> list[str]:
    out = list(LOG)
    LOG.clear()
    return out


class Manager:
    """Logs enter/exit; __exit__ returns `result`."""

    def __init__(self, name: str, result: object = None, value: object = None) -> None:
        self.name = name
        self.result = result
        self.value = value

    def __enter__(self) -> Any:
        log("enter " + self.name)
        return self.name if self.value is None else self.value

    def __exit__(
        self,
        t: Optional[Type[BaseException]],
        v: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> Any:
        kind = "None" if t is None else t.__name__
        log("exit %s %s %r %s" % (self.name, kind, v, tb is not None))
        return self.result


class FailingEnter:
    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> str:
        log("enter " + self.name)
        raise RuntimeError("enter failed: " + self.name)

    def __exit__(self, t: object, v: object, tb: object) -> None:
        log("exit " + self.name)


class FailingExit:
    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> str:
        log("enter " + self.name)
        return self.name

    def __exit__(self, t: object, v: object, tb: object) -> bool:
        log("exit %s %r" % (self.name, v))
        raise KeyError("exit failed: " + self.name)


class NativeCM:
    """A native class (typed fields) used as a context manager."""

    def __init__(self, depth: int) -> None:
        self.depth = depth
        self.entered = 0
        self.exited = 0

    def __enter__(self) -> "NativeCM":
        self.entered += 1
        self.depth += 1
        return self

    def __exit__(self, t: object, v: object, tb: object) -> bool:
        self.exited += 1
        self.depth -= 1
        return isinstance(v, ArithmeticError)


# ---- basics ----


def basic_order() -> list[str]:
    with Manager("a") as x:
        log("body " + str(x))
    log("after")
    return take_log()


def test_basic_order() -> None:
    r = basic_order()
    print(r)
    assert r == ["enter a", "body a", "exit a None None False", "after"]


def several_managers() -> list[str]:
    with Manager("a") as x, Manager("b") as y, Manager("c"):
        log("body %s %s" % (x, y))
    return take_log()


def test_several_managers_exit_in_reverse_order() -> None:
    r = several_managers()
    print(r)
    assert r[:3] == ["enter a", "enter b", "enter c"]
    assert r[4:] == ["exit c None None False", "exit b None None False", "exit a None None False"]


def nested_statements() -> list[str]:
    with Manager("outer"):
        with Manager("inner") as i:
            log("in " + str(i))
        log("between")
    return take_log()


def test_nested_statements() -> None:
    r = nested_statements()
    print(r)
    assert r == [
        "enter outer",
        "enter inner",
        "in inner",
        "exit inner None None False",
        "between",
        "exit outer None None False",
    ]


def no_as_target() -> int:
    n = 0
    with Manager("plain"):
        n += 1
    take_log()
    return n


def test_no_as_target() -> None:
    print(no_as_target())
    assert no_as_target() == 1


# ---- targets ----


def tuple_target() -> tuple[object, object]:
    with Manager("t", value=(1, "two")) as (a, b):
        pass
    take_log()
    return a, b


def test_tuple_target() -> None:
    r = tuple_target()
    print(r)
    assert r == (1, "two")


def nested_and_starred_target() -> tuple[object, object, object]:
    with Manager("n", value=[(1, 2), 3, 4, 5]) as ((a, b), *rest):
        pass
    take_log()
    return a, b, rest


def test_nested_and_starred_target() -> None:
    r = nested_and_starred_target()
    print(r)
    assert r == (1, 2, [3, 4, 5])


class Holder:
    def __init__(self) -> None:
        self.slot: object = None
        self.items: list[object] = [None, None]


def attribute_and_subscript_targets() -> tuple[object, object, object]:
    h = Holder()
    d: dict[str, object] = {}
    with Manager("x") as h.slot, Manager("y") as h.items[1], Manager("z") as d["k"]:
        pass
    take_log()
    return h.slot, h.items, d


def test_attribute_and_subscript_targets() -> None:
    r = attribute_and_subscript_targets()
    print(r)
    assert r == ("x", [None, "y"], {"k": "z"})


class Resource:
    """A native-looking class whose method stores the managed value in self."""

    def __init__(self) -> None:
        self.handle: object = None

    def use(self, m: Manager) -> object:
        with m as self.handle:
            log("using " + str(self.handle))
        return self.handle


def test_with_target_on_self() -> None:
    r = Resource().use(Manager("h"))
    print(r, take_log())
    assert r == "h"


def target_unpack_error_goes_to_exit() -> list[str]:
    try:
        with Manager("u", value=(1, 2, 3)) as (a, b):
            log("not reached %r %r" % (a, b))
    except ValueError as e:
        log("caught " + str(e))
    return take_log()


def test_target_unpack_error_goes_to_exit() -> None:
    r = target_unpack_error_goes_to_exit()
    print(r)
    assert r == [
        "enter u",
        "exit u ValueError ValueError('too many values to unpack (expected 2)') True",
        "caught too many values to unpack (expected 2)",
    ]


def walrus_manager() -> tuple[str, object]:
    with (m := Manager("w", value=41)) as v:
        pass
    take_log()
    return m.name, v


def test_walrus_manager() -> None:
    r = walrus_manager()
    print(r)
    assert r == ("w", 41)


# ---- exceptions through __exit__ ----


def exception_reaches_exit(result: object) -> list[str]:
    try:
        with Manager("e", result=result):
            log("raising")
            raise ValueError("boom")
        log("after with")
    except ValueError as e:
        log("caught " + str(e))
    return take_log()


def test_exception_propagates_when_exit_returns_none() -> None:
    r = exception_reaches_exit(None)
    print(r)
    assert r == ["enter e", "raising", "exit e ValueError ValueError('boom') True", "caught boom"]


def test_exception_suppressed_when_exit_returns_true() -> None:
    r = exception_reaches_exit(True)
    print(r)
    assert r[-1] == "after with"


def test_suppression_uses_truthiness() -> None:
    for result in [1, "yes", [0], 0, "", [], False, 0.0, 2.5]:
        r = exception_reaches_exit(result)
        print(repr(result), r[-1])
        assert (r[-1] == "after with") == bool(result)


class BadBool:
    def __bool__(self) -> bool:
        raise TypeError("no truth")


def exit_result_truth_fails() -> list[str]:
    try:
        with Manager("b", result=BadBool()):
            raise ValueError("original")
    except TypeError as e:
        log("caught %s context=%r" % (e, e.__context__))
    return take_log()


def test_exit_result_truth_fails() -> None:
    r = exit_result_truth_fails()
    print(r)
    assert r[-1] == "caught no truth context=ValueError('original')"


SEEN: list[str] = []


class Inspect:
    def __enter__(self) -> None:
        return None

    def __exit__(self, t: object, v: object, tb: object) -> bool:
        SEEN.append(str(t))
        SEEN.append(repr(v))
        SEEN.append(type(tb).__name__)
        SEEN.append(str(v is sys.exc_info()[1]))
        return True


def exit_sees_type_value_traceback() -> list[str]:
    d: dict[str, int] = {}
    with Inspect():
        d["missing"]
    out = list(SEEN)
    SEEN.clear()
    return out


def test_exit_sees_type_value_traceback() -> None:
    r = exit_sees_type_value_traceback()
    print(r)
    assert r == ["<class 'KeyError'>", "KeyError('missing')", "traceback", "True"]


class Lines:
    def __enter__(self) -> None:
        return None

    def __exit__(self, t: object, v: object, tb: Optional[TracebackType]) -> bool:
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        if tb is not None:
            SEEN.append(tb.tb_frame.f_code.co_name)
        return True


def body_raise_line() -> list[str]:
    with Lines():
        int("x")
    out = list(SEEN)
    SEEN.clear()
    return out


def test_traceback_passed_to_exit() -> None:
    r = body_raise_line()
    print(r)
    assert r == ["body_raise_line"]


def handled_exception_restored() -> list[str]:
    out: list[str] = []
    with Manager("s", result=True):
        raise ValueError("inner")
    out.append(repr(sys.exc_info()[1]))
    try:
        raise KeyError("outer")
    except KeyError:
        with Manager("t", result=True):
            raise ValueError("inner2")
        out.append(repr(sys.exc_info()[1]))
    out.append(repr(sys.exc_info()[1]))
    take_log()
    return out


def test_handled_exception_restored_after_suppression() -> None:
    r = handled_exception_restored()
    print(r)
    assert r == ["None", "KeyError('outer')", "None"]


class Peek:
    def __enter__(self) -> None:
        return None

    def __exit__(self, t: object, v: object, tb: object) -> None:
        SEEN.append(repr(sys.exc_info()[1]))


def exit_in_except_sees_outer_handled() -> list[str]:
    try:
        raise IndexError("handled")
    except IndexError:
        with Peek():
            SEEN.append("body")
    out = list(SEEN)
    SEEN.clear()
    return out


def test_exit_in_except_sees_outer_handled() -> None:
    r = exit_in_except_sees_outer_handled()
    print(r)
    assert r == ["body", "IndexError('handled')"]


class Custom(BaseException):
    pass


def base_exception_through_exit(suppress: bool) -> list[str]:
    try:
        with Manager("k", result=suppress):
            raise Custom("stop")
        log("suppressed")
    except Custom as e:
        log("escaped " + str(e))
    return take_log()


def test_base_exception_through_exit() -> None:
    a = base_exception_through_exit(False)
    b = base_exception_through_exit(True)
    print(a)
    print(b)
    assert a[-1] == "escaped stop" and b[-1] == "suppressed"


# ---- __enter__ / __exit__ failing ----


def enter_fails() -> list[str]:
    try:
        with Manager("first"), FailingEnter("second"), Manager("third"):
            log("body")
    except RuntimeError as e:
        log("caught " + str(e))
    return take_log()


def test_enter_fails_exits_only_entered() -> None:
    r = enter_fails()
    print(r)
    assert r == [
        "enter first",
        "enter second",
        "exit first RuntimeError RuntimeError('enter failed: second') True",
        "caught enter failed: second",
    ]


def enter_fails_target_unbound() -> str:
    try:
        with FailingEnter("x") as v:
            pass
    except RuntimeError:
        pass
    take_log()
    try:
        return v
    except UnboundLocalError as e:
        return "unbound: " + str(e)


def test_enter_fails_target_unbound() -> None:
    r = enter_fails_target_unbound()
    print(r)
    assert r.startswith("unbound: ")


def exit_fails_normally() -> list[str]:
    try:
        with FailingExit("f"):
            log("body")
    except KeyError as e:
        log("caught %s context=%r" % (e, e.__context__))
    return take_log()


def test_exit_fails_on_normal_exit() -> None:
    r = exit_fails_normally()
    print(r)
    assert r == ["enter f", "body", "exit f None", "caught 'exit failed: f' context=None"]


def exit_fails_on_exception() -> list[str]:
    try:
        with Manager("outer"), FailingExit("f"):
            raise ValueError("body error")
    except KeyError as e:
        log("caught %s context=%r" % (e, e.__context__))
    return take_log()


def test_exit_fails_on_exception_chains_context() -> None:
    r = exit_fails_on_exception()
    print(r)
    assert r == [
        "enter outer",
        "enter f",
        "exit f ValueError('body error')",
        "exit outer KeyError KeyError('exit failed: f') True",
        "caught 'exit failed: f' context=ValueError('body error')",
    ]


def exit_fails_on_return() -> str:
    try:
        with FailingExit("r"):
            return "returned"
    except KeyError as e:
        return "exit raised " + str(e)
    finally:
        take_log()
    return "not reached"


def test_exit_fails_on_return() -> None:
    r = exit_fails_on_return()
    print(r)
    assert r == "exit raised 'exit failed: r'"


# ---- leaving the body early ----


def value_of(s: str) -> str:
    log("evaluate " + s)
    return s


def return_from_with() -> str:
    with Manager("a"), Manager("b"):
        return value_of("result")


def test_return_calls_exit_after_the_value() -> None:
    r = return_from_with()
    out = take_log()
    print(r, out)
    assert out == [
        "enter a",
        "enter b",
        "evaluate result",
        "exit b None None False",
        "exit a None None False",
    ]


def return_int_from_with(n: int) -> int:
    with Manager("i"):
        if n > 2:
            return n * 10
        n += 1
    return n


def test_return_unboxed_int() -> None:
    r = [return_int_from_with(i) for i in range(5)]
    print(r, len(take_log()))
    assert r == [1, 2, 3, 30, 40]


def break_and_continue() -> list[str]:
    for i in range(5):
        with Manager(str(i)):
            if i == 1:
                continue
            if i == 3:
                break
            log("body " + str(i))
    return take_log()


def test_break_and_continue_call_exit() -> None:
    r = break_and_continue()
    print(r)
    assert r == [
        "enter 0",
        "body 0",
        "exit 0 None None False",
        "enter 1",
        "exit 1 None None False",
        "enter 2",
        "body 2",
        "exit 2 None None False",
        "enter 3",
        "exit 3 None None False",
    ]


def while_loop_with(limit: int) -> int:
    cm = NativeCM(0)
    n = 0
    while True:
        with cm:
            n += 1
            if n >= limit:
                break
    return n * 100 + cm.entered * 10 + cm.exited


def test_while_loop_with_break() -> None:
    r = while_loop_with(4)
    print(r)
    assert r == 444


def suppress_in_loop() -> list[int]:
    out = []
    for i in range(6):
        with Manager("s", result=True):
            if i % 2:
                raise ValueError(i)
            out.append(i)
    take_log()
    return out


def test_suppress_in_loop() -> None:
    r = suppress_in_loop()
    print(r)
    assert r == [0, 2, 4]


def continue_in_nested_loops() -> int:
    total = 0
    for i in range(4):
        for j in range(4):
            with Manager("c"):
                if j == i:
                    continue
                total += 1
    take_log()
    return total


def test_continue_in_nested_loops() -> None:
    r = continue_in_nested_loops()
    print(r)
    assert r == 12


# ---- with and try ----


def with_in_try_finally() -> str:
    try:
        with Manager("w"):
            return value_of("ret")
    finally:
        log("finally")


def test_with_in_try_finally() -> None:
    with_in_try_finally()
    r = take_log()
    print(r)
    assert r == ["enter w", "evaluate ret", "exit w None None False", "finally"]


def try_finally_in_with() -> list[str]:
    with Manager("w"):
        try:
            raise ValueError("x")
        finally:
            log("finally")
    return take_log()


def test_try_finally_in_with() -> None:
    try:
        try_finally_in_with()
    except ValueError:
        pass
    r = take_log()
    print(r)
    assert r == ["enter w", "finally", "exit w ValueError ValueError('x') True"]


def with_in_finally(fail: bool) -> list[str]:
    try:
        if fail:
            raise ValueError("body")
        log("body ok")
    finally:
        with Manager("fin"):
            log("in finally")
    return take_log()


def test_with_in_finally() -> None:
    a = with_in_finally(False)
    print(a)
    try:
        with_in_finally(True)
    except ValueError as e:
        print("escaped", e, take_log())


def with_in_except() -> list[str]:
    try:
        raise KeyError("k")
    except KeyError as e:
        with Manager("h") as m:
            log("handling %s in %s" % (e, m))
    return take_log()


def test_with_in_except() -> None:
    r = with_in_except()
    print(r)
    assert r == ["enter h", "handling 'k' in h", "exit h None None False"]


def except_inside_with() -> list[str]:
    with Manager("o"):
        try:
            raise ValueError("v")
        except ValueError:
            log("caught inside")
            return take_log() + ["returned"]
    return []


def test_except_inside_with() -> None:
    r = except_inside_with()
    print(r, take_log())
    assert r == ["enter o", "caught inside", "returned"]


def finally_return_overrides() -> str:
    try:
        with Manager("f"):
            raise ValueError("lost")
    finally:
        return "finally wins"


def test_finally_return_overrides() -> None:
    r = finally_return_overrides()
    print(r, take_log())
    assert r == "finally wins"


def continue_from_with_in_finally() -> int:
    for i in range(3):
        try:
            return i
        finally:
            with Manager("f%d" % i):
                if i < 2:
                    continue
    return -1


def test_continue_from_with_in_finally_cancels_return() -> None:
    r = continue_from_with_in_finally()
    out = take_log()
    print(r, out)
    assert r == 2 and len(out) == 6


def reraise_inside_with() -> str:
    try:
        raise ValueError("v")
    except ValueError:
        try:
            with Manager("r"):
                raise
        except ValueError as e:
            return "reraised " + str(e)
    return "no"


def test_bare_raise_inside_with() -> None:
    r = reraise_inside_with()
    print(r, take_log())
    assert r == "reraised v"


def try_finally_break_inside_suppressing_with() -> int:
    n = 0
    while n < 5:
        with Manager("w%d" % n, result=True):
            n += 1
            try:
                if n == 2:
                    raise KeyError(n)
                if n == 3:
                    break
            finally:
                log("fin %d" % n)
    return n


def test_try_finally_break_inside_suppressing_with() -> None:
    r = try_finally_break_inside_suppressing_with()
    out = take_log()
    print(r, out)
    assert r == 3
    assert out[-3:] == ["enter w2", "fin 3", "exit w2 None None False"]


def finally_raises_through_with() -> str:
    try:
        with Manager("outer"):
            try:
                with Manager("inner"):
                    return "inner"
            finally:
                log("finally")
                raise RuntimeError("from finally")
    except RuntimeError as e:
        return "caught %s context=%r" % (e, e.__context__)


def test_finally_raises_through_with() -> None:
    r = finally_raises_through_with()
    out = take_log()
    print(r, out)
    assert r == "caught from finally context=None"
    assert out[-1] == "exit outer RuntimeError RuntimeError('from finally') True"


# ---- the protocol lookup ----


class NoEnter:
    def __exit__(self, t: object, v: object, tb: object) -> None:
        pass


class NoExit:
    def __enter__(self) -> None:
        return None


def protocol_error(obj: object) -> str:
    try:
        with obj:  # type: ignore[attr-defined]
            return "entered"
    except TypeError as e:
        return str(e)


def test_protocol_errors() -> None:
    # Instance attributes do not count: the methods are looked up on the type.
    inst = types.SimpleNamespace(__enter__=print, __exit__=print)
    for obj in [NoEnter(), NoExit(), inst, 5, None, "s"]:
        r = protocol_error(obj)
        print(r)
        assert "does not support the context manager protocol" in r


class InstanceMethods:
    """Stores the protocol methods as instance attributes: they do not count."""

    def __init__(self) -> None:
        self.__enter__ = print
        self.__exit__ = print


def test_instance_attributes_are_not_the_protocol() -> None:
    r = protocol_error(InstanceMethods())
    print(r)
    assert r == "'InstanceMethods' object does not support the context manager protocol"


class Base:
    def __enter__(self) -> str:
        return "base enter of " + type(self).__name__

    def __exit__(self, t: object, v: object, tb: object) -> None:
        log("base exit")


class Derived(Base):
    pass


class StaticExit:
    def __enter__(self) -> str:
        return "static"

    @staticmethod
    def __exit__(t: object, v: object, tb: object) -> bool:
        log("static exit %r" % (v,))
        return True


class ClassExit:
    def __enter__(self) -> str:
        return "classy"

    @classmethod
    def __exit__(cls, t: object, v: object, tb: object) -> None:
        log("class exit " + cls.__name__)


def inherited_and_descriptors() -> list[str]:
    with Derived() as a:
        log(a)
    with StaticExit() as b:
        log(b)
        raise ValueError("swallowed")
    with ClassExit() as c:
        log(c)
    return take_log()


def test_inherited_and_descriptor_methods() -> None:
    r = inherited_and_descriptors()
    print(r)
    assert r == [
        "base enter of Derived",
        "base exit",
        "static",
        "static exit ValueError('swallowed')",
        "classy",
        "class exit ClassExit",
    ]


class LookupCounter:
    lookups = 0

    def __getattribute__(self, name: str) -> object:
        LookupCounter.lookups += 1
        return object.__getattribute__(self, name)

    def __enter__(self) -> int:
        return 1

    def __exit__(self, t: object, v: object, tb: object) -> None:
        pass


def test_lookup_bypasses_getattribute() -> None:
    with LookupCounter() as v:
        pass
    print(v, LookupCounter.lookups)
    assert LookupCounter.lookups == 0


# ---- contextlib and library managers ----


@contextlib.contextmanager
def tag(name: str, swallow: bool = False) -> Iterator[str]:
    log("<" + name + ">")
    try:
        yield name.upper()
    except ValueError as e:
        log("generator saw " + repr(e))
        if not swallow:
            raise
    finally:
        log("</" + name + ">")


def generator_managers() -> list[str]:
    with tag("a") as a, tag("b") as b:
        log(a + b)
    with tag("c", swallow=True):
        raise ValueError("to generator")
    try:
        with tag("d"):
            raise ValueError("re-raised")
    except ValueError as e:
        log("outside " + str(e))
    return take_log()


def test_generator_managers() -> None:
    r = generator_managers()
    print(r)
    assert r == [
        "<a>",
        "<b>",
        "AB",
        "</b>",
        "</a>",
        "<c>",
        "generator saw ValueError('to generator')",
        "</c>",
        "<d>",
        "generator saw ValueError('re-raised')",
        "</d>",
        "outside re-raised",
    ]


@contextlib.contextmanager
def never_yields() -> Iterator[None]:
    if False:
        yield


@contextlib.contextmanager
def yields_twice() -> Iterator[None]:
    yield
    yield


def test_generator_manager_misuse() -> None:
    out = []
    try:
        with never_yields():
            pass
    except RuntimeError as e:
        out.append(str(e))
    try:
        with yields_twice():
            pass
    except RuntimeError as e:
        out.append(str(e))
    print(out)
    assert out == ["generator didn't yield", "generator didn't stop"]


def suppress_and_exitstack() -> list[str]:
    with contextlib.suppress(KeyError, IndexError):
        [][1]
    with contextlib.ExitStack() as stack:
        for i in range(3):
            stack.callback(log, "callback " + str(i))
        stack.enter_context(Manager("stacked"))
        log("stack body")
    with contextlib.nullcontext(7) as seven:
        log("null " + str(seven))
    return take_log()


def test_suppress_and_exitstack() -> None:
    r = suppress_and_exitstack()
    print(r)
    assert r == [
        "enter stacked",
        "stack body",
        "exit stacked None None False",
        "callback 2",
        "callback 1",
        "callback 0",
        "null 7",
    ]


def redirect_and_stringio() -> str:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        print("captured line")
    with io.StringIO("a\nb\n") as f:
        lines = f.readlines()
    return buf.getvalue() + str(lines) + str(f.closed)


def test_redirect_and_stringio() -> None:
    r = redirect_and_stringio()
    print(repr(r))
    assert r == "captured line\n['a\\n', 'b\\n']True"


def lock_manager() -> list[bool]:
    lock = threading.Lock()
    states = []
    with lock:
        states.append(lock.locked())
    states.append(lock.locked())
    try:
        with lock:
            raise ValueError("in lock")
    except ValueError:
        states.append(lock.locked())
    return states


def test_lock_manager() -> None:
    r = lock_manager()
    print(r)
    assert r == [True, False, False]


# ---- native classes and typed code ----


def native_manager(n: int) -> tuple[int, int, int]:
    cm = NativeCM(n)
    with cm as same:
        assert same is cm
        with cm:
            x = cm.depth
        1 // (cm.depth - cm.depth)
    return x, cm.depth, cm.entered + cm.exited


def test_native_manager_suppresses_arithmetic() -> None:
    r = native_manager(5)
    print(r)
    assert r == (7, 5, 4)


class Node:
    def __init__(self, value: int, next: "Optional[Node]") -> None:
        self.value = value
        self.next = next


def narrowing_around_with(n: Optional[Node]) -> int:
    total = 0
    if n is not None:
        with Manager("n", result=True):
            total += n.value
            n = n.next
            raise ValueError("skip")
        if n is not None:
            total += n.value * 10
    take_log()
    return total


def test_narrowing_around_with() -> None:
    r = narrowing_around_with(Node(1, Node(2, None)))
    s = narrowing_around_with(Node(3, None))
    print(r, s)
    assert (r, s) == (21, 3)


def optional_rebound_then_suppressed(n: Optional[Node]) -> str:
    if n is None:
        return "none"
    with Manager("r", result=True):
        n = None
        raise ValueError("x")
    try:
        return str(n.value)  # type: ignore[union-attr]
    except AttributeError as e:
        return "AttributeError " + str(e)


def test_optional_rebound_then_suppressed() -> None:
    r = optional_rebound_then_suppressed(Node(4, None))
    take_log()
    print(r)
    assert r == "AttributeError 'NoneType' object has no attribute 'value'"


class WithInBody:
    """A `with` in a class body binds class attributes."""

    with Manager("class body", value=(1, 2)) as (first, second):
        total = first + second
    LOGGED = take_log()

    def get(self) -> tuple[object, object, object]:
        return self.first, self.total, self.LOGGED


def test_with_in_class_body() -> None:
    r = WithInBody().get()
    print(r)
    assert r == (1, 3, ["enter class body", "exit class body None None False"])


# ---- lifetimes ----


class Tracked:
    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> int:
        return 0

    def __exit__(self, t: object, v: object, tb: object) -> None:
        log("exit " + self.name)

    def __del__(self) -> None:
        log("del " + self.name)


def manager_released_after_statement() -> list[str]:
    with Tracked("t"):
        log("body")
    log("after")
    return take_log()


def test_manager_released_after_statement() -> None:
    r = manager_released_after_statement()
    print(r)
    assert r == ["body", "exit t", "del t", "after"]


# ---- module level ----

MODULE_LOG: list[str] = []
with Manager("module", value="module value") as MODULE_VALUE:
    MODULE_LOG.extend(take_log())
for _i in range(2):
    with Manager("module loop " + str(_i)):
        if _i == 0:
            continue
MODULE_LOG.extend(take_log())


def test_module_level_with() -> None:
    print(MODULE_VALUE, MODULE_LOG)
    assert MODULE_VALUE == "module value"
    assert MODULE_LOG[0] == "enter module"
    assert len(MODULE_LOG) == 6
