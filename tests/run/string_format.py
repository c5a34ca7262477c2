"""String formatting: f-strings (conversions !r !s !a, format specs for int
and str, nested specs, self-documenting `{x=}`), format(), str.format and
%-formatting, including their error messages."""

WIDTH: int = 8


def fmt_int(n: int, spec: str) -> str:
    return format(n, spec)


def fmt_obj(x: object, spec: str) -> str:
    return format(x, spec)


def row(name: str, qty: int, price: float) -> str:
    return f"{name:<10}|{qty:>5}|{price:>9.2f}|{qty * price:>10,.2f}"


def percent(fmt: str, args: object) -> str:
    return fmt % args


def test_fstring_basics() -> None:
    name = "Ann"
    age = 37
    x = 3
    y = 4
    d = {"k": "v"}
    xs = [10, 20, 30]
    r = [
        f"{name} is {age}",
        f"{{literal}} {x}",
        f"{x + y}",
        f"{'a' + 'b'}",
        f"{d['k']}{xs[-1]}{len(name)}",
        f"{x}{y}",
        f"",
        f"no fields",
        "a" f"{x}" "b",
        f"{2**64}",
        f"{-(2**63)}",
        f"{None} {True} {False}",
        f"{[1, 'a']}",
    ]
    print(r)
    assert r == ["Ann is 37", "{literal} 3", "7", "ab", "v303", "34", "", "no fields", "a3b", "18446744073709551616", "-9223372036854775808", "None True False", "[1, 'a']"]


def test_fstring_int_specs() -> None:
    n = 1234567
    m = -255
    lines = [
        f"{n:,}|{m:,}|{n:_}",
        f"{n:08b}|{5:08b}|{m:08b}",
        f"{n:x}|{n:X}|{n:#x}|{m:#x}",
        f"{n:o}|{n:#o}|{m:#o}",
        f"[{n:>9}][{m:<6}][{m:^7}]",
        f"{n:+d}|{n: d}|{m:+d}",
        f"{n:08d}|{m:08d}",
        f"{255:#010x}|{m:#010x}",
        f"{n:e}|{n:=+10}|{m:*>12,}",
        f"{2**64:,}|{-(2**64):x}|{2**63:#b}",
        f"{9731:c}",
    ]
    for line in lines:
        print(line)
    assert lines == [
        "1,234,567|-255|1_234_567",
        "100101101011010000111|00000101|-11111111",
        "12d687|12D687|0x12d687|-0xff",
        "4553207|0o4553207|-0o377",
        "[  1234567][-255  ][ -255  ]",
        "+1234567| 1234567|-255",
        "01234567|-0000255",
        "0x000000ff|-0x00000ff",
        "1.234567e+06|+  1234567|********-255",
        "18,446,744,073,709,551,616|-10000000000000000|0b1000000000000000000000000000000000000000000000000000000000000000",
        "☃",
    ]


def test_fstring_str_specs_and_conversions() -> None:
    s = "héllo"
    lines = [
        f"[{s:>10}]",
        f"[{s:<10}]",
        f"[{s:^10}]",
        f"[{s:*^11}]",
        f"[{s:.3}]",
        f"[{s!r}]",
        f"[{s!s}]",
        f"[{s!a}]",
        f"[{s!r:>12}]",
        f"[{'😀':-^5}]",
        f"[{'':>3}]",
    ]
    for line in lines:
        print(line)
    assert lines == [
        "[     héllo]",
        "[héllo     ]",
        "[  héllo   ]",
        "[***héllo***]",
        "[hél]",
        "['héllo']",
        "[héllo]",
        "['h\\xe9llo']",
        "[     'héllo']",
        "[--😀--]",
        "[   ]",
    ]


def test_fstring_self_documenting() -> None:
    x = 5
    s = "hi"
    f = 3.14159
    items = [1, 2]
    lines = [f"{x=}", f"{x = }", f"{s=}", f"{x*2=}", f"{f=:.2f}", f"{s=!s}", f"{len(items)=}", f"{x=:>4}"]
    for line in lines:
        print(line)
    assert lines == ["x=5", "x = 5", "s='hi'", "x*2=10", "f=3.14", "s=hi", "len(items)=2", "x=   5"]


def test_fstring_nested_specs() -> None:
    v = 2.0 / 3.0
    r = []
    for p in range(4):
        r.append(f"{v:.{p}f}")
    w = WIDTH
    line = f"[{'ab':>{w}}][{42:0{w}d}][{v:{w}.{2}f}]"
    print(r, line)
    assert r == ["1", "0.7", "0.67", "0.667"]
    assert line == "[      ab][00000042][    0.67]"


def test_format_builtin_and_bool() -> None:
    r = [
        fmt_int(1234567, ","),
        fmt_int(-5, "03d"),
        fmt_obj(True, ">6"),
        fmt_obj(True, ""),
        fmt_obj(None, ""),
        fmt_obj("x", "^5"),
        fmt_obj(0.5, ".0%"),
        fmt_obj(2**70, "_x"),
        fmt_obj([1, 2], ""),
        f"{True:d}",
    ]
    print(r)
    assert r == ["1,234,567", "-05", "     1", "True", "None", "  x  ", "50%", "40_0000_0000_0000_0000", "[1, 2]", "1"]


def test_format_errors() -> None:
    msgs = []
    cases: list[tuple[object, str]] = [("x", "d"), (1.5, "d"), (5, ".2s"), ("abc", "=5"), (5, "invalid")]
    for value, spec in cases:
        try:
            fmt_obj(value, spec)
            msgs.append("no error")
        except ValueError as e:
            msgs.append(str(e))
    for m in msgs:
        print(m)
    assert msgs == [
        "Unknown format code 'd' for object of type 'str'",
        "Unknown format code 'd' for object of type 'float'",
        "Unknown format code 's' for object of type 'int'",
        "'=' alignment not allowed in string format specifier",
        "Invalid format specifier 'invalid' for object of type 'int'",
    ]


def test_percent_format_basics() -> None:
    lines = [
        "%d" % 42,
        "%5d|%-5d|%05d" % (42, 42, 42),
        "%+d % d %05d" % (5, 5, -42),
        "%x %X %o %#x %#o" % (255, 255, 8, 255, 8),
        "%s %s" % ("a", 1),
        "%r" % "a",
        "%c%c" % (65, "b"),
        "%d%%" % 100,
        "%.3s|%5s|%-5s|" % ("abcdef", "ab", "cd"),
        "%(name)s is %(age)d" % {"name": "x", "age": 3},
        "%d|%i" % (3.9, -3.9),
        "%s" % [1, 2],
        "%s" % ((1, 2),),
        "%d items" % 2**70,
        "%a %r" % ("é", "é"),
        "%s and %s" % (None, True),
    ]
    for line in lines:
        print(line)
    assert lines == [
        "42",
        "   42|42   |00042",
        "+5  5 -0042",
        "ff FF 10 0xff 0o10",
        "a 1",
        "'a'",
        "Ab",
        "100%",
        "abc|   ab|cd   |",
        "x is 3",
        "3|-3",
        "[1, 2]",
        "(1, 2)",
        "1180591620717411303424 items",
        "'\\xe9' 'é'",
        "None and True",
    ]


def test_percent_format_runtime_values() -> None:
    r = [percent("%d-%d", (1, 2)), percent("%s", "solo"), percent("%5.1f%%", 99.44), percent("%x", 2**64 - 1), percent("[%-8s]", "left")]
    print(r)
    assert r == ["1-2", "solo", " 99.4%", "ffffffffffffffff", "[left    ]"]


def test_percent_format_errors() -> None:
    msgs = []
    try:
        percent("%d", "x")
    except TypeError as e:
        msgs.append(str(e))
    try:
        percent("%s %s", ("a",))
    except TypeError as e:
        msgs.append(str(e))
    try:
        percent("%s", ("a", "b"))
    except TypeError as e:
        msgs.append(str(e))
    try:
        percent("%z", 1)
    except ValueError as e:
        msgs.append(str(e))
    try:
        percent("%(k)s", {"j": 1})
    except KeyError as e:
        msgs.append("KeyError " + str(e))
    for m in msgs:
        print(m)
    assert msgs == [
        "%d format: a real number is required, not str",
        "not enough arguments for format string",
        "not all arguments converted during string formatting",
        "unsupported format character 'z' (0x7a) at index 1",
        "KeyError 'k'",
    ]


def test_str_format_method() -> None:
    r = [
        "{} {}".format(1, 2),
        "{0:>5}|{0:<5}|".format("a"),
        "{name}={value:.2f}".format(name="pi", value=3.14159),
        "{1}{0}".format("a", "b"),
        "{:,}".format(10**9),
        "{{}}".format(),
    ]
    print(r)
    assert r == ["1 2", "    a|a    |", "pi=3.14", "ba", "1,000,000,000", "{}"]
    try:
        "{}".format()  # type: ignore[str-format]
        msg = "no error"
    except IndexError as e:
        msg = str(e)
    print(msg)
    assert msg == "Replacement index 0 out of range for positional args tuple"


def test_table_rows() -> None:
    lines = [row("apple", 3, 0.5), row("watermelon", 12, 3.25), row("gold", 1000, 1999.999)]
    for line in lines:
        print(line)
    assert lines == [
        "apple     |    3|     0.50|      1.50",
        "watermelon|   12|     3.25|     39.00",
        "gold      | 1000|  2000.00|1,999,999.00",
    ]


def test_repr_of_containers() -> None:
    r = [
        repr([1, "two", 3.0, None, True]),
        repr({"a": [1, 2], "b": {"c": (1,)}}),
        repr(()),
        repr((1,)),
        repr((1, "x")),
        repr([[], {}, ""]),
        repr(["it's", 'q"q']),
        str([0.1 + 0.2]),
    ]
    for x in r:
        print(x)
    assert r == [
        "[1, 'two', 3.0, None, True]",
        "{'a': [1, 2], 'b': {'c': (1,)}}",
        "()",
        "(1,)",
        "(1, 'x')",
        "[[], {}, '']",
        "[\"it's\", 'q\"q']",
        "[0.30000000000000004]",
    ]
