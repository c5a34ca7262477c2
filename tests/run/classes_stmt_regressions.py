"""Regressions found by the session-5 hunt: a private nested class name is mangled
(the enclosing class then runs interpreted), and class statements under `if`/`try` in
a class body (module level or in a function) build and run as in CPython."""

class A:
    class __In:
        K = 3
    X = __In.K

    def get(self) -> int:
        return self.__In.K


class Outer:
    if True:
        class Chosen:
            which = "big"
    try:
        class T:
            v = 1
    except Exception:
        pass


def f() -> str:
    class L:
        if True:
            class M:
                w = "m"
    return L.M.w


def test_bugs() -> None:
    print(sorted(k for k in A.__dict__ if "In" in k), A.X, A().get())
    print(Outer.Chosen.which, Outer.T.v, f())


