"""Bug-hunt regression tests (generated from adversarial probes)."""

def m1(l: list[int]) -> list[int]:
    out = []
    for x in l:
        out.append(x)
        if x == 2:
            l.clear()
    return out


def m2(l: list[int]) -> list[int]:
    out = []
    for x in l:
        out.append(x)
        l.pop()
    return out


def m3(l: list) -> list:
    out = []
    for x in l:
        out.append(x)
        del l[0]
    return out


def m4(l: list[int]) -> int:
    s = 0
    for i in range(len(l)):
        s += l[i]
        if i == 1:
            l.clear()
    return s


def m5(l: list[int]) -> list[int]:
    out = []
    for x in l:
        out.append(x)
        if len(l) < 6:
            l.append(x * 10)
    return out


def m6(l: list[str]) -> str:
    r = ""
    for s in l:
        l[len(l) - 1] = "Z"
        r += s
    return r


def m7(l: list[int]) -> int:
    s = 0
    n = len(l)
    i = 0
    while i < n:
        s += l[i]
        l.pop()
        i += 1
    return s


def m9(d: dict[str, int]) -> list:
    out = []
    for k in d:
        out.append(k)
        del d[k]
    return out


def m10(l: list[int]) -> list:
    return [x for x in l if not l.remove(x)]  # type: ignore


def m11(t: tuple[int, ...]) -> int:
    s = 0
    for x in t:
        s += x
    return s


def m12(l: list[list[int]]) -> int:
    s = 0
    for row in l:
        l.clear()
        for x in row:
            s += x
    return s


def m13(l: list[int]) -> int:
    s = 0
    for x in reversed(l):
        s = s * 10 + x
        if x == 3:
            l.clear()
    return s


def m14(l: list[int]) -> list[int]:
    out = []
    for i, x in enumerate(l):
        out.append(i * 100 + x)
        if i == 0:
            del l[:]
    return out


def run(f: object, a: object) -> object:
    try:
        return f(a)  # type: ignore
    except Exception as e:
        return "EXC " + type(e).__name__ + " " + str(e)


def test_loop_mutation() -> None:
    r = repr(run(m1, [5, 6, 7, 8, 9]))
    print(r)
    assert r == '[5, 6, 7, 8, 9]', r
    r = repr(run(m2, [5, 6, 7, 8, 9]))
    print(r)
    assert r == '[5, 6, 7]', r
    r = repr(run(m3, [5, 6, 7, 8, 9]))
    print(r)
    assert r == '[5, 7, 9]', r
    r = repr(run(m4, [5, 6, 7, 8, 9]))
    print(r)
    assert r == "'EXC IndexError list index out of range'", r
    r = repr(run(m5, [5, 6, 7, 8, 9]))
    print(r)
    assert r == '[5, 6, 7, 8, 9, 50]', r
    r = repr(run(m6, ["a", "b", "c"]))
    print(r)
    assert r == "'abZ'", r
    r = repr(run(m7, [5, 6, 7, 8, 9]))
    print(r)
    assert r == "'EXC IndexError list index out of range'", r
    r = repr(run(m9, {"a": 1, "b": 2}))
    print(r)
    assert r == "'EXC RuntimeError dictionary changed size during iteration'", r
    r = repr(run(m10, [5, 6, 7, 8, 9]))
    print(r)
    assert r == '[5, 7, 9]', r
    r = repr(run(m11, (1, 2, 3)))
    print(r)
    assert r == '6', r
    r = repr(run(m12, [[1, 2], [3]]))
    print(r)
    assert r == '3', r
    r = repr(run(m13, [5, 6, 7, 8, 9]))
    print(r)
    assert r == '98765', r
    r = repr(run(m14, [5, 6, 7, 8, 9]))
    print(r)
    assert r == '[5]', r
