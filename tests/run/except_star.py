"""`try ... except*` (PEP 654): splitting exception groups clause by clause, naked
exceptions matched as groups of one, what the clauses raise combined with the
unhandled rest, bare `raise`, `else`/`finally`, the TypeError for `except*
ExceptionGroup`, the handled exception, tracebacks, `__context__`/`__cause__`,
notes, derive() of group subclasses, generators and coroutines (asyncio.TaskGroup)."""

import asyncio
import sys
import traceback
from typing import Any, Generator, Iterator


def describe(e: BaseException | None, indent: int = 0) -> None:
    """Print an exception (group) tree: type, message, sub-exceptions."""
    pad = " " * indent
    if isinstance(e, BaseExceptionGroup):
        print(f"{pad}{type(e).__name__}({e.message!r}) [{len(e.exceptions)}]")
        for sub in e.exceptions:
            describe(sub, indent + 2)
    else:
        print(f"{pad}{e!r}")


def tb_lines(e: BaseException) -> list[tuple[str, int]]:
    return [(f.f_code.co_name, line) for f, line in traceback.walk_tb(e.__traceback__)]


def catch(f: Any) -> BaseException | None:
    """Call f and return what it raises (None when nothing)."""
    try:
        f()
    except BaseException as e:
        return e
    return None


def group(*excs: Exception) -> ExceptionGroup[Exception]:
    return ExceptionGroup("g", list(excs))


def test_naked_exception_is_wrapped() -> None:
    orig = ValueError(1)
    seen = []
    try:
        raise orig
    except* ValueError as eg:
        seen.append(eg)
        print(type(eg).__name__, repr(eg.message), len(eg.exceptions))
        print(eg.exceptions[0] is orig, isinstance(eg.exceptions, tuple))
        print(repr(eg))
    assert len(seen) == 1 and seen[0].exceptions[0] is orig


def test_group_split_between_clauses() -> None:
    log: list[str] = []
    try:
        raise group(ValueError(1), TypeError(2), ValueError(3), KeyError(4))
    except* ValueError as eg:
        log.append("value: " + repr(eg))
    except* TypeError as eg:
        log.append("type: " + repr(eg))
    except* KeyError as eg:
        log.append("key: " + repr(eg))
    print("\n".join(log))
    assert len(log) == 3


def test_unmatched_rest_is_reraised() -> None:
    def f() -> None:
        try:
            raise group(ValueError(1), KeyError(2), OSError(3))
        except* ValueError as eg:
            print("handled", repr(eg))

    e = catch(f)
    describe(e)
    assert isinstance(e, ExceptionGroup) and e.message == "g"


def test_nothing_matches_group() -> None:
    orig = group(ValueError(1), TypeError(2))

    def f() -> None:
        try:
            raise orig
        except* KeyError:
            print("not here")

    e = catch(f)
    describe(e)
    assert isinstance(e, ExceptionGroup)
    # The interpreter re-raises a new group made like the original, leaves shared.
    print(e is orig, e.exceptions[0] is orig.exceptions[0])


def test_nothing_matches_naked() -> None:
    orig = ValueError("naked")

    def f() -> None:
        try:
            raise orig
        except* TypeError:
            print("not here")
        except* KeyError:
            print("nor here")

    e = catch(f)
    print(repr(e), e is orig)
    assert e is orig


def test_tuple_of_types() -> None:
    try:
        raise group(ValueError(1), TypeError(2), KeyError(3))
    except* (ValueError, KeyError) as eg:
        describe(eg)
    except* TypeError as eg:
        describe(eg)


def test_except_star_exception_group_is_type_error() -> None:
    eg_type: Any = ExceptionGroup

    def f() -> None:
        try:
            raise group(ValueError(1))
        except* eg_type:
            print("never")

    e = catch(f)
    print(type(e).__name__, e)
    assert isinstance(e, TypeError)
    print("context:", repr(e.__context__))


def test_except_star_group_in_tuple_is_type_error() -> None:
    types: Any = (KeyError, BaseExceptionGroup)

    def f() -> None:
        try:
            raise ValueError(1)
        except* ValueError:
            print("first clause ran")
        except* types:
            print("never")

    e = catch(f)
    print(type(e).__name__, e)
    # The second clause's type is checked even though nothing is left to match;
    # the handled exception then is what the first clause matched.
    print("context:", repr(e.__context__ if e else None))


def test_not_an_exception_class() -> None:
    bad: Any = int

    def f() -> None:
        try:
            raise group(ValueError(1))
        except* bad:
            print("never")

    e = catch(f)
    print(type(e).__name__, e)


def test_else_and_finally() -> None:
    log: list[str] = []

    def f(fail: bool) -> None:
        try:
            log.append("body")
            if fail:
                raise ValueError("x")
        except* ValueError:
            log.append("handler")
        else:
            log.append("else")
        finally:
            log.append("finally")

    f(False)
    f(True)
    print(log)
    assert log == ["body", "else", "finally", "body", "handler", "finally"]


def test_finally_runs_when_rest_propagates() -> None:
    log: list[str] = []

    def f() -> None:
        try:
            raise group(ValueError(1), TypeError(2))
        except* ValueError:
            log.append("handler")
        else:
            log.append("else")
        finally:
            log.append("finally")

    e = catch(f)
    describe(e)
    print(log)


def test_return_from_body_with_except_star() -> None:
    def f(x: int) -> int:
        try:
            if x < 0:
                raise ValueError(x)
            return x * 2
        except* ValueError:
            print("negative")
        finally:
            print("finally", x)
        return -1

    print(f(4), f(-3))


def test_raise_in_handler_naked() -> None:
    def f() -> None:
        try:
            raise ValueError(1)
        except* ValueError:
            raise RuntimeError("from handler")

    e = catch(f)
    # One clause of a naked exception: what it raised goes on as it is.
    print(repr(e), type(e).__name__)
    assert isinstance(e, RuntimeError)
    print("context:", repr(e.__context__))


def test_raise_in_handlers_combined() -> None:
    def f() -> None:
        try:
            raise group(ValueError(1), TypeError(2), KeyError(3), OSError(4))
        except* ValueError:
            raise RuntimeError("r1")
        except* KeyError:
            raise LookupError("r2")

    e = catch(f)
    describe(e)
    assert isinstance(e, ExceptionGroup) and e.message == ""
    for sub in e.exceptions:
        print(type(sub).__name__, "context:", repr(sub.__context__))


def test_handler_raises_after_earlier_handler_raised() -> None:
    log: list[str] = []

    def f() -> None:
        try:
            raise group(ValueError(1), TypeError(2))
        except* ValueError:
            log.append("first")
            raise KeyError("k")
        except* TypeError:
            log.append("second still runs")

    e = catch(f)
    print(log)
    describe(e)


def test_bare_raise_group() -> None:
    orig = group(ValueError(1), TypeError(2), ValueError(3))

    def f() -> None:
        try:
            raise orig
        except* ValueError:
            raise

    e = catch(f)
    describe(e)
    assert isinstance(e, ExceptionGroup)
    # Re-raised parts are put back into one group shaped like the original.
    print([type(x).__name__ for x in e.exceptions], e is orig)
    print([x is y for x, y in zip(e.exceptions, orig.exceptions)])


def test_bare_raise_naked() -> None:
    def f() -> None:
        try:
            raise ValueError("v")
        except* ValueError:
            raise

    e = catch(f)
    print(repr(e))
    assert isinstance(e, ExceptionGroup)


def test_bare_raise_in_two_clauses() -> None:
    def f() -> None:
        try:
            raise group(ValueError(1), TypeError(2), KeyError(3))
        except* ValueError:
            raise
        except* KeyError:
            raise

    e = catch(f)
    describe(e)


def test_raise_eg_explicitly_is_new() -> None:
    def f() -> None:
        try:
            raise group(ValueError(1), TypeError(2))
        except* ValueError as eg:
            raise eg

    e = catch(f)
    describe(e)


def test_raise_leaf_and_reraise_mix() -> None:
    def f() -> None:
        try:
            raise group(ValueError(1), TypeError(2), KeyError(3))
        except* ValueError as eg:
            raise eg.exceptions[0]
        except* TypeError:
            raise

    e = catch(f)
    describe(e)


def test_raise_from_in_handler() -> None:
    def f() -> None:
        try:
            raise group(ValueError(1), TypeError(2))
        except* ValueError as eg:
            raise KeyError("k") from eg

    e = catch(f)
    describe(e)
    assert isinstance(e, ExceptionGroup)
    first = e.exceptions[0]
    print(repr(first.__cause__), first.__suppress_context__)


def test_nested_groups_split() -> None:
    inner = ExceptionGroup("inner", [TypeError(2), ValueError(3)])
    orig = ExceptionGroup("outer", [ValueError(1), inner, KeyError(4)])

    def f() -> None:
        try:
            raise orig
        except* ValueError as eg:
            describe(eg)
        except* TypeError as eg:
            describe(eg)
            raise

    e = catch(f)
    describe(e)


def test_handled_exception_in_clauses() -> None:
    try:
        raise group(ValueError(1), TypeError(2), KeyError(3))
    except* ValueError as eg:
        print("first", sys.exception() is eg, repr(sys.exception()))
    except* OSError:
        print("never")
    except* KeyError as eg:
        print("third", sys.exception() is eg)
    except* TypeError as eg:
        print("fourth", sys.exception() is eg)
    print("after", repr(sys.exception()))


def test_handled_exception_restored_in_outer_except() -> None:
    try:
        raise LookupError("outer")
    except LookupError:
        try:
            raise ValueError("inner")
        except* ValueError:
            print("inside", type(sys.exception()).__name__)
        print("restored", repr(sys.exception()))


def test_new_exception_context_is_match() -> None:
    def f() -> None:
        try:
            raise group(ValueError(1), TypeError(2))
        except* TypeError:
            raise OSError("new")

    e = catch(f)
    assert isinstance(e, ExceptionGroup)
    new = e.exceptions[0]
    print(repr(new), "context:", repr(new.__context__))


def test_clause_types_evaluated_in_order() -> None:
    log: list[str] = []

    def t(cls: type[Exception]) -> type[Exception]:
        log.append(cls.__name__)
        return cls

    try:
        raise ValueError(1)
    except* t(ValueError):
        log.append("handled")
    except* t(TypeError):
        log.append("never")
    except* t(KeyError):
        log.append("never")
    # Every clause's type is evaluated, even once nothing is left.
    print(log)


def test_error_in_type_expression() -> None:
    table: dict[str, type[Exception]] = {"v": ValueError}

    def f() -> None:
        try:
            raise group(TypeError(1))
        except* table["v"]:
            print("never")
        except* table["missing"]:
            print("never")

    e = catch(f)
    print(repr(e), "context:", repr(e.__context__ if e else None))


def test_name_unbound_after_clause() -> None:
    def f() -> str:
        try:
            raise ValueError(1)
        except* ValueError as e:
            print("bound", repr(e))
        try:
            return repr(e)  # type: ignore[misc]
        except NameError as ne:
            return type(ne).__name__

    print(f())


def test_name_cleared_when_clause_raises() -> None:
    def f() -> None:
        try:
            raise group(ValueError(1), TypeError(2))
        except* ValueError as first:
            raise KeyError("k")
        except* TypeError:
            print(repr(first))  # type: ignore[misc]

    e = catch(f)
    describe(e)


def test_del_name_in_clause() -> None:
    try:
        raise ValueError(1)
    except* ValueError as e:
        del e
    print("ok")


def test_base_exception_group() -> None:
    def f() -> None:
        try:
            raise BaseExceptionGroup("b", [KeyboardInterrupt(), ValueError(1)])
        except* ValueError as eg:
            print("value part:", repr(eg), type(eg).__name__)

    e = catch(f)
    describe(e)
    print(type(e).__name__)


def test_except_star_exception_takes_whole_group() -> None:
    orig = group(ValueError(1), TypeError(2))
    try:
        raise orig
    except* Exception as eg:
        print(eg is orig, repr(eg))


def test_except_star_base_exception_on_base_group() -> None:
    orig = BaseExceptionGroup("b", [SystemExit(3), ValueError(1)])
    try:
        raise orig
    except* BaseException as eg:
        print(eg is orig, type(eg).__name__)


def test_notes_kept() -> None:
    orig = group(ValueError(1), TypeError(2))
    orig.add_note("a note")

    def f() -> None:
        try:
            raise orig
        except* ValueError as eg:
            print("match notes", getattr(eg, "__notes__", None))
            eg.add_note("only on the match")

    e = catch(f)
    describe(e)
    print("rest notes", getattr(e, "__notes__", None))
    print("orig notes", getattr(orig, "__notes__", None))


def test_group_subclass_derive() -> None:
    class MyGroup(ExceptionGroup[Exception]):
        def derive(self, excs: Any) -> "MyGroup":  # type: ignore[override]
            return MyGroup(self.message.upper(), excs)

    def f() -> None:
        try:
            raise MyGroup("mine", [ValueError(1), TypeError(2), ValueError(3)])
        except* ValueError as eg:
            print(type(eg).__name__, repr(eg))
            raise

    e = catch(f)
    describe(e)


def test_tracebacks() -> None:
    def leaf(n: int) -> None:
        raise ValueError(n)

    def collect() -> None:
        errors: list[Exception] = []
        for i in range(2):
            try:
                leaf(i)
            except ValueError as err:
                errors.append(err)
        raise ExceptionGroup("collected", errors)

    def f() -> None:
        try:
            collect()
        except* ValueError as eg:
            print("match tb", tb_lines(eg))
            for sub in eg.exceptions:
                print("leaf tb", tb_lines(sub))
            raise RuntimeError("again")

    e = catch(f)
    assert e is not None
    print("raised tb", tb_lines(e))
    describe(e)


def test_reraised_group_keeps_traceback() -> None:
    def f() -> None:
        try:
            raise group(ValueError(1), TypeError(2))
        except* ValueError:
            pass

    e = catch(f)
    assert e is not None
    print([name for name, _ in tb_lines(e)])


def test_nested_try_star_in_clause() -> None:
    try:
        raise group(ValueError(1), TypeError(2))
    except* ValueError as outer:
        try:
            raise KeyError("inner")
        except* KeyError as inner:
            print("inner", repr(inner), "context", repr(inner.exceptions[0].__context__))
        print("outer still", repr(outer), sys.exception() is outer)
    except* TypeError as eg:
        print("type", repr(eg))


def test_loops_inside_clause() -> None:
    found = []
    for round_ in range(2):
        try:
            raise group(ValueError(round_), TypeError(round_))
        except* ValueError as eg:
            for sub in eg.exceptions:
                for k in range(5):
                    if k == 1:
                        continue
                    if k == 3:
                        break
                    found.append((round_, k, str(sub)))
        except* TypeError:
            while True:
                found.append((round_, -1, "type"))
                break
    print(found)


def test_plain_except_catches_result() -> None:
    try:
        try:
            raise group(ValueError(1), TypeError(2))
        except* ValueError:
            raise OSError("o")
    except ExceptionGroup as eg:
        describe(eg)
        match, rest = eg.split(OSError)
        describe(match)
        describe(rest)


def gen_with_except_star() -> Iterator[str]:
    try:
        raise group(ValueError(1), TypeError(2))
    except* ValueError as eg:
        yield "in value clause " + repr(eg)
        yield "handled " + type(sys.exception()).__name__
    except* TypeError:
        yield "in type clause"
    yield "done"


def test_generator_yields_in_clause() -> None:
    print(list(gen_with_except_star()))


def test_generator_close_in_clause() -> None:
    def naked() -> Generator[str, None, None]:
        try:
            raise ValueError(1)
        except* ValueError:
            yield "in clause"
            yield "never"

    def partial() -> Generator[str, None, None]:
        try:
            raise group(ValueError(1), TypeError(2))
        except* ValueError:
            yield "in clause"

    g = naked()
    print(next(g))
    g.close()
    print("closed")
    h = partial()
    print(next(h))
    e = catch(h.close)
    # GeneratorExit raised in the clause is combined with the unhandled rest.
    describe(e)


async def failing(n: int, delay: int) -> None:
    for _ in range(delay):
        await asyncio.sleep(0)
    if n % 2:
        raise ValueError(n)
    raise KeyError(n)


async def task_group_main() -> list[str]:
    out: list[str] = []
    try:
        async with asyncio.TaskGroup() as tg:
            for i in range(4):
                tg.create_task(failing(i, i))
    except* ValueError as eg:
        await asyncio.sleep(0)
        out.append("values " + str(sorted(str(e) for e in eg.exceptions)))
    except* KeyError as eg:
        out.append("keys " + str(sorted(str(e) for e in eg.exceptions)))
    return out


def test_asyncio_task_group() -> None:
    print(asyncio.run(task_group_main()))


class Service:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def run(self, excs: list[Exception]) -> str:
        try:
            raise ExceptionGroup("service", excs)
        except* ValueError as eg:
            self.errors.extend(str(e) for e in eg.exceptions)
        except* OSError as eg:
            self.errors.append(f"os x{len(eg.exceptions)}")
        return ",".join(self.errors)


def test_method_with_except_star() -> None:
    s = Service()
    print(s.run([ValueError("a"), OSError("b"), ValueError("c")]))
    e = catch(lambda: s.run([KeyError("k")]))
    describe(e)


MODULE_LOG: list[str] = []
try:
    raise group(ValueError("at import"), TypeError("t"))
except* ValueError as module_eg:
    MODULE_LOG.append(repr(module_eg))
except* TypeError:
    MODULE_LOG.append("type at import")


def test_module_level_try_star() -> None:
    print(MODULE_LOG)
    print("module_eg" in globals())
