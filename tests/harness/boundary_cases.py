"""Compiled-only boundary checks (NOT a differential run test).

What it checks, when this module has been compiled by oxyc:
  * calling a compiled typed function with an argument of the wrong type
    raises TypeError naming the function, the parameter, the expected type
    and the actual type (e.g. add("a", 1) -> mentions add, x, int, str);
  * a wrong-type value arriving from dynamic code into a typed local
    (`n: int = from_dynamic()` where it returns a str) raises TypeError,
    and so does returning one from a function declared `-> int`;
  * wrong argument counts / unknown keywords raise TypeError;
  * unbounded recursion raises RecursionError (no segfault), repeatedly,
    and ordinary calls work afterwards;
  * an exception raised inside a compiled function has a traceback entry
    with this file's name, the right line and the function name;
  * the documented deliberate differences: a bool passed to an `int`
    parameter arrives as a plain int; an int passed to a `float` parameter
    arrives as a float.

How to drive it (from the Rust test):
    oxyc build tests/harness/boundary_cases.py -o OUTDIR
    cd OUTDIR && python3 -c "import boundary_cases as m; m.check()"
    (or PYTHONPATH=OUTDIR with a cwd that does not contain the .py)
Expect exit status 0 and "boundary checks passed" as the last stdout line.
check() raises AssertionError (exit status 1) if any check fails, and also
if the imported module is the interpreted .py rather than the compiled
extension. check_common() runs the checks that hold both ways; it is how
this file is sanity-checked under plain python3:
    python3 -c "import sys; sys.path.insert(0, 'tests/harness');
                import boundary_cases as m; m.check_common()"
check_stack_guard() is a stricter, optional check (not called by check()):
with a very high recursion limit, unbounded recursion in compiled code must
still end in RecursionError and not overflow the C stack.

Keep fails_here() and calls_fails_here() where they are: the expected line
numbers below are hard-coded.
"""

import os
import sys
import traceback

FAILS_HERE_LINE: int = 48
CALLS_FAILS_HERE_LINE: int = 52


def fails_here(x: int) -> int:
    y = x + 1
    return 100 // (y - y)


def calls_fails_here(x: int) -> int:
    return fails_here(x) + 1


def add(x: int, y: int) -> int:
    return x + y


def scale(x: float, factor: float = 2.0) -> float:
    return x * factor


def greet(name: str) -> str:
    return "hi " + name


def total(xs: list[int]) -> int:
    s = 0
    for v in xs:
        s += v
    return s


def ident_int(x: int) -> int:
    return x


def ident_float(x: float) -> float:
    return x


def from_dynamic():
    return "not an int"


def span(p: tuple[int, float]) -> float:
    # Takes its tuple's items (see oxyc_types::unboxed_params): the wrapper checks them.
    a, b = p
    return a + b


def span_direct(x) -> float:
    # A direct call from compiled code with a tuple object: checked the same way.
    return span(x)


def typed_local_from_dynamic() -> int:
    n: int = from_dynamic()
    return n + 1


def typed_local_from_getattr() -> int:
    n: int = getattr(sys, "platform")
    return n + 1


def bad_return() -> int:
    return from_dynamic()


# The recursion below is unbounded in practice (the recursion limit is hit
# long before n reaches 10**9); the test keeps C compilers from flagging or
# folding an obviously infinite recursion.
def runaway(n: int) -> int:
    if n > 10**9:
        return 0
    return runaway(n + 1) + 1


def ping(n: int) -> int:
    if n > 10**9:
        return 0
    return pong(n + 1) + 1


def pong(n: int) -> int:
    return ping(n + 1) + 1


def runaway_untyped(n):
    if n > 10**9:
        return 0
    return runaway_untyped(n + 1) + 1


# Recurses only from an exception handler: the handler's call must be checked
# too, or this would run off the C stack.
def retry_deeper(n: int) -> int:
    try:
        if n < 10**9:
            raise ValueError(n)
        return 0
    except ValueError:
        return retry_deeper(n + 1) + 1


def factorial(n: int) -> int:
    if n <= 1:
        return 1
    return n * factorial(n - 1)


def is_compiled() -> bool:
    f = __file__
    return not (f.endswith(".py") or f.endswith(".pyc"))


def dyn(name):
    """Look a function up dynamically, so calls to it cross the boundary
    the way calls from interpreted code do."""
    return getattr(sys.modules[__name__], name)


def attempt(name, args, kw):
    """Call module function `name` dynamically with the positional `args`
    (a list, up to 3) and one of a few fixed keyword patterns `kw`.
    Returns ("ok", result) or ("raised", exception)."""
    fn = dyn(name)
    try:
        if kw == "":
            if len(args) == 0:
                result = fn()
            elif len(args) == 1:
                result = fn(args[0])
            elif len(args) == 2:
                result = fn(args[0], args[1])
            else:
                result = fn(args[0], args[1], args[2])
        elif kw == "y":
            result = fn(args[0], y=args[1])
        elif kw == "z":
            result = fn(args[0], args[1], z=args[2])
        elif kw == "y,x":
            result = fn(y=args[1], x=args[0])
        elif kw == "factor":
            result = fn(args[0], factor=args[1])
        else:
            raise AssertionError("unknown keyword pattern " + kw)
    except AssertionError:
        raise
    except BaseException as e:
        return ("raised", e)
    return ("ok", result)


def call(name, args, kw=""):
    status, value = attempt(name, args, kw)
    if status != "ok":
        raise value
    return value


def expect_exception(label, name, args, kw, exc_type, must_mention):
    status, value = attempt(name, args, kw)
    if status == "ok":
        raise AssertionError(label + ": expected " + exc_type.__name__ + ", got result " + repr(value))
    assert isinstance(value, exc_type), label + ": expected " + exc_type.__name__ + ", got " + type(value).__name__ + ": " + str(value)
    msg = str(value)
    for word in must_mention:
        assert word in msg, label + ": message " + repr(msg) + " does not mention " + repr(word)
    print("ok:", label, "->", type(value).__name__ + ":", msg)
    return msg


def frames_of_this_file(e: BaseException) -> list[tuple[str, int, str]]:
    out = []
    for fs in traceback.extract_tb(e.__traceback__):
        base = os.path.basename(fs.filename)
        if base == "boundary_cases.py":
            lineno = fs.lineno if fs.lineno is not None else -1
            out.append((base, lineno, fs.name))
    return out


def check_traceback() -> None:
    fn = dyn("calls_fails_here")
    try:
        fn(1)
    except ZeroDivisionError as e:
        frames = frames_of_this_file(e)
        formatted = "".join(traceback.format_exception(type(e), e, e.__traceback__))
    else:
        raise AssertionError("traceback: expected ZeroDivisionError")
    print("frames:", frames)
    inner = [f for f in frames if f[2] != "check_traceback"]
    assert inner == [
        ("boundary_cases.py", CALLS_FAILS_HERE_LINE, "calls_fails_here"),
        ("boundary_cases.py", FAILS_HERE_LINE, "fails_here"),
    ], "traceback entries: " + repr(frames)
    expected = 'boundary_cases.py", line ' + str(FAILS_HERE_LINE) + ", in fails_here"
    assert expected in formatted, "formatted traceback lacks " + repr(expected) + ":\n" + formatted
    print("ok: traceback entries point at the failing lines")


def check_recursion() -> None:
    for name in ["runaway", "ping", "runaway_untyped", "retry_deeper", "runaway"]:
        fn = dyn(name)
        try:
            fn(0)
        except RecursionError as e:
            print("ok: RecursionError from", name, "->", str(e))
        else:
            raise AssertionError(name + ": expected RecursionError")
    assert factorial(20) == 2432902008176640000
    assert call("factorial", [30]) == 265252859812191058636308480000000
    # recursion well below the limit still works after the errors above
    assert call("factorial", [sys.getrecursionlimit() // 2]) > 0
    print("ok: calls work after RecursionError")


SHAPES: list[str] = ["circle", "square"]


class EndlessList(list):
    def __len__(self):
        return 2**62


def length_of(xs: list[int]) -> int:
    return len(xs)


def shape_at(i: int) -> str:
    return SHAPES[i]


def check_deliberate_differences() -> None:
    r = call("ident_int", [True])
    print("ident_int(True) ->", repr(r), type(r).__name__)
    assert type(r) is int and r == 1, "bool passed to an int parameter should arrive as int"
    f = call("ident_float", [3])
    print("ident_float(3) ->", repr(f), type(f).__name__)
    assert type(f) is float and f == 3.0, "int passed to a float parameter should arrive as float"
    big = call("ident_float", [2**70])
    assert big == 1.1805916207174113e21
    # A module variable annotated list[str] is read as one: rebinding it from outside
    # to a tuple makes compiled readers raise TypeError.
    module = sys.modules[__name__]
    saved = module.SHAPES
    module.SHAPES = ("oval", "cube")
    try:
        expect_exception("module variable rebound to a tuple", "shape_at", [1], "", TypeError,
                         ["module variable 'SHAPES'", "list", "tuple"])
    finally:
        module.SHAPES = saved
    assert call("shape_at", [1]) == "square"
    # len() of a list subclass whose __len__ says 2**62 or more: OverflowError.
    expect_exception("len() above 2**62 - 1", "length_of", [EndlessList()], "", OverflowError,
                     ["EndlessList", "2**62 - 1"])
    print("ok: deliberate differences")


def check_type_errors() -> None:
    te = TypeError
    expect_exception("add(x='a')", "add", ["a", 1], "", te, ["add", "x", "int", "str"])
    expect_exception("add(y='b')", "add", [1, "b"], "", te, ["add", "y", "int", "str"])
    expect_exception("add(y=1.5) by keyword", "add", [1, 1.5], "y", te, ["add", "y", "int", "float"])
    expect_exception("add(x=None)", "add", [None, 1], "", te, ["add", "x", "int", "None"])
    expect_exception("scale(x='1.5')", "scale", ["1.5"], "", te, ["scale", "x", "float", "str"])
    expect_exception("greet(name=None)", "greet", [None], "", te, ["greet", "name", "str", "None"])
    expect_exception("greet(name=3)", "greet", [3], "", te, ["greet", "name", "str", "int"])
    expect_exception("total(xs=tuple)", "total", [(1, 2)], "", te, ["total", "xs", "list", "tuple"])
    expect_exception("add() missing y", "add", [1], "", te, ["add"])
    expect_exception("add() too many", "add", [1, 2, 3], "", te, ["add"])
    expect_exception("add() unknown keyword", "add", [1, 2, 3], "z", te, ["add", "z"])
    expect_exception("typed local from dynamic", "typed_local_from_dynamic", [], "", te, ["int", "str"])
    expect_exception("typed local from getattr", "typed_local_from_getattr", [], "", te, ["int", "str"])
    expect_exception("bad return value", "bad_return", [], "", te, ["int", "str"])
    expect_exception("span(p=3 items)", "span", [(1, 2.0, 3)], "", te,
                     ["span() argument 'p' must be tuple[int, float], not tuple of 3 items"])
    expect_exception("span(p=1 item)", "span", [(1,)], "", te, ["not tuple of 1 item"])
    expect_exception("span(p=list)", "span", [[1, 2.0]], "", te, ["span", "p", "tuple", "list"])
    expect_exception("span(p item 1 str)", "span", [(1, "x")], "", te,
                     ["span() argument 'p' item 1 must be float, not str"])
    expect_exception("span(p item 0 float)", "span", [(1.5, 2.0)], "", te,
                     ["span() argument 'p' item 0 must be int, not float"])
    expect_exception("direct span(3 items)", "span_direct", [(1, 2.0, 3)], "", te,
                     ["span() argument 'p' must be tuple[int, float], not tuple of 3 items"])
    expect_exception("direct span(item 0 str)", "span_direct", [("a", 2.0)], "", te,
                     ["span() argument 'p' item 0 must be int, not str"])
    expect_exception("direct span(None)", "span_direct", [None], "", te,
                     ["span() argument 'p' must be tuple, not None"])
    # the right types still work through the same path
    assert call("add", [2**63, 1]) == 9223372036854775809
    assert call("add", [1, 2], "y,x") == 3
    assert call("scale", [1.5, 4.0], "factor") == 6.0
    assert call("greet", ["bo"]) == "hi bo"
    assert call("total", [[1, 2, 2**64]]) == 2**64 + 3
    assert call("span", [(2**64, 0.5)]) == 2**64 + 0.5
    assert call("span", [(3, 4)]) == 7.0  # an int item for `float` becomes a float
    assert call("span_direct", [(1, 2.5)]) == 3.5
    print("ok: correct types still accepted")


def check_common() -> None:
    """Checks that hold for the interpreted module too."""
    check_traceback()
    check_recursion()
    print("common checks passed")


def check() -> None:
    """All checks; the module must be the compiled extension."""
    assert is_compiled(), "boundary_cases was imported from " + __file__ + ", not from a compiled extension"
    check_common()
    check_type_errors()
    check_deliberate_differences()
    print("boundary checks passed")


def check_stack_guard() -> None:
    """Optional, stricter: a huge recursion limit must not let compiled
    recursion overflow the C stack."""
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(1000000)
    try:
        for fn in (runaway, retry_deeper):
            try:
                fn(0)
            except RecursionError as e:
                print("ok: RecursionError with a huge limit ->", str(e))
            except MemoryError as e:
                print("ok: MemoryError with a huge limit ->", str(e))
            else:
                raise AssertionError("expected RecursionError")
    finally:
        sys.setrecursionlimit(old)
    print("stack guard check passed")
