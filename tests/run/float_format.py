"""Float to text: repr/str (shortest round-trip), round() with one and two
arguments (banker's rounding, binary representation effects like 2.675),
round on ints with negative digits, format specs in f-strings, format() and
%-formatting of floats."""

INF: float = float("inf")
NAN: float = float("nan")


def frepr(x: float) -> str:
    return repr(x)


def fstr(x: float) -> str:
    return str(x)


def round0(x: float) -> int:
    return round(x)


def round_nd(x: float, n: int) -> float:
    return round(x, n)


def round_int(x: int, n: int) -> int:
    return round(x, n)


def fmt(x: float, spec: str) -> str:
    return format(x, spec)


def money(x: float) -> str:
    return f"${x:,.2f}"


def test_repr_shortest_roundtrip() -> None:
    r = [
        frepr(0.1 + 0.2),
        frepr(1e16),
        frepr(1e15),
        frepr(1e-5),
        frepr(0.0001),
        frepr(-0.0),
        frepr(INF),
        frepr(-INF),
        frepr(NAN),
        frepr(1.0),
        frepr(100.0),
        frepr(123456789.123456789),
        frepr(1.7976931348623157e308),
        frepr(5e-324),
        frepr(2.0**63),
        frepr(1.0 / 3.0),
        frepr(2.0 / 3.0),
        frepr(1e22),
        frepr(12345678901234567890.0),
    ]
    print(r)
    assert r == [
        "0.30000000000000004",
        "1e+16",
        "1000000000000000.0",
        "1e-05",
        "0.0001",
        "-0.0",
        "inf",
        "-inf",
        "nan",
        "1.0",
        "100.0",
        "123456789.12345679",
        "1.7976931348623157e+308",
        "5e-324",
        "9.223372036854776e+18",
        "0.3333333333333333",
        "0.6666666666666666",
        "1e+22",
        "1.2345678901234567e+19",
    ]


def test_str_and_print_of_floats() -> None:
    vals = [0.5, -2.25, 1e100, 1e-100, 3.0, -0.0, INF]
    out = []
    for v in vals:
        out.append(fstr(v))
    print(out)
    print(0.5, -2.25, 1e100, 1e-100, 3.0, -0.0, INF, NAN)
    assert out == ["0.5", "-2.25", "1e+100", "1e-100", "3.0", "-0.0", "inf"]
    assert "x=" + str(1.0 / 4.0) == "x=0.25"


def test_round_one_arg_bankers() -> None:
    vals = [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 3.7, -3.7, 0.49999999999999994, 1e20, 2.675]
    out = []
    for v in vals:
        out.append(round0(v))
    print(out)
    assert out == [0, 2, 2, 4, 0, -2, -2, 4, -4, 0, 100000000000000000000, 3]
    assert type(round(2.5)).__name__ == "int"


def test_round_two_args() -> None:
    r = [
        round_nd(2.675, 2),
        round_nd(1.005, 2),
        round_nd(0.125, 2),
        round_nd(0.375, 2),
        round_nd(-2.675, 2),
        round_nd(1234.5678, -2),
        round_nd(5.5, 0),
        round_nd(2.5, 0),
        round_nd(-2.5, 0),
        round_nd(0.05, 1),
        round_nd(0.15, 1),
        round_nd(0.25, 1),
        round_nd(3.14159, 3),
        round_nd(INF, 2),
    ]
    print(r)
    assert r == [2.67, 1.0, 0.12, 0.38, -2.67, 1200.0, 6.0, 2.0, -2.0, 0.1, 0.1, 0.2, 3.142, INF]
    assert repr(round_nd(-0.4, 0)) == "-0.0"
    assert type(round(2.5, 0)).__name__ == "float"


def test_round_ints_negative_digits() -> None:
    r = [
        round_int(15, -1),
        round_int(25, -1),
        round_int(-25, -1),
        round_int(-35, -1),
        round_int(1234, -2),
        round_int(1250, -2),
        round_int(1350, -2),
        round_int(7, 2),
        round_int(5, -1),
        round_int(2**70 + 5, -1),
        round_int(2**63 - 1, -18),
    ]
    print(r)
    assert r == [20, 20, -20, -40, 1200, 1200, 1400, 7, 0, 1180591620717411303430, 9000000000000000000]


def test_round_errors() -> None:
    msgs = []
    try:
        round0(INF)
    except OverflowError as e:
        msgs.append(type(e).__name__ + ": " + str(e))
    try:
        round0(NAN)
    except ValueError as e:
        msgs.append(type(e).__name__ + ": " + str(e))
    try:
        round0(-INF)
    except OverflowError as e:
        msgs.append(type(e).__name__ + ": " + str(e))
    print(msgs)
    assert msgs == [
        "OverflowError: cannot convert float infinity to integer",
        "ValueError: cannot convert float NaN to integer",
        "OverflowError: cannot convert float infinity to integer",
    ]


def test_fstring_float_specs() -> None:
    x = 3.14159265
    y = -1234567.891
    lines = [
        f"{x:.2f}|{y:.2f}",
        f"{x:>10.3f}|{y:>10.3f}",
        f"{x:<10.1f}|{y:<10.1f}|",
        f"{x:^10.2f}|",
        f"{x:+.3f}|{y:+.3f}",
        f"{x:e}|{y:e}",
        f"{x:.3e}|{y:.3E}",
        f"{x:g}|{y:g}|{x:.3g}|{y:.3G}",
        f"{x:%}|{x:.1%}",
        f"{x:010.2f}|{y:012.1f}",
        f"{y:,.2f}|{y:_.1f}",
        f"{x:.0f}|{y:.0f}",
        f"{x:-^9.1f}|{x: .2f}",
        f"{x}|{y}",
    ]
    for line in lines:
        print(line)
    assert lines == [
        "3.14|-1234567.89",
        "     3.142|-1234567.891",
        "3.1       |-1234567.9|",
        "   3.14   |",
        "+3.142|-1234567.891",
        "3.141593e+00|-1.234568e+06",
        "3.142e+00|-1.235E+06",
        "3.14159|-1.23457e+06|3.14|-1.23E+06",
        "314.159265%|314.2%",
        "0000003.14|-001234567.9",
        "-1,234,567.89|-1_234_567.9",
        "3|-1234568",
        "---3.1---| 3.14",
        "3.14159265|-1234567.891",
    ]


def test_format_special_values() -> None:
    r = [
        fmt(2.5, ".0f"),
        fmt(3.5, ".0f"),
        fmt(0.125, ".2f"),
        fmt(2.675, ".2f"),
        fmt(1e20, "f"),
        fmt(INF, "f"),
        fmt(-INF, ">6"),
        fmt(NAN, ".2f"),
        fmt(-0.0, ".1f"),
        fmt(1e-7, "g"),
        fmt(123456789.0, "g"),
        fmt(0.0001, "g"),
        fmt(1.5, ""),
        fmt(1e16, ""),
    ]
    print(r)
    assert r == [
        "2",
        "4",
        "0.12",
        "2.67",
        "100000000000000000000.000000",
        "inf",
        "  -inf",
        "nan",
        "-0.0",
        "1e-07",
        "1.23457e+08",
        "0.0001",
        "1.5",
        "1e+16",
    ]


def test_percent_format_floats() -> None:
    s = "%.2f|%5.1f|%-8.3f|%+.1e|%e|%g|%g|%s|%r|%10.4f|%.0f|%.0f|%G" % (
        2.675,
        3.14159,
        2.5,
        12345.678,
        12345.678,
        0.00001,
        1e20,
        0.1,
        0.3,
        -3.14159,
        0.5,
        1.5,
        1e-10,
    )
    print(s)
    assert s == "2.67|  3.1|2.500   |+1.2e+04|1.234568e+04|1e-05|1e+20|0.1|0.3|   -3.1416|0|2|1E-10"
    t = "%d|%i|%s" % (3.99, -3.99, -0.0)
    print(t)
    assert t == "3|-3|-0.0"


def test_money_table() -> None:
    rows = [("coffee", 3.5), ("laptop", 1299.999), ("house", 1234567.005), ("refund", -0.004)]
    out = []
    for name, price in rows:
        line = f"{name:<8}{money(price):>16}"
        out.append(line)
        print(line)
    assert out == [
        "coffee             $3.50",
        "laptop         $1,300.00",
        "house      $1,234,567.00",
        "refund            $-0.00",
    ]


def test_average_and_percentages() -> None:
    scores = [88.5, 92.25, 79.0, 95.75]
    total = 0.0
    for s in scores:
        total += s
    avg = total / len(scores)
    pct = 3 / 7
    print(f"avg={avg:.3f} pct={pct:.2%} raw={avg}")
    assert f"{avg:.3f}" == "88.875"
    assert f"{pct:.2%}" == "42.86%"
    assert avg == 88.875
