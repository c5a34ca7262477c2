"""The other half of the import cycle."""

import xpkg.cyc_a


def pong(n: int) -> int:
    if n <= 0:
        return 100
    return 2 + xpkg.cyc_a.ping(n - 1)


def depth_b(n: int) -> int:
    return xpkg.cyc_a.depth_a(n + 1)
