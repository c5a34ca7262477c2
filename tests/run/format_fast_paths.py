"""Formatting of values with known types: f-string fields, format(), str(),
`"...".format(...)` and `"..." % (...)` with literal templates, whose common
specs compiled code lays out itself. Every spec of the grids also runs through
the interpreter's own format(), so the two must agree character for character,
including the specs and values that are left to format() (long ints, `#`,
grouping, `%`, `n`, `z`) and the errors."""

from typing import Callable

INTS: list[int] = [0, 1, -1, 7, -42, 255, -256, 2**31, -(2**40), 2**62 - 1, -(2**62), 2**62, 2**64, -(2**70)]

INT_SPECS: list[str] = [
    "", "d", "5", "05", "<6", ">6", "^7", "=8", "+", " ", "-", "+05", " 5d", "-6d",
    "x", "X", "o", "b", "08b", "+#x", "#o", ",", "_", "_x", "x<6", "*^9", "0<5", "0>5",
    "0=5", "0^5", "00", "010", "+010d", "<+7", "^-9", "= 8", ".3", "c", "n", "e", ".2f",
    "%", "z", "s", "99999", "9999", "5.", "ä>5", "<<5", "==6", "^^9", ">>", "<",
]

FLOATS: list[float] = [
    0.0, -0.0, 1.5, -2.25, 3.14159, 2.5, 0.125, 1e20, 1e-7, 123456.789, -987.654321,
    1e300, float("inf"), float("-inf"), float("nan"), -float("nan"),
]

FLOAT_SPECS: list[str] = [
    "", ".3f", ".0f", "f", "F", "e", ".2E", "g", ".3g", ".0g", "G", ".1G", "10.2f",
    "<10.2f", "^11.1f", "=+10.2f", "010.3f", "+.1e", " .2f", "-.2f", "*>9.2f", "x<8.1f",
    ".2%", ",.2f", "_.1f", "#.0f", "n", "z.1f", "d", ".30f", ".9999f", ".12345f", "5",
    ".3", "<5", "s", "08.3e", "+08.3g", "^+12.4E",
]

STRS: list[str] = ["", "a", "abc", "héllo", "日本", "\U0001f600x", "tab\there"]

STR_SPECS: list[str] = [
    "", "s", "5", "<5", ">5", "^6", ".2", ">8.2", "*^7", ".0", ".10", "é<6", "05",
    "<05", "=5", "+", " 5", "d", "10.3s", "x>4", "^", "99999",
]


def attempt(f: Callable[[], str]) -> str:
    try:
        return repr(f())
    except (ValueError, TypeError, OverflowError, IndexError, KeyError) as e:
        return f"{type(e).__name__}: {e}"


def fmt_int(v: int, spec: str) -> str:
    return f"{v:{spec}}"


def fmt_float(v: float, spec: str) -> str:
    return f"{v:{spec}}"


def fmt_str(v: str, spec: str) -> str:
    return f"{v:{spec}}"


def test_int_spec_grid() -> None:
    for spec in INT_SPECS:
        row = [attempt(lambda: fmt_int(v, spec)) for v in INTS]
        print(repr(spec), " ".join(row))


def test_float_spec_grid() -> None:
    for spec in FLOAT_SPECS:
        row = [attempt(lambda: fmt_float(v, spec)) for v in FLOATS]
        print(repr(spec), " ".join(row))


def test_str_spec_grid() -> None:
    for spec in STR_SPECS:
        row = [attempt(lambda: fmt_str(v, spec)) for v in STRS]
        print(repr(spec), " ".join(row))


def test_literal_specs() -> None:
    for v in INTS:
        print(f"[{v}|{v:06d}|{v:>5}|{v:<5}|{v:^7}|{v:+}|{v:x}|{v:#x}|{v:,}|{v!r}|{v!s:>4}]")
    for x in FLOATS:
        print(f"[{x}|{x:.3f}|{x:10.2f}|{x:<9.1e}|{x:+.2g}|{x:.1%}|{x!r}|{x!s:>6}]")
    for s in STRS:
        print(f"[{s}|{s:>6}|{s:^6}|{s:.2}|{s!r}|{s!a}|{s!r:>9}]")
    n = 5
    word = STRS[3]
    print(f"{n=} {n = :03d} {1.5=:.2f} {word=} {word=!s} {word=:>8} {word = !a}")


class Loud(str):
    def __format__(self, spec: str) -> str:
        return "<" + str.__format__(self, spec) + ">"

    def __str__(self) -> str:
        return "loud"

    def __repr__(self) -> str:
        return "Loud()"


class Small(int):
    def __format__(self, spec: str) -> str:
        return "small:" + spec


def test_subclasses_keep_their_methods() -> None:
    s: str = Loud("ab")
    print(f"{s}|{s:>5}|{s!s}|{s!r}", "{}|{:>5}|{!s}".format(s, s, s), "%s|%5s|%r" % (s, s, s))
    print(format(s, "^6"), str(s), repr(s))
    k: object = Small(3)
    print(f"{k}|{k:>5}", "{:x}".format(k), "%d|%s" % (k, k))  # type: ignore[str-format]


def test_str_of_numbers() -> None:
    for v in INTS:
        print(str(v), str(-v), str(v * 1000 + 7))
    for x in FLOATS:
        print(str(x), str(-x), str(x / 3))
    print(str(0.1), str(1e16), str(1e-5), str(123456789012345678.0), str(2.0**0.5))


def test_percent_literals() -> None:
    for v in INTS:
        x = v / 7
        s = "n" + str(v % 97)
        print("P|%d|%-8s|%5d|%d|%.2f" % (v, s, v, -v, x))
        print("%i %u %x %X %o|%+d|% d|%05d|%-6d|%+06d|% 06d|%-+5d" % (v, v, v, v, v, v, v, v, v, v, v, v))
        print("%f|%.0f|%10.3f|%-10.3f|%010.3f|%+.2e|%E|%g|%.3G|%5s|%-5s|%s" % (x, x, x, x, x, x, x, x, x, s, s, v))
        print("%s|%r|%a|%8r|%-8a|%%|%ld|%hd" % (x, s, s + "é", s, s, v, v))
        print("%d" % v, "%.1f" % x, "%s%%" % v, "[%5.1f]" % x, "%s" % x)


def test_percent_errors() -> None:
    n = 3
    x = 2.5
    s = "abc"
    print(attempt(lambda: "%d %d" % (n,)))  # type: ignore[str-format]
    print(attempt(lambda: "%d" % (n, n)))  # type: ignore[str-format]
    print(attempt(lambda: "%d" % s))  # type: ignore[str-format]
    print(attempt(lambda: "%f" % s))  # type: ignore[str-format]
    print(attempt(lambda: "%d|%x" % (x, x)))  # type: ignore[str-format]
    print(attempt(lambda: "%c|%c" % (n + 62, s[0])))
    print(attempt(lambda: "%(a)s" % {"a": 1}))
    print(attempt(lambda: "%*d" % (5, n)))
    print(attempt(lambda: "%.3s|%#x|%#o" % (s, n, n)))
    print(attempt(lambda: "%05s|% s|%+s" % (s, s, s)))
    print(attempt(lambda: "%y" % n))  # type: ignore[str-format]
    print(attempt(lambda: "%" % ()))  # type: ignore[str-format]
    print(attempt(lambda: "%s" % (s,)))
    print(attempt(lambda: "%s" % s))
    t = (1, 2)
    print(attempt(lambda: "%s" % (t,)))
    print(attempt(lambda: "%s" % t))  # type: ignore[str-format]
    print(attempt(lambda: "%s %s" % t))
    print(attempt(lambda: "%d" % True))
    print(attempt(lambda: "%.2f" % n))


def test_str_format_literals() -> None:
    for v in INTS:
        x = v / 7
        name = "n" + str(v % 97)
        print("S|{0}|{name}|{1:x}|{2}|{r:.4f}".format(v, v % 1000, -v, name=name, r=x))
        print("{}|{:>6}|{:<6}|{:^8}|{!r}|{!s:>3}|{:+}".format(v, v, v, v, name, v, x))
        print("{0}{0}{1}{{}}{{{1}}}|{a!a}|{b:08.2f}|{a:*>7}".format(v, name, a=name + "é", b=x))
        print("{:,}|{:_x}|{:#b}|{:.2%}|{:e}".format(v, v, v % 64, x, x))


def test_str_format_errors() -> None:
    n = 3
    s = "abc"
    print(attempt(lambda: "{2}".format(n, n)))  # type: ignore[str-format]
    print(attempt(lambda: "{}{}".format(n)))  # type: ignore[str-format]
    print(attempt(lambda: "{x}".format(y=n)))  # type: ignore[str-format]
    print(attempt(lambda: "{}{0}".format(n)))  # type: ignore[str-format]
    print(attempt(lambda: "{0}{}".format(n)))  # type: ignore[str-format]
    print(attempt(lambda: "{:d}".format(s)))  # type: ignore[str-format]
    print(attempt(lambda: "{:s}".format(n)))
    print(attempt(lambda: "{!x}".format(n)))  # type: ignore[str-format]
    print(attempt(lambda: "}".format(n)))  # type: ignore[str-format]
    print(attempt(lambda: "{".format(n)))  # type: ignore[str-format]
    print(attempt(lambda: "{0.real}|{1[0]}|{1[-1]}".format(n, s)))  # type: ignore[str-format]
    print(attempt(lambda: "{0:{1}}".format(n, ">5")))
    print(attempt(lambda: "{:.3}".format(n)))
    print(attempt(lambda: "{a}{b}".format(1, 2, a=3, b=4, c=5)))  # type: ignore[str-format]
    args = [n, s]
    print(attempt(lambda: "{}{}".format(*args)))
    kw = {"k": s}
    print(attempt(lambda: "{k}".format(**kw)))


def test_arguments_evaluated_once_in_order() -> None:
    seen: list[str] = []

    def note(tag: str, v: int) -> int:
        seen.append(tag)
        return v

    print("{1}{0}{1}".format(note("a", 1), note("b", 2), note("c", 3), k=note("d", 4)))  # type: ignore[str-format]
    print("%d-%d" % (note("e", 5), note("f", 6)))
    print(f"{note('g', 7)}{note('h', 8):>3}")
    print(seen)

    def boom() -> int:
        raise ValueError("boom")

    print(attempt(lambda: "{}{}".format(note("i", 9), boom())))
    print(attempt(lambda: "%d%d" % (note("j", 10), boom())))
    print(seen)


def test_format_builtin_and_int_parsing() -> None:
    for v in INTS:
        print(format(v), format(v, "08x"), format(v / 3, ".2f"))
    for text in ["  42 ", "\t-7\n", "\x0b12\x0c", "+0", "-0", "000123", "  -0042  ", "\r\n9\r\n"]:
        print(repr(text), int(text))
    for bad in [" + 5", "\x1c5", "  ", "", "-", "4 2", " 0_1 ", "1\x00"]:
        print(repr(bad), attempt(lambda: str(int(bad))))
