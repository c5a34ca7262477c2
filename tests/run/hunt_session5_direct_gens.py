"""Adversarial tests for direct calls of top-level generator functions, coroutines
and async generators from compiled code: every kind of argument, generators never
started, deep `yield from` recursion, coroutines never awaited, finalization."""

import asyncio
import gc
import sys
import warnings
import weakref
from typing import Any, AsyncGenerator, AsyncIterator, Awaitable, Dict, Generator, Iterator, List, Optional, Tuple

BIG = 2**62
HUGE = 3**70


class Tok:
    def __init__(self, v: int) -> None:
        self.v = v


def gen_args(a: int, b: float = 1.5, *rest: int, c: str = "c", d: Optional[Tok] = None, **kw: int) -> Iterator[str]:
    yield f"a={a}"
    yield f"b={b}"
    yield f"rest={rest}"
    yield f"c={c}"
    yield f"d={d.v if d else None}"
    yield f"kw={sorted(kw.items())}"


def gen_pos_only(x: int, y: int = 2, /, z: int = 3) -> Iterator[int]:
    yield x
    yield y
    yield z


def gen_big(n: int, step: int) -> Iterator[int]:
    i = n
    while i < n + 3 * step:
        yield i
        i += step


def gen_float(x: float, y: float) -> Generator[float, float, str]:
    got = yield x * y
    got = yield got + x
    return f"done {got}"


def gen_obj(t: Tok, items: List[Tok]) -> Iterator[int]:
    t.v += 1
    yield t.v
    for it in items:
        yield it.v


FIN: List[str] = []


def gen_finally(tag: str) -> Generator[int, None, None]:
    try:
        yield 1
        yield 2
    finally:
        FIN.append(tag)


def gen_never_started(tag: str, payload: List[int]) -> Generator[int, None, None]:
    FIN.append("started " + tag)
    try:
        yield len(payload)
    finally:
        FIN.append("fin " + tag)


def test_argument_kinds() -> None:
    print(list(gen_args(1)))
    print(list(gen_args(BIG, 2.25, 7, HUGE, c="x", d=Tok(4), extra=5, more=BIG)))
    print(list(gen_args(a=-BIG - 1, b=-0.0)))
    print(list(gen_pos_only(1)), list(gen_pos_only(1, 5, z=9)), list(gen_pos_only(4, 5, 6)))
    try:
        gen_args()  # type: ignore[call-arg]
    except TypeError as e:
        print("TypeError", e)
    try:
        gen_pos_only(x=1)  # type: ignore[misc, call-arg]
    except TypeError as e:
        print("TypeError", e)
    try:
        gen_args(1, c="a", **{"c": "b"})  # type: ignore[misc, arg-type]
    except TypeError as e:
        print("TypeError", e)


def test_big_and_float_arguments() -> None:
    print(list(gen_big(BIG - 2, 1)), list(gen_big(-HUGE, HUGE)))
    print(list(gen_big(BIG * 2, -1)))
    g = gen_float(1.5, -2.0)
    print(next(g), g.send(10.0))
    try:
        g.send(0.25)
    except StopIteration as e:
        print("return", e.value)
    t = Tok(1)
    gg = gen_obj(t, [Tok(5), Tok(BIG)])
    print(t.v)  # not started yet: the body has not run
    print(list(gg), t.v)


def test_generators_never_started() -> None:
    FIN.clear()
    payload = [1, 2, 3]
    before = sys.getrefcount(payload)
    for k in range(100):
        gen_never_started(str(k), payload)
    g = gen_never_started("kept", payload)
    w = weakref.ref(payload) if False else None
    print(FIN, sys.getrefcount(payload) - before, w)
    del g
    print(FIN, sys.getrefcount(payload) - before)
    g2 = gen_never_started("closed", payload)
    g2.close()
    print(FIN, next(g2, "exhausted"))
    g3 = gen_never_started("thrown", payload)
    try:
        g3.throw(KeyError("k"))
    except KeyError as e:
        print("KeyError", e, FIN)


def test_finalization_of_finished_and_suspended() -> None:
    FIN.clear()
    g = gen_finally("finished")
    print(list(g), FIN)
    del g
    print(FIN)
    g = gen_finally("suspended")
    print(next(g))
    del g
    print(FIN)
    gens = [gen_finally(f"c{k}") for k in range(3)]
    for x in gens:
        next(x)
    cyc: List[Any] = [gens]
    cyc.append(cyc)
    del gens, x, cyc
    gc.collect()
    print(sorted(FIN))


def deep(n: int) -> Iterator[int]:
    if n > 0:
        yield from deep(n - 1)
    yield n


def deep_direct(n: int) -> Generator[int, None, int]:
    if n == 0:
        return 0
    r = yield from deep_direct(n - 1)
    yield r
    return r + 1


def test_deep_yield_from() -> None:
    print(sum(deep(200)), list(deep_direct(5)))
    g = deep(100000)
    try:
        for _ in g:
            pass
        print("finished")
    except RecursionError:
        print("RecursionError")
    del g
    # still usable afterwards
    print(sum(deep(50)))


def gen_returns_early(n: int) -> Iterator[int]:
    if n < 0:
        return
    yield from range(n)


def gen_raises(n: int) -> Iterator[int]:
    yield n
    raise ValueError(f"bad {n}")


def gen_stopiter(n: int) -> Iterator[int]:
    yield n
    raise StopIteration  # PEP 479: becomes RuntimeError


def test_returns_and_raises() -> None:
    print(list(gen_returns_early(-1)), list(gen_returns_early(3)))
    g = gen_raises(HUGE)
    print(next(g) == HUGE)
    try:
        next(g)
    except ValueError as e:
        print("ValueError", str(e)[:10])
    print(next(g, "dead"))
    try:
        list(gen_stopiter(1))
    except RuntimeError as e:
        print("RuntimeError", e, type(e.__cause__).__name__)


def gen_in_expressions(n: int) -> Iterator[int]:
    for i in range(n):
        yield i * i


def test_in_expressions() -> None:
    print(sum(gen_in_expressions(10)), max(gen_in_expressions(5)), sorted(gen_in_expressions(4), reverse=True))
    print(dict(zip(gen_in_expressions(3), gen_args(1))), [x for x in gen_in_expressions(4) if x % 2])
    a, b, *c = gen_in_expressions(5)
    print(a, b, c, tuple(gen_pos_only(0)))
    print(type(gen_in_expressions(1)).__name__, gen_in_expressions.__name__, getattr(gen_in_expressions(1), "__qualname__"))


# ---------------------------------------------------------------- coroutines

ORDER: List[str] = []


async def coro_args(a: int, b: float = 0.5, *, tag: str = "t", t: Optional[Tok] = None) -> Tuple[int, float, str, int]:
    ORDER.append("start " + tag)
    await asyncio.sleep(0)
    ORDER.append("end " + tag)
    return a * 2, b / 2, tag, t.v if t else -1


async def coro_raise(n: int) -> int:
    await asyncio.sleep(0)
    if n == 0:
        raise ZeroDivisionError("zero " + str(n))
    return HUGE // n


async def coro_chain(n: int) -> int:
    if n == 0:
        return 0
    return 1 + await coro_chain(n - 1)


async def never_awaited(x: int) -> int:
    return x


async def agen(n: int, big: int = BIG) -> AsyncGenerator[int, None]:
    try:
        for i in range(n):
            await asyncio.sleep(0)
            yield big + i
    finally:
        ORDER.append(f"agen {n} closed")


async def agen_args(*args: int, **kw: str) -> AsyncIterator[str]:
    for a in args:
        yield str(a)
    for k, v in sorted(kw.items()):
        yield k + "=" + v


async def main_gather() -> List[Any]:
    res = await asyncio.gather(
        coro_args(1),
        coro_args(BIG, 3.0, tag="big", t=Tok(7)),
        coro_raise(3),
        coro_raise(0),
        coro_chain(50),
        return_exceptions=True,
    )
    out: List[Any] = []
    for r in res:
        out.append(repr(r) if isinstance(r, BaseException) else r)
    return out


def test_gather_direct_coroutines() -> None:
    ORDER.clear()
    print(asyncio.run(main_gather()))
    print(ORDER)


async def main_agen() -> List[Any]:
    out: List[Any] = []
    async for v in agen(3):
        out.append(v - BIG)
    g = agen(5, HUGE)
    out.append(await g.__anext__() == HUGE)
    await g.aclose()
    out.append([s async for s in agen_args(1, BIG, x="1", a="2")])
    out.append(await coro_chain(100))
    try:
        await coro_raise(0)
    except ZeroDivisionError as e:
        out.append(str(e))
    return out


def test_async_generators_direct() -> None:
    ORDER.clear()
    print(asyncio.run(main_agen()), ORDER)


def test_coroutine_never_awaited_warns() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        never_awaited(1)  # type: ignore[unused-coroutine]
        c = never_awaited(2)
        del c
        gc.collect()
    msgs = sorted(str(w.message) for w in caught)
    print(len(msgs), [m.split(" was ")[1] if " was " in m else m for m in msgs])
    c2 = never_awaited(3)
    c2.close()
    c3 = coro_args(5)
    try:
        c3.send(None)
    except Exception as e:  # asyncio.sleep(0) yields None outside a loop
        print("exc", type(e).__name__)
    else:
        print("suspended")
    c3.close()
    print(ORDER[-1:])


def test_coroutine_driven_by_hand() -> None:
    c = coro_chain(3)
    try:
        c.send(None)
    except StopIteration as e:
        print("value", e.value)
    c = coro_raise(4)
    print(c.send(None))
    try:
        c.send(None)
    except StopIteration as e:
        print("value", e.value == HUGE // 4)
    try:
        c.send(None)
    except RuntimeError as e:
        print("RuntimeError", e)


def test_deep_coroutine_chain() -> None:
    try:
        r = asyncio.run(coro_chain(100000))
        print("result", r)
    except RecursionError:
        print("RecursionError")
    print(asyncio.run(coro_chain(200)))


def deep_for(n: int) -> Iterator[int]:
    if n > 0:
        for x in deep_for(n - 1):
            yield x
    yield n


def test_deep_for_loop_generators() -> None:
    print(sum(deep_for(300)))
    try:
        print(sum(deep_for(200000)))
    except RecursionError:
        print("RecursionError")
    print(sum(deep_for(10)))


KEEP_BOX: List[Any] = []


def gen_resurrect(box: List[Any]) -> Iterator[int]:
    try:
        yield 1
        yield 2
    finally:
        KEEP_BOX.append(box)


def test_generator_resurrected_by_finally() -> None:
    KEEP_BOX.clear()
    box: List[Any] = []
    g = gen_resurrect(box)
    box.append(g)
    print(next(g))
    del g, box
    gc.collect()
    print(len(KEEP_BOX), len(KEEP_BOX[0]) if KEEP_BOX else None)
    g2 = KEEP_BOX[0][0]
    print(next(g2, "stopped"))
    KEEP_BOX.clear()
    del g2
    gc.collect()
    print(KEEP_BOX)


def gen_send_many(start: int) -> Generator[int, int, int]:
    total = start
    while True:
        got = yield total
        if got is None:
            return total
        total += got


def test_send_big_values() -> None:
    g = gen_send_many(BIG - 1)
    print(next(g))
    print(g.send(1), g.send(BIG), g.send(-BIG * 2), g.send(HUGE) - HUGE)
    try:
        g.send(None)  # type: ignore[arg-type]
    except StopIteration as e:
        print("stop", e.value - HUGE)


def test_generator_throw_paths() -> None:
    g = gen_finally("thrown")
    print(next(g))
    try:
        g.throw(ValueError("inject"))
    except ValueError as e:
        print("ValueError", e, FIN[-1])
    g = gen_finally("closed-twice")
    next(g)
    g.close()
    g.close()
    print(FIN[-1], next(g, "done"))
    h = gen_send_many(0)
    try:
        h.throw(KeyError("before start"))
    except KeyError as e:
        print("KeyError", e)
    print(next(h, "dead"))


DEFAULT_TOK = Tok(HUGE)


def gen_shared_default(x: int, acc: List[int] = [], t: Tok = DEFAULT_TOK, f: float = -1e300, b: int = -HUGE) -> Iterator[List[int]]:
    acc.append(x)
    t.v += 1
    yield acc
    yield [int(f > 0), b + HUGE, t.v - HUGE]


async def coro_shared_default(x: int, acc: Dict[int, int] = {}, big: int = BIG) -> int:
    acc[x] = big + x
    return len(acc)


def test_shared_defaults() -> None:
    for k in range(3):
        print(list(gen_shared_default(k)))
    print(list(gen_shared_default(9, [])), DEFAULT_TOK.v - HUGE)
    print([asyncio.run(coro_shared_default(k)) for k in (1, 2, 2, 3)])
    print(asyncio.run(coro_shared_default(1, {})), gen_shared_default.__defaults__[0])  # type: ignore[index]
