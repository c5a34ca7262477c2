"""Functions the other modules call: ints, floats, strs, defaults, keywords."""

from typing import Optional

SCALE = 3
DEFAULT_STEP = SCALE * 2


def add(a: int, b: int) -> int:
    return a + b


def mix(x: float, y: float = 0.5) -> float:
    return x * y + 1.0


def greet(name: str, punct: str = "!", *, times: int = 1) -> str:
    return ("hello " + name + punct) * times


def step(x: int, k: int = DEFAULT_STEP) -> int:
    # (A default computed when the def ran: a caller omitting it calls the
    # function object.)
    return x + k


def clamp(x: int, lo: int = -5, hi: int = 10**20, /) -> int:
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


def is_even(n: int) -> bool:
    return n % 2 == 0


def total(xs: list[int]) -> int:
    s = 0
    for x in xs:
        s += x
    return s


def counts(words: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for w in words:
        out[w] = out.get(w, 0) + 1
    return out


def maybe(n: int) -> Optional[str]:
    if n > 0:
        return "pos"
    return None


def log(msg: str) -> None:
    print("log:", msg)


def div(a: int, b: int) -> int:
    return a // b


def triple(x: int) -> int:
    return 3 * x


def big(x: int) -> int:
    return x * 2**70


def rebound(x: int) -> int:
    return x + 1


def _other(x: int) -> int:
    return x + 100


# Rebound by the module itself: not early-bound, callers find whatever it is.
rebound = _other


def checked(x: int, y: float, flag: bool, s: str) -> str:
    return f"{x} {y} {flag} {s}"
