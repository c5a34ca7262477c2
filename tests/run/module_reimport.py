"""A module imported again after its sys.modules entry was removed, as
test.support.import_fresh_module and some plugin loaders do. Whatever the import
gives back, the functions of each module object go on using that module: its
globals, its classes and its exceptions. (Interpreted, the second import runs the
body again in a new module; a compiled module gives back the one it has, see
docs/differences.md. Nothing printed here depends on which.)"""

import importlib
import sys
from types import ModuleType

COUNTER = 1


class Oops(ValueError):
    pass


class Point:
    def __init__(self, x: int) -> None:
        self.x = x

    def doubled(self) -> "Point":
        return Point(self.x * 2)


def read_counter() -> int:
    return COUNTER


def bump() -> None:
    global COUNTER
    COUNTER += 1


def get_x(p: Point) -> int:
    return p.x


def fail(msg: str) -> None:
    raise Oops(msg)


def import_again() -> tuple[ModuleType, ModuleType]:
    me = sys.modules[__name__]
    del sys.modules[__name__]
    try:
        again = importlib.import_module(__name__)
    finally:
        sys.modules[__name__] = me
    return me, again


def test_globals_stay_with_their_module() -> None:
    me, again = import_again()
    for mod in (me, again):
        mod.COUNTER = 40  # type: ignore[attr-defined]
        mod.bump()
        print(mod.COUNTER, mod.read_counter())
    me.COUNTER = 7  # type: ignore[attr-defined]
    print(me.read_counter())


def test_exceptions_are_the_modules_own() -> None:
    me, again = import_again()
    for mod in (me, again):
        try:
            mod.fail("boom")
        except mod.Oops as e:
            print("caught own", type(e).__name__, e)


def test_instances_cross_modules() -> None:
    me, again = import_again()
    p = me.Point(3)
    q = again.Point(5)
    print(me.get_x(p), again.get_x(p), me.get_x(q), again.get_x(q))
    print(isinstance(p, me.Point), isinstance(q, again.Point))
    print(get_x(p.doubled()), get_x(q.doubled()))
    print(type(p.doubled()) is type(p), type(q.doubled()) is type(q))


def test_in_a_loop() -> None:
    results: list[int] = []
    for _ in range(3):
        me, again = import_again()
        results.append(again.get_x(me.Point(len(results))))
    print(results)


def test_same_file_under_another_name() -> None:
    # (Last here: in a compiled module the new module's globals are the ones its
    # compiled code uses from then on, see docs/differences.md.)
    import importlib.util

    me = sys.modules[__name__]
    origin = me.__spec__.origin if me.__spec__ is not None else None
    assert origin is not None
    spec = importlib.util.spec_from_file_location("alias_pkg." + __name__, origin)
    assert spec is not None and spec.loader is not None
    alias = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(alias)
    print(alias is me, alias.__name__, alias.read_counter())
    alias.COUNTER = 3  # type: ignore[attr-defined]
    print(alias.read_counter(), alias.get_x(alias.Point(4)))
    print(me.__spec__ is not None and me.__spec__.name == me.__name__ == "module_reimport")
