"""Calls into the other modules of the package, every way they can be named."""

import xpkg.mathx
import xpkg.mathx as mx
from xpkg import cyc_b, plain, shapes
from xpkg.mathx import add, clamp, greet, mix, step, total
from . import mathx as rel
from .mathx import is_even as even

# At import time, from the module body.
START = add(40, 2)


def test_ints() -> None:
    s = 0
    for i in range(1000):
        s += add(i, 3)
    print(s, START)
    print(add(2**62, 2**62), add(-(2**63), -1))
    print(mx.div(17, 5), xpkg.mathx.triple(14), rel.big(3))
    print(clamp(-7), clamp(7), clamp(7, 8), clamp(10**21))


def test_floats() -> None:
    acc = 0.0
    for i in range(100):
        acc += mix(float(i), 0.25)
    print(acc, mix(2.0), mix(y=3.0, x=1.5))


def test_strs_and_keywords() -> None:
    print(greet("ann"))
    print(greet("bob", "?"))
    print(greet("cy", times=2))
    print(greet(punct=".", name="dee"))
    print(mx.checked(1, 2.5, True, "s"))


def test_defaults_computed_when_defined() -> None:
    print(step(1), step(1, 2), step(x=5, k=0), mx.step(7))


def test_bools_lists_dicts() -> None:
    print([even(i) for i in range(5)])
    print(total([1, 2, 3]), mx.total(list(range(10))))
    print(sorted(mx.counts(["a", "b", "a"]).items()))
    print(mx.maybe(1), mx.maybe(0))
    mx.log("x")


def test_errors_propagate() -> None:
    try:
        mx.div(1, 0)
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e)
    try:
        greet("x", "y", "z")  # type: ignore[call-arg, arg-type]
    except TypeError as e:
        print("TypeError", e)
    try:
        greet("x", nope=1)  # type: ignore[call-arg]
    except TypeError as e:
        print("TypeError", e)


def call_triple(x: int) -> int:
    return mx.triple(x)


def test_monkeypatched() -> None:
    print(call_triple(5))
    original = mx.triple
    mx.triple = lambda x: 10 * x
    try:
        print(call_triple(5))
        # The name imported by `from` still holds the original.
        print(original(5))
    finally:
        mx.triple = original
    print(call_triple(6))

    def other(x: int) -> int:
        return x - 1

    xpkg.mathx.triple = other
    print(call_triple(6))
    xpkg.mathx.triple = original
    print(call_triple(7))


def test_rebound_by_its_module() -> None:
    print(mx.rebound(1))


def test_excluded_module() -> None:
    print(plain.shout("quiet"), plain.twice(21))


def test_classes_across_modules() -> None:
    p = shapes.make(3.0, 4.0)
    print(type(p).__name__, p.norm2(), shapes.norm2(p))
    q = shapes.Point(1.0, 2.0)
    print(shapes.norm2(q))


def test_import_cycle() -> None:
    from xpkg import cyc_a

    print(cyc_a.ping(5), cyc_b.pong(5), cyc_a.EARLY)


def test_recursion_across_modules() -> None:
    from xpkg import cyc_a

    try:
        cyc_a.depth_a(0)
    except RecursionError:
        print("RecursionError")
    print(cyc_a.ping(50))
