"""When compiled code releases objects (a field overwritten, a local rebound, a
temporary dead, a list item's reference dropped), the finalizer runs at that
moment, as in the interpreter: the order of the lines printed by __del__ and by
the code around it."""

from typing import Optional

log: list[str] = []


class Noisy:
    def __init__(self, name: str) -> None:
        self.name = name

    def __del__(self) -> None:
        log.append("del " + self.name)


class Slot:
    def __init__(self) -> None:
        self.item: Optional[Noisy] = None


def overwrite(s: Slot, names: list[str]) -> None:
    for n in names:
        log.append("store " + n)
        s.item = Noisy(n)  # the old one dies here
    log.append("clear")
    s.item = None


def rebind_local(names: list[str]) -> None:
    cur = Noisy("first")
    for n in names:
        log.append("rebind " + n)
        cur = Noisy(n)
    log.append("end " + cur.name)


def temporaries(n: int) -> int:
    total = 0
    for i in range(n):
        total += len(Noisy("t" + str(i)).name)  # dies right after its use
        log.append("after t" + str(i))
    return total


def test_overwritten_fields() -> None:
    log.clear()
    overwrite(Slot(), ["a", "b", "c"])
    print(log)


def test_rebound_locals() -> None:
    log.clear()
    rebind_local(["x", "y"])
    print(log)


def test_temporaries() -> None:
    log.clear()
    print(temporaries(3), log)


def test_list_items() -> None:
    log.clear()
    items = [Noisy("l0"), Noisy("l1")]
    for it in items:
        log.append("see " + it.name)
    items.pop()
    log.append("popped")
    items = []
    log.append("emptied")
    print(log, items)
