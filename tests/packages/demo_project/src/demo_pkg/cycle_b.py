"""The other half of the cycle: it reaches cycle_a while cycle_a is still importing."""

from . import cycle_a


def pong(n: int) -> list[str]:
    if n <= 0:
        return []
    return ["pong"] + cycle_a.ping(n - 1)


def read_a_limit() -> int:
    return cycle_a.LIMIT * 2
