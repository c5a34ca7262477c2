"""Generators, coroutines and async generators in reference cycles are collected
by the garbage collector (an object that keeps its own suspended iterator, a
generator whose frame holds the object that holds it), with their `finally`
blocks run, as in the interpreter."""

import asyncio
import gc
import weakref
from typing import AsyncIterator, Generator, Iterator


class Node:
    pass


def collected(make: "object") -> bool:
    """Call make(), which returns a weak reference to the head of a cycle it built
    and dropped, then collect: is the cycle gone?"""
    r = make()  # type: ignore[operator]
    gc.collect()
    return r() is None  # type: ignore[no-any-return]


class Walker:
    def __init__(self) -> None:
        self.steps = 0
        self.it = self.walk()
        next(self.it)

    def walk(self) -> Iterator[int]:
        me = self
        while True:
            me.steps += 1
            yield me.steps


def test_object_holding_its_own_generator() -> None:
    def make() -> "weakref.ref[Walker]":
        w = Walker()
        next(w.it)
        return weakref.ref(w)

    print(collected(make))


def hold(n: Node, log: list[str]) -> Generator[int, None, None]:
    keep = n
    try:
        yield 1
        yield 2
    finally:
        log.append("finally ran, keep is a " + type(keep).__name__)


def test_generator_local_in_cycle_runs_finally() -> None:
    log: list[str] = []

    def make() -> "weakref.ref[Node]":
        n = Node()
        g = hold(n, log)
        next(g)
        n.g = g  # type: ignore[attr-defined]
        return weakref.ref(n)

    print(collected(make), log)


def in_handler(n: Node) -> Iterator[int]:
    try:
        raise ValueError("held")
    except ValueError as e:
        saved = e
        yield 1
        yield len(str(saved)) + id(n) % 1


def test_suspended_in_except_block() -> None:
    def make() -> "weakref.ref[Node]":
        n = Node()
        g = in_handler(n)
        next(g)
        n.g = g  # type: ignore[attr-defined]
        return weakref.ref(n)

    print(collected(make))


def test_generator_not_started_in_cycle() -> None:
    def make() -> "weakref.ref[Node]":
        n = Node()
        n.g = hold(n, [])  # type: ignore[attr-defined]
        return weakref.ref(n)

    print(collected(make))


def test_two_generators_through_objects() -> None:
    def make() -> "weakref.ref[Node]":
        a, b = Node(), Node()
        ga, gb = hold(b, []), hold(a, [])
        next(ga)
        next(gb)
        a.g = ga  # type: ignore[attr-defined]
        b.g = gb  # type: ignore[attr-defined]
        return weakref.ref(a)

    print(collected(make))


def test_generator_expression_over_its_owner() -> None:
    def make() -> "weakref.ref[Node]":
        n = Node()
        n.items = [n, n, n]  # type: ignore[attr-defined]
        n.gen = (x for x in n.items)  # type: ignore[attr-defined]
        next(n.gen)  # type: ignore[attr-defined]
        return weakref.ref(n)

    print(collected(make))


async def waiter(n: Node, fut: "asyncio.Future[int]") -> int:
    keep = n
    return await fut + (0 if keep is None else 1)


def test_suspended_coroutine_in_cycle() -> None:
    async def main() -> bool:
        loop = asyncio.get_running_loop()

        def make() -> "weakref.ref[Node]":
            n = Node()
            fut: asyncio.Future[int] = loop.create_future()
            coro = waiter(n, fut)
            coro.send(None)  # suspended at the await
            n.coro = coro  # type: ignore[attr-defined]
            return weakref.ref(n)

        return collected(make)

    print(asyncio.run(main()))


async def ticker(n: Node) -> AsyncIterator[int]:
    keep = n
    i = 0
    while True:
        yield i + (0 if keep is None else 1)
        i += 1


def test_async_generator_in_cycle() -> None:
    async def main() -> bool:
        def make() -> "weakref.ref[Node]":
            n = Node()
            agen = ticker(n)
            n.agen = agen  # type: ignore[attr-defined]
            return weakref.ref(n)

        return collected(make)

    print(asyncio.run(main()))


def test_live_generators_survive_collection() -> None:
    n = Node()
    g = hold(n, [])
    print(next(g))
    gc.collect()
    print(next(g), type(n).__name__)
    g.close()
