#!/usr/bin/env python3
"""Differential tests of the oxyc C runtime (runtime/oxyc_rt.h, oxyc_rt.c and
oxyc_rt_hot.c) against CPython.

Builds tests/runtime/rt_testmod.c together with the runtime into a
temporary extension module, then checks every runtime operation against
CPython's own behaviour: results, exception types and exception messages.

    python3 tests/runtime/test_runtime.py          # exit status 0 on success
    OXY_RT_QUICK=1 python3 tests/runtime/...       # fewer random cases (valgrind)
    OXY_RT_CFLAGS="-O0 -fsanitize=undefined -fno-sanitize-recover=all" ...  # other flags
    CC=clang python3 tests/runtime/...             # another C compiler
"""

import importlib.util
import math
import operator
import os
import random
import shlex
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RUNTIME = os.path.join(ROOT, "runtime")
QUICK = bool(os.environ.get("OXY_RT_QUICK"))

# ---------------------------------------------------------------------------
# build
# ---------------------------------------------------------------------------


def build(tmp):
    cc = shlex.split(os.environ.get("CC", "gcc"))
    inc = sysconfig.get_paths()["include"]
    ext = sysconfig.get_config_var("EXT_SUFFIX")
    opt = shlex.split(os.environ.get("OXY_RT_CFLAGS", "-O2"))  # e.g. "-O0 -fsanitize=undefined"
    common = opt + ["-fPIC", "-std=c11", "-Wall", "-Wextra", "-Werror", "-I" + inc, "-I" + RUNTIME]
    objs = [os.path.join(tmp, unit + ".o") for unit in ("oxyc_rt", "oxyc_rt_hot")]
    out = os.path.join(tmp, "rt_testmod" + ext)
    # the runtime's units are compiled once into object files, then linked in
    for cmd in (
        cc + common + ["-c", os.path.join(RUNTIME, "oxyc_rt.c"), "-o", objs[0]],
        cc + common + ["-c", os.path.join(RUNTIME, "oxyc_rt_hot.c"), "-o", objs[1]],
        cc + common + ["-shared", os.path.join(HERE, "rt_testmod.c")] + objs + ["-o", out, "-lm"],
    ):
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            print("build failed:", " ".join(cmd), r.stdout, r.stderr, sep="\n")
            sys.exit(2)
    spec = importlib.util.spec_from_file_location("rt_testmod", out)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ---------------------------------------------------------------------------
# checking machinery
# ---------------------------------------------------------------------------

FAILURES = []
COUNTS = {}


def fail(section, msg):
    if len(FAILURES) < 200:
        FAILURES.append(f"[{section}] {msg}")
    else:
        FAILURES.append(None)


def count(section, n=1):
    COUNTS[section] = COUNTS.get(section, 0) + n


def outcome(fn, *args, **kw):
    """('ok', value) or ('err', exception type, message)."""
    try:
        return ("ok", fn(*args, **kw))
    except Exception as e:  # noqa: BLE001 - we compare every kind of error
        return ("err", type(e), str(e))


def same_float(x, y):
    if not (type(x) is float and type(y) is float):
        return False
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    return x == y and math.copysign(1.0, x) == math.copysign(1.0, y)


def same_value(x, y):
    """Equal with the same exact type (floats: same bits up to NaN payload)."""
    if type(x) is not type(y):
        return False
    if type(x) is float:
        return same_float(x, y)
    if type(x) is tuple:
        return len(x) == len(y) and all(same_value(a, b) for a, b in zip(x, y))
    return x == y


def same_outcome(exp, got):
    if exp[0] != got[0]:
        return False
    if exp[0] == "err":
        return exp[1] is got[1] and exp[2] == got[2]
    return same_value(exp[1], got[1])


def compare(section, what, exp, got):
    count(section)
    if not same_outcome(exp, got):
        fail(section, f"{what}: expected {exp!r}, got {got!r}")


SHORT_MIN, SHORT_MAX = -(2**62), 2**62 - 1

# ---------------------------------------------------------------------------
# integers
# ---------------------------------------------------------------------------

EDGE_INTS = sorted(
    {
        0, 1, -1, 2, -2, 3, -3, 5, -5, 7, -7, 10, -10, 30, 63, 64, 65, 100, -100,
        2**31 - 1, 2**31, -(2**31), -(2**31) - 1, 2**32, -(2**32),
        2**53 - 1, 2**53, 2**53 + 1, -(2**53), -(2**53) - 1,
        2**61, -(2**61), 2**61 + 1,
        2**62 - 2, 2**62 - 1, 2**62, 2**62 + 1, -(2**62) + 1, -(2**62), -(2**62) - 1, -(2**62) - 2,
        2**63 - 1, 2**63, 2**63 + 1, -(2**63), -(2**63) - 1, -(2**63) + 1,
        2**64 - 1, 2**64, 2**64 + 1, -(2**64), -(2**64) - 1,
        2**100, -(2**100), 10**40 + 7, -(10**40) - 3, 3**200,
    }
)


def random_int(rng):
    bits = rng.choice([1, 2, 5, 8, 16, 31, 32, 33, 52, 53, 54, 60, 61, 62, 63, 64, 65, 70, 100, 200])
    v = rng.getrandbits(bits)
    if rng.random() < 0.3:  # near a power of two
        v = (1 << bits) + rng.randint(-3, 3)
    return -v if rng.random() < 0.5 else v


INT_BIN = {
    "add": operator.add,
    "sub": operator.sub,
    "mul": operator.mul,
    "floordiv": operator.floordiv,
    "mod": operator.mod,
    "and": operator.and_,
    "or": operator.or_,
    "xor": operator.xor,
    "lshift": operator.lshift,
    "rshift": operator.rshift,
}
INT_CMP = {
    "eq": operator.eq, "ne": operator.ne, "lt": operator.lt,
    "le": operator.le, "gt": operator.gt, "ge": operator.ge,
}
INT_UN = {
    "neg": operator.neg,
    "invert": operator.invert,
    "abs": abs,
    "bit_length": int.bit_length,
    "roundtrip": lambda a: a,
}


def checked_int(r):
    """Unpack an (int, is_short) result of rt_testmod and check canonical form."""
    value, is_short = r
    if type(value) is not int:
        raise AssertionError(f"result type {type(value).__name__}")
    if bool(is_short) != (SHORT_MIN <= value <= SHORT_MAX):
        raise AssertionError(f"non-canonical result {value} (is_short={is_short})")
    return value


def rt_int(rt, name, *args):
    """Call rt.int_op for an int-returning op."""
    return checked_int(rt.int_op(name, *args))


def shift_ok(name, a, b):
    # huge left shifts of non-zero values try to allocate absurd amounts of memory
    return not (name == "lshift" and a != 0 and 300 < b < 2**62)


def test_int_pair(rt, a, b):
    for name, f in INT_BIN.items():
        if shift_ok(name, a, b):
            compare("int " + name, f"{a} {name} {b}", outcome(f, a, b), outcome(rt_int, rt, name, a, b))
    for name, f in INT_CMP.items():
        compare("int compare", f"{a} {name} {b}", outcome(f, a, b), outcome(rt.int_op, name, a, b))
    compare("int truediv", f"{a} / {b}", outcome(operator.truediv, a, b), outcome(rt.int_op, "truediv", a, b))
    compare("int divmod", f"divmod({a}, {b})", outcome(divmod, a, b), outcome(rt.int_op, "divmod", a, b))
    if 0 <= b <= 64 or (b >= 0 and abs(a) <= 1):
        compare("int pow", f"{a} ** {b}", outcome(operator.pow, a, b), outcome(rt_int, rt, "pow", a, b))


def py_as_ssize(a):
    if -(2**63) <= a < 2**63:
        return a
    raise OverflowError("Python int too large to convert to C ssize_t")


def test_int_single(rt, a):
    for name, f in INT_UN.items():
        compare("int " + name, f"{name}({a})", outcome(f, a), outcome(rt_int, rt, name, a))
    compare("int to_double", f"float({a})", outcome(float, a), outcome(rt.int_op, "to_double", a))
    compare("int as_ssize", f"as_ssize({a})", outcome(py_as_ssize, a), outcome(rt.int_op, "as_ssize", a))
    compare("int to_str", f"str({a})", outcome(str, a), outcome(rt.int_op, "to_str", a))


class MyInt(int):
    def __int__(self):  # must not be used by the conversion
        return 42

    def __index__(self):
        return 42


def test_ints(rt, rng):
    for a in EDGE_INTS:
        test_int_single(rt, a)
        for b in EDGE_INTS:
            test_int_pair(rt, a, b)
    n = 3000 if QUICK else 60000
    for _ in range(n):
        a, b = random_int(rng), random_int(rng)
        test_int_pair(rt, a, b)
        if rng.random() < 0.3:
            test_int_single(rt, a)
    # small shift counts and exponents against random values
    for _ in range(300 if QUICK else 3000):
        a = random_int(rng)
        b = rng.randint(0, 300)
        for name in ("lshift", "rshift"):
            compare("int " + name, f"{a} {name} {b}", outcome(INT_BIN[name], a, b), outcome(rt_int, rt, name, a, b))
        e = rng.randint(0, 70)
        compare("int pow", f"{a} ** {e}", outcome(operator.pow, a, e), outcome(rt_int, rt, "pow", a, e))
    # huge shift counts
    for a in (0, 1, -1, 5, 2**70, -(2**70)):
        for b in (2**62, 2**63, 2**64, 2**100, -(2**62), -(2**64), -1):
            for name in ("lshift", "rshift"):
                compare("int " + name, f"{a} {name} {b}", outcome(INT_BIN[name], a, b), outcome(rt_int, rt, name, a, b))
    # pow with huge exponents on trivial bases, and the defensive negative exponent
    for a in (0, 1, -1):
        for b in (2**62, 2**63 + 1, 2**100):
            compare("int pow", f"{a} ** {b}", outcome(operator.pow, a, b), outcome(rt_int, rt, "pow", a, b))
    for b in (-1, -(2**70)):
        compare("int pow", f"2 ** {b}", ("err", TypeError, "oxy_int_pow: negative exponent"),
                outcome(rt_int, rt, "pow", 2, b))
    # conversions from int objects: bool, subclasses
    for v, exp in ((True, 1), (False, 0), (MyInt(5), 5), (MyInt(-(2**70)), -(2**70)), (MyInt(2**62), 2**62)):
        got = outcome(rt_int, rt, "roundtrip", v)
        compare("int from_long_obj", f"from_long_obj({v!r})", ("ok", exp), got)
    # from_i64 over the whole int64 range
    for v in [0, 1, -1, 2**62 - 1, 2**62, -(2**62), -(2**62) - 1, 2**63 - 1, -(2**63)] + [
        rng.randint(-(2**63), 2**63 - 1) for _ in range(200)
    ]:
        compare("int from_i64", f"from_i64({v})", ("ok", v), outcome(lambda: checked_int(rt.int_from_i64(v))))
    for s in ("0", "-0", "123", "-123", "4611686018427387904", "-4611686018427387905",
              "1_000_000_000_000_000_000_000", "-" + "9" * 60, str(2**62 - 1), str(-(2**62))):
        compare("int from_decimal", f"from_decimal({s!r})", ("ok", int(s)), outcome(lambda: checked_int(rt.int_from_decimal(s))))
    compare("int from_decimal", "from_decimal('12x')", outcome(int, "12x", 10), outcome(rt.int_from_decimal, "12x"))
    compare("int steal", "steal(NULL)", ("ok", True), outcome(rt.steal_null))
    huge = 10**5000  # str() of it exceeds the default digit limit
    compare("int to_str", "str(10**5000)", outcome(str, huge), outcome(rt.int_op, "to_str", huge))


# ---------------------------------------------------------------------------
# floats
# ---------------------------------------------------------------------------

INF, NAN = float("inf"), float("nan")
EDGE_FLOATS = [
    0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3.0, -3.0, 7.0, -7.0, 0.1, -0.1,
    1e-300, -1e-300, 5e-324, -5e-324, 1e300, -1e300, 1.7976931348623157e308, -1.7976931348623157e308,
    2.0**53, 2.0**53 + 2, -(2.0**53), 2.0**62, -(2.0**62), 2.0**63, -(2.0**63), 2.0**64, 1e20, -1e20,
    4611686018427387903.0, 4611686018427387904.0, -4611686018427387904.0, -4611686018427388416.0,
    0.49999999999999994, -0.49999999999999994, 4503599627370495.5, -4503599627370497.0,
    INF, -INF, NAN,
]
POW_EXPONENTS = [
    0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0, 4.0, 10.0, -10.0, 0.5, -0.5, 1024.0, 1075.0,
    -1075.0, 1e20, -1e20, 1e300, INF, -INF, NAN,
]


def random_float(rng):
    r = rng.random()
    if r < 0.3:
        return rng.uniform(-100, 100)
    if r < 0.5:
        return float(rng.randint(-20, 20))
    if r < 0.7:
        return rng.uniform(-1, 1) * 10.0 ** rng.randint(-320, 308)
    if r < 0.8:
        return rng.choice(EDGE_FLOATS)
    return math.ldexp(rng.random(), rng.randint(-1100, 1023)) * rng.choice((1, -1))


def py_float_pow(a, b):
    r = a**b
    if type(r) is complex:
        return None
    return r


def test_float_pair(rt, a, b):
    compare("float div", f"{a!r} / {b!r}", outcome(operator.truediv, a, b), outcome(rt.float_op, "div", a, b))
    compare("float floordiv", f"{a!r} // {b!r}", outcome(operator.floordiv, a, b), outcome(rt.float_op, "floordiv", a, b))
    compare("float mod", f"{a!r} % {b!r}", outcome(operator.mod, a, b), outcome(rt.float_op, "mod", a, b))
    compare("float divmod", f"divmod({a!r}, {b!r})", outcome(divmod, a, b), outcome(rt.float_op, "divmod", a, b))


def test_float_single(rt, a):
    compare("float int()", f"int({a!r})", outcome(int, a), outcome(rt_float_int, rt, "int", a))
    compare("float round()", f"round({a!r})", outcome(round, a), outcome(rt_float_int, rt, "round", a))
    compare("float to_str", f"str({a!r})", outcome(str, a), outcome(rt.float_op, "to_str", a))
    for e in POW_EXPONENTS:
        exp = outcome(py_float_pow, a, e)
        if exp[0] == "ok" and exp[1] is None:
            # complex result in Python: the runtime refuses it (defensive)
            compare("float pow", f"{a!r} ** {e!r}", ("err", TypeError, "oxy_float_pow: complex result"),
                    outcome(rt.float_op, "pow", a, e))
            continue
        compare("float pow", f"{a!r} ** {e!r}", exp, outcome(rt.float_op, "pow", a, e))


def rt_float_int(rt, name, a):
    value, is_short = rt.float_op(name, a)
    if bool(is_short) != (SHORT_MIN <= value <= SHORT_MAX):
        raise AssertionError(f"non-canonical result {value}")
    return value


class FloatSub(float):
    pass


class HasFloat:
    def __float__(self):
        return 2.25


def test_floats(rt, rng):
    for a in EDGE_FLOATS:
        test_float_single(rt, a)
        for b in EDGE_FLOATS:
            test_float_pair(rt, a, b)
    for _ in range(2000 if QUICK else 40000):
        a, b = random_float(rng), random_float(rng)
        test_float_pair(rt, a, b)
        if rng.random() < 0.2:
            test_float_single(rt, a)
    for _ in range(200 if QUICK else 2000):  # round/int near .5 boundaries
        a = rng.randint(-(10**6), 10**6) + rng.choice((0.5, -0.5, 0.25, 0.75, 0.4999999999999999))
        test_float_single(rt, a)
    # unboxing
    cases = [
        (1.5, ("ok", 1.5)), (-0.0, ("ok", -0.0)), (3, ("ok", 3.0)), (True, ("ok", 1.0)),
        (2**53 + 1, ("ok", float(2**53 + 1))), (-(2**80), ("ok", float(-(2**80)))),
        (2**1100, outcome(float, 2**1100)), (FloatSub(2.5), ("ok", 2.5)), (HasFloat(), ("ok", 2.25)),
        ("x", ("err", TypeError, "must be real number, not str")), (-113.0, ("ok", -113.0)),
        (INF, ("ok", INF)), (NAN, ("ok", NAN)),
    ]
    for v, exp in cases:
        compare("float unbox", f"unbox({v!r})", exp, outcome(rt.float_unbox, v))


# ---------------------------------------------------------------------------
# argument parsing
# ---------------------------------------------------------------------------

SIGNATURES = [
    ("f", ("x", "y"), 1),
    ("h", ("x", "y"), 2),
    ("k", (), 0),
    ("one", ("x",), 1),
    ("opt", ("x",), 0),
    ("m", ("x", "y", "z"), 3),
    ("d", ("a", "b", "c"), 0),
    ("g", ("a", "b", "c", "d"), 2),
    ("u", ("\u00e9t\u00e9", "x"), 1),
    ("C.meth", ("self", "v"), 2),
]


def make_pyfunc(fname, names, nreq, sentinel):
    params = ", ".join(n if i < nreq else f"{n}=_S" for i, n in enumerate(names))
    body = f"    return ({', '.join(names)}{',' if names else ''})"
    simple = fname.split(".")[-1]
    ns = {"_S": sentinel}
    exec(f"def {simple}({params}):\n{body}\n", ns)
    fn = ns[simple]
    fn.__qualname__ = fname
    return fn


def test_parse_args(rt):
    for fname, names, nreq in SIGNATURES:
        rt.set_sig(fname, names, nreq)
        pyf = make_pyfunc(fname, names, nreq, rt.MISSING)
        kwpool = list(names) + ["zz"]
        kwsets = [()]
        kwsets += [(k,) for k in kwpool]
        kwsets += [(k1, k2) for k1 in kwpool for k2 in kwpool if k1 != k2]
        kwsets += [tuple(reversed(names))]
        for npos in range(len(names) + 3):
            pos = tuple(range(100, 100 + npos))
            for ks in kwsets:
                kw = {k: f"kw_{k}" for k in ks}
                exp = outcome(pyf, *pos, **kw)
                got = outcome(rt.parse, *pos, **kw)
                compare("parse_args", f"{fname}(*{pos}, **{kw})", exp, got)
        # raw vectorcalls with non-str keyword names
        for kwn in ((1,), ("x", 2), (b"x",)):
            kwv = tuple(range(len(kwn)))
            exp = outcome(rt.vcall, pyf, (1,), kwn, kwv)
            got = outcome(rt.vcall, rt.parse, (1,), kwn, kwv)
            compare("parse_args", f"{fname}(1, kwnames={kwn!r})", exp, got)


# ---------------------------------------------------------------------------
# recursion
# ---------------------------------------------------------------------------


def test_recursion(rt):
    sec = "recursion"
    old = sys.getrecursionlimit()
    try:
        lim = old
        compare(sec, f"recurse({lim - 1})", ("ok", lim), outcome(rt.recurse, lim - 1))
        compare(sec, "depth after", ("ok", 0), outcome(rt.call_depth))
        compare(sec, f"recurse({lim})", ("err", RecursionError, "maximum recursion depth exceeded"),
                outcome(rt.recurse, lim))
        compare(sec, "depth after error", ("ok", 0), outcome(rt.call_depth))
        # a raised limit is picked up when the cached one is exceeded
        sys.setrecursionlimit(6000)
        compare(sec, "recurse(5999) @6000", ("ok", 6000), outcome(rt.recurse, 5999))
        compare(sec, "recurse(6000) @6000", ("err", RecursionError, "maximum recursion depth exceeded"),
                outcome(rt.recurse, 6000))
        compare(sec, "depth after error", ("ok", 0), outcome(rt.call_depth))
        for _ in range(3):  # repeated overflow keeps working
            compare(sec, "recurse(10**5)", ("err", RecursionError, "maximum recursion depth exceeded"),
                    outcome(rt.recurse, 10**5))
        compare(sec, "depth after errors", ("ok", 0), outcome(rt.call_depth))
    finally:
        sys.setrecursionlimit(old)

    # mutual recursion between compiled-style frames and Python frames
    def pyrec(n):
        return rt.recurse_py(pyrec, n + 1)

    got = outcome(pyrec, 0)
    count(sec)
    if got[0] != "err" or got[1] is not RecursionError:
        fail(sec, f"mixed recursion: expected RecursionError, got {got!r}")
    compare(sec, "depth after mixed", ("ok", 0), outcome(rt.call_depth))


# ---------------------------------------------------------------------------
# tracebacks and exceptions
# ---------------------------------------------------------------------------


def test_tracebacks(rt):
    sec = "traceback"
    g = {"__name__": "compiled_mod"}
    entries = [("inner", "/tmp/oxy_src/mod.py", 10), ("outer", "/tmp/oxy_src/mod.py", 20),
               ("C.method", "/tmp/oxy_src/other.py", 7)]
    for rep in range(300):
        exc = ValueError("boom")
        try:
            rt.tb_chain(exc, g if rep % 2 else None, entries)
        except ValueError as e:
            count(sec)
            if e is not exc or str(e) != "boom":
                fail(sec, f"exception not preserved: {e!r}")
            frames = [(f.filename, f.lineno, f.name) for f in traceback.extract_tb(e.__traceback__)]
            want = [(fn, ln, nm) for nm, fn, ln in reversed(entries)]
            if frames[-3:] != want or frames[0][2] != "test_tracebacks":
                fail(sec, f"extract_tb: {frames}")
                break
            text = "".join(traceback.format_exception(e))
            if 'File "/tmp/oxy_src/mod.py", line 10, in inner' not in text:
                fail(sec, f"format_exception: {text}")
                break
        else:
            fail(sec, "tb_chain did not raise")
    # many distinct lines (grows the code-object cache)
    for line in range(1, 400):
        try:
            rt.tb_chain(KeyError(line), g, [("f", "/tmp/oxy_src/mod.py", line), ("g", "/tmp/oxy_src/mod.py", line + 1)])
        except KeyError as e:
            frames = [(f.lineno, f.name) for f in traceback.extract_tb(e.__traceback__)][-2:]
            count(sec)
            if frames != [(line + 1, "g"), (line, "f")]:
                fail(sec, f"line {line}: {frames}")
    # a raised class (instantiated) also gets the entries
    try:
        rt.tb_chain(TypeError, None, [("fn", "x.py", 3)])
    except TypeError as e:
        count(sec)
        last = traceback.extract_tb(e.__traceback__)[-1]
        if (last.filename, last.lineno, last.name) != ("x.py", 3, "fn"):
            fail(sec, f"class raise: {last}")
    compare(sec, "add_traceback without exception", ("ok", None), outcome(rt.add_tb_noexc))


NOCAUSE = object()


class BadNew(Exception):
    def __new__(cls, *a):
        return 1


class InitFails(Exception):
    def __init__(self):
        raise KeyError("from init")


def py_raise(x, cause=NOCAUSE):
    if cause is NOCAUSE:
        raise x
    raise x from cause


def describe_raise(fn, *args):
    try:
        fn(*args)
    except Exception as e:  # noqa: BLE001
        return (type(e), str(e), type(e.__cause__), str(e.__cause__), e.__suppress_context__)
    return "no exception"


def py_match(exc, t):
    try:
        try:
            raise exc
        except t:
            return True
    except BaseException as e2:  # noqa: BLE001
        if e2 is exc:
            return False
        raise


class _WithLog:
    """A context manager whose __exit__ result (or failure) is chosen."""

    def __init__(self, result=None, exit_raises=None, enter_raises=None):
        self.result = result
        self.exit_raises = exit_raises
        self.enter_raises = enter_raises
        self.seen = None

    def __enter__(self):
        if self.enter_raises is not None:
            raise self.enter_raises
        return "entered"

    def __exit__(self, t, v, tb):
        self.seen = (t, repr(v), tb is not None and type(tb).__name__)
        if self.exit_raises is not None:
            raise self.exit_raises
        return self.result


class _NoEnter:
    def __exit__(self, t, v, tb):
        return None


class _NoExit:
    def __enter__(self):
        return 1


class _BadBool:
    def __bool__(self):
        raise ZeroDivisionError("bool of exit result")


class _StaticExit:
    def __enter__(self):
        return "s"

    @staticmethod
    def __exit__(t, v, tb):
        return True


class _EnterProperty:
    @property
    def __enter__(self):
        raise AttributeError("property says no")

    def __exit__(self, t, v, tb):
        return None


def py_with(mgr, body):
    suppressed = True
    with mgr as v:
        r = body(v)
        suppressed = False
    return ("suppressed", None) if suppressed else ("ok", r)


def test_with(rt):
    sec = "with"
    import types

    def ok(v):
        return ("body", v)

    def boom(v):
        raise ValueError("body failed")

    def interrupt(v):
        raise KeyboardInterrupt()

    def makers():
        yield "plain", lambda: _WithLog()
        for res in (True, 1, "x", [0], 0, "", [], None, False):
            yield f"result {res!r}", lambda res=res: _WithLog(result=res)
        yield "exit raises", lambda: _WithLog(exit_raises=KeyError("exit"))
        yield "enter raises", lambda: _WithLog(enter_raises=OSError("enter"))
        yield "bad bool", lambda: _WithLog(result=_BadBool())
        yield "no enter", _NoEnter
        yield "no exit", _NoExit
        yield "static exit", _StaticExit
        yield "enter property", _EnterProperty
        yield "namespace", lambda: types.SimpleNamespace(__enter__=print, __exit__=print)
        yield "int", lambda: 5
        yield "None", lambda: None

    for name, make in makers():
        for body in (ok, boom):
            m1, m2 = make(), make()
            compare(sec, f"with {name} / {body.__name__}", outcome(py_with, m1, body),
                    outcome(rt.with_, m2, body))
            count(sec)
            if getattr(m1, "seen", None) != getattr(m2, "seen", None):
                fail(sec, f"with {name} / {body.__name__}: __exit__ saw {m2.seen!r}, "
                     f"expected {m1.seen!r}")
    # BaseException reaches __exit__ and may be suppressed
    compare(sec, "KeyboardInterrupt suppressed", ("ok", ("suppressed", None)),
            outcome(rt.with_, _WithLog(result=True), interrupt))
    try:
        rt.with_(_WithLog(), interrupt)
        fail(sec, "KeyboardInterrupt vanished")
    except KeyboardInterrupt:
        count(sec)
    # an exception from __exit__ has the body's exception as its context
    try:
        rt.with_(_WithLog(exit_raises=KeyError("exit")), boom)
    except KeyError as e:
        count(sec)
        if not isinstance(e.__context__, ValueError):
            fail(sec, f"__exit__ exception context: {e.__context__!r}")
    # the handled exception is restored afterwards
    try:
        raise IndexError("outer")
    except IndexError as outer:
        rt.with_(_WithLog(result=True), boom)
        count(sec)
        if sys.exc_info()[1] is not outer:
            fail(sec, f"handled exception not restored: {sys.exc_info()[1]!r}")


# ---------------------------------------------------------------------------
# except* (PEP 654): oxy_star_* against the interpreter's own try/except*
# ---------------------------------------------------------------------------


class DerivedGroup(ExceptionGroup):
    """A group subclass whose derive() marks its parts (split() calls it)."""

    def derive(self, excs):
        return DerivedGroup(self.message + "'", excs)


STAR_LEAVES = (ValueError, TypeError, KeyError, OSError, KeyboardInterrupt)
STAR_TYPES = (ValueError, TypeError, KeyError, OSError, LookupError, Exception, BaseException,
              KeyboardInterrupt, (ValueError, KeyError), (OSError, KeyboardInterrupt))


def star_plan(rng, depth=0):
    """A random exception (a leaf, or a group of nested ones) as a plan to build."""
    if depth > 0 and rng.random() < 0.55 or depth > 3:
        return ("leaf", rng.choice(STAR_LEAVES), rng.randrange(100))
    children = [star_plan(rng, depth + 1) for _ in range(rng.randrange(1, 4))]
    return ("group", rng.choice(("plain", "plain", "derived")), f"g{depth}", children)


def star_build(plan):
    if plan[0] == "leaf":
        return plan[1](plan[2])
    _, kind, msg, children = plan
    excs = [star_build(c) for c in children]
    if kind == "derived" and all(isinstance(e, Exception) for e in excs):
        return DerivedGroup(msg, excs)
    return BaseExceptionGroup(msg, excs)


def star_leaves(e):
    if isinstance(e, BaseExceptionGroup):
        return [x for sub in e.exceptions for x in star_leaves(sub)]
    return [e]


def star_shape(e, leaves, ctx=True):
    """What to compare of an outcome: group structure, the original leaves by
    position, new exceptions by type and message (and context/cause)."""
    if e is None:
        return None
    if isinstance(e, BaseExceptionGroup):
        shape = (type(e).__name__, e.message, tuple(star_shape(x, leaves, ctx) for x in e.exceptions))
    elif id(e) in leaves:
        return ("leaf", leaves[id(e)])
    else:
        shape = (type(e).__name__, str(e))
    if ctx:
        shape += (star_shape(e.__context__, leaves, False), star_shape(e.__cause__, leaves, False))
    return shape


def _star_first_leaf(m):
    raise star_leaves(m)[0]


def _star_bare(m):
    raise


def _star_explicit(m):
    raise m


def _star_from(m):
    raise RuntimeError("caused") from m


def _star_group(m):
    raise ExceptionGroup("inner", [OSError("x"), ValueError("y")])


STAR_ACTIONS = {
    "pass": lambda m: None,
    "new": lambda m: (_ for _ in ()).throw(RuntimeError("new")),
    "bare": _star_bare,
    "explicit": _star_explicit,
    "leaf": _star_first_leaf,
    "from": _star_from,
    "group": _star_group,
    "reraise": "reraise",  # a bare `raise` in the clause itself
}


def py_try_star(exc, clauses):
    lines = ["def f(exc, clauses):", "    try:", "        raise exc"]
    for i, (_, action) in enumerate(clauses):
        lines += [f"    except* clauses[{i}][0] as m:"]
        lines += ["        raise" if isinstance(action, str) else f"        clauses[{i}][1](m)"]
    ns = {}
    exec("\n".join(lines), ns)
    return ns["f"](exc, clauses)


def star_outcome(run, plan, clause_plan):
    exc = star_build(plan)
    leaves = {id(x): i for i, x in enumerate(star_leaves(exc))}
    clauses = [(t, STAR_ACTIONS[a]) for t, a in clause_plan]
    try:
        r = run(exc, clauses)
    except BaseException as e:  # noqa: BLE001
        return ("err", star_shape(e, leaves))
    return ("ok", r)


def test_except_star(rt, rng):
    sec = "except*"
    for case in range(60 if QUICK else 600):
        plan = star_plan(rng) if case % 4 else ("leaf", rng.choice(STAR_LEAVES), case)
        clause_plan = []
        for _ in range(rng.randrange(1, 4)):
            t = rng.choice(STAR_TYPES)
            if rng.random() < 0.03:
                t = rng.choice((ExceptionGroup, (KeyError, BaseExceptionGroup), 3))
            clause_plan.append((t, rng.choice(list(STAR_ACTIONS))))
        want = star_outcome(py_try_star, plan, clause_plan)
        got = star_outcome(rt.try_star, plan, clause_plan)
        count(sec)
        if got != want:
            fail(sec, f"{plan} {clause_plan}:\n  want {want}\n  got  {got}")
        if sys.exception() is not None:
            fail(sec, f"handled exception left behind: {sys.exception()!r}")
            break


def test_exceptions(rt):
    sec = "exceptions"
    # fetch / restore
    def boom():
        raise ValueError("fetched")

    e = rt.fetch_call(boom)
    count(sec)
    if not isinstance(e, ValueError) or e.__traceback__ is None or str(e) != "fetched":
        fail(sec, f"fetch_exc: {e!r}")
    tb = e.__traceback__
    try:
        rt.restore(e)
    except ValueError as e2:
        count(sec)
        if e2 is not e or e2.__traceback__.tb_next is not tb and e2.__traceback__ is not tb:
            fail(sec, "restore_exc lost the exception or its traceback")
    else:
        fail(sec, "restore did not raise")
    # an unnormalised exception (set from C as type + string) is normalised
    e = rt.fetch_call(lambda: rt.raise_unbound_local("q"))
    count(sec)
    if type(e) is not UnboundLocalError or e.__traceback__ is None:
        fail(sec, f"fetch normalise: {e!r}")
    compare(sec, "fetch ok", ("ok", ("ok", 5)), outcome(rt.fetch_call, lambda: 5))

    # except-clause matching
    excs = [ValueError("v"), KeyError("k"), KeyboardInterrupt(), BadNew.__base__("e")]
    types = [ValueError, Exception, BaseException, KeyError, LookupError, (KeyError, ValueError), (),
             (KeyError,), int, (ValueError, int), "ValueError", (ValueError, (KeyError,)), object]
    for x in excs:
        for t in types:
            compare(sec, f"except {t!r} for {x!r}", outcome(py_match, x, t), outcome(rt.exc_matches, x, t))

    # raise X [from Y]
    xs = [ValueError, ValueError("m"), KeyError, 1, "s", None, BadNew, InitFails, object]
    causes = [NOCAUSE, None, TypeError, TypeError("c"), 5, BadNew, InitFails]
    for x in xs:
        for c in causes:
            exp = describe_raise(py_raise, x, c)
            got = describe_raise(rt.raise_, x) if c is NOCAUSE else describe_raise(rt.raise_, x, c)
            count(sec)
            if exp != got:
                fail(sec, f"raise {x!r} from {c!r}: expected {exp!r}, got {got!r}")
    # context chaining with the handled exception
    try:
        raise KeyError("a")
    except KeyError as k:
        try:
            rt.raise_(ValueError("b"))
        except ValueError as v:
            count(sec)
            if v.__context__ is not k:
                fail(sec, "raise did not chain __context__")
        count(sec)
        if rt.get_handled() is not k:
            fail(sec, "get_handled_exc inside except")
        # bare raise re-raises the handled exception with its traceback
        ktb = k.__traceback__
        try:
            rt.reraise()
        except KeyError as k2:
            count(sec)
            if k2 is not k or k2.__traceback__ is not ktb and k2.__traceback__.tb_next is not ktb:
                fail(sec, "reraise")
    compare(sec, "get_handled outside", ("ok", None), outcome(rt.get_handled))
    compare(sec, "bare raise outside", outcome(lambda: exec("raise")), outcome(rt.reraise))

    # except-block protocol: swap in, restore on exit
    x = ValueError("handled")
    seen = rt.with_handled(x, lambda: sys.exception())
    count(sec)
    if seen is not x or sys.exception() is not None:
        fail(sec, f"with_handled: {seen!r}, after {sys.exception()!r}")
    try:
        raise KeyError("outer")
    except KeyError as outer:
        seen = rt.with_handled(x, lambda: sys.exception())
        count(sec)
        if seen is not x or sys.exception() is not outer:
            fail(sec, "with_handled nested")
        # oxy_set_handled_exc
        rt.set_handled(x)
        count(sec)
        if sys.exception() is not x:
            fail(sec, "set_handled")
        rt.set_handled(outer)

    # error raisers
    compare(sec, "raise_arg_type", ("err", TypeError, "f() argument 'x' must be int, not str"),
            outcome(rt.raise_arg_type, "f", "x", "int", "s"))
    compare(sec, "raise_arg_type None", ("err", TypeError, "C.m() argument 'v' must be float, not None"),
            outcome(rt.raise_arg_type, "C.m", "v", "float", None))
    compare(sec, "raise_type", ("err", TypeError, "f() return value must be int, not list"),
            outcome(rt.raise_type, "f() return value", "int", []))

    def unbound():
        print(q)  # noqa: F821
        q = 1  # noqa: F841

    compare(sec, "unbound local", outcome(unbound), outcome(rt.raise_unbound_local, "q"))

    def outer_fn():
        def inner():
            return cell  # noqa: F821

        r = outcome(inner)
        cell = 1  # noqa: F841
        return r

    compare(sec, "unbound free", outer_fn(), outcome(rt.raise_unbound_free, "cell"))

    # globals / builtins
    g = {"a": 1, "len": "shadowed"}
    compare(sec, "load_global", ("ok", 1), outcome(rt.load_global, g, "a"))
    compare(sec, "load_global shadow", ("ok", "shadowed"), outcome(rt.load_global, g, "len"))
    got = outcome(rt.load_global, g, "print")
    count(sec)
    if got != ("ok", print):
        fail(sec, f"load_global builtin: {got!r}")
    compare(sec, "load_global missing", outcome(lambda: exec("nope_x", {})), outcome(rt.load_global, g, "nope_x"))
    try:
        rt.load_global(g, "nope_y")
    except NameError as e:
        count(sec)
        if e.name != "nope_y":
            fail(sec, f"NameError.name = {e.name!r}")
    got = outcome(rt.load_builtin, "len")
    count(sec)
    if got != ("ok", len):
        fail(sec, f"load_builtin: {got!r}")
    compare(sec, "load_builtin missing", outcome(lambda: exec("a", {})), outcome(rt.load_builtin, "a"))


# ---------------------------------------------------------------------------
# strings, lists, tuples
# ---------------------------------------------------------------------------


class StrSub(str):
    def __getitem__(self, i):
        return ("sub", i)


class ListSub(list):
    def __getitem__(self, i):
        return ("sub", i)

    def __setitem__(self, i, v):
        list.__setitem__(self, 0, ("set", i, v))


INDICES = list(range(-8, 9)) + [2**31, -(2**31), 2**62 - 1, -(2**62), 2**62, -(2**62) - 1, 2**63, -(2**63) - 1, 2**100, True]


def test_sequences(rt, rng):
    sec = "str"
    strs = ["", "a", "hello", "h\u00e9llo", "\u65e5\u672c\u8a9e", "\U0001f600x\U0001f600", "ab\x00c", StrSub("xyz")]
    for s in strs:
        for i in INDICES:
            compare(sec + " getitem", f"{s!r}[{i}]", outcome(operator.getitem, s, int(i)), outcome(rt.str_getitem, s, i))
        bounds = [None, 0, 1, -1, 2, -2, 4, -4, 100, -100, 2**62, -(2**62), 2**100, -(2**100), True, 1.5]
        for a in bounds:
            for b in bounds:
                for c in (None, 1, 2, -1, -3, 0):
                    compare(sec + " slice", f"{s!r}[{a}:{b}:{c}]", outcome(lambda: s[a:b:c]),
                            outcome(rt.str_slice, s, a, b, c))
        got = rt.str_slice(s, None, None, None)
        count(sec + " slice")
        if type(s) is str and got is not s:
            fail(sec + " slice", "s[:] should return s itself")
    pieces = ["", "a", "xyz", "\u00e9", "\u0100\u20ac", "\U0001f600", "tail"]
    for _ in range(300 if QUICK else 3000):
        items = [rng.choice(pieces) for _ in range(rng.randint(0, 6))]
        compare(sec + " join", f"join({items!r})", ("ok", "".join(items)), outcome(rt.join, items))
    compare(sec + " join", "join([1])", ("err", TypeError, "sequence item 0: expected str instance, int found"),
            outcome(rt.join, [1]))
    compare(sec + " join", "join([StrSub])", ("ok", "xyz"), outcome(rt.join, [StrSub("xyz")]))
    values = [1, -5, 2**70, 3.14159, -0.0, "abc", "\u00e9", None, [1, "x"], True, StrSub("q"), b"by"]
    specs = [None, "", "10", ">8", "<3", ".2f", "x", "^9", "+", "#x", ",", "10.3"]
    for v in values:
        for spec in specs:
            for conv in ("", "r", "s", "a"):
                src = "f'{v" + ("!" + conv if conv else "") + (":" + spec if spec is not None else "") + "}'"
                exp = outcome(eval, src, {"v": v})
                compare(sec + " format", src + f" v={v!r}", exp, outcome(rt.format, v, spec, conv))

    sec = "list/tuple"
    base = [10, 20, 30, 40]
    for seq_name, make in (("list", list), ("tuple", tuple), ("ListSub", ListSub)):
        for i in INDICES:
            s = make(base)
            fn = rt.tuple_getitem if seq_name == "tuple" else rt.list_getitem
            compare(sec, f"{seq_name}[{i}]", outcome(operator.getitem, s, int(i)), outcome(fn, s, i))
            if seq_name != "tuple":
                s1, s2 = make(base), make(base)
                exp = outcome(operator.setitem, s1, int(i), "v")
                got = outcome(rt.list_setitem, s2, i, "v")
                compare(sec, f"{seq_name}[{i}] = 'v'", exp, got)
                compare(sec, f"{seq_name}[{i}] = 'v' (contents)", ("ok", list(s1)), ("ok", list(s2)))


# ---------------------------------------------------------------------------
# reference counts and leaks
# ---------------------------------------------------------------------------


def test_refcounts(rt):
    sec = "refcount"
    big = int("1" * 40)  # a fresh long-form int
    big2 = -int("2" * 30)
    small = 7
    ops = list(INT_BIN) + list(INT_CMP) + ["truediv", "divmod", "pow"]
    before = (sys.getrefcount(big), sys.getrefcount(big2))

    def hammer():
        for _ in range(50):
            for name in ops:
                for a, b in ((big, small), (small, big), (big, big2), (big2, big), (big, 0), (big, -1)):
                    if name in ("lshift", "pow") and b is not small:
                        continue
                    try:
                        rt.int_op(name, a, b)
                    except (ZeroDivisionError, ValueError, OverflowError, MemoryError):
                        pass
            for name in INT_UN:
                rt.int_op(name, big)
                rt.int_op(name, big2)
            rt.int_op("to_double", big)
            outcome(rt.int_op, "as_ssize", big)

    hammer()
    after = (sys.getrefcount(big), sys.getrefcount(big2))
    count(sec)
    if before != after:
        fail(sec, f"refcount of big ints changed: {before} -> {after}")

    # allocation balance over every kind of call, error paths included
    s = "h\u00e9llo"
    lst = [1, 2, 3]
    g = {"a": 1}
    entries = [("f", "/tmp/oxy_src/leak.py", 5)]
    rt.set_sig("f", ("x", "y"), 1)

    def workload():
        rt.int_op("add", big, big2)
        rt.int_op("mul", big, 12345)
        for f, args in (
            (rt.int_op, ("floordiv", big, 0)),
            (rt.int_op, ("mod", 5, 0)),
            (rt.int_op, ("lshift", 1, -1)),
            (rt.int_op, ("truediv", 2**2000, 3)),
            (rt.int_op, ("to_double", 2**2000)),
            (rt.float_op, ("floordiv", 1.0, 0.0)),
            (rt.float_op, ("pow", 10.0, 400.0)),
            (rt.float_op, ("int", NAN)),
            (rt.parse, (1, 2, 3)),
            (rt.parse, ()),
            (rt.str_getitem, (s, 99)),
            (rt.list_getitem, (lst, 2**70)),
            (rt.load_global, (g, "nope")),
            (rt.tb_chain, (ValueError("x"), g, entries)),
            (rt.raise_, (ValueError, TypeError)),
            (rt.exc_matches, (ValueError(), 1)),
            (rt.recurse, (10**5,)),
        ):
            try:
                f(*args)
            except Exception:  # noqa: BLE001
                pass
        rt.int_op("pow", 3, 50)
        rt.int_op("divmod", big, 7)
        rt.float_op("divmod", 7.5, -2.0)
        rt.float_op("round", 2.0**70)
        rt.str_slice(s, 1, -1, None)
        rt.str_slice(s, None, None, -1)
        rt.join(["a", "\u00e9", "\U0001f600"])
        rt.format(3.5, ".3f", "")
        rt.format(s, None, "r")
        rt.parse(1, y=2)
        rt.list_setitem(lst, 0, "v")
        rt.fetch_call(lambda: 1 / 0)

    for _ in range(20):
        workload()
    n = 300 if QUICK else 3000
    b0 = sys.getallocatedblocks()
    for _ in range(n):
        workload()
    b1 = sys.getallocatedblocks()
    count(sec)
    if b1 - b0 > n // 10:
        fail(sec, f"allocated blocks grew by {b1 - b0} over {n} iterations (leak?)")


# ---------------------------------------------------------------------------
# signals
# ---------------------------------------------------------------------------


class Alarm(Exception):
    pass


def test_signals(rt):
    sec = "signals"
    if not hasattr(signal, "setitimer"):
        return

    def handler(signum, frame):
        raise Alarm("tick")

    old = signal.signal(signal.SIGALRM, handler)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        t = time.time()
        got = outcome(rt.spin_signals, 10**9)
        count(sec)
        if got[:2] != ("err", Alarm):
            fail(sec, f"loop was not interrupted: {got!r}")
        elif time.time() - t > 5:
            fail(sec, "interrupt took too long")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# ---------------------------------------------------------------------------


def main():
    t0 = time.time()
    with tempfile.TemporaryDirectory(prefix="oxy_rt_") as tmp:
        rt = build(tmp)
        t_build = time.time() - t0
        rng = random.Random(int(os.environ.get("OXY_RT_SEED", "20240611")))
        for test in (test_ints, test_floats, test_parse_args, test_recursion, test_tracebacks,
                     test_exceptions, test_except_star, test_with, test_sequences, test_refcounts, test_signals):
            t = time.time()
            try:
                if test.__code__.co_argcount == 2:
                    test(rt, rng)
                else:
                    test(rt)
            except Exception:  # noqa: BLE001
                fail(test.__name__, "crashed:\n" + traceback.format_exc())
            if os.environ.get("OXY_RT_VERBOSE"):
                print(f"  {test.__name__}: {time.time() - t:.2f}s")
    total = sum(COUNTS.values())
    if FAILURES:
        shown = [f for f in FAILURES if f is not None]
        print(f"oxyc runtime: {len(FAILURES)} FAILURES out of {total} checks")
        for f in shown[:60]:
            print("  " + f)
        if len(FAILURES) > 60:
            print(f"  ... and {len(FAILURES) - 60} more")
        return 1
    print(f"oxyc runtime: all {total} checks passed in {time.time() - t0:.1f}s "
          f"(build {t_build:.1f}s; {len(COUNTS)} sections)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
