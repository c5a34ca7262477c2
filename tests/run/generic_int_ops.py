"""`+ - * & | ^` (and their in-place forms) on values of unknown type.

Compiled code computes two exact ints of moderate size (at most two 30-bit digits)
in machine words and hands anything else to the interpreter's operators: these
tests cross every boundary of that shortcut (zero, signs, one and two digits, the
first three-digit values, products that overflow 64 bits, huge ints) and check
that everything else — bools, int subclasses with their own operators, floats,
strings, lists, unsupported operands — still behaves as in the interpreter.
"""

from typing import Any, List


def edges() -> List[Any]:
    out: List[Any] = [0, 1, -1, 2, -2, 5, 255, 256, 257, -5, -6]
    for p in (29, 30, 31, 59, 60, 61, 62, 63, 64, 100):
        for d in (-1, 0, 1):
            out.append(2**p + d)
            out.append(-(2**p) + d)
    return out


def ops(a: Any, b: Any) -> List[Any]:
    return [a + b, a - b, a * b, a & b, a | b, a ^ b]


def inplace(a: Any, b: Any) -> List[Any]:
    r = []
    x = a
    x += b
    r.append(x)
    x = a
    x -= b
    r.append(x)
    x = a
    x *= b
    r.append(x)
    x = a
    x &= b
    r.append(x)
    x = a
    x |= b
    r.append(x)
    x = a
    x ^= b
    r.append(x)
    return r


def test_int_boundaries() -> None:
    vals = edges()
    h = 0
    n = 0
    for a in vals:
        for b in vals:
            for r in ops(a, b) + inplace(a, b):
                if type(r) is not int:
                    print("not an int:", a, b, r)
                h = (h * 1000003 + r) % (2**61 - 1)
                n += 1
    print(n, h)
    print(ops(2**59 + 3, -(2**59) - 7))
    print(ops(3037000499, 3037000499), ops(3037000500, -3037000500))
    print(ops(-(2**60) + 1, 2**60 - 1))


def test_results_are_the_interpreters_objects() -> None:
    a: Any = 2
    b: Any = 3
    five: Any = 5
    minus_one: Any = -1
    big: Any = 10**30
    print((a + b) is five, type(a * b).__name__, (big * a) == 2 * 10**30)
    print(a + b == five, hash(a * b), (a - b) is minus_one)


class Weird(int):
    def __add__(self, other: object) -> Any:
        return "weird add"

    def __rmul__(self, other: object) -> Any:
        return "weird rmul"


def test_other_operands() -> None:
    t: Any = True
    f: Any = False
    print(ops(t, t), ops(t, f), ops(t, 3), ops(4, f))
    print(type(t + t).__name__, type(t & t).__name__, type(t ^ f).__name__)
    w: Any = Weird(7)
    i: Any = 6
    print(w + i, i * w, i + w, w - i, type(w - i).__name__)
    fl: Any = 2.5
    print(i + fl, i * fl, fl - i)
    s: Any = "ab"
    print(s + "c", s * 3, 3 * s)
    lst: Any = [1]
    lst2 = lst
    lst += [2]
    print(lst, lst2 is lst, lst * 2)
    st: Any = {1, 2}
    print(st & {2, 3}, st | {4}, st ^ {1})
    pairs: List[Any] = [(i, "s"), (s, i - 3.5), (None, i), (i, None)]
    for x, y in pairs:
        for name in ("+", "-", "*", "&", "|", "^"):
            try:
                r = {
                    "+": lambda: x + y,
                    "-": lambda: x - y,
                    "*": lambda: x * y,
                    "&": lambda: x & y,
                    "|": lambda: x | y,
                    "^": lambda: x ^ y,
                }[name]()
                print(name, "ok", r)
            except TypeError as e:
                print(name, "TypeError", e)


def checksum(values: Any) -> int:
    total = 0
    for v in values:
        total = (total * 31 + v) & 0xFFFFFFFFFFFF
    return total


def test_checksum_loop() -> None:
    print(checksum(range(100000)), checksum([2**70, -(2**40), 7]))
