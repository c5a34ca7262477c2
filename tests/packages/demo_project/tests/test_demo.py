"""The package's own tests: the same file runs against the sources and the compiled
build (pytest, or `python tests/test_demo.py` without pytest)."""

import importlib
import math
import os
import pickle
import sys
import sysconfig

import demo_pkg
from demo_pkg import core, cycle_a, cycle_b, plugins
from demo_pkg.shapes import Circle, Square, total_area
from demo_pkg.shapes.square import unit_circle
from demo_pkg.util import initials, shout
from demo_pkg.util.text import fib_words


def test_core() -> None:
    assert [core.fib(i) for i in range(10)] == [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]
    assert core.fib(100) == 354224848179261915075
    assert core.primes_below(30) == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    assert demo_pkg.describe() == "demo_pkg 0.3.1: fib(20) = 6765"


def test_module_names() -> None:
    assert core.where() == ("demo_pkg.core", "demo_pkg", "demo_pkg.core")
    assert core.fib.__module__ == "demo_pkg.core"
    assert Circle.__module__ == "demo_pkg.shapes.circle"
    assert demo_pkg.__path__
    assert importlib.import_module("demo_pkg.util.text").shout("a") == "A!"


def test_relative_imports() -> None:
    assert shout("hi") == "HI!"
    assert initials("Ada  Lovelace") == "AL"
    assert fib_words(6) == "0 1 1 2 3 5 (8)"
    assert Square(2.0).label() == "SQUARE 2.0!"
    assert isinstance(unit_circle(), Circle)


def test_import_cycle() -> None:
    assert cycle_a.ping(4) == ["ping", "pong", "ping", "pong"]
    assert cycle_b.pong(1) == ["pong"]
    assert cycle_a.limit_seen_by_b() == 20


def test_classes() -> None:
    shapes: list[Circle | Square] = [Circle(1.0), Square(3.0)]
    assert math.isclose(total_area(shapes), math.pi + 9.0)
    assert repr(Circle(2.5)) == "Circle(2.5)"
    assert pickle.loads(pickle.dumps(Square(4.0))).area() == 16.0


def test_interpreted_plugin() -> None:
    assert plugins.fib_banner(10) == "FIB(10) = 55!"
    assert plugins.__file__ is not None and plugins.__file__.endswith(".py")


def test_under_oxyc_test_the_build_is_compiled() -> None:
    build = os.environ.get("OXYC_TEST_BUILD")
    if build is None:
        return  # run against the sources, or an installed build
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    for module in (demo_pkg, core, cycle_a, importlib.import_module("demo_pkg.util.text")):
        assert module.__file__ is not None
        assert module.__file__.startswith(build) and module.__file__.endswith(suffix), module.__file__
    assert plugins.__file__ == os.path.join(build, "demo_pkg", "plugins.py")


def test_type_checks_at_the_boundary() -> None:
    try:
        core.fib("3")  # type: ignore[arg-type]
    except TypeError:
        pass
    else:
        # Interpreted, `range("3")` raises TypeError too; either way it must raise.
        raise AssertionError("no TypeError")


if __name__ == "__main__":
    failed = 0
    for name, fn in sorted(vars(sys.modules[__name__]).items()):
        if name.startswith("test_") and callable(fn):
            try:
                fn()
                print(f"{name} passed")
            except Exception as e:  # noqa: BLE001 - report every failure
                failed += 1
                print(f"{name} FAILED: {e!r}")
    print("failed" if failed else "all passed")
    sys.exit(1 if failed else 0)
