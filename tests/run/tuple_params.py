"""Tuple parameters that compiled code takes as their items (no tuple object inside the
function): called from compiled code with tuple displays, tuple locals, unboxed
results and tuple objects; called from Python through the function object, by keyword,
recursively; int items past 2**62, float, bool, str and object items; parameters that
stay tuples because of another mention; wrong arguments (only whether they raise: the
interpreter raises where the tuple is unpacked, compiled code at the call)."""

import sys
from collections import namedtuple
from typing import Callable, Optional


def dot(p: tuple[int, int], q: tuple[int, int]) -> int:
    a, b = p
    return a * q[0] + b * q[1]


def pair(n: int) -> tuple[int, int]:
    return n + 1, n * 2


def describe(p: tuple[str, float, bool]) -> str:
    name, weight, ok = p
    return name + ":" + str(weight) + ("!" if ok else "?") + str(len(p))


def pick(p: tuple[object, int, object, str], which: int) -> object:
    if which == 0:
        return p[0]
    if which == -2:
        return p[-2]
    return p[3] * p[1]


def depth_sum(p: tuple[int, int], n: int) -> int:
    # Passes its items on to itself: no tuple on the way down.
    if n == 0:
        return p[0] - p[1]
    return depth_sum(p, n - 1) + n


def passes_on(p: tuple[int, int], q: tuple[int, int]) -> int:
    return dot(p, q) + dot(q=p, p=q)


def rebinds(p: tuple[int, str]) -> str:
    n, s = p
    p = (n + 1, s * 2)
    out = str(p[0]) + p[1]
    del p
    p = (0, "z")
    return out + p[1]


def deleted(p: tuple[int, int]) -> str:
    del p
    try:
        return str(p[0])  # type: ignore[misc]  # noqa: F821
    except UnboundLocalError as e:
        return "unbound " + type(e).__name__


def keyword_only(x: int, *, p: tuple[float, float], scale: float = 2.0) -> float:
    return (p[0] + p[1]) * scale + x


def positional_only(p: tuple[int, int], /, k: int) -> int:
    return p[0] * k + p[1]


def nested(p: tuple[tuple[int, int], Optional[str]]) -> str:
    inner, label = p
    return str(inner[0] + inner[1]) + (label or "-")


def boxed_still(p: tuple[int, int]) -> tuple[int, int]:
    # `return p` (and printing it) keep the tuple: the caller gets it back.
    print("boxed", p, p[0])
    return p


def iterates(p: tuple[int, int, int]) -> int:
    total = 0
    for v in p:
        total += v
    return total + p[2]


def compares(p: tuple[int, int], q: tuple[int, int]) -> bool:
    return p < q


def test_displays_and_locals() -> None:
    assert dot((1, 2), (3, 4)) == 11
    print(dot((1, 2), (3, 4)))
    t = (5, 6)
    u = (7, 8)
    print(dot(t, u), dot(u, t))
    x = 3
    print(dot((x, x + 1), (x * x, -x)))
    print(describe(("w", 2.5, True)), describe(("v", -0.0, False)))
    s = ("s", 1.25, True)
    print(describe(s))


def test_unboxed_results() -> None:
    print(dot(pair(3), pair(4)))
    print(dot(pair(-10), (1, 1)))
    a = pair(7)
    print(dot(a, pair(0)))


def test_tuple_objects() -> None:
    pts: list[tuple[int, int]] = [(1, 2), (3, 4), (5, 6)]
    total = 0
    for p in pts:
        total += dot(p, p)
    print(total)
    d: dict[str, tuple[int, int]] = {"a": (2, 3)}
    print(dot(d["a"], d["a"]))
    obj: object = (4, 5)
    print(dot(obj, (1, 1)))  # type: ignore[arg-type]
    Point = namedtuple("Point", "x y")
    print(dot(Point(2, 9), Point(x=1, y=10)))


def test_big_and_negative_ints() -> None:
    big = 2**62
    print(dot((big, -big), (3, 3)))
    print(dot((2**70, -1), (2**65, 2**64 + 1)))
    print(dot((-(2**63), 5), pair(2**62)))
    print(depth_sum((2**80, -(2**80)), 5))
    print(positional_only((2**64, -7), 3))


def test_items_of_other_types() -> None:
    o = object()
    print(pick((o, 3, [1, 2], "ab"), 0) is o)
    print(pick((None, 2, {"k": 1}, "xy"), -2))
    print(pick((1.5, 3, None, "q"), 1))
    print(keyword_only(1, p=(0.5, 0.25)))
    print(keyword_only(2, scale=3.0, p=(1.0, -1.5)))
    print(nested(((1, 2), "x")), nested(((3, 4), None)))
    lbl: Optional[str] = "lab"
    print(nested(((5, 6), lbl)))


def test_recursion_and_passing_on() -> None:
    print(depth_sum((10, 3), 50))
    print(passes_on((1, 2), (3, 4)))
    print(passes_on(pair(1), pair(2)))


def test_rebind_and_delete() -> None:
    print(rebinds((4, "ab")))
    print(deleted((1, 2)))


def test_unserved_mentions() -> None:
    t = (3, 4)
    r = boxed_still(t)
    print(r, r is t)
    print(iterates((1, 2, 3)), compares((1, 2), (1, 3)), compares((2, 0), (1, 9)))
    Point = namedtuple("Point", "x y")
    pt = Point(1, 2)
    back = boxed_still(pt)
    print(back is pt, type(back).__name__)


def call_dynamic(f: Callable[..., object], *args: object, **kwargs: object) -> object:
    return f(*args, **kwargs)


def test_dynamic_calls() -> None:
    mod = sys.modules[__name__]
    print(getattr(mod, "dot")((1, 2), (3, 4)))
    print(call_dynamic(dot, (5, 6), q=(7, 8)))
    print(call_dynamic(describe, p=("k", 0.5, False)))
    print(call_dynamic(depth_sum, (2**66, 1), 3))
    print(call_dynamic(keyword_only, 3, p=(1.0, 2.0)))
    fns = [dot, passes_on]
    print([f((1, 1), (2, 2)) for f in fns])


def raises(f: Callable[..., object], *args: object) -> str:
    try:
        f(*args)
    except Exception:
        return "raised"
    return "no error"


def wrong_from_compiled(x: object) -> str:
    try:
        dot(x, (1, 2))  # type: ignore[arg-type]
    except Exception:
        return "raised"
    return "no error"


def test_wrong_arguments() -> None:
    print(raises(dot, (1, 2, 3), (1, 2)))
    print(raises(dot, (1,), (1, 2)))
    print(raises(dot, ("a", 2), (1, 2)))
    print(raises(dot, 5, (1, 2)))
    print(wrong_from_compiled((1, 2, 3)))
    print(wrong_from_compiled(("x", 2)))
    print(wrong_from_compiled(None))
    print(wrong_from_compiled((1, 2)))
