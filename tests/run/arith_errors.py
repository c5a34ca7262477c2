"""Errors raised by arithmetic and conversions, with CPython's exact
messages: ZeroDivisionError for every operator and operand type,
OverflowError from float conversions, ValueError from conversions and math
domain errors, TypeError from unsupported operand types (through untyped
functions, so the error comes from the operation, not from a signature)."""

import math


def int_truediv(a: int, b: int) -> float:
    return a / b


def int_floordiv(a: int, b: int) -> int:
    return a // b


def int_mod(a: int, b: int) -> int:
    return a % b


def int_divmod(a: int, b: int) -> tuple[int, int]:
    return divmod(a, b)


def float_truediv(a: float, b: float) -> float:
    return a / b


def float_floordiv(a: float, b: float) -> float:
    return a // b


def float_mod(a: float, b: float) -> float:
    return a % b


def float_divmod(a: float, b: float) -> tuple[float, float]:
    return divmod(a, b)


def mixed_truediv(a: int, b: float) -> float:
    return a / b


def mixed_floordiv(a: float, b: int) -> float:
    return a // b


def mixed_mod(a: int, b: float) -> float:
    return a % b


def int_pow_neg(a: int, b: int) -> float:
    return a**b


def float_pow(a: float, b: float) -> float:
    return a**b


def int_of_float(x: float) -> int:
    return int(x)


def float_of_int(n: int) -> float:
    return float(n)


def int_of_str(s: str) -> int:
    return int(s)


def float_of_str(s: str) -> float:
    return float(s)


def add_any(a, b):
    return a + b


def sub_any(a, b):
    return a - b


def mul_any(a, b):
    return a * b


def neg_any(a):
    return -a


def invert_any(a):
    return ~a


def describe_error(e: BaseException) -> str:
    return type(e).__name__ + ": " + str(e)


def test_zero_division_int_operators() -> None:
    msgs = []
    try:
        int_truediv(1, 0)
    except ZeroDivisionError as e:
        msgs.append(describe_error(e))
    try:
        int_floordiv(1, 0)
    except ZeroDivisionError as e:
        msgs.append(describe_error(e))
    try:
        int_mod(1, 0)
    except ZeroDivisionError as e:
        msgs.append(describe_error(e))
    try:
        int_divmod(1, 0)
    except ZeroDivisionError as e:
        msgs.append(describe_error(e))
    for m in msgs:
        print(m)
    assert msgs == [
        "ZeroDivisionError: division by zero",
        "ZeroDivisionError: integer division or modulo by zero",
        "ZeroDivisionError: integer modulo by zero",
        "ZeroDivisionError: integer division or modulo by zero",
    ]


def test_zero_division_big_int_operators() -> None:
    big = 2**100
    msgs = []
    try:
        int_truediv(big, 0)
    except ZeroDivisionError as e:
        msgs.append(str(e))
    try:
        int_floordiv(-big, 0)
    except ZeroDivisionError as e:
        msgs.append(str(e))
    try:
        int_mod(big, 0)
    except ZeroDivisionError as e:
        msgs.append(str(e))
    try:
        int_divmod(big, 0)
    except ZeroDivisionError as e:
        msgs.append(str(e))
    try:
        int_floordiv(big, big - big)
    except ZeroDivisionError as e:
        msgs.append(str(e))
    print(msgs)
    assert msgs == [
        "division by zero",
        "integer division or modulo by zero",
        "integer modulo by zero",
        "integer division or modulo by zero",
        "integer division or modulo by zero",
    ]


def test_zero_division_float_operators() -> None:
    msgs = []
    try:
        float_truediv(1.0, 0.0)
    except ZeroDivisionError as e:
        msgs.append(str(e))
    try:
        float_floordiv(1.0, 0.0)
    except ZeroDivisionError as e:
        msgs.append(str(e))
    try:
        float_mod(1.0, 0.0)
    except ZeroDivisionError as e:
        msgs.append(str(e))
    try:
        float_divmod(1.0, 0.0)
    except ZeroDivisionError as e:
        msgs.append(str(e))
    try:
        float_truediv(0.0, -0.0)
    except ZeroDivisionError as e:
        msgs.append(str(e))
    print(msgs)
    assert msgs == [
        "float division by zero",
        "float floor division by zero",
        "float modulo",
        "float divmod()",
        "float division by zero",
    ]


def test_zero_division_mixed_operators() -> None:
    msgs = []
    try:
        mixed_truediv(1, 0.0)
    except ZeroDivisionError as e:
        msgs.append(str(e))
    try:
        mixed_floordiv(1.0, 0)
    except ZeroDivisionError as e:
        msgs.append(str(e))
    try:
        mixed_mod(1, 0.0)
    except ZeroDivisionError as e:
        msgs.append(str(e))
    try:
        divmod(1, 0.0)
    except ZeroDivisionError as e:
        msgs.append(str(e))
    print(msgs)
    assert msgs == ["float division by zero", "float floor division by zero", "float modulo", "float divmod()"]


def test_zero_to_negative_power() -> None:
    msgs = []
    try:
        int_pow_neg(0, -1)
    except ZeroDivisionError as e:
        msgs.append(describe_error(e))
    try:
        float_pow(0.0, -1.0)
    except ZeroDivisionError as e:
        msgs.append(describe_error(e))
    try:
        float_pow(0.0, -1.5)
    except ZeroDivisionError as e:
        msgs.append(describe_error(e))
    print(msgs)
    assert msgs == ["ZeroDivisionError: 0.0 cannot be raised to a negative power"] * 3
    assert int_pow_neg(4, -1) == 0.25


def test_modular_pow_errors() -> None:
    msgs = []
    try:
        pow(2, 3, 0)
    except ValueError as e:
        msgs.append(str(e))
    try:
        pow(2, -1, 4)
    except ValueError as e:
        msgs.append(str(e))
    print(msgs, pow(2, -1, 5))
    assert msgs == ["pow() 3rd argument cannot be 0", "base is not invertible for the given modulus"]


def test_float_int_overflow() -> None:
    msgs = []
    for x in [float("inf"), float("-inf"), float("nan"), 1e308 * 10.0]:
        try:
            int_of_float(x)
            msgs.append("no error")
        except (OverflowError, ValueError) as e:
            msgs.append(describe_error(e))
    for m in msgs:
        print(m)
    assert msgs == [
        "OverflowError: cannot convert float infinity to integer",
        "OverflowError: cannot convert float infinity to integer",
        "ValueError: cannot convert float NaN to integer",
        "OverflowError: cannot convert float infinity to integer",
    ]


def test_int_too_large_for_float() -> None:
    big = 10**400
    msgs = []
    try:
        float_of_int(big)
    except OverflowError as e:
        msgs.append(str(e))
    try:
        int_truediv(big, 3)
    except OverflowError as e:
        msgs.append(str(e))
    try:
        mixed_truediv(big, 1.0)
    except OverflowError as e:
        msgs.append(str(e))
    try:
        add_any(big, 0.5)
    except OverflowError as e:
        msgs.append(str(e))
    print(msgs)
    assert msgs == [
        "int too large to convert to float",
        "integer division result too large for a float",
        "int too large to convert to float",
        "int too large to convert to float",
    ]
    # the other way round is fine: a tiny quotient
    assert int_truediv(3, big) == 0.0
    assert float_of_int(2**1023) == 8.98846567431158e307


def test_float_pow_and_math_overflow() -> None:
    msgs = []
    try:
        float_pow(2.0, 10000.0)
    except OverflowError as e:
        msgs.append(describe_error(e))
    try:
        float_pow(-2.0, 1025.0)
    except OverflowError as e:
        msgs.append(describe_error(e))
    try:
        math.exp(1000.0)
    except OverflowError as e:
        msgs.append(describe_error(e))
    print(msgs)
    assert msgs == [
        "OverflowError: (34, 'Numerical result out of range')",
        "OverflowError: (34, 'Numerical result out of range')",
        "OverflowError: math range error",
    ]
    # multiplication overflows to inf silently
    assert float_truediv(1e308, 0.1) == float("inf")


def test_math_domain_errors() -> None:
    msgs = []
    try:
        math.sqrt(-1.0)
    except ValueError as e:
        msgs.append(str(e))
    try:
        math.log(0.0)
    except ValueError as e:
        msgs.append(str(e))
    try:
        math.factorial(-1)
    except ValueError as e:
        msgs.append(str(e))
    print(msgs)
    assert msgs == ["math domain error", "math domain error", "factorial() not defined for negative values"]


def test_conversion_value_errors() -> None:
    msgs = []
    for s in ["abc", "", "12.5", " 42 ", "-7", "1_000", "0x10"]:
        try:
            msgs.append("ok " + str(int_of_str(s)))
        except ValueError as e:
            msgs.append(str(e))
    for s in ["x", "1.5", "1e500", "-inf", "nan ", ""]:
        try:
            msgs.append("ok " + str(float_of_str(s)))
        except ValueError as e:
            msgs.append(str(e))
    for m in msgs:
        print(m)
    assert msgs == [
        "invalid literal for int() with base 10: 'abc'",
        "invalid literal for int() with base 10: ''",
        "invalid literal for int() with base 10: '12.5'",
        "ok 42",
        "ok -7",
        "ok 1000",
        "invalid literal for int() with base 10: '0x10'",
        "could not convert string to float: 'x'",
        "ok 1.5",
        "ok inf",
        "ok -inf",
        "ok nan",
        "could not convert string to float: ''",
    ]


def test_int_digit_limit() -> None:
    msgs = []
    try:
        int_of_str("9" * 5000)
    except ValueError as e:
        msgs.append(str(e))
    try:
        str(10**5000)
    except ValueError as e:
        msgs.append(str(e))
    print(msgs)
    assert msgs[0] == (
        "Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits;"
        " use sys.set_int_max_str_digits() to increase the limit"
    )
    assert msgs[1] == (
        "Exceeds the limit (4300 digits) for integer string conversion;"
        " use sys.set_int_max_str_digits() to increase the limit"
    )
    assert len(str(int_of_str("9" * 4300))) == 4300


def test_operand_type_errors() -> None:
    msgs = []
    try:
        add_any(1, "a")
    except TypeError as e:
        msgs.append(str(e))
    try:
        add_any("3", 4)
    except TypeError as e:
        msgs.append(str(e))
    try:
        add_any(None, 1)
    except TypeError as e:
        msgs.append(str(e))
    try:
        mul_any("a", 2.0)
    except TypeError as e:
        msgs.append(str(e))
    try:
        sub_any("a", "b")
    except TypeError as e:
        msgs.append(str(e))
    try:
        neg_any("a")
    except TypeError as e:
        msgs.append(str(e))
    try:
        invert_any(1.5)
    except TypeError as e:
        msgs.append(str(e))
    for m in msgs:
        print(m)
    assert msgs == [
        "unsupported operand type(s) for +: 'int' and 'str'",
        'can only concatenate str (not "int") to str',
        "unsupported operand type(s) for +: 'NoneType' and 'int'",
        "can't multiply sequence by non-int of type 'float'",
        "unsupported operand type(s) for -: 'str' and 'str'",
        "bad operand type for unary -: 'str'",
        "bad operand type for unary ~: 'float'",
    ]
    # the same untyped helpers work on valid operands
    assert add_any(2**63, 1) == 9223372036854775809
    assert add_any("ab", "cd") == "abcd"
    assert mul_any([0], 3) == [0, 0, 0]


def test_errors_inside_loop_recover() -> None:
    results = []
    for d in [2, 0, -3, 0, 7]:
        try:
            results.append(int_floordiv(100, d))
        except ZeroDivisionError:
            results.append(-999)
        else:
            results.append(int_mod(100, d))
    print(results)
    assert results == [50, 0, -999, -34, -2, -999, 14, 2]


def test_arithmetic_error_hierarchy() -> None:
    caught = []
    for kind in [0, 1, 2]:
        try:
            if kind == 0:
                int_mod(5, 0)
            elif kind == 1:
                float_of_int(10**400)
            else:
                float_pow(10.0, 400.0)
        except ArithmeticError as e:
            caught.append(type(e).__name__)
    print(caught)
    assert caught == ["ZeroDivisionError", "OverflowError", "OverflowError"]
