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
    name, qual = g.__name__, g.__qualname__
    del g
    h = count(2)
    print(name, qual, h.__name__, h.__qualname__, next(h), list(h))
    print(h.gi_running)


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
    g2.close()
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
    g.send(g)
    r = weakref.ref(g)
    del g
    gc.collect()
    print(r() is None)
    h = selfref()
    print(next(h), h.send(5))
