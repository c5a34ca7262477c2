"""Reads of int fields of native instances whose unset test moved: into the slow
path of the int operation that uses the value (arithmetic, comparisons, bit
operations, with a module constant read in between), and into the branch that
takes a reference to a long int. A field deleted, never set (a Python subclass
whose __init__ skips the base's), holding a big int; AttributeError before the
NameError of a deleted constant, as in the interpreter; tracebacks' lines."""

import sys
import traceback

OFFSET = 3
MASK = 6


def set_const(name: str, value: int) -> None:
    globals()[name] = value


def del_const(name: str) -> None:
    del globals()[name]


class Counter:
    def __init__(self, n: int) -> None:
        self.n = n
        self.hits = 0


class Lazy(Counter):
    def __init__(self) -> None:  # never sets n nor hits
        pass


def bump(c: Counter) -> int:
    c.hits += 1
    return c.n + OFFSET


def masked(c: Counter) -> int:
    return c.n & MASK


def compare(c: Counter, k: int) -> bool:
    return c.n < k


def equals(c: Counter, k: int) -> tuple[bool, bool]:
    return c.n == k, c.n != OFFSET


def owned(c: Counter) -> int:
    n = c.n  # a local: keeps its own reference
    bump(c)
    return n * 2


def attempt(label: str, f: object, *args: object) -> None:
    try:
        print(label, f(*args))  # type: ignore[operator]
    except AttributeError as e:
        print(label, "AttributeError", e)
    except NameError as e:
        print(label, "NameError", e)


def test_set_fields() -> None:
    c = Counter(5)
    print(bump(c), masked(c), compare(c, 9), compare(c, 2), owned(c), c.hits)
    print(equals(c, 5), equals(c, 3), equals(Counter(10**30), 10**30), equals(Counter(3), 3))
    big = Counter(10**30)
    print(bump(big), masked(big), compare(big, 9), owned(big), big.hits)
    neg = Counter(-(10**25))
    print(bump(neg), masked(neg), compare(neg, 0), owned(neg))


def test_deleted_fields() -> None:
    c = Counter(5)
    del c.n
    attempt("bump", bump, c)
    attempt("masked", masked, c)
    attempt("compare", compare, c, 1)
    attempt("equals", equals, c, 1)
    attempt("owned", owned, c)
    print(c.hits)
    del c.hits
    attempt("bump hits", bump, c)
    c.n = 7
    c.hits = 10**20
    print(bump(c), c.hits)


def test_never_set() -> None:
    lz = Lazy()
    attempt("bump", bump, lz)
    attempt("masked", masked, lz)
    attempt("compare", compare, lz, 1)
    attempt("equals", equals, lz, 1)
    attempt("owned", owned, lz)
    lz.hits = 0
    attempt("bump with hits", bump, lz)
    lz.n = 2
    print(bump(lz), masked(lz), compare(lz, 3), owned(lz))


def test_unset_field_before_a_deleted_constant() -> None:
    c = Counter(1)
    del c.n
    del_const("MASK")
    try:
        attempt("masked", masked, c)
        c.n = 4
        attempt("masked", masked, c)
    finally:
        set_const("MASK", 6)
    attempt("masked", masked, c)
    set_const("OFFSET", 10**20)
    del c.n
    attempt("bump", bump, c)
    c.n = 1
    attempt("bump", bump, c)
    set_const("OFFSET", 3)


def test_traceback_lines() -> None:
    c = Counter(1)
    del c.n
    for k in range(2):
        try:
            if k == 0:
                masked(c)
            else:
                compare(c, 0)
        except AttributeError:
            tb = traceback.extract_tb(sys.exc_info()[2])
            print([(fr.name, fr.lineno) for fr in tb][1:])


def test_references_of_big_ints() -> None:
    vs = [10**40 + 7]  # (an int local may die at its last use: hold it in a list)
    c = Counter(vs[0])
    base = sys.getrefcount(vs[0])
    for _ in range(20):
        owned(c)
        masked(c)
        compare(c, 3)
    print(sys.getrefcount(vs[0]) - base, c.hits)
