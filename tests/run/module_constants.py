"""Module constants (names bound once to a literal) used from compiled functions."""

import sys

LIMIT = 10
SCALE: float = 2.5
NAME = "oxyc"
DEBUG = False
NEG = -3
counter = 0


def scaled(n: int) -> float:
    return n * SCALE


def below_limit(xs: list[int]) -> list[int]:
    return [x for x in xs if x < LIMIT]


def greet() -> str:
    return "hello " + NAME if not DEBUG else "debug"


def bump() -> int:
    global counter
    counter += 1
    return counter


def loop_to_limit() -> int:
    t = 0
    for i in range(LIMIT):
        t += i * NEG
    return t


def test_constants() -> None:
    print(scaled(4), below_limit([3, 10, 12, -1]), greet(), loop_to_limit())
    print(LIMIT + NEG, NAME * 2, type(LIMIT).__name__, type(SCALE).__name__)


def test_a_rebound_global_is_not_a_constant() -> None:
    print(bump(), bump(), counter)


STEP_A = 7
STEP_B = -3
BIG_C = 10**30


def steps_sum(n: int) -> int:
    t = 0
    for i in range(n):
        t += STEP_A + STEP_B
    return t


def test_constants_rebound_from_outside_seen_at_once() -> None:
    mod = sys.modules[__name__]
    print(steps_sum(3))
    setattr(mod, "STEP_A", 100)
    print(steps_sum(3))
    setattr(mod, "STEP_B", 10**20)
    print(steps_sum(2))
    setattr(mod, "STEP_B", -3)
    setattr(mod, "STEP_A", 7)
    print(steps_sum(3))
    # An unrelated global changing often must not disturb the constants.
    for i in range(200):
        setattr(mod, "SCRATCH", i)
        assert steps_sum(1) == 4
    setattr(mod, "STEP_A", 8)
    print(steps_sum(1), BIG_C + STEP_A)
    setattr(mod, "STEP_A", 7)
    delattr(mod, "STEP_A")
    try:
        steps_sum(1)
    except NameError as e:
        print("NameError", e)
    setattr(mod, "STEP_A", 7)
    print(steps_sum(1))


def module_doc() -> str:
    doc = __doc__
    assert doc is not None
    return doc


def test_module_docstring() -> None:
    # The docstring is the module's __doc__ (argparse descriptions, pydoc).
    print(module_doc())
    assert sys.modules[__name__].__doc__ == module_doc()
    assert module_doc().startswith("Module constants")


def current_doc() -> object:
    return __doc__


DOC_AT_IMPORT = current_doc()
# A name the module has before its code runs: rebinding it here does not make it a
# constant that earlier reads would have to match.
__doc__ = "Module constants, with the docstring rebound at the end of the module."


def test_docstring_rebound() -> None:
    print(DOC_AT_IMPORT)
    print(current_doc())
    assert DOC_AT_IMPORT != current_doc()
