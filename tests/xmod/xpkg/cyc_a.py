"""One half of an import cycle: cyc_a and cyc_b call each other."""

from xpkg import cyc_b


def ping(n: int) -> int:
    if n <= 0:
        return 0
    return 1 + cyc_b.pong(n - 1)


def depth_a(n: int) -> int:
    return cyc_b.depth_b(n + 1)


# Called while cyc_b is only partly initialised (when cyc_b is imported first).
try:
    EARLY = cyc_b.pong(0)
except AttributeError as e:
    EARLY = -1
