"""A subinterpreter imports this module while the main interpreter has it (as
`test.support.run_in_subinterp` and test_ast's module-state test do), uses it,
and ends. When a subinterpreter ends, it sets the globals of every module in its
sys.modules to None: the main interpreter's module must not be one of them, so
its functions, classes and constants still work afterwards."""

import importlib
import sys

VALUE = 42
NAMES = ["a", "b"]


class Point:
    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y

    def norm1(self) -> int:
        return abs(self.x) + abs(self.y)


def greet(who: str) -> str:
    return f"hello {who} ({VALUE}, {len(NAMES)})"


def test_subinterpreter_import() -> None:
    # (After this module's import has completed: the harness runs the tests then.)
    run_in_subinterp = getattr(importlib.import_module("_testcapi"), "run_in_subinterp")
    print(greet("main"), Point(3, -4).norm1())
    name = __name__
    code = (
        "import sys\n"
        f"sys.path[:0] = {sys.path!r}\n"
        f"import {name} as m\n"
        "assert m.greet('sub') == 'hello sub (42, 2)', m.greet('sub')\n"
        "assert m.Point(1, 2).norm1() == 3\n"
    )
    for _ in range(2):
        print("subinterpreter:", run_in_subinterp(code))
    print(greet("main again"), Point(-1, 1).norm1(), VALUE, NAMES)
    print(sys.modules[name].greet("module"), sys.modules[name].VALUE)

