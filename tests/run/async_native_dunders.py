"""`async with` and `async for` on instances of native classes whose `__aenter__`,
`__aexit__` and `__anext__` are compiled coroutine methods (called directly when the
type is exactly that class), and on everything else: Python subclasses, other
classes, plain objects, values without the protocol; exceptions through every exit
of the `async with` body (break, continue, return, raise, `__aexit__` raising or
swallowing)."""

import asyncio
from typing import Any


class Gate:
    def __init__(self, name: str) -> None:
        self.name = name
        self.log: list[str] = []
        self.held = 0

    async def __aenter__(self) -> "Gate":
        self.held += 1
        self.log.append("enter %s %d" % (self.name, self.held))
        return self

    async def __aexit__(self, *exc: object) -> bool:
        self.held -= 1
        self.log.append("exit %s %s" % (self.name, exc[0].__name__ if exc[0] else None))  # type: ignore[attr-defined]
        if exc[0] is ZeroDivisionError:
            raise RuntimeError("from aexit")
        return self.name == "swallow"


class Steps:
    def __init__(self, n: int) -> None:
        self.n = n
        self.i = 0

    def __aiter__(self) -> "Steps":
        return self

    async def __anext__(self) -> int:
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        if self.i == 99:
            raise ValueError("step 99")
        return self.i


async def gate_main(g: Gate) -> list[str]:
    async with g as x:
        x.log.append("body")
    for i in range(3):
        async with g:
            if i == 1:
                break
            continue
    try:
        async with g:
            raise KeyError("k")
    except KeyError:
        g.log.append("caught")
    try:
        async with g:
            g.log.append(str(1 // 0))
    except RuntimeError as e:
        g.log.append("aexit raised %s, context %s" % (e, type(e.__context__).__name__))
    async with g, g as y:
        y.log.append("nested %d" % y.held)
    return g.log


async def gate_return(g: Gate) -> int:  # type: ignore[return]
    async with g:
        return g.held


async def gate_any(m: Any) -> Any:
    async with m as v:
        return getattr(v, "log", v)


async def steps_total(it: Any) -> list[int]:
    out = []
    async for v in it:
        out.append(v)
    else:
        out.append(-1)
    return out


async def steps_typed(n: int) -> int:
    t = 0
    async for v in Steps(n):
        t += v
    return t


def test_async_with_exact_native_manager() -> None:
    print(asyncio.run(gate_main(Gate("a"))))
    print(asyncio.run(gate_main(Gate("swallow"))))
    g = Gate("r")
    print(asyncio.run(gate_return(g)), g.held, g.log)
    print(asyncio.run(gate_any(Gate("any"))))


def test_async_with_python_subclass_and_others() -> None:
    class Sub(Gate):
        async def __aenter__(self) -> "Gate":
            self.log.append("sub enter")
            return self

    print(asyncio.run(gate_main(Sub("s"))))

    class Other:
        async def __aenter__(self) -> int:
            return 7

        async def __aexit__(self, *a: object) -> None:
            print("other exit", a)

    print(asyncio.run(gate_any(Other())))
    for bad in (3, None):
        try:
            asyncio.run(gate_any(bad))
        except (TypeError, AttributeError) as e:
            print(type(e).__name__, e)


def test_async_for_exact_native_iterator() -> None:
    print(asyncio.run(steps_total(Steps(4))))
    print(asyncio.run(steps_typed(5)))
    s = Steps(100)
    s.i = 97
    try:
        asyncio.run(steps_total(s))
    except ValueError as e:
        print("ValueError", e, s.i)

    class Tens(Steps):
        async def __anext__(self) -> int:
            v = await Steps.__anext__(self)
            return v * 10

    print(asyncio.run(steps_total(Tens(3))))

    class Plain:
        def __init__(self) -> None:
            self.k = 0

        def __aiter__(self) -> "Plain":
            return self

        def __anext__(self) -> Any:
            self.k += 1
            if self.k > 2:
                raise StopAsyncIteration
            return asyncio.sleep(0, self.k)

    print(asyncio.run(steps_total(Plain())))


async def big(n: int) -> int:
    return 2**n + n


async def half(x: float) -> float:
    await asyncio.sleep(0)
    return x / 2


async def flag(n: int) -> bool:
    return n % 2 == 0


async def typed_awaits(n: int) -> list[object]:
    out: list[object] = []
    for i in range(n):
        v = await big(i * 20)
        h = await half(i)
        f = await flag(i)
        out.append(v * 3 + 1)
        out.append(h + 0.25)
        out.append(f and i > 1)
    return out


class Floats:
    def __init__(self, n: int) -> None:
        self.n = n

    def __aiter__(self) -> "FloatIter":
        return FloatIter(self.n)


class FloatIter:
    def __init__(self, n: int) -> None:
        self.i = 0
        self.n = n

    def __aiter__(self) -> "FloatIter":
        return self

    async def __anext__(self) -> float:
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i * 1.5


async def typed_async_for(n: int) -> tuple[int, float]:
    total = 0
    for_big = 0
    async for x in Steps(n):
        total += x * 1000000007
        for_big = x
    fsum = 0.0
    async for y in Floats(n):
        fsum += y
    return total + for_big, fsum


def test_typed_awaits_and_async_for() -> None:
    print(asyncio.run(typed_awaits(6)))
    print(asyncio.run(typed_async_for(5)))
    print(asyncio.run(typed_async_for(0)))
