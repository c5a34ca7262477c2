"""Builtins that read the caller's frame only without arguments: `dir(x)`,
`vars(x)`, `eval(s, globals)` and `exec(s, globals)` compile (a class using them in
a method stays compiled, as pyparsing's ParseResults.__dir__ does), while `dir()`,
`vars()`, `locals()` and `eval(s)` still run interpreted, in place."""

import sys
from typing import Any

LIMIT = 3


class Record:
    def __init__(self, name: str) -> None:
        self.name = name

    def __dir__(self) -> list[str]:
        return sorted(set(dir(type(self))) | {"extra"})

    def fields(self) -> list[str]:
        return [n for n in dir(self) if not n.startswith("_")]


class Loose:
    pass


def evaluate(expr: str) -> Any:
    return eval(expr, {"LIMIT": LIMIT, "x": 4})


def run(code: str) -> Any:
    ns: dict[str, Any] = {}
    exec(code, ns)
    return ns["result"]


def evaluate_in(expr: str, namespace: Any = None) -> Any:
    # (Globals that may be None mean the caller's: this runs interpreted.)
    return eval(expr, namespace)


def no_args() -> list[str]:
    a = 1
    b = 2
    return sorted(dir()) + sorted(locals()) + [str(a + b)]


def test_dir_with_an_argument() -> None:
    r = Record("r")
    print(r.fields(), "extra" in dir(r))


def test_vars_with_an_argument() -> None:
    lo = Loose()
    lo.x = 1  # type: ignore[attr-defined]
    print(vars(lo), sorted(vars(sys)).count("path"))


def test_eval_and_exec_with_globals() -> None:
    print(evaluate("LIMIT * x"), run("result = [i * i for i in range(4)]"))


def test_without_arguments() -> None:
    print(no_args())


def test_globals_that_may_be_none() -> None:
    print(evaluate_in("LIMIT + 1"), evaluate_in("LIMIT", {"LIMIT": 7}), evaluate_in("expr", None))
