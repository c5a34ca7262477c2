"""What a generator or coroutine keeps across a suspension (`yield`, `await`).

The compiled body keeps in its frame object only the values used after some
suspension; everything else lives in C locals that start afresh at each
resumption. These tests make every kind of value cross suspensions (ints that
overflow into long ints, floats, strings, objects, temporaries of a
half-evaluated expression, loop state, handled exceptions), in loops, under
try/finally and try/except, when thrown into and closed mid-way, with many
objects alive at once and with the same function re-entered, so a value wrongly
left out of the frame shows as a wrong result.
"""

import asyncio
import gc
import sys
import weakref
from typing import Any, Generator, Iterator, List, Optional


async def tick() -> int:
    await asyncio.sleep(0)
    return 1


async def mixed(i: int) -> str:
    big = 10**20 + i
    f = i / 4
    s = "v" + str(i)
    items: List[int] = [i, i + 1]
    n = 0
    for k in range(3):
        n += await tick()
        big = big * 3 + k
        f = f * 2.0 + k
        s = s + str(k)
        items.append(k * i)
    t = i * 7 + await tick() + i
    return f"{big} {f} {s} {items} {n} {t}"


def test_values_across_awaits_in_loops() -> None:
    async def main() -> List[str]:
        return await asyncio.gather(*[mixed(i) for i in range(6)])

    for line in asyncio.run(main()):
        print(line)


async def partial_sums(n: int) -> List[int]:
    out = []
    acc = 0
    i = 0
    while i < n:
        # (`acc + ...` is half evaluated when the await suspends.)
        acc = acc * 2 + await tick() + i
        if i % 2 == 0:
            out.append(acc)
        i += 1
    return out


def test_half_evaluated_expression_across_await() -> None:
    async def main() -> List[List[int]]:
        return await asyncio.gather(*[partial_sums(n) for n in range(1, 7)])

    print(asyncio.run(main()))


async def guarded(tag: str, fail_at: int) -> int:
    total = 0
    try:
        for k in range(4):
            before = total
            total += await tick() * 10 + k
            if k == fail_at:
                raise ValueError(f"{tag} at {k} after {before}")
    except ValueError as e:
        await tick()
        print("caught", e, "total", total, "exc_info", repr(sys.exc_info()[1]))
        total = -total
    finally:
        await tick()
        print("finally", tag, total)
    return total


def test_try_except_finally_around_awaits() -> None:
    async def main() -> List[int]:
        return list(await asyncio.gather(guarded("a", 1), guarded("b", 9), guarded("c", 3)))

    print(asyncio.run(main()))


def counter_gen(start: int, label: str) -> Generator[str, Optional[int], str]:
    n = start
    text = label
    log: List[int] = []
    try:
        while True:
            got = yield f"{text}:{n}"
            if got is not None:
                n += got
                log.append(got)
            n += 1
            text = text + "."
    except KeyError as e:
        yield f"key {e} n={n} log={log}"
        return "ended by key"
    finally:
        print("counter finally", n, text, log)


def test_generator_send_throw_close_midway() -> None:
    g = counter_gen(10**19, "x")
    print(next(g), g.send(5), next(g), g.send(2**70))
    print(g.throw(KeyError("k")))
    try:
        next(g)
    except StopIteration as e:
        print("stop", e.value)
    h = counter_gen(3, "y")
    print(next(h), next(h))
    h.close()
    print("closed")
    k = counter_gen(1, "z")
    print(next(k))
    try:
        k.throw(RuntimeError("boom"))
    except RuntimeError as e:
        print("escaped", e)
    print(list(k))


async def worker(name: str, steps: int) -> str:
    done: List[str] = []
    try:
        for i in range(steps):
            await asyncio.sleep(0)
            done.append(f"{name}{i}")
    except asyncio.CancelledError:
        print("cancelled", name, done)
        raise
    finally:
        print("cleanup", name, len(done))
    return ",".join(done)


def test_cancel_midway_sees_locals() -> None:
    async def main() -> None:
        t = asyncio.ensure_future(worker("w", 100))
        u = asyncio.ensure_future(worker("u", 2))
        for _ in range(3):
            await asyncio.sleep(0)
        t.cancel()
        try:
            await t
        except asyncio.CancelledError:
            print("t cancelled")
        print(await u)

    asyncio.run(main())


class Step:
    """An awaitable that suspends once, handing `tag` to whoever drives it."""

    def __init__(self, tag: str) -> None:
        self.tag = tag

    def __await__(self) -> Generator[str, Any, Any]:
        got = yield self.tag
        return got


async def driven(x: int) -> int:
    a = x * 3
    b = await Step("one")
    c = str(b) + "!"
    try:
        d = await Step("two")
    except ZeroDivisionError as e:
        print("thrown in with", a, c, repr(e))
        d = await Step("three")
    finally:
        print("driven finally", a, c)
    return a + len(c) + d


def test_coroutine_driven_by_hand_throw_close() -> None:
    co = driven(5)
    print(co.send(None), co.send("sent"))
    print(co.throw(ZeroDivisionError("z")))
    try:
        co.send(100)
    except StopIteration as e:
        print("result", e.value)
    co2 = driven(1)
    print(co2.send(None), co2.send(42))
    co2.close()
    co3 = driven(2)
    print(co3.send(None))
    try:
        co3.throw(KeyError("early"))
    except KeyError as e:
        print("escaped", e)


def reentrant() -> Iterator[int]:
    total = 0
    for i in range(3):
        total += i
        yield total
        try:
            next(me[0])
        except ValueError as e:
            print("re-entered:", e)
        total += 100


me: List[Iterator[int]] = []


def test_generator_reentered() -> None:
    g = reentrant()
    me.append(g)
    print(list(g))
    me.clear()


def tree(depth: int, tag: str) -> Iterator[str]:
    if depth == 0:
        yield tag
        return
    left = tag + "L"
    right = tag + "R"
    yield from tree(depth - 1, left)
    yield f"{tag}:{depth}"
    yield from tree(depth - 1, right)


def test_recursive_generators() -> None:
    print(list(tree(3, "")))


def handled_gen() -> Iterator[str]:
    yield str(sys.exc_info()[0])
    try:
        raise KeyError("inner")
    except KeyError:
        yield str(sys.exc_info()[0])
        yield str(sys.exc_info()[0])
    yield str(sys.exc_info()[0])


def test_exc_info_inside_generators() -> None:
    g = handled_gen()
    try:
        raise ValueError("outer")
    except ValueError:
        print(next(g))
        print(next(g))
    print(next(g))
    try:
        raise TypeError("other")
    except TypeError:
        print(next(g))
        print(sys.exc_info()[0])
    print(sys.exc_info()[0])


def thrown_context() -> Generator[int, None, None]:
    try:
        raise KeyError("held")
    except KeyError:
        try:
            yield 1
        except ValueError as e:
            print("context", repr(e.__context__))
            yield 2


def test_throw_while_handling() -> None:
    g = thrown_context()
    print(next(g))
    print(g.throw(ValueError("v")))


class Node:
    def __init__(self) -> None:
        self.gen: Optional[Iterator[int]] = None


def holds_node(node: Node, n: int) -> Iterator[int]:
    for i in range(n):
        yield i


def rebinds_node(node: Node, n: int) -> Iterator[int]:
    yield n
    node = Node()
    yield n + 1
    print("rebound", type(node).__name__)


def test_arguments_in_cycles_collected() -> None:
    for make in (holds_node, rebinds_node):
        node = Node()
        g = make(node, 3)
        node.gen = g
        print(next(g))
        r = weakref.ref(node)
        del node, g
        gc.collect()
        print(make.__name__, "collected:", r() is None)


def names_gen() -> Iterator[int]:
    yield 1


class Holder:
    def items(self) -> Iterator[int]:
        yield 2

    async def get(self) -> int:
        return 3


def test_names_of_objects() -> None:
    for obj in (names_gen(), Holder().items(), names_gen()):
        g: Any = obj
        print(g.__name__, g.__qualname__, type(g).__name__)
        print(repr(g).split(" at ")[0])
        g.close()
    co: Any = Holder().get()
    print(co.__name__, co.__qualname__, repr(co).split(" at ")[0])
    co.close()


async def many(i: int) -> int:
    a = i * 2
    b = await tick()
    c = a + b + i
    await tick()
    return a * 1000 + b * 100 + c


def test_many_alive_at_once() -> None:
    async def main() -> int:
        rs = await asyncio.gather(*[many(i) for i in range(2000)])
        return sum(rs) + len(rs)

    print(asyncio.run(main()))


# Direct `await f(...)` of a compiled coroutine runs f on a frame on the caller's
# C stack; the coroutine object is only made if f suspends.


class Noisy:
    def __init__(self, tag: str) -> None:
        self.tag = tag

    def __del__(self) -> None:
        print("del", self.tag)


async def quick(n: int, box: Noisy) -> int:
    return n * 2 + len(box.tag)


async def maybe_sleep(n: int, box: Noisy) -> int:
    total = n
    for i in range(n):
        await asyncio.sleep(0)
        total += i
    return total + len(box.tag)


async def fails(n: int) -> int:
    if n > 2:
        raise KeyError(n)
    return n


async def stops(n: int) -> int:
    if n:
        raise StopIteration(n)
    return n


async def deep(n: int) -> int:
    if n == 0:
        return 0
    return 1 + await deep(n - 1)


def test_direct_await_finishing_or_suspending() -> None:
    async def main() -> None:
        print(await quick(3, Noisy("a")))
        print("after a")
        print(await maybe_sleep(0, Noisy("b")))
        print("after b")
        print(await maybe_sleep(3, Noisy("c")))
        print("after c")
        for n in range(5):
            try:
                print("fails", await fails(n))
            except KeyError as e:
                print("caught", repr(e))
        for n in range(2):
            try:
                print("stops", await stops(n))
            except RuntimeError as e:
                print("pep 479:", e, repr(e.__cause__))
        print(await deep(50))

    asyncio.run(main())


def test_direct_await_recursion_limit() -> None:
    async def main() -> str:
        try:
            await deep(100000)
        except RecursionError:
            return "RecursionError"
        return "no error"

    print(asyncio.run(main()))


async def handles_then_sleeps(tag: str) -> str:
    try:
        raise ValueError(tag)
    except ValueError:
        await asyncio.sleep(0)
        inner = repr(sys.exc_info()[1])
    return inner + " then " + repr(sys.exc_info()[1])


async def handles_quickly(tag: str) -> str:
    seen = repr(sys.exc_info()[1])
    try:
        raise KeyError(tag)
    except KeyError:
        seen += " / " + repr(sys.exc_info()[1])
    return seen + " / " + repr(sys.exc_info()[1])


def test_direct_await_handled_exceptions() -> None:
    async def main() -> None:
        print(await handles_then_sleeps("x"))
        print(await handles_quickly("y"))
        try:
            raise TypeError("outer")
        except TypeError:
            print(await handles_quickly("z"))
            print(await handles_then_sleeps("w"))
            print(repr(sys.exc_info()[1]))
        print(repr(sys.exc_info()[1]))

    asyncio.run(main())


async def long_wait(box: Step, by_hand: bool) -> int:
    try:
        if by_hand:
            await Step("waiting")
        else:
            await asyncio.sleep(10)
    finally:
        print("long_wait finally", box.tag)
    return 1


async def awaits_long(tag: str, by_hand: bool = True) -> int:
    # (Not a Noisy: an exception's traceback keeps the interpreter's frames, and
    # their locals, alive longer than compiled code's.)
    v = await long_wait(Step(tag), by_hand)
    print("not reached", v)
    return v


def test_direct_await_suspended_then_cancelled() -> None:
    async def main() -> None:
        t = asyncio.ensure_future(awaits_long("t", False))
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        t.cancel()
        try:
            await t
        except asyncio.CancelledError:
            print("cancelled")

    asyncio.run(main())
    co = awaits_long("by hand")
    print(co.send(None))
    co.close()
    print("closed")
    co2 = awaits_long("thrown")
    co2.send(None)
    try:
        co2.throw(ValueError("in"))
    except ValueError as e:
        print("thrown through:", e)


class Ticker:
    """`async for` / `async with` whose compiled dunders (called directly, awaited
    on the C stack) sometimes suspend, fail or suppress."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.i = 0
        self.log: List[str] = []

    def __aiter__(self) -> "Ticker":
        return self

    async def __anext__(self) -> int:
        self.i += 1
        if self.i % 3 == 0:
            await asyncio.sleep(0)
        if self.i > self.n:
            if self.i % 2 == 0:
                await asyncio.sleep(0)
            raise StopAsyncIteration
        if self.i == 100:
            raise ValueError("hundred")
        return self.i * 10

    async def __aenter__(self) -> "Ticker":
        if self.i % 2 == 1:
            await asyncio.sleep(0)
        self.log.append(f"enter{self.i}")
        return self

    async def __aexit__(self, *exc: object) -> bool:
        if self.i % 4 == 0:
            await asyncio.sleep(0)
        self.log.append(f"exit{self.i}:{type(exc[1]).__name__}")
        return isinstance(exc[1], KeyError)


def test_native_async_dunders_suspending() -> None:
    async def main() -> None:
        for n in (0, 1, 4, 7):
            t = Ticker(n)
            got = []
            async for x in t:
                async with t as u:
                    got.append(x + u.i)
                    if x % 20 == 0:
                        raise KeyError(x)
            print(n, got, t.log)
        t = Ticker(200)
        t.i = 97
        try:
            async for x in t:
                print("item", x)
        except ValueError as e:
            print("anext failed:", e)
        try:
            async with Ticker(0):
                raise TypeError("not suppressed")
        except TypeError as e:
            print("escaped:", e)

    asyncio.run(main())
