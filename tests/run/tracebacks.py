"""Traceback entries of exceptions raised in compiled code: file basename,
line number and function name of every frame in this file, as seen by
traceback.extract_tb. Keep the helpers at the top: the tests hard-code their
line numbers."""

import os
import traceback


def divide(a: int, b: int) -> int:
    return a // b


def middle(b: int) -> int:
    x = 1
    y = divide(10, b) + x
    return y


def outer(b: int) -> int:
    return middle(b) * 2


def explicit_raise(msg: str) -> None:
    raise ValueError(msg)


def index_in_loop(xs: list[int], n: int) -> int:
    total = 0
    for i in range(n):
        total += xs[i]
    return total


def reraiser() -> None:
    try:
        divide(1, 0)
    except ZeroDivisionError:
        raise


def chained() -> None:
    try:
        divide(1, 0)
    except ZeroDivisionError as e:
        raise RuntimeError("wrapped") from e


def recurse(n: int) -> int:
    if n == 0:
        raise KeyError("bottom")
    return recurse(n - 1) + 1


def parse(s: str) -> int:
    return int(s)


def cleanup_then_fail(n: int) -> int:
    try:
        return divide(n, 0)
    finally:
        n += 1


def entries(e: BaseException) -> list[tuple[str, int, str]]:
    """Frames of this file, without the test function that caught it."""
    out = []
    for fs in traceback.extract_tb(e.__traceback__):
        base = os.path.basename(fs.filename)
        if base == "tracebacks.py" and not fs.name.startswith("test_"):
            lineno = fs.lineno if fs.lineno is not None else -1
            out.append((base, lineno, fs.name))
    return out


def all_entries(e: BaseException) -> list[tuple[str, int, str]]:
    """Frames of this file including the catching test function."""
    out = []
    for fs in traceback.extract_tb(e.__traceback__):
        base = os.path.basename(fs.filename)
        if base == "tracebacks.py":
            lineno = fs.lineno if fs.lineno is not None else -1
            out.append((base, lineno, fs.name))
    return out


def show(tag: str, tb: list[tuple[str, int, str]]) -> None:
    print(tag)
    for base, lineno, name in tb:
        print("  ", base, lineno, name)


def test_single_frame() -> None:
    try:
        divide(1, 0)
        tb = []
    except ZeroDivisionError as e:
        tb = entries(e)
    show("single", tb)
    assert tb == [("tracebacks.py", 11, "divide")]


def test_three_frames() -> None:
    try:
        outer(0)
        tb = []
    except ZeroDivisionError as e:
        tb = entries(e)
    show("three", tb)
    assert tb == [
        ("tracebacks.py", 21, "outer"),
        ("tracebacks.py", 16, "middle"),
        ("tracebacks.py", 11, "divide"),
    ]


def test_explicit_raise_line() -> None:
    try:
        explicit_raise("boom")
        tb = []
    except ValueError as e:
        tb = entries(e)
    show("explicit", tb)
    assert tb == [("tracebacks.py", 25, "explicit_raise")]


def test_error_inside_loop_body() -> None:
    try:
        index_in_loop([1, 2, 3], 5)
        tb = []
    except IndexError as e:
        tb = entries(e)
    show("loop", tb)
    assert tb == [("tracebacks.py", 31, "index_in_loop")]


def test_bare_reraise_keeps_origin() -> None:
    try:
        reraiser()
        tb = []
    except ZeroDivisionError as e:
        tb = entries(e)
    show("reraise", tb)
    assert tb == [
        ("tracebacks.py", 37, "reraiser"),
        ("tracebacks.py", 11, "divide"),
    ]


def test_chained_exception_tracebacks() -> None:
    try:
        chained()
        tb = []
        cause_tb = []
    except RuntimeError as e:
        tb = entries(e)
        cause = e.__cause__
        cause_tb = entries(cause) if cause is not None else []
    show("chained", tb)
    show("cause", cause_tb)
    assert tb == [("tracebacks.py", 46, "chained")]
    assert cause_tb == [
        ("tracebacks.py", 44, "chained"),
        ("tracebacks.py", 11, "divide"),
    ]


def test_recursive_frames() -> None:
    try:
        recurse(3)
        tb = []
    except KeyError as e:
        tb = entries(e)
    show("recursive", tb)
    assert tb == [
        ("tracebacks.py", 52, "recurse"),
        ("tracebacks.py", 52, "recurse"),
        ("tracebacks.py", 52, "recurse"),
        ("tracebacks.py", 51, "recurse"),
    ]


def test_error_from_builtin_call() -> None:
    try:
        parse("not a number")
        tb = []
    except ValueError as e:
        tb = entries(e)
    show("builtin", tb)
    assert tb == [("tracebacks.py", 56, "parse")]


def test_error_through_finally() -> None:
    try:
        cleanup_then_fail(3)
        tb = []
    except ZeroDivisionError as e:
        tb = entries(e)
    show("finally", tb)
    assert tb == [
        ("tracebacks.py", 61, "cleanup_then_fail"),
        ("tracebacks.py", 11, "divide"),
    ]


def test_catching_frame_is_first_entry() -> None:
    try:
        middle(0)
        tb = []
    except ZeroDivisionError as e:
        tb = all_entries(e)
    show("with catcher", tb)
    assert len(tb) == 3
    assert tb[0][2] == "test_catching_frame_is_first_entry"
    assert tb[1:] == [("tracebacks.py", 16, "middle"), ("tracebacks.py", 11, "divide")]


def test_error_raised_directly_in_test() -> None:
    xs = [1]
    try:
        xs[1] = 5
        tb = []
    except IndexError as e:
        tb = all_entries(e)
    names = [name for _, _, name in tb]
    show("direct", tb)
    assert names == ["test_error_raised_directly_in_test"]


def refuse(obj: object) -> object:
    raise ValueError("refused")


def keep(obj: object) -> object:
    return obj


def test_decorator_calls_report_their_own_line() -> None:
    # Each decorator is called at its own line, for classes as for functions, and
    # whatever the class body ran last.
    for which in range(3):
        try:
            if which == 0:

                @refuse
                class Plain:
                    x = 1
                    y = 2

            elif which == 1:

                @keep
                @refuse
                class Stacked:
                    z = 3

            else:

                @refuse
                @keep
                def func() -> int:
                    return 1

            tb = []
        except ValueError as e:
            tb = all_entries(e)
        show(f"decorator {which}", tb)


class NoSubclasses:
    def __init_subclass__(cls) -> None:
        raise RuntimeError("no subclasses")


class Picky(type):
    def __new__(mcs, name: str, bases: tuple[type, ...], ns: dict[str, object]) -> "Picky":
        if name.startswith("Bad"):
            raise RuntimeError("bad name")
        return super().__new__(mcs, name, bases, ns)


def test_class_creation_reports_the_class_line() -> None:
    # Making the class (the metaclass, __init_subclass__) fails at the class
    # statement's line, not at the last line its body ran.
    for which in range(3):
        try:
            if which == 0:

                class Sub(NoSubclasses):
                    a = 1
                    b = 2

            elif which == 1:

                @keep
                class BadOne(metaclass=Picky):
                    c = 3
                    d = 4

            else:

                class Fine(metaclass=Picky):
                    e = 5

            tb = []
        except RuntimeError as e:
            tb = all_entries(e)
        show(f"class creation {which}", tb)


def chain_method(s: str) -> str:
    return (s
            .upper()
            .missing())  # type: ignore[attr-defined]


def chain_attribute(o: str) -> object:
    return (o
            .strip
            .nothing)  # type: ignore[attr-defined]


def chain_subscript(d: dict) -> object:
    return (d
            ["a"]
            ["b"])


def test_multi_line_chains_report_the_failing_part() -> None:
    # An attribute or a method call that fails reports the attribute's own line;
    # a subscript reports where its expression starts.
    cases = [
        ("chain_method", lambda: chain_method("x")),
        ("chain_attribute", lambda: chain_attribute(" y ")),
        ("chain_subscript", lambda: chain_subscript({"a": {}})),
    ]
    for name, call in cases:
        try:
            call()
            tb = []
        except (AttributeError, KeyError) as e:
            tb = entries(e)
        show(name, tb)


def test_class_header_split_over_lines() -> None:
    # The class statement's line is its `class` keyword's, also when the name
    # follows on the next line.
    try:
        class \
                Split(NoSubclasses):
            z = 1

        tb = []
    except RuntimeError as e:
        tb = all_entries(e)
    show("split header", tb)


def fail_with(*args: object, **kwargs: object) -> object:
    raise ValueError(len(args) + len(kwargs))


class Caller:
    call = staticmethod(fail_with)


def test_calls_not_made_as_method_calls_report_their_start() -> None:
    # With *args, **kwargs or 30 arguments, CPython 3.11 makes `o.m(...)` an
    # attribute load and a call: the call's line is where its expression starts.
    o = Caller()
    xs = [1, 2]
    kw = {"k": 3}
    cases = [
        ("star", lambda: (o
                          .call(*xs))),
        ("double star", lambda: (o
                                 .call(**kw))),
        ("thirty", lambda: (o
                            .call(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                                  15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29))),
        ("plain", lambda: (o
                           .call(1))),
    ]
    for name, call in cases:
        try:
            call()
            tb = []
        except ValueError as e:
            tb = [t for t in entries(e) if t[2] == "<lambda>"]
        show(name, tb)
