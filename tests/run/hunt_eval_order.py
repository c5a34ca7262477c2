"""Bug-hunt regression tests (generated from adversarial probes)."""

LOG: list = []


def tr(x: object) -> object:
    LOG.append(x)
    return x


def e1() -> object:
    d = {"a": 1}
    d[tr("a")] += tr(5)  # type: ignore
    return d


def e2() -> object:
    l = [[1]]
    l[tr(0)] += [2]  # type: ignore
    return l


def e3() -> object:
    t = ([1],)
    try:
        t[0] += [2]  # type: ignore
    except TypeError as e:
        return (str(e), t)
    return t


def e4() -> object:
    return {tr("k1"): tr(1), tr("k2"): tr(2)}


def e5() -> object:
    l = [0, 0, 0]
    i = 0
    i, l[i] = 1, 2
    return (i, l)


def e6() -> object:
    l = [0, 0, 0]
    l[tr(1)] = i = tr(2)  # type: ignore
    return (l, i)


def e7() -> object:
    a = [1, 2]
    a[0], a[1] = a[1], a[0]
    return a


def e8() -> object:
    return tr(1) + tr(2) * tr(3) - tr(4) ** tr(2)  # type: ignore[operator]


def e9() -> object:
    return tr(0) or tr("") or tr([]) or tr("last")


def e10() -> object:
    return tr(1) and tr(2) and tr(0) and tr(3)


def e11() -> object:
    x = 5
    x = x if tr(False) else tr(7)  # type: ignore
    return x


def e12() -> object:
    return [tr(i) for i in range(2)] + [tr("z")]


def e13() -> object:
    return tr("a") < tr("b") < tr("a") < tr("z")  # type: ignore[operator]


def e14() -> object:
    return f"{tr(1)}{tr(2)!r}{tr(3):>{tr(4)}}"


def e15() -> object:
    return tr(helper(tr(1), b=tr(2)))


def helper(a: object, b: object) -> object:
    return (a, b)


def e16() -> object:
    import types
    o = types.SimpleNamespace(v=[1])
    tr(o).v += [2]  # type: ignore
    return o.v


def e17() -> object:
    s = "abc"
    try:
        s[0] = "x"  # type: ignore
    except TypeError as e:
        return str(e)
    return s


def e18() -> object:
    d: dict = {}
    d[tr(1)], d[tr(2)] = tr(3), tr(4)
    return d


def e19() -> object:
    x = [1, 2, 3]
    del x[tr(0)], x[tr(0)]  # type: ignore[call-overload]
    return x


def e20() -> object:
    a = b = c = tr([])
    a.append(1)  # type: ignore
    return (a is b is c, b)


def e22() -> object:
    return not tr(1) == tr(1), not tr(0) in [tr(0)], -tr(2) ** tr(2)  # type: ignore[operator]


def e23() -> object:
    x: int = 3
    x **= -1  # type: ignore
    return x


def run(f: object) -> object:
    LOG.clear()
    try:
        r = f()  # type: ignore
    except Exception as e:
        r = "EXC " + type(e).__name__ + " " + str(e)
    return (r, list(LOG))


def test_eval_order() -> None:
    r = repr(run(e1))
    print(r)
    assert r == "({'a': 6}, ['a', 5])", r
    r = repr(run(e2))
    print(r)
    assert r == '([[1, 2]], [0])', r
    r = repr(run(e3))
    print(r)
    assert r == '(("\'tuple\' object does not support item assignment", ([1, 2],)), [])', r
    r = repr(run(e4))
    print(r)
    assert r == "({'k1': 1, 'k2': 2}, ['k1', 1, 'k2', 2])", r
    r = repr(run(e5))
    print(r)
    assert r == '((1, [0, 2, 0]), [])', r
    r = repr(run(e6))
    print(r)
    assert r == '(([0, 2, 0], 2), [2, 1])', r
    r = repr(run(e7))
    print(r)
    assert r == '([2, 1], [])', r
    r = repr(run(e8))
    print(r)
    assert r == '(-9, [1, 2, 3, 4, 2])', r
    r = repr(run(e9))
    print(r)
    assert r == "('last', [0, '', [], 'last'])", r
    r = repr(run(e10))
    print(r)
    assert r == '(0, [1, 2, 0])', r
    r = repr(run(e11))
    print(r)
    assert r == '(7, [False, 7])', r
    r = repr(run(e12))
    print(r)
    assert r == "([0, 1, 'z'], [0, 1, 'z'])", r
    r = repr(run(e13))
    print(r)
    assert r == "(False, ['a', 'b', 'a'])", r
    r = repr(run(e14))
    print(r)
    assert r == "('12   3', [1, 2, 3, 4])", r
    r = repr(run(e15))
    print(r)
    assert r == '((1, 2), [1, 2, (1, 2)])', r
    r = repr(run(e16))
    print(r)
    assert r == '([1, 2], [namespace(v=[1, 2])])', r
    r = repr(run(e17))
    print(r)
    assert r == '("\'str\' object does not support item assignment", [])', r
    r = repr(run(e18))
    print(r)
    assert r == '({1: 3, 2: 4}, [3, 4, 1, 2])', r
    r = repr(run(e19))
    print(r)
    assert r == '([3], [0, 0])', r
    r = repr(run(e20))
    print(r)
    assert r == '((True, [1]), [[1]])', r
    r = repr(run(e22))
    print(r)
    assert r == '((False, False, -4), [1, 1, 0, 0, 2, 2])', r
