"""Asynchronous generator expressions: `async for` clauses and `await` in the
element or conditions make a generator expression an async generator (lazy, its
first iterable's `__aiter__` taken where it stands), in async and plain functions,
nested in comprehensions and other generator expressions, driven by asyncio and by
hand (`__anext__`, `asend`, `athrow`, `aclose`)."""

import asyncio
import collections.abc
from typing import Any, AsyncIterator, Awaitable


async def agen(n: int, log: list[str] | None = None) -> AsyncIterator[int]:
    for i in range(n):
        await asyncio.sleep(0)
        if log is not None:
            log.append(f"produce {i}")
        yield i


async def double(x: int) -> int:
    await asyncio.sleep(0)
    return 2 * x


async def is_even(x: int) -> bool:
    await asyncio.sleep(0)
    return x % 2 == 0


def run(aw: Awaitable[Any]) -> Any:
    async def main() -> Any:
        return await aw

    return asyncio.run(main())


async def collect(ag: Any) -> list[Any]:
    return [x async for x in ag]


def test_async_for_clause() -> None:
    async def main() -> list[int]:
        g = (x * 10 async for x in agen(5) if x != 2)
        return await collect(g)

    print(run(main()))


def test_await_in_element() -> None:
    async def main() -> list[int]:
        return await collect(await double(x) for x in range(4))

    print(run(main()))


def test_await_in_condition() -> None:
    async def main() -> list[int]:
        return await collect(x for x in range(7) if await is_even(x))

    print(run(main()))


def test_object_kind_and_names() -> None:
    async def main() -> None:
        g = (x async for x in agen(1))
        print(type(g).__name__, getattr(g, "__name__"), getattr(g, "__qualname__"))
        print(isinstance(g, collections.abc.AsyncGenerator))
        print(isinstance(g, collections.abc.Generator))
        h = (await double(x) for x in [1])
        print(type(h).__name__)
        plain = (x for x in [1])
        print(type(plain).__name__ == "async_generator")
        # Nested in a generator expression: no `<locals>` in between.
        outer = ((y async for y in agen(x)) for x in range(1))
        inner = next(outer)
        print(type(inner).__name__, getattr(inner, "__qualname__"))
        await inner.aclose()
        await g.aclose()
        await h.aclose()

    run(main())


def test_lazy() -> None:
    log: list[str] = []

    class Source:
        def __aiter__(self) -> AsyncIterator[int]:
            log.append("__aiter__")
            return agen(3, log)

    async def main() -> None:
        g = (x + 100 async for x in Source())
        log.append("created")
        await asyncio.sleep(0)
        log.append("first: " + str(await g.__anext__()))
        log.append("second: " + str(await g.__anext__()))
        await g.aclose()
        log.append("closed")

    run(main())
    print(log)


def test_aiter_error_at_creation() -> None:
    items: Any = [1, 2]
    try:
        (x async for x in items)
    except TypeError as e:
        print("TypeError:", e)
    try:
        (x async for x in 5)  # type: ignore[attr-defined]
    except TypeError as e:
        print("TypeError:", e)


def test_several_clauses() -> None:
    async def main() -> None:
        print(await collect((a, b) async for a in agen(2) async for b in agen(3) if a != b))
        print(await collect((a, b) async for a in agen(2) for b in "xy"))
        print(await collect((a, b) for a in "pq" async for b in agen(2)))
        print(await collect(a * b for a in range(3) for b in range(3) if await is_even(a + b)))

    run(main())


def make_in_plain_function(n: int) -> Any:
    # No `async def` needed: the generator expression itself is asynchronous.
    return (await double(x) for x in range(n))  # type: ignore[await-not-async]


def make_async_for_in_plain_function(ag: Any) -> Any:
    return (x + 1 async for x in ag)


def test_made_in_plain_function() -> None:
    print(run(collect(make_in_plain_function(3))))
    print(run(collect(make_async_for_in_plain_function(agen(3)))))


def test_captured_variables() -> None:
    async def main() -> list[int]:
        base = 5
        step = 2
        g = (base + x * step async for x in agen(4))
        base = 1000  # late binding, as in any generator expression
        return await collect(g)

    print(run(main()))


def test_exception_from_element() -> None:
    async def boom(x: int) -> int:
        await asyncio.sleep(0)
        if x == 2:
            raise ValueError(f"bad {x}")
        return x

    async def main() -> None:
        g = (await boom(x) for x in range(5))
        got = []
        try:
            async for v in g:
                got.append(v)
        except ValueError as e:
            print("caught", e, got)
        try:
            await g.__anext__()
        except StopAsyncIteration:
            print("finished after the error")

    run(main())


def test_exhausted() -> None:
    async def main() -> None:
        g = (x async for x in agen(1))
        print(await g.__anext__())
        for _ in range(2):
            try:
                await g.__anext__()
            except StopAsyncIteration:
                print("StopAsyncIteration")

    run(main())


def test_aclose_early() -> None:
    async def main() -> None:
        g = (x * x async for x in agen(10))
        async for v in g:
            if v > 4:
                break
        print("broke at", v)
        await g.aclose()
        try:
            await g.__anext__()
        except StopAsyncIteration:
            print("closed for good")

    run(main())


def test_asend_and_athrow() -> None:
    async def main() -> None:
        g = (x async for x in agen(5))
        print(await g.asend(None))
        print(await g.asend("ignored"))  # type: ignore[arg-type]
        try:
            await g.athrow(KeyError("thrown"))
        except KeyError as e:
            print("athrow raised", repr(e))
        try:
            await g.asend(None)
        except StopAsyncIteration:
            print("done after athrow")

    run(main())


def test_nested_in_comprehensions() -> None:
    async def main() -> None:
        # An async list comprehension inside makes the generator expression async.
        g = ([y async for y in agen(x)] for x in range(4))
        print(type(g).__name__, await collect(g))
        # A generator expression whose elements are async generator expressions is
        # a plain generator.
        outer = ((y * x async for y in agen(x)) for x in range(1, 4))
        print(type(outer).__name__)
        print([await collect(inner) for inner in outer])
        print({k: v async for k, v in ((i, await double(i)) for i in range(3))})

    run(main())


def test_builtins_reject_async_generators() -> None:
    async def main() -> None:
        consumers: list[Any] = [sum, list, all, min]
        for consume in consumers:
            g = (await double(x) for x in range(3))
            try:
                consume(g)
            except TypeError as e:
                print(consume.__name__, "TypeError:", e)
            await g.aclose()

    run(main())


def offset(k: int) -> Any:
    return (x + k async for x in agen(3))


def test_gather_over_async_genexps() -> None:
    async def main() -> list[list[int]]:
        gens = [offset(k) for k in (0, 10, 20)]
        return list(await asyncio.gather(*(collect(g) for g in gens)))

    print(run(main()))


class Pipeline:
    def __init__(self, factor: int) -> None:
        self.factor = factor

    async def scaled(self, n: int) -> list[int]:
        return await collect(x * self.factor async for x in agen(n))

    def stage(self, source: Any) -> Any:
        return (await double(x) + self.factor async for x in source)  # type: ignore[await-not-async]


def test_methods() -> None:
    p = Pipeline(3)
    print(run(p.scaled(4)))
    print(run(collect(p.stage(p.stage(agen(3))))))


MAKE_AT_MODULE_LEVEL = lambda n: (await double(x) for x in range(n))  # type: ignore[await-not-async]  # noqa: E731


def test_module_level_lambda() -> None:
    print(run(collect(MAKE_AT_MODULE_LEVEL(4))))


def test_tuple_unpacking_targets() -> None:
    async def pairs() -> AsyncIterator[tuple[int, str]]:
        for p in [(1, "a"), (2, "b"), (3, "c")]:
            await asyncio.sleep(0)
            yield p

    async def main() -> list[str]:
        return await collect(f"{s}{n}" async for n, s in pairs() if n != 2)

    print(run(main()))


async def items() -> list[int]:
    await asyncio.sleep(0)
    return [1, 2, 3]


def test_first_iterable_awaited_outside() -> None:
    async def main() -> None:
        # The first iterable is evaluated in the coroutine: a plain generator.
        g = (x * 3 for x in await items())
        print(type(g).__name__, list(g), sum(x for x in await items()))
        # An await in a later iterable runs in the generator expression: async.
        h = (x + y for x in range(2) for y in await items())
        print(type(h).__name__, await collect(h))

    run(main())


MODULE_GEN: Any = (await double(x) for x in range(3))  # type: ignore[top-level-await]
MODULE_CHAIN: Any = (y + 1 async for y in MODULE_GEN)


def test_module_level() -> None:
    print(type(MODULE_CHAIN).__name__, getattr(MODULE_CHAIN, "__qualname__"))
    print(run(collect(MODULE_CHAIN)))
