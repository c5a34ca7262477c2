"""Bug-hunt regression tests (generated from adversarial probes)."""

def f3() -> str:
    try:
        return "try"
    finally:
        return "finally"


def f4() -> int:
    x = 0
    while True:
        try:
            x += 1
            if x > 5:
                break
        finally:
            x += 10
    return x


def f5() -> str:
    try:
        raise KeyError("a")
    except KeyError:
        try:
            raise ValueError("b")
        except ValueError as e:
            return repr(e) + repr(e.__context__)


def f6() -> str:
    try:
        try:
            raise KeyError("a")
        finally:
            return "swallowed"
    except KeyError:
        return "caught"


def f7(x: int) -> str:
    try:
        if x:
            raise ValueError("v")
    except ValueError:
        raise
    except Exception:
        return "exc"
    else:
        return "else"
    finally:
        print("fin", x)
    return "end"


def f8() -> str:
    try:
        raise TypeError("t") from ValueError("v")
    except TypeError as e:
        return repr(e.__cause__) + str(e.__suppress_context__)


def f9() -> list:
    out: list = []
    for i in range(3):
        for j in range(3):
            try:
                if j == 1:
                    continue
                if j == 2:
                    break
                out.append((i, j))
            finally:
                out.append("f")
        else:
            out.append("else")
    return out


def f10() -> object:
    try:
        raise ValueError
    except ValueError as e:
        pass
    try:
        return e
    except NameError as ne:
        return str(ne)


def f11() -> str:
    e = 5
    try:
        raise ValueError("x")
    except ValueError as e:
        pass
    try:
        print(e)  # type: ignore[misc]
    except UnboundLocalError as u:
        return str(u)
    return "no"


def f12(n: int) -> int:
    r = 0
    try:
        for i in range(n):
            try:
                r += 1
                if i == 2:
                    return r
            finally:
                r += 10
    finally:
        r += 100
        print("outer", r)
    return r


def test_try_combos2() -> None:
    r = repr(f3())
    print(r)
    assert r == "'finally'", r
    r = repr(f4())
    print(r)
    assert r == '22', r
    r = repr(f5())
    print(r)
    assert r == '"ValueError(\'b\')KeyError(\'a\')"', r
    r = repr(f6())
    print(r)
    assert r == "'swallowed'", r
    r = repr(f7(0))
    print(r)
    assert r == "'else'", r
    try:
        r = repr(f7(1))
    except Exception as ex:
        r = 'EXC ' + type(ex).__name__ + ': ' + str(ex)
    print(r)
    assert r == 'EXC ValueError: v', r
    r = repr(f8())
    print(r)
    assert r == '"ValueError(\'v\')True"', r
    r = repr(f9())
    print(r)
    assert r == "[(0, 0), 'f', 'f', 'f', (1, 0), 'f', 'f', 'f', (2, 0), 'f', 'f', 'f']", r
    r = repr(f10())
    print(r)
    assert r == '"cannot access local variable \'e\' where it is not associated with a value"', r
    r = repr(f11())
    print(r)
    assert r == '"cannot access local variable \'e\' where it is not associated with a value"', r
    r = repr(f12(5))
    print(r)
    assert r == '23', r
    r = repr(f12(1))
    print(r)
    assert r == '111', r
