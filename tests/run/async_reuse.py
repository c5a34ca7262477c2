"""Generator and coroutine objects made one after another by the same function
(the compiled runtime reuses a finished object's memory): each new one starts
fresh — its state, names, weak references, exceptions being handled, the
arguments it holds — whatever the previous one did."""

import asyncio
import gc
import weakref
from typing import Any, Generator, Iterator


def count(n: int) -> Iterator[int]:
    for i in range(n):
        yield i


async def double(x: int) -> int:
    return x * 2


async def sleepy(x: int) -> int:
    await asyncio.sleep(0)
    return x + 1


async def boom(x: int) -> int:
    raise ValueError(x)


def handler() -> Generator[str, None, None]:
    try:
        raise KeyError("k")
    except KeyError as e:
        yield repr(e)
    yield "after"


class Box:
    def __init__(self, v: int) -> None:
        self.v = v

    def __del__(self) -> None:
        print("del box", self.v)


def holds(b: Box) -> Iterator[int]:
    yield b.v
    yield b.v + 1


def test_generators_one_after_another() -> None:
    out = []
    for n in range(5):
        g = count(n)
        out.append(list(g))
        out.append(list(g))
    print(out)
    a = count(2)
    b = count(3)
    print(next(a), next(b), list(a), list(b))


def test_finished_generator_then_new() -> None:
    g = count(3)
    print(list(g))
    name, qual = g.__name__, g.__qualname__  # type: ignore[attr-defined]
    del g
    h = count(2)
    print(name, qual, h.__name__, h.__qualname__, next(h), list(h))  # type: ignore[attr-defined]
    print(h.gi_running)  # type: ignore[attr-defined]


def test_weakref_to_finished() -> None:
    g = count(1)
    list(g)
    r = weakref.ref(g)
    print(r() is g)
    del g
    gc.collect()
    print(r())
    h = count(2)
    r2 = weakref.ref(h)
    print(r2() is h, r() is None, list(h))


def test_coroutines_in_a_loop() -> None:
    async def main() -> list[int]:
        out = []
        for i in range(6):
            out.append(await double(i))
            out.append(await sleepy(i))
            try:
                await boom(i)
            except ValueError as e:
                out.append(-int(str(e)))
        return out

    print(asyncio.run(main()))


def test_gather_reuse() -> None:
    async def main() -> list[int]:
        first = await asyncio.gather(*[double(i) for i in range(5)])
        second = await asyncio.gather(*[sleepy(i) for i in range(5)])
        return first + second

    print(asyncio.run(main()))


def test_handled_exception_does_not_leak() -> None:
    for _ in range(3):
        g = handler()
        print(next(g), next(g))
        print(list(g))
    import sys

    print(sys.exc_info())


def test_released_arguments() -> None:
    g = holds(Box(1))
    print(list(g))
    del g
    gc.collect()
    g2 = holds(Box(2))
    print(next(g2))
    g2.close()  # type: ignore[attr-defined]
    del g2
    gc.collect()
    g3 = holds(Box(3))
    print(list(g3))
    del g3
    print("end")


def test_unfinished_then_new() -> None:
    def gen() -> Iterator[int]:
        try:
            yield 1
            yield 2
        finally:
            print("finally")

    g = gen()
    print(next(g))
    del g
    gc.collect()
    h = gen()
    print(list(h))


def test_never_awaited_then_new() -> None:
    import warnings

    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        c = double(3)
        del c
        gc.collect()
    print([str(x.message) for x in w])
    print(asyncio.run(double(4)))


def test_cycle_collected_then_new() -> None:
    def selfref() -> Iterator[Any]:
        me = yield 0
        yield me

    g = selfref()
    next(g)
    g.send(g)  # type: ignore[attr-defined]
    r = weakref.ref(g)
    del g
    gc.collect()
    print(r() is None)
    h = selfref()
    print(next(h), h.send(5))  # type: ignore[attr-defined]


class Res:
    def __init__(self, name: str) -> None:
        self.name = name
        self.log: list[str] = []

    async def __aenter__(self) -> "Res":
        self.log.append("enter " + self.name)
        return self

    async def __aexit__(self, *exc: object) -> bool:
        self.log.append("exit %s %s" % (self.name, exc[0].__name__ if exc[0] else None))  # type: ignore[attr-defined]
        return self.name == "swallow"


class LoudRes(Res):
    async def __aenter__(self) -> "Res":
        self.log.append("loud enter")
        return self


class Ticker:
    def __init__(self, n: int) -> None:
        self.n = n
        self.i = 0

    def __aiter__(self) -> "Ticker":
        return self

    async def __anext__(self) -> int:
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i


class SlowTicker(Ticker):
    async def __anext__(self) -> int:
        await asyncio.sleep(0)
        return await super().__anext__()


def test_async_with_native_manager() -> None:
    async def main(r: Res) -> list[str]:
        async with r as x:
            x.log.append("body")
        async with r:
            for i in range(3):
                if i == 1:
                    break
        try:
            async with r:
                raise KeyError("k")
        except KeyError:
            r.log.append("caught")
        return r.log

    print(asyncio.run(main(Res("a"))))
    print(asyncio.run(main(LoudRes("b"))))
    print(asyncio.run(main(Res("swallow"))))


def test_async_with_return_inside() -> None:
    async def inner(r: Res) -> int:  # type: ignore[return]
        async with r:
            return len(r.log)

    async def main() -> list[str]:
        r = Res("r")
        n = await inner(r)
        r.log.append(str(n))
        return r.log

    print(asyncio.run(main()))


def test_async_with_untyped_manager() -> None:
    async def main(m: Any) -> Any:
        async with m as v:
            return v.log if hasattr(v, "log") else v

    print(asyncio.run(main(Res("u"))))

    class Py:
        async def __aenter__(self) -> int:
            return 7

        async def __aexit__(self, *a: object) -> None:
            print("py exit", a)

    print(asyncio.run(main(Py())))
    try:
        asyncio.run(main(3))
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)


def test_async_for_native_iterator() -> None:
    async def total(it: Any) -> list[int]:
        out = []
        async for v in it:
            out.append(v)
        return out

    print(asyncio.run(total(Ticker(4))))
    print(asyncio.run(total(SlowTicker(3))))

    class PyTicker(Ticker):
        async def __anext__(self) -> int:
            v = await super().__anext__()
            return v * 10

    print(asyncio.run(total(PyTicker(3))))


class GenBox:
    def __init__(self) -> None:
        self.k = 1

    def items(self, *a: int) -> Iterator[int]:
        for x in a:
            yield x + self.k


def test_generator_method_with_star_args() -> None:
    b = GenBox()
    for _ in range(3):
        print(list(b.items(1, 2, 3)), list(b.items()))
    g = b.items(5)
    del b
    print(list(g))



def ints_then_cycle(n: int, x: float) -> Iterator[Any]:
    me = yield n
    yield (me, x)


async def wait_on(n: int) -> int:
    fut: Any = asyncio.get_running_loop().create_future()
    holder.append(fut)
    return await fut + n


holder: list[Any] = []


def test_suspended_with_int_arguments_collected() -> None:
    g = ints_then_cycle(3, 1.5)
    r = weakref.ref(g)
    print(next(g), g.send(g)[1])  # type: ignore[attr-defined]
    del g
    gc.collect()
    print(r() is None)

    async def main() -> int:
        c = wait_on(4)
        t = asyncio.ensure_future(c)
        await asyncio.sleep(0)
        holder[-1].set_result(10)
        return await t

    print(asyncio.run(main()))
    holder.clear()


def test_not_started_ints_then_dropped() -> None:
    gens = [ints_then_cycle(i, 0.5) for i in range(5)]
    print([next(g) for g in gens[::2]])
    del gens
    print(gc.collect() >= 0)
