"""Exceptions: raise, try/except/else/finally ordering, matching by class,
tuple and base class, `except E as e` (str, args, type name), bare re-raise,
`raise ... from ...`, implicit context, exceptions crossing several compiled
frames, finally on return/break/continue, UnboundLocalError and NameError."""

LOG: list[str] = []


def log(msg: str) -> None:
    LOG.append(msg)


def parse_int(s: str) -> int:
    return int(s)


def trigger(kind: int) -> int:
    if kind == 0:
        return 1 // kind
    elif kind == 1:
        raise ValueError("bad value")
    elif kind == 2:
        d: dict[str, int] = {}
        return d["nope"]
    elif kind == 3:
        return [1, 2, 3][kind]
    elif kind == 4:
        raise TypeError("wrong type")
    elif kind == 5:
        raise OverflowError("too big")
    elif kind == 6:
        raise RuntimeError("runtime")
    elif kind == 7:
        raise KeyError("key with 'quotes'")
    elif kind == 8:
        raise IndexError()
    elif kind == 9:
        raise ValueError
    elif kind == 10:
        raise ValueError("multi", 42)
    elif kind == 11:
        raise AssertionError("asserted")
    elif kind == 12:
        raise NotImplementedError("later")
    elif kind == 13:
        raise ZeroDivisionError("custom message")
    return kind


def check_positive(n: int) -> int:
    assert n > 0, "n must be positive, got " + str(n)
    return n


def level3(n: int) -> int:
    log("enter level3")
    try:
        return 100 // n
    finally:
        log("finally level3")


def level2(n: int) -> int:
    log("enter level2")
    try:
        v = level3(n)
    finally:
        log("finally level2")
    log("after level2")
    return v + 1


def level1(n: int) -> int:
    log("enter level1")
    return level2(n) * 2


def with_finally_return(x: int) -> str:
    try:
        log("try " + str(x))
        if x > 0:
            return "positive"
        return "non-positive"
    finally:
        log("finally " + str(x))


def finally_overrides_return() -> int:
    try:
        return 1
    finally:
        return 2


def finally_swallows_exception() -> str:
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"


def loop_with_finally(n: int) -> list[str]:
    out = []
    for i in range(n):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append("body" + str(i))
        finally:
            out.append("fin" + str(i))
    return out


def while_with_finally_break() -> list[str]:
    out = []
    i = 0
    while True:
        try:
            i += 1
            if i == 3:
                break
        finally:
            out.append("f" + str(i))
    out.append("done")
    return out


def reraise(kind: int) -> int:
    try:
        return trigger(kind)
    except LookupError:
        log("reraise saw " + str(kind))
        raise


def wrap_error(s: str) -> int:
    try:
        return parse_int(s)
    except ValueError as e:
        raise RuntimeError("cannot parse " + repr(s)) from e


def wrap_implicit(s: str) -> int:
    try:
        return parse_int(s)
    except ValueError:
        raise KeyError(s)


def wrap_from_none(s: str) -> int:
    try:
        return parse_int(s)
    except ValueError:
        raise LookupError("hidden") from None


def safe_div(a: int, b: int) -> int:
    try:
        q = a // b
    except ZeroDivisionError:
        return 0
    else:
        return q + 1000
    finally:
        log("safe_div done")


def error_in_else() -> str:
    try:
        x = 1
    except ZeroDivisionError:
        return "caught in except"
    else:
        return str(x // 0)


def error_in_finally() -> int:
    try:
        raise ValueError("original")
    finally:
        raise TypeError("from finally")


def read_before_assign(flag: bool) -> int:
    if flag:
        value = 42
    return value


def read_global_undefined() -> int:
    return UNDEFINED_GLOBAL_NAME + 1  # type: ignore[name-defined]  # noqa: F821


def exception_var_deleted() -> str:
    try:
        raise ValueError("temp")
    except ValueError as err:
        msg = str(err)
    try:
        return msg + " " + str(err)  # type: ignore[misc]  # noqa: F821
    except NameError as e2:
        return msg + " / " + type(e2).__name__


def nested_handlers(kind: int) -> str:
    try:
        try:
            trigger(kind)
            return "no error"
        except KeyError as e:
            return "inner KeyError " + str(e)
        finally:
            log("inner finally " + str(kind))
    except ArithmeticError as e:
        return "outer " + type(e).__name__
    finally:
        log("outer finally " + str(kind))


def test_catch_builtin_exceptions() -> None:
    out = []
    for kind in range(15):
        try:
            out.append("ok " + str(trigger(kind)))
        except Exception as e:
            out.append(type(e).__name__ + ": " + str(e))
    for line in out:
        print(line)
    assert out == [
        "ZeroDivisionError: integer division or modulo by zero",
        "ValueError: bad value",
        "KeyError: 'nope'",
        "IndexError: list index out of range",
        "TypeError: wrong type",
        "OverflowError: too big",
        "RuntimeError: runtime",
        'KeyError: "key with \'quotes\'"',
        "IndexError: ",
        "ValueError: ",
        "ValueError: ('multi', 42)",
        "AssertionError: asserted",
        "NotImplementedError: later",
        "ZeroDivisionError: custom message",
        "ok 14",
    ]


def test_exception_args_and_hierarchy() -> None:
    try:
        trigger(10)
    except ValueError as e:
        args = e.args
    print(args)
    assert args == ("multi", 42)
    r = []
    for kind in [0, 2, 3, 5, 13]:
        try:
            trigger(kind)
        except LookupError as e:
            r.append("lookup:" + type(e).__name__)
        except ArithmeticError as e:
            r.append("arith:" + type(e).__name__)
    print(r)
    assert r == ["arith:ZeroDivisionError", "lookup:KeyError", "lookup:IndexError", "arith:OverflowError", "arith:ZeroDivisionError"]
    err = ValueError("x")
    print(isinstance(err, Exception), isinstance(err, BaseException), isinstance(err, LookupError), str(ValueError()), repr(ValueError("v")))
    assert repr(ValueError("v")) == "ValueError('v')"


def test_except_clause_order_and_tuples() -> None:
    r = []
    for kind in [1, 2, 3, 4]:
        try:
            trigger(kind)
        except (KeyError, IndexError) as e:
            r.append("lookup " + type(e).__name__)
        except ValueError:
            r.append("value")
        except Exception:
            r.append("other")
    print(r)
    assert r == ["value", "lookup KeyError", "lookup IndexError", "other"]


def test_try_else_finally_order() -> None:
    LOG.clear()
    a = safe_div(10, 3)
    b = safe_div(10, 0)
    print(a, b, LOG)
    assert a == 1003
    assert b == 0
    assert LOG == ["safe_div done", "safe_div done"]
    steps = []
    try:
        steps.append("try")
    except ValueError:
        steps.append("except")
    else:
        steps.append("else")
    finally:
        steps.append("finally")
    try:
        steps.append("try2")
        parse_int("x")
        steps.append("not reached")
    except ValueError:
        steps.append("except2")
    else:
        steps.append("else2")
    finally:
        steps.append("finally2")
    print(steps)
    assert steps == ["try", "else", "finally", "try2", "except2", "finally2"]


def test_exception_crosses_frames_running_finally() -> None:
    LOG.clear()
    ok = level1(5)
    trace_ok = list(LOG)
    LOG.clear()
    try:
        level1(0)
        msg = "no error"
    except ZeroDivisionError as e:
        msg = str(e)
    print(ok, trace_ok)
    print(msg, LOG)
    assert ok == 42
    assert trace_ok == ["enter level1", "enter level2", "enter level3", "finally level3", "finally level2", "after level2"]
    assert msg == "integer division or modulo by zero"
    assert LOG == ["enter level1", "enter level2", "enter level3", "finally level3", "finally level2"]


def test_finally_on_return() -> None:
    LOG.clear()
    r = [with_finally_return(1), with_finally_return(-1), finally_overrides_return(), finally_swallows_exception()]
    print(r, LOG)
    assert r == ["positive", "non-positive", 2, "swallowed"]
    assert LOG == ["try 1", "finally 1", "try -1", "finally -1"]


def test_finally_on_break_and_continue() -> None:
    a = loop_with_finally(6)
    b = while_with_finally_break()
    print(a, b)
    assert a == ["body0", "fin0", "fin1", "body2", "fin2", "fin3"]
    assert b == ["f1", "f2", "f3", "done"]


def test_bare_reraise() -> None:
    LOG.clear()
    out = []
    for kind in [2, 3, 1]:
        try:
            reraise(kind)
        except Exception as e:
            out.append(type(e).__name__ + ": " + str(e))
    print(out, LOG)
    assert out == ["KeyError: 'nope'", "IndexError: list index out of range", "ValueError: bad value"]
    assert LOG == ["reraise saw 2", "reraise saw 3"]


def test_raise_from_sets_cause() -> None:
    try:
        wrap_error("12x")
    except RuntimeError as e:
        cause = e.__cause__
        print(str(e), type(cause).__name__, str(cause), e.__suppress_context__, e.__context__ is cause)
        assert str(e) == "cannot parse '12x'"
        assert isinstance(cause, ValueError)
        assert str(cause) == "invalid literal for int() with base 10: '12x'"
        assert e.__suppress_context__
        assert e.__context__ is cause
    assert wrap_error("77") == 77


def test_implicit_context_and_from_none() -> None:
    try:
        wrap_implicit("abc")
    except KeyError as e:
        ctx = e.__context__
        print(str(e), e.__cause__, type(ctx).__name__, e.__suppress_context__)
        assert e.__cause__ is None
        assert isinstance(ctx, ValueError)
        assert not e.__suppress_context__
    try:
        wrap_from_none("abc")
    except LookupError as e:
        print(str(e), e.__cause__, type(e.__context__).__name__, e.__suppress_context__)
        assert e.__cause__ is None
        assert e.__suppress_context__
        assert isinstance(e.__context__, ValueError)


def test_errors_in_else_and_finally() -> None:
    try:
        error_in_else()
        msg = "no error"
    except ZeroDivisionError as e:
        msg = "escaped else: " + str(e)
    try:
        error_in_finally()
        msg2 = "no error"
    except TypeError as e:
        msg2 = str(e) + " / context " + type(e.__context__).__name__ + ": " + str(e.__context__)
    print(msg)
    print(msg2)
    assert msg == "escaped else: integer division or modulo by zero"
    assert msg2 == "from finally / context ValueError: original"


def test_nested_try_blocks() -> None:
    LOG.clear()
    r = [nested_handlers(2), nested_handlers(0), nested_handlers(14)]
    print(r, LOG)
    assert r == ["inner KeyError 'nope'", "outer ZeroDivisionError", "no error"]
    assert LOG == ["inner finally 2", "outer finally 2", "inner finally 0", "outer finally 0", "inner finally 14", "outer finally 14"]
    try:
        nested_handlers(1)
        msg = "no error"
    except ValueError as e:
        msg = "escaped: " + str(e)
    print(msg)
    assert msg == "escaped: bad value"


def test_assert_statement() -> None:
    r: list[object] = [check_positive(5)]
    try:
        check_positive(-3)
    except AssertionError as e:
        r.append(str(e))
    print(r)
    assert r == [5, "n must be positive, got -3"]


def test_unbound_local_error() -> None:
    assert read_before_assign(True) == 42
    try:
        read_before_assign(False)
        msg = "no error"
    except UnboundLocalError as e:
        msg = type(e).__name__ + ": " + str(e) + " / is NameError: " + str(isinstance(e, NameError))
    print(msg)
    assert msg == "UnboundLocalError: cannot access local variable 'value' where it is not associated with a value / is NameError: True"


def test_name_error_for_undefined_global() -> None:
    try:
        read_global_undefined()
        msg = "no error"
    except NameError as e:
        msg = type(e).__name__ + ": " + str(e)
    print(msg)
    assert msg == "NameError: name 'UNDEFINED_GLOBAL_NAME' is not defined"


def test_exception_variable_unbound_after_handler() -> None:
    r = exception_var_deleted()
    print(r)
    assert r == "temp / UnboundLocalError"


def test_errors_from_builtins_in_loop() -> None:
    results = []
    for s in ["1", "x", "3", "", "2**3", "-4"]:
        try:
            results.append(parse_int(s))
        except ValueError as e:
            results.append(len(str(e)))
        finally:
            results.append(0)
    print(results)
    assert results == [1, 0, 43, 0, 3, 0, 42, 0, 46, 0, -4, 0]


def reraise_in_finally(inner: bool) -> None:
    try:
        raise KeyError("handled")
    except KeyError:
        try:
            if inner:
                raise ValueError("in flight")
        finally:
            # Leaving by the exception: it is re-raised; normally: the handled one.
            raise


def test_bare_raise_in_finally_reraises_the_exception_in_flight() -> None:
    got = []
    for inner in (True, False):
        try:
            reraise_in_finally(inner)
        except Exception as e:
            got.append(repr(e))
    print(got)
    assert got == ["ValueError('in flight')", "KeyError('handled')"]


def name_after_failed_handler() -> str:
    try:
        try:
            raise ValueError("v")
        except ValueError as err:
            raise TypeError("t")
    except TypeError:
        pass
    try:
        return repr(err)  # type: ignore[misc]
    except NameError as ne:
        return type(ne).__name__


def test_handler_name_unbound_when_the_handler_raises() -> None:
    r = name_after_failed_handler()
    print(r)
    assert r == "UnboundLocalError"
