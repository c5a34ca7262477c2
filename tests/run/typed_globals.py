"""Module variables bound once by an annotated assignment (`WORDS: list[str] = ...`)
are read by compiled code with their annotated type: lists indexed directly, str
methods called directly. They still behave as module globals: mutation is seen,
rebinding from outside with a value of the same type is seen, reading before the
assignment raises NameError."""

import sys
from typing import Any

WORDS: list[str] = ["alpha", "beta", "gamma"]
TABLE: dict[str, int] = {w: len(w) for w in WORDS}
PAIR: tuple[int, str] = (3, "three")
SEPARATOR: str = "-".join(["", ""])
BLOB: bytes = bytes(range(5))
LIMIT: int = len(WORDS) * 2  # not a container: read as any object
SEEN: set[int] = set()
NOTHING_YET: dict[str, int] = None  # type: ignore[assignment]


def early() -> int:
    return len(LATE)


try:
    early()
except NameError as e:
    print("NameError", e)

LATE: list[int] = [1, 2, 3]


def pick(i: int) -> str:
    return WORDS[i % len(WORDS)]


def describe() -> list[object]:
    return [
        pick(4),
        TABLE.get("beta", -1),
        PAIR[1],
        SEPARATOR or "empty",
        BLOB[2],
        LIMIT + 1,
        len(LATE),
        sorted(SEEN),
        NOTHING_YET is None,
    ]


def mutate() -> None:
    WORDS.append("delta")
    TABLE["delta"] = 5
    SEEN.add(len(WORDS))
    LATE.pop()


def test_reads() -> None:
    print(describe())


def test_mutation() -> None:
    mutate()
    print(describe())


def test_rebinding_same_type() -> None:
    module: Any = sys.modules[__name__]
    old = module.WORDS
    module.WORDS = ["x", "y"]
    print(pick(3), describe()[0])
    module.WORDS = old
    print(pick(0))


def test_deleted() -> None:
    module: Any = sys.modules[__name__]
    old = module.TABLE
    del module.TABLE
    try:
        print(describe())
    except NameError as e:
        print("NameError", e)
    finally:
        module.TABLE = old
    print(describe()[1])
