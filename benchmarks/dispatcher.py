"""An event dispatcher built from closures and decorators.

Handlers are registered for event kinds with a decorator (`@on("kind")`);
some are plain functions, some are closures made by factories that keep
running state in `nonlocal` cells, and some are wrapped by middleware
decorators (`functools.wraps`, `*args`/`**kwargs` forwarding) that count,
filter or transform events. EVENTS pseudo-random events (kind, payload) are
dispatched; each goes through the handler list of its kind, and a handler
may stop propagation by returning True.

The checksum mixes what the stateful handlers accumulated, the middleware
counters and the number of stopped events.

Measures calls of function objects held in lists and dicts (closures with
cells, decorator wrappers calling through `*args, **kwargs`), `nonlocal`
reads and writes, and keyword arguments.
"""

import functools
from typing import Any, Callable

EVENTS = 400000

Handler = Callable[..., bool]


class Dispatcher:
    def __init__(self) -> None:
        self.handlers: dict[str, list[Handler]] = {}
        self.stopped = 0

    def on(self, kind: str) -> Callable[[Handler], Handler]:
        def register(fn: Handler) -> Handler:
            self.handlers.setdefault(kind, []).append(fn)
            return fn

        return register

    def dispatch(self, kind: str, payload: int, *, source: str = "main") -> int:
        calls = 0
        for h in self.handlers.get(kind, []):
            calls += 1
            if h(payload, source=source):
                self.stopped += 1
                break
        return calls


def counted(counter: list[int]) -> Callable[[Handler], Handler]:
    def deco(fn: Handler) -> Handler:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> bool:
            counter[0] += 1
            return fn(*args, **kwargs)

        return wrapper

    return deco


def only_if(pred: Callable[[int], bool]) -> Callable[[Handler], Handler]:
    def deco(fn: Handler) -> Handler:
        @functools.wraps(fn)
        def wrapper(payload: int, **kwargs: Any) -> bool:
            if not pred(payload):
                return False
            return fn(payload, **kwargs)

        return wrapper

    return deco


def divisible_by(m: int) -> Callable[[int], bool]:
    return lambda p: p % m == 0


def accumulator(scale: int) -> tuple[Handler, Callable[[], int]]:
    total = 0
    seen = 0

    def handle(payload: int, source: str = "") -> bool:
        nonlocal total, seen
        seen += 1
        total = (total + payload * scale + len(source)) % 1000000007
        return False

    def result() -> int:
        return total * 1000 + seen % 1000

    return handle, result


def threshold_stop(limit: int) -> Handler:
    hits = 0

    def handle(payload: int, source: str = "") -> bool:
        nonlocal hits
        if payload > limit:
            hits += 1
            return hits % 3 == 0
        return False

    return handle


def build() -> tuple[Dispatcher, list[Callable[[], int]], list[int]]:
    d = Dispatcher()
    results: list[Callable[[], int]] = []
    counter = [0]
    for i, kind in enumerate(["click", "key", "scroll", "tick"]):
        h, r = accumulator(i + 2)
        d.on(kind)(counted(counter)(h))
        results.append(r)
        d.on(kind)(threshold_stop(900 - i * 100))
        h2, r2 = accumulator(7 * i + 1)
        d.on(kind)(only_if(divisible_by(i + 2))(h2))
        results.append(r2)

    @d.on("key")
    @counted(counter)
    def log_key(payload: int, source: str = "") -> bool:
        return payload == 0

    @d.on("tick")
    def tick(payload: int, source: str = "") -> bool:
        return False

    return d, results, counter


def bench() -> int:
    d, results, counter = build()
    kinds = ["click", "key", "scroll", "tick", "idle"]
    state = 99
    calls = 0
    for i in range(EVENTS):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        kind = kinds[(state >> 7) % 5]
        payload = (state >> 11) % 1000
        if i % 4 == 0:
            calls += d.dispatch(kind, payload, source="timer")
        else:
            calls += d.dispatch(kind, payload)
    checksum = calls
    for r in results:
        checksum = (checksum * 1000003 + r()) & 0xFFFFFFFFFFFF
    return (checksum * 31 + counter[0]) * 1000 + d.stopped % 1000


if __name__ == "__main__":
    print(bench())
