"""Named locals live until rebound, deleted or returned (weakref / refcount checks),
and no reference leaks through loops, early returns and handlers."""

import sys, weakref


class T:
    pass


def loop_rebind(n: int, s: object) -> int:
    total = 0
    for i in range(n):
        x = [s, i]
        y = x
        total += len(y)
        if i % 2:
            del y
    return total


def early_return(s: object, flag: bool) -> object:
    a = [s]
    b = [s, s]
    if flag:
        return a
    try:
        c = [s]
        raise ValueError
    except ValueError:
        d = [s]
    return b


def lifetime() -> str:
    t = T()
    r = weakref.ref(t)
    alive = r() is not None
    return f"{alive}"


def test_no_leaks_and_interpreter_lifetimes() -> None:
    s = object()
    base = sys.getrefcount(s)
    loop_rebind(1000, s)
    for i in range(1000):
        early_return(s, i % 2 == 0)
    print("leak", sys.getrefcount(s) - base, lifetime())

