"""Coroutines: async def, await, async for, async with, with asyncio (run, gather,
tasks, cancellation, timeouts, queues), the coroutine protocol driven by hand, and
generators that yield inside except and finally blocks."""

import asyncio
import inspect
from typing import Any, AsyncGenerator, AsyncIterator, Awaitable, Callable, Generator, Iterator


async def add(a: int, b: int) -> int:
    await asyncio.sleep(0)
    return a + b


async def no_await(x: int) -> int:
    return x * 2


async def fail(msg: str) -> None:
    await asyncio.sleep(0)
    raise ValueError(msg)


def run(coro: Awaitable[Any]) -> Any:
    async def main() -> Any:
        return await coro

    return asyncio.run(main())


def test_await_result() -> None:
    assert run(add(2, 3)) == 5
    assert run(no_await(4)) == 8
    print(run(add(1, 2)), run(no_await(21)))


def test_await_chain() -> None:
    async def outer(n: int) -> int:
        total = 0
        for i in range(n):
            total += await add(i, 1)
        return total

    print(run(outer(5)))


def test_exception_through_await() -> None:
    async def catcher() -> str:
        try:
            await fail("boom")
        except ValueError as e:
            return f"caught {e}"
        return "no"

    print(run(catcher()))


def test_exception_escapes_run() -> None:
    try:
        run(fail("out"))
    except ValueError as e:
        print("ValueError:", e)


def test_gather_many() -> None:
    async def main() -> list[int]:
        return await asyncio.gather(*[add(i, i) for i in range(50)])

    r = asyncio.run(main())
    assert r == [2 * i for i in range(50)]
    print(len(r), r[:5], sum(r))


def test_gather_exceptions() -> None:
    async def main() -> Any:
        return await asyncio.gather(add(1, 1), fail("x"), return_exceptions=True)

    r = asyncio.run(main())
    print(r[0], type(r[1]).__name__, r[1])


def test_tasks_interleave() -> None:
    log: list[str] = []

    async def worker(name: str, n: int) -> None:
        for i in range(n):
            log.append(f"{name}{i}")
            await asyncio.sleep(0)

    async def main() -> None:
        t1 = asyncio.create_task(worker("a", 3))
        t2 = asyncio.create_task(worker("b", 2))
        await t1
        await t2

    asyncio.run(main())
    print(log)


def test_cancel_task_awaiting_compiled_coroutine() -> None:
    log: list[str] = []

    async def sleeper() -> int:
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            log.append("cleanup")
            raise
        return 1

    async def main() -> str:
        t = asyncio.create_task(sleeper())
        await asyncio.sleep(0)
        t.cancel()
        try:
            await t
        except asyncio.CancelledError:
            return "cancelled"
        return "finished"

    print(asyncio.run(main()), log)


def test_cancel_runs_finally() -> None:
    log: list[str] = []

    async def guarded() -> None:
        try:
            await asyncio.sleep(10)
        finally:
            log.append("finally")

    async def main() -> bool:
        t = asyncio.create_task(guarded())
        await asyncio.sleep(0)
        t.cancel()
        await asyncio.gather(t, return_exceptions=True)
        return t.cancelled()

    print(asyncio.run(main()), log)


def test_wait_for_timeout() -> None:
    async def main() -> str:
        try:
            await asyncio.wait_for(asyncio.sleep(10), timeout=0.01)
        except asyncio.TimeoutError:
            return "timeout"
        return "no"

    print(asyncio.run(main()))


def test_queue_producer_consumer() -> None:
    async def main() -> list[int]:
        q: asyncio.Queue[int] = asyncio.Queue()
        out: list[int] = []

        async def producer() -> None:
            for i in range(5):
                await q.put(i * i)
            await q.put(-1)

        async def consumer() -> None:
            while True:
                v = await q.get()
                if v < 0:
                    break
                out.append(v)

        await asyncio.gather(producer(), consumer())
        return out

    print(asyncio.run(main()))


class Countdown:
    def __init__(self, n: int) -> None:
        self.n = n

    def __aiter__(self) -> "Countdown":
        return self

    async def __anext__(self) -> int:
        if self.n <= 0:
            raise StopAsyncIteration
        self.n -= 1
        await asyncio.sleep(0)
        return self.n


def test_async_for() -> None:
    async def main() -> list[int]:
        out = []
        async for x in Countdown(4):
            out.append(x)
        return out

    print(run(main()))


def test_async_for_break_continue_else() -> None:
    async def main() -> list[str]:
        log = []
        async for x in Countdown(5):
            if x == 3:
                continue
            if x == 1:
                break
            log.append(str(x))
        else:
            log.append("else1")
        async for x in Countdown(2):
            log.append(f"b{x}")
        else:
            log.append("else2")
        return log

    print(run(main()))


def test_async_for_errors() -> None:
    async def over(x: Any) -> None:
        async for _ in x:
            pass

    class NoAnext:
        def __aiter__(self) -> int:
            return 1

    for bad in (1, [1, 2], NoAnext()):
        try:
            run(over(bad))
        except TypeError as e:
            print("TypeError:", e)


class Resource:
    def __init__(self, log: list[str], suppress: bool = False) -> None:
        self.log = log
        self.suppress = suppress

    async def __aenter__(self) -> "Resource":
        await asyncio.sleep(0)
        self.log.append("enter")
        return self

    async def __aexit__(self, t: Any, v: Any, tb: Any) -> bool:
        await asyncio.sleep(0)
        self.log.append(f"exit {None if t is None else t.__name__}")
        return self.suppress


def test_async_with() -> None:
    async def main() -> list[str]:
        log: list[str] = []
        async with Resource(log) as r:
            log.append(f"body {type(r).__name__}")
        async with Resource(log, suppress=True):
            raise KeyError("k")
        try:
            async with Resource(log):
                raise IndexError("i")
        except IndexError:
            log.append("propagated")
        return log

    print(run(main()))


def test_async_with_return_and_break() -> None:
    async def main() -> list[str]:
        log: list[str] = []

        async def inner() -> int:
            async with Resource(log):
                return 7
            return 0

        log.append(str(await inner()))
        for i in range(3):
            async with Resource(log):
                if i == 1:
                    break
                log.append(f"i{i}")
        return log

    print(run(main()))


def test_async_with_errors() -> None:
    async def use(x: Any) -> None:
        async with x:
            pass

    class SyncOnly:
        def __enter__(self) -> None:
            return None

        def __exit__(self, *a: Any) -> None:
            return None

    class BadEnter:
        def __aenter__(self) -> int:
            return 1

        async def __aexit__(self, *a: Any) -> None:
            return None

    for bad in (1, SyncOnly(), BadEnter()):
        try:
            run(use(bad))
        except TypeError as e:
            print("TypeError:", e)


def test_await_non_awaitable() -> None:
    async def main() -> None:
        x: Any = 5
        await x

    try:
        run(main())
    except TypeError as e:
        print("TypeError:", e)


def test_await_custom_awaitable() -> None:
    class Three:
        def __await__(self) -> Generator[Any, Any, int]:
            yield None
            return 3

    async def main() -> int:
        return await Three() + await Three()

    print(run(main()))


def test_drive_coroutine_by_hand() -> None:
    class Ping:
        def __await__(self) -> Generator[str, str, str]:
            got = yield "ping"
            return got

    async def talk() -> str:
        a = await Ping()
        b = await Ping()
        return f"{a}-{b}"

    c = talk()
    print(c.send(None), c.send("x"))
    try:
        c.send("y")
    except StopIteration as e:
        print("returned", e.value)
    try:
        c.send(None)
    except RuntimeError as e:
        print("RuntimeError:", e)


def test_throw_into_coroutine() -> None:
    class Pause:
        def __await__(self) -> Generator[None, None, None]:
            yield None

    async def guarded() -> str:
        try:
            await Pause()
        except KeyError as e:
            return f"handled {e}"
        return "no"

    c = guarded()
    c.send(None)
    try:
        c.throw(KeyError("k"))
    except StopIteration as e:
        print(e.value)


def test_close_coroutine() -> None:
    log: list[str] = []

    class Pause:
        def __await__(self) -> Generator[None, None, None]:
            yield None

    async def body() -> None:
        try:
            await Pause()
        finally:
            log.append("closed")

    c = body()
    c.send(None)
    c.close()
    print(log)


def test_coroutine_object_protocol() -> None:
    c = add(1, 2)
    print(type(c).__name__, inspect.isawaitable(c), asyncio.iscoroutine(c))
    print(c.__name__, c.__qualname__, repr(c).startswith("<coroutine object add at"))  # type: ignore[attr-defined]
    c.close()


def test_coroutine_function_introspection() -> None:
    print(inspect.iscoroutinefunction(add), asyncio.iscoroutinefunction(add))
    print(inspect.iscoroutinefunction(run), inspect.isgeneratorfunction(add))


def interpreted(src: str) -> dict[str, Any]:
    """Define functions from source, interpreted (exec keeps this one interpreted)."""
    ns: dict[str, Any] = {"add": add, "asyncio": asyncio}
    exec(src, ns)
    return ns


def test_interpreted_awaits_compiled() -> None:
    ns = interpreted("async def caller():\n    return await add(20, 22)\n")
    print(asyncio.run(ns["caller"]()))


def test_compiled_awaits_interpreted() -> None:
    ns = interpreted("async def helper(x):\n    await asyncio.sleep(0)\n    return x + 1\n")
    helper: Callable[[int], Awaitable[int]] = ns["helper"]

    async def main() -> int:
        return await helper(1) + await helper(2)

    print(asyncio.run(main()))


def test_async_methods() -> None:
    class Account:
        def __init__(self) -> None:
            self.balance = 0

        async def deposit(self, n: int) -> int:
            await asyncio.sleep(0)
            self.balance += n
            return self.balance

    async def main() -> int:
        a = Account()
        await asyncio.gather(*[a.deposit(i) for i in range(10)])
        return a.balance

    print(run(main()))


def test_await_in_comprehension_body() -> None:
    async def main() -> list[int]:
        return [await add(i, 10) for i in range(4)]

    print(run(main()))


def test_yield_in_except() -> None:
    def gen() -> Iterator[str]:
        try:
            raise ValueError("v")
        except ValueError as e:
            yield f"in except {e}"
            yield "still"
        yield "after"

    print(list(gen()))


def test_yield_in_finally() -> None:
    log: list[str] = []

    def gen() -> Iterator[int]:
        try:
            yield 1
        finally:
            log.append("finally")
            yield 2

    g = gen()
    print(next(g), next(g), log, list(g))


def test_handled_exception_kept_across_yield() -> None:
    import sys

    def gen() -> Iterator[str]:
        try:
            raise KeyError("inner")
        except KeyError:
            yield "suspended"
            info = sys.exc_info()[1]
            yield repr(info)

    g = gen()
    print(next(g), repr(sys.exc_info()[1]))
    print(next(g))


def test_exc_info_not_leaked_by_suspended_coroutine() -> None:
    import sys

    class Pause:
        def __await__(self) -> Generator[None, None, None]:
            yield None

    async def handler() -> None:
        try:
            raise OSError("held")
        except OSError:
            await Pause()

    c = handler()
    c.send(None)
    print(repr(sys.exc_info()[1]))
    c.close()


def test_async_comprehensions() -> None:
    async def main() -> tuple[list[int], set[int], dict[int, int], list[int]]:
        evens = [x async for x in Countdown(6) if x % 2 == 0]
        parity = {x % 2 async for x in Countdown(5)}
        squares = {x: x * x async for x in Countdown(4)}
        nested = [y for x in [1, 2] async for y in Countdown(x)]
        return evens, parity, squares, nested

    print(run(main()))


def test_await_inside_async_comprehension() -> None:
    async def main() -> list[int]:
        return [await add(x, 100) async for x in Countdown(3)]

    print(run(main()))


def test_async_comprehension_error_propagates() -> None:
    class Broken:
        def __init__(self) -> None:
            self.n = 0

        def __aiter__(self) -> "Broken":
            return self

        async def __anext__(self) -> int:
            self.n += 1
            if self.n > 2:
                raise KeyError("broken")
            return self.n

    async def main() -> list[int]:
        return [x async for x in Broken()]

    try:
        run(main())
    except KeyError as e:
        print("KeyError", e)


async def ticker(n: int) -> AsyncGenerator[int, None]:
    for i in range(n):
        await asyncio.sleep(0)
        yield i * i


def test_async_generator_iterated() -> None:
    async def main() -> tuple[list[int], int]:
        squares = [x async for x in ticker(5)]
        total = 0
        async for x in ticker(4):
            total += x
        return squares, total

    print(run(main()))


def test_async_generator_asend_and_return() -> None:
    async def echo() -> AsyncGenerator[str, str]:
        got = "start"
        while got != "stop":
            got = yield f"echo {got}"

    async def main() -> list[str]:
        e = echo()
        out = [await e.__anext__(), await e.asend("a"), await e.asend("b")]
        try:
            await e.asend("stop")
        except StopAsyncIteration:
            out.append("stopped")
        return out

    print(run(main()))


def test_async_generator_aclose_runs_finally() -> None:
    log: list[str] = []

    async def guarded() -> AsyncGenerator[int, None]:
        try:
            yield 1
            yield 2
        finally:
            await asyncio.sleep(0)
            log.append("cleanup")

    async def main() -> int:
        g = guarded()
        first = await g.__anext__()
        await g.aclose()
        return first

    print(run(main()), log)


def test_async_generator_errors() -> None:
    async def failing() -> AsyncIterator[int]:
        yield 1
        raise ValueError("boom")

    async def main() -> list[str]:
        out: list[str] = []
        try:
            async for x in failing():
                out.append(f"got {x}")
        except ValueError as e:
            out.append(f"ValueError {e}")
        t = ticker(3)
        await t.__anext__()
        try:
            await t.athrow(KeyError("k"))
        except KeyError as e:
            out.append(f"athrow {e}")
        try:
            await t.__anext__()
        except StopAsyncIteration:
            out.append("finished")
        return out

    print(run(main()))


def test_async_generator_protocol() -> None:
    import collections.abc

    g = ticker(1)
    print(type(g).__name__, isinstance(g, collections.abc.AsyncGenerator))
    print(inspect.isasyncgenfunction(ticker), inspect.iscoroutinefunction(ticker))
    print(g.__name__, g.__qualname__, g.ag_running)  # type: ignore[attr-defined]


async def _wait_on(fut: "asyncio.Future[int]") -> int:
    return await fut + 1


def test_awaiting_a_coroutine_another_awaits() -> None:
    async def main() -> None:
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[int] = loop.create_future()
        c = _wait_on(fut)
        task = asyncio.ensure_future(c)
        await asyncio.sleep(0)  # the task has started c: it waits on fut
        try:
            await c
        except RuntimeError as e:
            print("RuntimeError:", e)
        fut.set_result(41)
        print(await task)

    asyncio.run(main())
