"""The match statement (PEP 634): literal, capture, wildcard, value, sequence
(with star), mapping (with **rest), class (native classes, dataclasses, plain
classes, builtins matching themselves), OR and AS patterns, guards, bindings
after a match (and after a failed pattern or guard), no case matching, match
in loops (break/continue/return in cases), generators and closures, the
subject evaluated once, and the TypeErrors of class patterns.

Every function here must compile: crates/oxyc/tests/cli.rs builds this file
with --strict."""

import collections
import collections.abc
import enum
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Optional


class Color(enum.Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


class Consts:
    ANSWER = 42
    NAME = "oxy"


@dataclass
class Point:
    x: int
    y: int


@dataclass
class Line:
    start: Point
    end: Point


class Vec:
    """A native class with its own __match_args__."""

    __match_args__ = ("dx", "dy")

    def __init__(self, dx: float, dy: float) -> None:
        self.dx = dx
        self.dy = dy


class Plain:
    """No __match_args__: keyword sub-patterns only."""

    def __init__(self, a: int, b: str) -> None:
        self.a = a
        self.b = b


class Noisy:
    """Counts attribute reads through a property."""

    reads: list[str] = []
    __match_args__ = ("value",)

    def __init__(self, v: int) -> None:
        self._v = v

    @property
    def value(self) -> int:
        Noisy.reads.append("value")
        return self._v


class Eq:
    """Equal to everything; records comparisons (value patterns use ==)."""

    def __init__(self) -> None:
        self.seen: list[object] = []

    def __eq__(self, other: object) -> bool:
        self.seen.append(other)
        return True

    def __hash__(self) -> int:
        return 0


class MySeq(collections.abc.Sequence):  # type: ignore[type-arg]
    """A user sequence: only __len__ and __getitem__."""

    def __init__(self, items: list[int]) -> None:
        self.items = list(items)
        self.log: list[str] = []

    def __len__(self) -> int:
        self.log.append("len")
        return len(self.items)

    def __getitem__(self, i: Any) -> Any:
        self.log.append(f"getitem {i}")
        return self.items[i]


class MyMap(collections.abc.Mapping):  # type: ignore[type-arg]
    def __init__(self, d: dict[str, int]) -> None:
        self.d = dict(d)

    def __getitem__(self, k: str) -> int:
        return self.d[k]

    def __iter__(self) -> Iterator[str]:
        return iter(self.d)

    def __len__(self) -> int:
        return len(self.d)


class MyInt(int):
    pass


def describe(v: object) -> str:
    match v:
        case None:
            return "none"
        case True:
            return "true"
        case False:
            return "false"
        case 0:
            return "zero"
        case -1:
            return "minus one"
        case 2.5:
            return "two and a half"
        case "hello":
            return "greeting"
        case b"raw":
            return "bytes"
        case _:
            return "other"


def test_literals() -> None:
    got = [describe(v) for v in [None, True, False, 0, -1, 2.5, "hello", b"raw", 0.0, 1, "x"]]
    assert got == [
        "none", "true", "false", "zero", "minus one", "two and a half",
        "greeting", "bytes", "zero", "other", "other",
    ], got
    print(got)


def test_true_is_not_one() -> None:
    # True/False/None are compared by identity, numbers by ==.
    out = []
    for v in [1, 1.0, True]:
        match v:
            case True:
                out.append("is True")
            case 1:
                out.append("== 1")
    assert out == ["== 1", "== 1", "is True"], out
    print(out)


def test_complex_literal() -> None:
    match 2 + 3j:
        case 2 + 3j:
            r = "complex"
        case _:
            r = "no"
    assert r == "complex"
    print(r)


def test_capture_and_wildcard() -> None:
    match [1, 2]:
        case whole:
            pass
    assert whole == [1, 2]
    match 5:
        case _:
            r = "wild"
    assert r == "wild"
    print(whole, r)


def test_value_patterns() -> None:
    out = []
    for v in [Color.RED, Color.BLUE, 42, "oxy", 3]:
        match v:
            case Color.RED:
                out.append("red")
            case Color.GREEN | Color.BLUE:
                out.append("green or blue")
            case Consts.ANSWER:
                out.append("answer")
            case Consts.NAME:
                out.append("name")
            case _:
                out.append("?")
    assert out == ["red", "green or blue", "answer", "name", "?"], out
    print(out)


def test_value_pattern_uses_subject_eq() -> None:
    e = Eq()
    match e:
        case 7:
            r = "matched 7"
        case _:
            r = "no"
    assert r == "matched 7" and e.seen == [7], (r, e.seen)
    print(r, e.seen)


def seq_kind(v: object) -> str:
    match v:
        case []:
            return "empty"
        case [x]:
            return f"one {x}"
        case [x, y]:
            return f"two {x} {y}"
        case (x, y, z):
            return f"three {x} {y} {z}"
        case [first, *rest]:
            return f"many {first} {rest}"
        case _:
            return "not a sequence"


def test_sequences() -> None:
    got = [seq_kind(v) for v in [[], (), [1], (1, 2), [1, 2, 3], range(5), "ab", b"ab", bytearray(b"x"), 7, {1: 2}]]
    assert got == [
        "empty", "empty", "one 1", "two 1 2", "three 1 2 3",
        "many 0 [1, 2, 3, 4]", "not a sequence", "not a sequence",
        "not a sequence", "not a sequence", "not a sequence",
    ], got
    print(got)


def test_star_positions() -> None:
    out: list[object] = []
    for v in [[1, 2, 3, 4], [1, 2], [1]]:
        match v:
            case [a, *mid, b]:
                out.append((a, mid, b))
            case [*only]:
                out.append(("only", only))
    assert out == [(1, [2, 3], 4), (1, [], 2), ("only", [1])], out
    match (1, 2, 3):
        case (*init, last):
            assert init == [1, 2] and last == 3 and type(init) is list
            print(init, last)


def test_star_wildcard_indexes() -> None:
    s = MySeq([10, 20, 30, 40])
    match s:
        case [a, *_, b]:
            pair = (a, b)
    assert pair == (10, 40)
    # `*_` reads by index (no iteration): len, [0], len again, [len - 1].
    print(pair, s.log)
    s2 = MySeq([1, 2])
    match s2:
        case [_, _]:
            ok = True
    assert ok
    print(s2.log)


def test_user_sequence_unpacked() -> None:
    s = MySeq([1, 2, 3])
    match s:
        case [a, *rest]:
            assert a == 1 and rest == [2, 3]
            print(a, rest, s.log)


def test_nested_sequences() -> None:
    data: Any = [(1, 2), [3, [4, 5]]]
    match data:
        case [(a, b), [c, [d, e]]]:
            total = a + b + c + d + e
    assert total == 15
    print(total)


def mapping_kind(v: object) -> str:
    match v:
        case {"type": "point", "x": x, "y": y}:
            return f"point {x} {y}"
        case {"type": "circle", "r": r, **rest}:
            return f"circle {r} rest={sorted(rest.items())}"
        case {"type": t}:
            return f"unknown type {t}"
        case {}:
            return "some mapping"
        case _:
            return "not a mapping"


def test_mappings() -> None:
    got = [
        mapping_kind({"type": "point", "x": 1, "y": 2, "extra": 0}),
        mapping_kind({"type": "circle", "r": 3, "fill": "red", "z": 1}),
        mapping_kind({"type": "square"}),
        mapping_kind({"x": 1}),
        mapping_kind(MyMap({"type": 5})),
        mapping_kind([("type", "point")]),
        mapping_kind(collections.OrderedDict(type="circle", r=1)),
    ]
    assert got == [
        "point 1 2", "circle 3 rest=[('fill', 'red'), ('z', 1)]", "unknown type square",
        "some mapping", "unknown type 5", "not a mapping", "circle 1 rest=[]",
    ], got
    print(got)


def test_mapping_rest_is_a_new_dict() -> None:
    src = {"a": 1, "b": 2, "c": 3}
    match src:
        case {"a": 1, **rest}:
            pass
    assert rest == {"b": 2, "c": 3} and type(rest) is dict
    rest["z"] = 0
    assert "z" not in src
    match MyMap({"p": 1, "q": 2}):
        case {**everything}:
            assert everything == {"p": 1, "q": 2} and type(everything) is dict
    print(rest, everything)


def test_mapping_uses_get() -> None:
    log = []

    class D(dict):  # type: ignore[type-arg]
        def get(self, k: Any, default: Any = None) -> Any:
            log.append(k)
            return dict.get(self, k, default)

    match D(a=1, b=2):
        case {"a": x, "b": y}:
            pass
    assert (x, y) == (1, 2) and log == ["a", "b"], log
    # defaultdict: a missing key does not match (get, not __getitem__).
    dd: collections.defaultdict[str, int] = collections.defaultdict(int, {"a": 1})
    match dd:
        case {"zzz": _}:
            r = "matched"
        case _:
            r = "missing"
    assert r == "missing" and "zzz" not in dd
    print(log, r)


def test_mapping_duplicate_value_keys() -> None:
    # Literal duplicates are a SyntaxError; value-pattern duplicates a ValueError.
    try:
        match {"oxy": 1, "x": 2}:
            case {Consts.NAME: 1, "oxy": 2}:
                r = "matched"
    except ValueError as e:
        r = str(e)
    assert r == "mapping pattern checks duplicate key ('oxy')", r
    print(r)


def test_mapping_keys_none_and_numbers() -> None:
    match {None: "n", 1: "one", -2: "minus two", True: "t"}:
        case {None: a, -2: b, 1: c}:
            got = (a, b, c)
    assert got == ("n", "minus two", "t"), got
    print(got)


def where(p: object) -> str:
    match p:
        case Point(x=0, y=0):
            return "origin"
        case Point(x=0, y=yy):
            return f"on y axis at {yy}"
        case Point(xx, 0):
            return f"on x axis at {xx}"
        case Point(xx, yy) if xx == yy:
            return f"diagonal {xx}"
        case Point():
            return "somewhere"
        case _:
            return "not a point"


def test_class_dataclass() -> None:
    got = [where(p) for p in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 2), (0, 0)]]
    assert got == ["origin", "on y axis at 5", "on x axis at 3", "diagonal 2", "somewhere", "not a point"], got
    print(got)


def test_class_nested() -> None:
    out = []
    for ln in [Line(Point(0, 0), Point(1, 1)), Line(Point(1, 2), Point(1, 5)), Line(Point(1, 2), Point(3, 4))]:
        match ln:
            case Line(Point(0, 0), end):
                out.append(f"from origin to {end}")
            case Line(Point(x1, _), Point(x2, _)) if x1 == x2:
                out.append(f"vertical at {x1}")
            case Line(start=s, end=Point(x=ex)):
                out.append(f"{s.x} -> {ex}")
    assert out == ["from origin to Point(x=1, y=1)", "vertical at 1", "1 -> 3"], out
    print(out)


def test_class_native_match_args() -> None:
    out = []
    for v in [Vec(0.0, 1.0), Vec(2.0, 2.0), Vec(3.0, -1.0)]:
        match v:
            case Vec(0.0, dy):
                out.append(f"vertical {dy}")
            case Vec(dx, dy=d) if dx == d:
                out.append(f"diagonal {dx}")
            case Vec(dx=x):
                out.append(f"x {x}")
    assert out == ["vertical 1.0", "diagonal 2.0", "x 3.0"], out
    print(out)


def test_class_keywords_only() -> None:
    match Plain(1, "b"):
        case Plain(a=1, b=bb):
            r = bb
    assert r == "b"
    match Plain(2, "c"):
        case Plain(a=1):
            r = "one"
        case Plain(missing=_):  # type: ignore[misc]  # no such attribute: no match
            r = "missing"
        case Plain(b=str() as s):
            r = "str " + s
    assert r == "str c", r
    print(r)


def test_class_builtins_match_self() -> None:
    out = []
    for v in [5, 2.5, "s", b"b", True, [1], (2,), {3: 4}, {5}, frozenset({6}), bytearray(b"x"), MyInt(7), None]:
        match v:
            case bool(b):
                out.append(f"bool {b}")
            case int(i):
                out.append(f"int {i} {type(i).__name__}")
            case float(f):
                out.append(f"float {f}")
            case str(s):
                out.append(f"str {s}")
            case bytes(bs):
                out.append(f"bytes {bs!r}")
            case list(l):
                out.append(f"list {l}")
            case tuple(t):
                out.append(f"tuple {t}")
            case dict(d):
                out.append(f"dict {d}")
            case set(st):
                out.append(f"set {st}")
            case frozenset(fs):
                out.append(f"frozenset {sorted(fs)}")
            case bytearray(ba):
                out.append(f"bytearray {ba!r}")
            case _:
                out.append("other")
    print(out)
    assert out[0] == "int 5 int" and out[4] == "bool True" and out[11] == "int 7 MyInt", out
    assert out[-1] == "other"


def test_class_attribute_reads() -> None:
    Noisy.reads.clear()
    match Noisy(3):
        case Noisy(1):
            r = "one"
        case Noisy(v) if v > 2:
            r = f"big {v}"
    assert r == "big 3" and Noisy.reads == ["value", "value"], (r, Noisy.reads)
    print(r, Noisy.reads)


def error_of(f: Callable[[], object]) -> str:
    try:
        f()
    except (TypeError, ValueError) as e:
        return f"{type(e).__name__}: {e}"
    return "no error"


def too_many_positional() -> object:
    match Point(1, 2):
        case Point(1, 2, 3):  # type: ignore[misc]
            return "matched"
    return None


def duplicate_attribute() -> object:
    match Point(1, 2):
        case Point(1, x=1):  # type: ignore[misc]
            return "matched"
    return None


def not_a_class() -> object:
    notclass: Any = 5
    match 1:
        case notclass():
            return "matched"
    return None


def no_match_args() -> object:
    match Plain(1, "x"):
        case Plain(1):  # type: ignore[misc]
            return "matched"
    return None


def builtin_two_positional() -> object:
    match 1:
        case int(1, 2):  # type: ignore[misc]
            return "matched"
    return None


class BadArgs:
    __match_args__: Any = ["a"]


class BadArgItem:
    __match_args__: Any = (1,)


def match_args_not_tuple() -> object:
    match BadArgs():
        case BadArgs(1):
            return "matched"
    return None


def match_args_not_str() -> object:
    match BadArgItem():
        case BadArgItem(1):
            return "matched"
    return None


def no_error_when_not_instance() -> object:
    # The positional count is checked only for an instance.
    match "str":
        case Point(1, 2, 3):  # type: ignore[misc]
            return "matched"
    return "fine"


def test_class_pattern_errors() -> None:
    got = [
        error_of(too_many_positional),
        error_of(duplicate_attribute),
        error_of(not_a_class),
        error_of(no_match_args),
        error_of(builtin_two_positional),
        error_of(match_args_not_tuple),
        error_of(match_args_not_str),
        error_of(no_error_when_not_instance),
    ]
    # (The wording for a non-class changed in Python 3.12 and 3.15.)
    assert got[2].startswith("TypeError: ") and "pattern must" in got[2], got[2]
    got[2] = "TypeError: (not a class)"
    assert got == [
        "TypeError: Point() accepts 2 positional sub-patterns (3 given)",
        "TypeError: Point() got multiple sub-patterns for attribute 'x'",
        "TypeError: (not a class)",
        "TypeError: Plain() accepts 0 positional sub-patterns (1 given)",
        "TypeError: int() accepts 1 positional sub-pattern (2 given)",
        "TypeError: BadArgs.__match_args__ must be a tuple (got list)",
        "TypeError: __match_args__ elements must be strings (got int)",
        "no error",
    ], got
    print(got)


def test_or_patterns() -> None:
    out = []
    for v in [1, 2, 3, [1, "a"], ("b", 2), "z"]:
        match v:
            case 1 | 2:
                out.append("one or two")
            case [1, x] | [x, 2]:
                out.append(f"pair with {x}")
            case int() | str():
                out.append("int or str")
    assert out == ["one or two", "one or two", "int or str", "pair with a", "pair with b", "int or str"], out
    print(out)


def test_or_binding_same_names_in_other_order() -> None:
    out = []
    for v in [(1, "a"), ("b", 2)]:
        match v:
            case (int(n), str(s)) | (str(s), int(n)):
                out.append((n, s))
    assert out == [(1, "a"), (2, "b")], out
    print(out)


def test_as_patterns() -> None:
    match [1, [2, 3]]:
        case [int() as a, [_, _] as inner] as whole:
            got = (a, inner, whole)
    assert got == (1, [2, 3], [1, [2, 3]]), got
    match 5:
        case (1 | 5) as which:
            assert which == 5
    print(got, which)


def test_guards() -> None:
    out = []
    for v in [-3, 0, 4, 100]:
        match v:
            case int(n) if n < 0:
                out.append("negative")
            case 0:
                out.append("zero")
            case n if n > 50:
                out.append("large")
            case n:
                out.append(f"small {n}")
    assert out == ["negative", "zero", "small 4", "large"], out
    print(out)


def test_guard_sees_bindings_and_side_effects() -> None:
    calls: list[int] = []

    def check(x: int) -> bool:
        calls.append(x)
        return x > 1

    out = []
    for v in [[1, 2], [3, 4]]:
        match v:
            case [a, b] if check(a):
                out.append(b)
            case [a, _]:
                out.append(-a)
    assert out == [-1, 4] and calls == [1, 3], (out, calls)
    print(out, calls)


def test_bindings_after_match() -> None:
    match (1, 2):
        case (a, b):
            pass
    assert a + b == 3
    print(a, b)


def failed_pattern_binds_nothing(v: object) -> str:
    y: object = "unset"
    match v:
        case [y, 0]:
            pass
        case _:
            pass
    return str(y)


def failed_guard_keeps_bindings(v: object) -> str:
    match v:
        case [a, b] if False:
            return "never"
        case _:
            return f"{a} {b}"  # type: ignore[used-before-def]


def test_binding_rules() -> None:
    got = [failed_pattern_binds_nothing([1, 1]), failed_pattern_binds_nothing([1, 0]), failed_guard_keeps_bindings([5, 6])]
    assert got == ["unset", "1", "5 6"], got
    print(got)


def test_unbound_after_no_match() -> None:
    def f(v: object) -> str:
        match v:
            case [x]:
                pass
        try:
            return f"bound {x}"
        except UnboundLocalError:
            return "unbound"

    got = [f([1]), f(2)]
    assert got == ["bound 1", "unbound"], got
    print(got)


def test_no_case_matches() -> None:
    r = "before"
    match 42:
        case 1:
            r = "one"
        case [_]:
            r = "seq"
        case str():
            r = "str"
    assert r == "before"
    print(r)


def test_subject_evaluated_once() -> None:
    calls = []

    def subject() -> list[int]:
        calls.append(1)
        return [1, 2, 3]

    match subject():
        case [0, *_]:
            r = "zero"
        case [1, 2]:
            r = "two"
        case [1, *rest]:
            r = f"rest {rest}"
    assert calls == [1] and r == "rest [2, 3]", (calls, r)
    print(calls, r)


def test_subject_not_rebound_by_capture() -> None:
    # A capture of the subject's own name in a failed case does not change what
    # later cases see.
    x: object = [1, 2]
    match x:
        case [x, 0] if True:
            r = "first"
        case [a, b]:
            r = f"second {a} {b}"
    assert r == "second 1 2"
    y: object = [3, 4]
    match y:
        case [y, _] if False:
            r = "never"
        case [c, d]:
            r = f"then {c} {d} y={y}"
    assert r == "then 3 4 y=3", r
    print(r)


def test_loops_break_continue() -> None:
    out: list[object] = []
    for v in [1, "skip", 2, None, 3, "stop", 4]:
        match v:
            case "skip":
                continue
            case "stop":
                break
            case None:
                out.append(0)
            case n:
                out.append(n)
    assert out == [1, 2, 0, 3], out
    i = 0
    seen = []
    while True:
        i += 1
        match i % 4, i:
            case (0, _):
                continue
            case (_, 10):
                break
            case (r, n):
                seen.append(r * 100 + n)
    assert seen == [101, 202, 303, 105, 206, 307, 109], seen
    print(out, seen)


def first_negative(xs: list[object]) -> Optional[int]:
    for x in xs:
        match x:
            case int(n) if n < 0:
                return n
            case [int(n), *_] if n < 0:
                return n
    return None


def test_return_from_case() -> None:
    got = [first_negative([1, [2], [-3], -4]), first_negative([1, 2]), first_negative([-9])]
    assert got == [-3, None, -9], got
    print(got)


def test_match_in_range_loop() -> None:
    out = []
    for i in range(6):
        match i:
            case 0 | 1:
                out.append("low")
            case 2 if out:
                out.append("two")
            case k:
                out.append(str(k * k))
    assert out == ["low", "low", "two", "9", "16", "25"], out
    print(out)


def tokens(text: str) -> Iterator[tuple[str, object]]:
    for word in text.split():
        match word:
            case "+" | "-" | "*":
                yield ("op", word)
            case w if w.isdigit():
                yield ("num", int(w))
            case "end":
                return
            case w:
                yield ("name", w)


def test_generator() -> None:
    got = list(tokens("a + 12 * b end ignored"))
    assert got == [("name", "a"), ("op", "+"), ("num", 12), ("op", "*"), ("name", "b")], got
    print(got)


def test_closure_captures_pattern_names() -> None:
    fs = []
    for v in [(1, 2), (3, 4)]:
        match v:
            case (a, b):
                fs.append(lambda a=a, b=b: a * b)
    match {"k": 10}:
        case {"k": k}:
            pass

    def get_k() -> object:
        return k

    assert [f() for f in fs] == [2, 12] and get_k() == 10
    print([f() for f in fs], get_k())


def test_nonlocal_capture() -> None:
    result: object = "none"

    def classify(v: object) -> None:
        nonlocal result
        match v:
            case [result, *_]:
                pass

    classify(["first", "second"])
    assert result == "first"
    print(result)


counter_g: object = None


def test_global_capture() -> None:
    global counter_g
    match [7, 8]:
        case [counter_g, _]:
            pass
    assert counter_g == 7
    print(counter_g)


def test_annotated_local_capture() -> None:
    n: int = 0
    match [5]:
        case [n]:
            pass
    assert n == 5
    print(n + 1)


def test_walrus_in_guard() -> None:
    out = []
    for v in [3, 10]:
        match v:
            case int(x) if (sq := x * x) > 50:
                out.append(("big", sq))
            case int(x):
                out.append(("small", sq))
    assert out == [("small", 9), ("big", 100)], out
    print(out)


def test_match_tuple_subject() -> None:
    def fizz(i: int) -> str:
        match i % 3, i % 5:
            case 0, 0:
                return "FizzBuzz"
            case 0, _:
                return "Fizz"
            case _, 0:
                return "Buzz"
            case _:
                return str(i)

    got = [fizz(i) for i in range(1, 16)]
    assert got[14] == "FizzBuzz" and got[2] == "Fizz" and got[4] == "Buzz" and got[0] == "1"
    print(got)


def eval_expr(e: object) -> float:
    match e:
        case int() | float() as n:
            return float(n)
        case ("+", l, r):
            return eval_expr(l) + eval_expr(r)
        case ("*", l, r):
            return eval_expr(l) * eval_expr(r)
        case ("-", x):
            return -eval_expr(x)
        case {"op": "neg", "arg": a}:
            return -eval_expr(a)
        case _:
            raise ValueError(f"bad expression {e!r}")


def test_recursive_evaluator() -> None:
    v = eval_expr(("+", 1, ("*", 2.5, ("-", 4))))
    w = eval_expr({"op": "neg", "arg": ("+", 1, 1)})
    assert v == -9.0 and w == -2.0
    try:
        eval_expr(("%", 1, 2))
    except ValueError as e:
        msg = str(e)
    assert msg == "bad expression ('%', 1, 2)"
    print(v, w, msg)


def test_typed_subjects() -> None:
    def kind_int(n: int) -> str:
        match n:
            case 0:
                return "zero"
            case 1 | 2 | 3:
                return "few"
            case int(m) if m < 0:
                return "negative"
            case _:
                return "many"

    def kind_str(s: str) -> str:
        match s:
            case "":
                return "empty"
            case "a" | "b":
                return "ab"
            case str(t):
                return f"other {t}"

    def kind_float(f: float) -> str:
        match f:
            case 0.0:
                return "zero"
            case 1:
                return "one"
            case _:
                return "x"

    got = [kind_int(0), kind_int(2), kind_int(-5), kind_int(10**20), kind_str(""), kind_str("b"), kind_str("zz"), kind_float(-0.0), kind_float(1.0), kind_float(0.5)]
    assert got == ["zero", "few", "negative", "many", "empty", "ab", "other zz", "zero", "one", "x"], got
    print(got)


def test_exception_in_pattern_propagates() -> None:
    class Boom:
        @property
        def x(self) -> int:
            raise KeyError("boom")

    try:
        match Boom():
            case Boom(x=1):
                r = "matched"
    except KeyError as e:
        r = f"KeyError {e}"
    assert r == "KeyError 'boom'"

    class Missing:
        @property
        def x(self) -> int:
            raise AttributeError("no x")

    match Missing():
        case Missing(x=_):
            r = "matched"
        case Missing():
            r = "attribute error means no match"
    assert r == "attribute error means no match"
    print(r)


def test_match_inside_try_and_with() -> None:
    import contextlib

    out: list[object] = []
    for v in [[1], "x", [2]]:
        try:
            with contextlib.suppress(ZeroDivisionError):
                match v:
                    case [int(n)]:
                        out.append(10 // (n - 1))
                    case _:
                        raise ValueError(v)
        except ValueError as e:
            out.append(f"ve {e}")
    assert out == ["ve x", 10], out
    print(out)


def test_many_cases_with_shared_names() -> None:
    results: list[object] = []
    for item in [("add", 1, 2), ("neg", 5), ("nop",), ("add", "a", "b"), 17]:
        match item:
            case ("add", int(x), int(y)):
                results.append(x + y)
            case ("add", x, y):
                results.append(f"{x}{y}")
            case ("neg", int(x)):
                results.append(-x)
            case ("nop",):
                results.append(None)
            case other:
                results.append(("other", other))
    assert results == [3, -5, None, "ab", ("other", 17)], results
    print(results)


# A match at module level binds globals.
match {"mode": "fast", "level": 3}:
    case {"mode": str(module_mode), **module_rest}:
        pass


def test_module_level_match() -> None:
    assert module_mode == "fast" and module_rest == {"level": 3}
    print(module_mode, module_rest)


class Shape:
    def __init__(self, kind: str, size: float) -> None:
        self.kind = kind
        self.size = size

    def area(self) -> float:
        match self:
            case Shape(kind="square", size=s):
                return s * s
            case Shape(kind="circle", size=r):
                return 3.0 * r * r
            case _:
                return 0.0

    def same_kind(self, other: object) -> bool:
        match other:
            case Shape(kind=self.kind):
                return True
        return False


def test_match_in_methods() -> None:
    sq = Shape("square", 2.0)
    ci = Shape("circle", 1.0)
    got = (sq.area(), ci.area(), Shape("blob", 1.0).area(), sq.same_kind(Shape("square", 9.0)), sq.same_kind(ci))
    assert got == (4.0, 3.0, 0.0, True, False), got
    print(got)
