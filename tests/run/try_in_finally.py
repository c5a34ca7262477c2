"""A `try` statement inside a `finally` body (the cleanup idiom
`finally: try: close() except ...: pass`), with every way of leaving the outer
`try`: falling through, an exception, `return`, `break` and `continue`."""

from typing import Generator


class Resource:
    def __init__(self, log: list[str], fail_close: bool = False) -> None:
        self.log = log
        self.fail_close = fail_close

    def close(self) -> None:
        self.log.append("close")
        if self.fail_close:
            raise OSError("close failed")


def use(log: list[str], fail: bool, fail_close: bool) -> str:
    r = Resource(log, fail_close)
    try:
        if fail:
            raise ValueError("work failed")
        log.append("work")
        return "done"
    finally:
        try:
            r.close()
        except OSError as e:
            log.append(f"ignored {e}")


def test_cleanup_idiom_every_combination() -> None:
    for fail in (False, True):
        for fail_close in (False, True):
            log: list[str] = []
            try:
                result = use(log, fail, fail_close)
            except ValueError as e:
                result = f"raised {e}"
            print(fail, fail_close, result, log)


def test_exception_in_finally_try_chains_context() -> None:
    def f() -> None:
        try:
            raise KeyError("first")
        finally:
            try:
                raise IndexError("second")
            except IndexError as e:
                print("inner handled", repr(e), repr(e.__context__))

    try:
        f()
    except KeyError as e:
        print("outer", repr(e))


def test_break_and_continue_through_finally_with_try() -> None:
    log: list[str] = []
    for i in range(4):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            log.append(f"body{i}")
        finally:
            try:
                log.append(f"fin{i}")
                if i == 2:
                    raise RuntimeError("in finally")
            except RuntimeError:
                log.append("caught")
    print(log)


def test_return_in_nested_finally_overrides() -> None:
    def f() -> str:
        try:
            return "try"
        finally:
            try:
                pass
            finally:
                return "inner finally"  # noqa: B012

    print(f())


def test_nested_try_finally_order() -> None:
    log: list[str] = []

    def f() -> None:
        try:
            log.append("a")
            raise ValueError("x")
        finally:
            try:
                log.append("b")
            finally:
                log.append("c")

    try:
        f()
    except ValueError:
        log.append("d")
    print(log)


def test_generator_with_try_in_finally() -> None:
    log: list[str] = []

    def gen() -> Generator[int, None, None]:
        try:
            yield 1
            yield 2
        finally:
            try:
                log.append("cleanup")
            except Exception:
                pass

    g = gen()
    print(next(g))
    g.close()
    print(log, list(gen()), log)
