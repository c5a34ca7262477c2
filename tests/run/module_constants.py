"""Module constants (names bound once to a literal) used from compiled functions."""

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
