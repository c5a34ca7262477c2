"""Bug-hunt regression tests (generated from adversarial probes)."""

import sys


def a1(n: int) -> list:
    log = []
    for i in range(n):
        try:
            try:
                if i == 1:
                    continue
                if i == 3:
                    raise ValueError("v")
                log.append("body" + str(i))
            except ValueError:
                log.append("exc")
                continue
            else:
                log.append("else")
                if i == 4:
                    break
            finally:
                log.append("fin" + str(i))
        finally:
            log.append("ofin")
    else:
        log.append("loop-else")
    return log


def a2() -> str:
    try:
        raise ValueError("a")
    except ValueError:
        try:
            raise KeyError("b")
        finally:
            return "ret-in-finally"


def a3() -> str:
    for i in range(3):
        try:
            raise ValueError(i)
        finally:
            return "r" + str(i)
    return "end"


def a4() -> object:
    try:
        try:
            raise ValueError("inner")
        finally:
            raise KeyError("fin")
    except KeyError as e:
        return (repr(e), repr(e.__context__))


def a5() -> object:
    try:
        try:
            raise ValueError("x")
        except ValueError:
            raise TypeError("y")
        finally:
            print("a5 finally", sys.exc_info()[0])
    except TypeError as e:
        return repr(e.__context__)


def a6(x: int) -> int:
    try:
        return x
    finally:
        x += 100
        print("a6 x", x)


def a7() -> object:
    l = []
    try:
        l.append(1)
        return l
    finally:
        l.append(2)


def a8() -> str:
    try:
        pass
    except:
        return "never"
    else:
        try:
            raise ValueError("from else")
        except ValueError as e:
            return str(e)
    finally:
        print("a8 fin")


def a9() -> str:
    try:
        raise ValueError("x")
    except (TypeError, ValueError) as e:
        r = type(e).__name__
    return r


def a10(n: int) -> int:
    c = 0
    while True:
        try:
            c += 1
            if c == n:
                return c
            continue
        finally:
            if c > 100:
                break
    return -1


def a11() -> str:
    try:
        raise ValueError("v")
    except Exception as e:
        try:
            raise
        except ValueError as e2:
            return "reraised " + str(e2 is e)


def a12() -> object:
    try:
        1 / 0
    except ZeroDivisionError as e:
        err = e
    return (type(err).__name__, str(err), err.__traceback__ is not None)


def a13() -> object:
    try:
        raise ValueError("a") from None
    except ValueError as e:
        return (e.__cause__, e.__suppress_context__)


def a14() -> None:
    raise ValueError


def a15() -> object:
    try:
        raise KeyError
    except KeyError as e:
        return repr(e)


def a16() -> object:
    try:
        raise 5  # type: ignore
    except TypeError as e:
        return str(e)


def a17() -> object:
    try:
        raise ValueError from 5  # type: ignore
    except TypeError as e:
        return str(e)


def a18() -> object:
    try:
        try:
            raise ValueError("v")
        except 5:  # type: ignore
            return "no"
    except TypeError as e:
        return str(e)


def a19() -> object:
    try:
        raise StopIteration
    except StopIteration as e:
        return repr(e)


def a20() -> object:
    out = []
    for i in range(3):
        try:
            try:
                if i == 0:
                    raise ValueError
                elif i == 1:
                    raise KeyError
                else:
                    raise IndexError
            except ValueError:
                out.append("V")
                raise TypeError
            except KeyError:
                out.append("K")
                break
        except TypeError:
            out.append("T")
        except IndexError:
            out.append("I")
    return out


def a21() -> object:
    try:
        assert False
    except AssertionError as e:
        return repr(e)


def a22(x: int) -> object:
    try:
        assert x > 0, "x=%d" % x
    except AssertionError as e:
        return repr(e)
    return "ok"


def a23() -> object:
    try:
        raise KeyboardInterrupt
    except Exception:
        return "exception"
    except BaseException as e:
        return "base " + type(e).__name__


def a24() -> object:
    try:
        raise SystemExit(3)
    except SystemExit as e:
        return e.code


def test_try_combos() -> None:
    r = repr(a1(6))
    print(r)
    assert r == "['body0', 'else', 'fin0', 'ofin', 'fin1', 'ofin', 'body2', 'else', 'fin2', 'ofin', 'exc', 'fin3', 'ofin', 'body4', 'else', 'fin4', 'ofin']", r
    r = repr(a2())
    print(r)
    assert r == "'ret-in-finally'", r
    r = repr(a3())
    print(r)
    assert r == "'r0'", r
    r = repr(a4())
    print(r)
    assert r == '("KeyError(\'fin\')", "ValueError(\'inner\')")', r
    r = repr(a5())
    print(r)
    assert r == '"ValueError(\'x\')"', r
    r = repr(a7())
    print(r)
    assert r == '[1, 2]', r
    r = repr(a8())
    print(r)
    assert r == "'from else'", r
    r = repr(a9())
    print(r)
    assert r == "'ValueError'", r
    r = repr(a11())
    print(r)
    assert r == "'reraised True'", r
    r = repr(a13())
    print(r)
    assert r == '(None, True)', r
    r = repr(a15())
    print(r)
    assert r == "'KeyError()'", r
    r = repr(a16())
    print(r)
    assert r == "'exceptions must derive from BaseException'", r
    r = repr(a17())
    print(r)
    assert r == "'exception causes must derive from BaseException'", r
    r = repr(a18())
    print(r)
    assert r == "'catching classes that do not inherit from BaseException is not allowed'", r
    r = repr(a19())
    print(r)
    assert r == "'StopIteration()'", r
    r = repr(a20())
    print(r)
    assert r == "['V', 'T', 'K']", r
    r = repr(a21())
    print(r)
    assert r == "'AssertionError()'", r
    r = repr(a23())
    print(r)
    assert r == "'base KeyboardInterrupt'", r
    r = repr(a24())
    print(r)
    assert r == '3', r
    r = repr(a6(1))
    print(r)
    assert r == '1', r
    r = repr(a10(5))
    print(r)
    assert r == '5', r
    r = repr(a22(1))
    print(r)
    assert r == "'ok'", r
    r = repr(a22(-1))
    print(r)
    assert r == '"AssertionError(\'x=-1\')"', r
    r = repr(a12()[0])  # type: ignore[index]
    print(r)
    assert r == "'ZeroDivisionError'", r
    r = repr(a12()[1])  # type: ignore[index]
    print(r)
    assert r == "'division by zero'", r
