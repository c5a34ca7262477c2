"""asyncio gathering many small coroutines.

ROUNDS times, TASKS small coroutines are created and run together with
`asyncio.gather`; each computes a short digit-sum loop, awaits a helper
coroutine (no suspension), and every eighth one also awaits
`asyncio.sleep(0)` so the event loop really interleaves them. A second part
drives an `async for` over an async iterator class and an `async with`
resource in a loop.

The checksum mixes the gathered results.

Measures coroutine creation and completion, `await` of compiled coroutines,
and the cost of the event loop around them (which is CPython's in both
cases: its share caps the speedup).
"""

import asyncio

TASKS = 100000
ROUNDS = 1


async def digit_sum(n: int) -> int:
    s = 0
    while n:
        s += n % 10
        n //= 10
    return s


async def job(i: int) -> int:
    v = await digit_sum(i * 7919)
    if i % 8 == 0:
        await asyncio.sleep(0)
    return v * (i % 13) + 1


class Counter:
    def __init__(self, n: int) -> None:
        self.n = n
        self.i = 0

    def __aiter__(self) -> "Counter":
        return self

    async def __anext__(self) -> int:
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i


class Lock:
    def __init__(self) -> None:
        self.held = 0

    async def __aenter__(self) -> "Lock":
        self.held += 1
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.held -= 1


async def streaming(n: int) -> int:
    lock = Lock()
    total = 0
    async for x in Counter(n):
        async with lock:
            total += x * lock.held
    return total


async def main() -> int:
    checksum = 0
    for r in range(ROUNDS):
        results = await asyncio.gather(*[job(i + r) for i in range(TASKS)])
        for v in results:
            checksum = (checksum * 31 + v) & 0xFFFFFFFFFFFF
    checksum = (checksum * 1000003 + await streaming(TASKS)) & 0xFFFFFFFFFFFF
    return checksum


def bench() -> int:
    return asyncio.run(main())


if __name__ == "__main__":
    print(bench())
