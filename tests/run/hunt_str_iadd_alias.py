"""Bug-hunt regression tests (generated from adversarial probes)."""

def a1(n: int) -> tuple:
    s = "x" * 3
    s += "y"
    t = s
    s += "z"
    return (s, t)


def a2(n: int) -> tuple:
    s: str = str(n)
    s += "a"
    t: str = s
    for i in range(3):
        s += "b"
    return (s, t)


def a3(n: int) -> list:
    s = str(n) + "q"
    out = []
    for i in range(3):
        t = s
        s += "c"
        out.append(t)
    return out


def a4(p: str) -> tuple:
    s = p
    s += "w"
    return (p, s)


def a5(n: int) -> tuple:
    s = str(n) * 2
    d = {s: 1}
    s += "k"
    return (list(d.keys()), s)


def a6(n: int) -> tuple:
    s = str(n) + "r"
    h = hash(s)
    s2 = s
    s += "t"
    return (s2, s, h == hash(s2))


def a7(n: int) -> list:
    out = []
    s = ""
    for i in range(n):
        out.append(s)
        s += str(i)
    return out


def a8(n: int) -> tuple:
    s = chr(65 + n) + "b"
    u = s
    s += "\u20ac"
    s += "\U0001F600"
    return (ascii(s), ascii(u))


def a9(n: int) -> tuple:
    s = str(n) + "z"
    t = [s]
    s += "y"
    t2 = (t[0],)
    s += "x"
    return (s, t, t2)


def a10(o: object) -> object:
    x = o
    x += "a"  # type: ignore
    return x


def a11(n: int) -> tuple:
    a = str(n) + "m"
    b = a
    a += ""
    a += "n"
    return (a, b)


def a12(n: int) -> tuple:
    s = "p" + str(n)
    g = G_LIST
    g.append(s)
    s += "!"
    return (s, G_LIST[-1])


G_LIST: list = []


def a13(n: int) -> tuple:
    s = "%d-" % n
    t = s if n > 0 else ""
    s += "e"
    return (s, t)


def a14(n: int) -> tuple:
    s = f"{n}f"
    t = s[:]
    s += "g"
    return (s, t)


def a15(n: int) -> tuple:
    s = str(n) + "u"
    t = str(s)
    s += "v"
    return (s, t)


def a16(n: int) -> tuple:
    s = str(n) + "u"
    for t in [s]:
        s += "v"
        return (s, t)
    return ("", "")


def a17(n: int) -> tuple:
    s = str(n) + "u"
    a, b = s, s
    s += "v"
    return (s, a, b)


def a18(n: int) -> tuple:
    s = str(n) + "u"
    t = s + ""
    s += "v"
    return (s, t)


def a19(n: int) -> tuple:
    s = str(n) + "u"
    t = "" + s
    s += "v"
    return (s, t)


def a20(n: int) -> tuple:
    s = str(n) + "u"
    t = s.strip()
    s += "v"
    return (s, t)


def a21(n: int) -> tuple:
    s = str(n) + "u"
    t = max(s, "")
    s += "v"
    return (s, t)


def a22(n: int) -> tuple:
    s = str(n) + "u"
    t = s * 1
    s += "v"
    return (s, t)


def a23(n: int) -> tuple:
    s = str(n) + "u"
    t = f"{s}"
    s += "v"
    return (s, t)


def a24(n: int) -> tuple:
    s = str(n) + "u"
    t = "%s" % s
    s += "v"
    return (s, t)


def a25(n: int) -> tuple:
    s = str(n) + "u"
    t = s.join([""])
    tt = "".join([s])
    s += "v"
    return (s, t, tt)


def a26(n: int) -> tuple:
    s = str(n) + "u"
    t = s.replace("zzz", "")
    s += "v"
    return (s, t)


def test_alias() -> None:
    r = repr(a1(5))
    print(r)
    assert r == "('xxxyz', 'xxxy')", r
    r = repr(a2(5))
    print(r)
    assert r == "('5abbb', '5a')", r
    r = repr(a3(5))
    print(r)
    assert r == "['5q', '5qc', '5qcc']", r
    r = repr(a5(5))
    print(r)
    assert r == "(['55'], '55k')", r
    r = repr(a6(5))
    print(r)
    assert r == "('5r', '5rt', True)", r
    r = repr(a7(5))
    print(r)
    assert r == "['', '0', '01', '012', '0123']", r
    r = repr(a8(5))
    print(r)
    assert r == '("\'Fb\\\\u20ac\\\\U0001f600\'", "\'Fb\'")', r
    r = repr(a9(5))
    print(r)
    assert r == "('5zyx', ['5z'], ('5z',))", r
    r = repr(a11(5))
    print(r)
    assert r == "('5mn', '5m')", r
    r = repr(a12(5))
    print(r)
    assert r == "('p5!', 'p5')", r
    r = repr(a13(5))
    print(r)
    assert r == "('5-e', '5-')", r
    r = repr(a13(-1))
    print(r)
    assert r == "('-1-e', '')", r
    r = repr(a14(5))
    print(r)
    assert r == "('5fg', '5f')", r
    r = repr(a15(5))
    print(r)
    assert r == "('5uv', '5u')", r
    r = repr(a16(5))
    print(r)
    assert r == "('5uv', '5u')", r
    r = repr(a17(5))
    print(r)
    assert r == "('5uv', '5u', '5u')", r
    r = repr(a18(5))
    print(r)
    assert r == "('5uv', '5u')", r
    r = repr(a19(5))
    print(r)
    assert r == "('5uv', '5u')", r
    r = repr(a20(5))
    print(r)
    assert r == "('5uv', '5u')", r
    r = repr(a21(5))
    print(r)
    assert r == "('5uv', '5u')", r
    r = repr(a22(5))
    print(r)
    assert r == "('5uv', '5u')", r
    r = repr(a23(5))
    print(r)
    assert r == "('5uv', '5u')", r
    r = repr(a24(5))
    print(r)
    assert r == "('5uv', '5u')", r
    r = repr(a25(5))
    print(r)
    assert r == "('5uv', '', '5u')", r
    r = repr(a26(5))
    print(r)
    assert r == "('5uv', '5u')", r


def test_param() -> None:
    r = repr(a4('par' + str(7)))
    print(r)
    assert r == "('par7', 'par7w')", r
    r = repr(a10('s'))
    print(r)
    assert r == "'sa'", r
    r = repr(a10([1]))
    print(r)
    assert r == "[1, 'a']", r
    try:
        r = repr(a10(5))
    except Exception as ex:
        r = 'EXC ' + type(ex).__name__ + ': ' + str(ex)
    print(r)
    assert r == "EXC TypeError: unsupported operand type(s) for +=: 'int' and 'str'", r
