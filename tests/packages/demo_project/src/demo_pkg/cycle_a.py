"""Half of an import cycle: cycle_a imports cycle_b, which imports cycle_a back."""

from . import cycle_b

LIMIT: int = 10


def ping(n: int) -> list[str]:
    if n <= 0:
        return []
    return ["ping"] + cycle_b.pong(n - 1)


def limit_seen_by_b() -> int:
    return cycle_b.read_a_limit()
