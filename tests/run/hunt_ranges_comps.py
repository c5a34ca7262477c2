"""Bug-hunt regression tests (generated from adversarial probes)."""

import sys


def rng(a: int, b: int, c: int) -> list:
    out = []
    for i in range(a, b, c):
        out.append(i)
        if len(out) > 20:
            break
    return out


def rng_obj(a: object, b: object, c: object) -> list:
    out = []
    for i in range(a, b, c):  # type: ignore
        out.append(i)
        if len(out) > 5:
            break
    return out


def rng_mut(n: int) -> list:
    out = []
    for i in range(n):
        out.append(i)
        n -= 1
        i += 100
    return out


def rng_after(n: int) -> int:
    i = -1
    for i in range(n):
        pass
    return i


def rng_else(n: int, stop: int) -> str:
    for i in range(n):
        if i == stop:
            break
    else:
        return "else"
    return "broke" + str(i)


def while_else(n: int) -> str:
    while n > 0:
        n -= 1
        if n == 5:
            break
    else:
        return "else" + str(n)
    return "broke"


def nested_comp(n: int) -> list:
    return [[i * j for j in range(i)] for i in range(n) if i % 2 == 0]


def comp_shadow(x: int) -> tuple:
    y = [x for x in range(3)]
    return (x, y)


def comp_multi(n: int) -> list:
    return [(i, j) for i in range(n) for j in range(i) if (i + j) % 2 if j > 0]


def comp_dict(l: list) -> dict:
    return {k: v for k, v in l}


def comp_set(s: str) -> list:
    return sorted({c.upper() for c in s})


def comp_uses_global() -> list:
    return [G * i for i in range(3)]


G = 7


def for_modify_list() -> list:
    l = [1, 2, 3]
    out = []
    for x in l:
        out.append(x)
        if x < 5:
            l.append(x + 3)
    return out


def for_modify_dict() -> str:
    d = {1: 1, 2: 2}
    try:
        for k in d:
            d[k + 10] = 0
    except RuntimeError as e:
        return str(e)
    return "no"


def for_str(s: str) -> list:
    return [c for c in s]


def for_target_sub() -> list:
    l = [0, 0, 0]
    for l[0] in range(3):
        pass
    return l


def for_tuple_target(d: dict) -> list:
    out = []
    for i, (k, v) in enumerate(d.items()):
        out.append((i, k, v))
    return out


def range_big() -> list:
    r = []
    for i in range(2**63 - 3, 2**63 + 2):
        r.append(i)
    for i in range(-2**63 + 2, -2**63 - 3, -1):
        r.append(i)
    for i in range(sys.maxsize - 1, sys.maxsize + 10, 5):
        r.append(i)
    return r


def range_len() -> list:
    return [len(range(0, 10, 3)), len(range(10, 0, -3)), len(range(5, 5)), range(10)[-1], list(range(10)[2:8:3]), 5 in range(0, 10, 5)]


def test_ranges_comps() -> None:
    r = repr(rng(0, 10, 1))
    print(r)
    assert r == '[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]', r
    r = repr(rng(0, 10, 3))
    print(r)
    assert r == '[0, 3, 6, 9]', r
    r = repr(rng(10, 0, -1))
    print(r)
    assert r == '[10, 9, 8, 7, 6, 5, 4, 3, 2, 1]', r
    r = repr(rng(10, 0, -3))
    print(r)
    assert r == '[10, 7, 4, 1]', r
    r = repr(rng(0, 10, -1))
    print(r)
    assert r == '[]', r
    r = repr(rng(-5, 5, 2))
    print(r)
    assert r == '[-5, -3, -1, 1, 3]', r
    r = repr(rng(5, -5, -2))
    print(r)
    assert r == '[5, 3, 1, -1, -3]', r
    r = repr(rng(0, 1, 2**62))
    print(r)
    assert r == '[0]', r
    r = repr(rng(2**62, 2**62 + 3, 1))
    print(r)
    assert r == '[4611686018427387904, 4611686018427387905, 4611686018427387906]', r
    r = repr(rng(0, 3, 2**64))
    print(r)
    assert r == '[0]', r
    r = repr(rng(-2**63, -2**63 + 2, 1))
    print(r)
    assert r == '[-9223372036854775808, -9223372036854775807]', r
    r = repr(rng(2**63 - 3, 2**63 + 2, 2))
    print(r)
    assert r == '[9223372036854775805, 9223372036854775807, 9223372036854775809]', r
    r = repr(rng(-2**63 + 1, -2**63 - 4, -3))
    print(r)
    assert r == '[-9223372036854775807, -9223372036854775810]', r
    try:
        r = repr(rng(0, 10, 0))
    except Exception as ex:
        r = 'EXC ' + type(ex).__name__ + ': ' + str(ex)
    print(r)
    assert r == 'EXC ValueError: range() arg 3 must not be zero', r
    r = repr(rng_mut(5))
    print(r)
    assert r == '[0, 1, 2, 3, 4]', r
    r = repr(rng_after(0))
    print(r)
    assert r == '-1', r
    r = repr(rng_after(5))
    print(r)
    assert r == '4', r
    r = repr(rng_else(5, 7))
    print(r)
    assert r == "'else'", r
    r = repr(rng_else(5, 2))
    print(r)
    assert r == "'broke2'", r
    r = repr(while_else(3))
    print(r)
    assert r == "'else0'", r
    r = repr(while_else(10))
    print(r)
    assert r == "'broke'", r
    r = repr(range_big())
    print(r)
    assert r == '[9223372036854775805, 9223372036854775806, 9223372036854775807, 9223372036854775808, 9223372036854775809, -9223372036854775806, -9223372036854775807, -9223372036854775808, -9223372036854775809, -9223372036854775810, 9223372036854775806, 9223372036854775811, 9223372036854775816]', r
    r = repr(range_len())
    print(r)
    assert r == '[4, 4, 0, 9, [2, 5], True]', r
    r = repr(nested_comp(6))
    print(r)
    assert r == '[[], [0, 2], [0, 4, 8, 12]]', r
    r = repr(comp_shadow(42))
    print(r)
    assert r == '(42, [0, 1, 2])', r
    r = repr(comp_multi(5))
    print(r)
    assert r == '[(2, 1), (3, 2), (4, 1), (4, 3)]', r
    r = repr(comp_dict([(1, 2), (3, 4)]))
    print(r)
    assert r == '{1: 2, 3: 4}', r
    r = repr(comp_set('hello'))
    print(r)
    assert r == "['E', 'H', 'L', 'O']", r
    r = repr(comp_uses_global())
    print(r)
    assert r == '[0, 7, 14]', r
    r = repr(for_modify_list())
    print(r)
    assert r == '[1, 2, 3, 4, 5, 6, 7]', r
    r = repr(for_modify_dict())
    print(r)
    assert r == "'dictionary changed size during iteration'", r
    r = repr(for_str('héy'))
    print(r)
    assert r == "['h', 'é', 'y']", r
    r = repr(for_target_sub())
    print(r)
    assert r == '[2, 0, 0]', r
    r = repr(for_tuple_target({'a': 1, 'b': 2}))
    print(r)
    assert r == "[(0, 'a', 1), (1, 'b', 2)]", r
    try:
        r = repr(comp_dict([(1, 2, 3)]))
    except Exception as ex:
        r = 'EXC ' + type(ex).__name__ + ': ' + str(ex)
    print(r)
    assert r == 'EXC ValueError: too many values to unpack (expected 2)', r
    try:
        r = repr(rng_obj(0.0, 5, 1))
    except Exception as ex:
        r = 'EXC ' + type(ex).__name__ + ': ' + str(ex)
    print(r)
    assert r == "EXC TypeError: 'float' object cannot be interpreted as an integer", r
    try:
        r = repr(rng_obj('a', 1, 1))
    except Exception as ex:
        r = 'EXC ' + type(ex).__name__ + ': ' + str(ex)
    print(r)
    assert r == "EXC TypeError: 'str' object cannot be interpreted as an integer", r
    r = repr(rng_obj(True, 3, 1))
    print(r)
    assert r == '[1, 2]', r
