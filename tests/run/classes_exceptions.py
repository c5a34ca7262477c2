"""Exception classes: subclasses with custom __init__/__str__, args, the
hierarchy in except clauses, chaining (__cause__, __context__), notes,
pickling, and exceptions raised by methods of compiled classes."""

import pickle


class AppError(Exception):
    """Base of this module's errors."""

    default_message = "application error"

    def __init__(self, message: str = "", code: int = 1) -> None:
        super().__init__(message or self.default_message)
        self.code = code

    def describe(self) -> str:
        return f"[{self.code}] {self}"


class NotFound(AppError):
    default_message = "not found"

    def __init__(self, key: str) -> None:
        super().__init__(f"missing {key!r}", 404)
        self.key = key


class Invalid(AppError, ValueError):
    default_message = "invalid"


class Pretty(Exception):
    def __init__(self, a: int, b: int) -> None:
        super().__init__(a, b)
        self.a = a
        self.b = b

    def __str__(self) -> str:
        return f"Pretty a={self.a} b={self.b}"


class NoSuperInit(Exception):
    def __init__(self, x: int) -> None:
        self.x = x


class MyKeyError(KeyError):
    pass


class Fatal(BaseException):
    pass


class Positional(Exception):
    pass


class TwoArgs(Exception):
    def __init__(self, code: int, msg: str) -> None:
        super().__init__(code, msg)
        self.code = code
        self.msg = msg


class Reducible(Exception):
    def __init__(self, code: int, msg: str) -> None:
        super().__init__(msg)
        self.code = code
        self.msg = msg

    def __reduce__(self) -> tuple:
        return (Reducible, (self.code, self.msg))


class Account:
    def __init__(self, balance: int) -> None:
        self.balance = balance
        self.log: list = []

    def withdraw(self, amount: int) -> int:
        if amount <= 0:
            raise Invalid(f"bad amount {amount}", 400)
        if amount > self.balance:
            raise AppError("insufficient funds", 402)
        self.balance -= amount
        return self.balance

    def lookup(self, table: dict, key: str) -> object:
        try:
            return table[key]
        except KeyError as e:
            raise NotFound(key) from e

    def convert(self, s: str) -> int:
        try:
            return int(s)
        except ValueError:
            raise Invalid("not a number")

    def guarded(self, amount: int) -> str:
        try:
            self.withdraw(amount)
            return "ok"
        except Invalid as e:
            self.log.append(("invalid", e.code))
            return "invalid"
        except AppError as e:
            self.log.append(("app", e.code))
            return "app"
        finally:
            self.log.append("finally")


class NotAnException:
    pass


def test_custom_init_and_args() -> None:
    e = AppError("boom", 7)
    print(e, repr(e), e.args, e.code, e.describe())
    assert str(e) == "boom" and e.args == ("boom",) and e.describe() == "[7] boom"
    d = AppError()
    print(d, d.code, d.args)
    assert str(d) == "application error"


def test_subclass_hierarchy() -> None:
    n = NotFound("k")
    print(n, n.key, n.code, n.describe(), isinstance(n, AppError), isinstance(n, Exception))
    assert str(n) == "missing 'k'" and n.code == 404
    print([c.__name__ for c in Invalid.__mro__])
    assert [c.__name__ for c in Invalid.__mro__] == ["Invalid", "AppError", "ValueError", "Exception", "BaseException", "object"]


def test_str_override() -> None:
    p = Pretty(1, 2)
    print(str(p), repr(p), p.args)
    assert str(p) == "Pretty a=1 b=2" and repr(p) == "Pretty(1, 2)"


def test_init_without_super() -> None:
    e = NoSuperInit(5)
    print(e.args, repr(str(e)), repr(e), e.x)
    assert e.args == (5,) and str(e) == "5"


def test_key_error_subclass() -> None:
    e = MyKeyError("name")
    print(str(e), repr(e), isinstance(e, LookupError))
    assert str(e) == "'name'"
    try:
        raise MyKeyError("k")
    except KeyError as c:
        print("caught", type(c).__name__, c)


def test_positional_default_behaviour() -> None:
    print(str(Positional()), str(Positional("a")), str(Positional("a", 1)), repr(Positional("a", 1)))
    assert str(Positional()) == "" and str(Positional("a", 1)) == "('a', 1)"


def test_raise_from_methods() -> None:
    acc = Account(100)
    print(acc.withdraw(30))
    results: list = []
    for amount in [-5, 500, 10]:
        try:
            results.append(acc.withdraw(amount))
        except Invalid as e:
            results.append(("Invalid", str(e), e.code))
        except AppError as e:
            results.append(("AppError", str(e), e.code))
    print(results)
    assert results == [("Invalid", "bad amount -5", 400), ("AppError", "insufficient funds", 402), 60]


def test_catch_as_builtin_base() -> None:
    acc = Account(1)
    try:
        acc.withdraw(0)
    except ValueError as e:
        print("ValueError caught:", type(e).__name__, e)
        assert isinstance(e, Invalid)


def test_except_order_and_finally() -> None:
    acc = Account(10)
    print(acc.guarded(-1), acc.guarded(100), acc.guarded(5), acc.log, acc.balance)
    assert acc.log == [("invalid", 400), "finally", ("app", 402), "finally", "finally"]


def test_explicit_chaining() -> None:
    acc = Account(0)
    try:
        acc.lookup({}, "x")
    except NotFound as e:
        cause = e.__cause__
        print(e, type(cause).__name__, cause, e.__suppress_context__, type(e.__context__).__name__)
        assert isinstance(cause, KeyError) and e.__suppress_context__


def test_implicit_chaining() -> None:
    acc = Account(0)
    try:
        acc.convert("abc")
    except Invalid as e:
        ctx = e.__context__
        print(e, type(ctx).__name__, ctx, e.__cause__, e.__suppress_context__)
        assert isinstance(ctx, ValueError) and e.__cause__ is None
        assert str(ctx) == "invalid literal for int() with base 10: 'abc'"


def test_raise_from_none() -> None:
    try:
        try:
            raise NotFound("a")
        except NotFound:
            raise Invalid("replaced") from None
    except Invalid as e:
        print(e, e.__cause__, e.__suppress_context__, type(e.__context__).__name__)
        assert e.__suppress_context__ and e.__cause__ is None


def test_raise_class_not_instance() -> None:
    try:
        raise NotFound  # type: ignore
    except TypeError as e:
        print("TypeError", str(e).split("() ", 1)[1])
    try:
        raise AppError
    except AppError as e:
        print("AppError", e, e.code)
        assert str(e) == "application error"


def test_base_exception_subclass() -> None:
    caught = ""
    try:
        try:
            raise Fatal("stop")
        except Exception:
            caught = "Exception"
    except BaseException as e:
        caught = "BaseException " + str(e)
    print(caught)
    assert caught == "BaseException stop"


def test_non_exception_raise_and_catch() -> None:
    try:
        raise NotAnException()  # type: ignore
    except TypeError as e:
        print(e)
        assert str(e) == "exceptions must derive from BaseException"
    try:
        try:
            raise ValueError("v")
        except NotAnException:  # type: ignore
            pass
    except TypeError as e:
        print(e)
        assert str(e) == "catching classes that do not inherit from BaseException is not allowed"


def test_attributes_and_notes() -> None:
    e = AppError("x")
    e.extra = [1, 2]  # type: ignore
    e.add_note("first note")
    e.add_note("second")
    print(e.extra, e.__notes__)  # type: ignore
    assert e.__notes__ == ["first note", "second"]


def test_exception_pickle() -> None:
    p = pickle.loads(pickle.dumps(Pretty(3, 4)))
    print(p, p.args, type(p).__name__)
    assert str(p) == "Pretty a=3 b=4" and p.a == 3
    t = pickle.loads(pickle.dumps(TwoArgs(5, "m")))
    print(t.code, t.msg, t.args)
    assert t.code == 5 and t.msg == "m"
    r = pickle.loads(pickle.dumps(Reducible(9, "why")))
    print(r.code, r.msg, r.args, str(r))
    assert r.code == 9 and str(r) == "why"


def test_exception_pickle_mismatched_args() -> None:
    # NotFound's __init__ takes the key but stores a message in args: CPython
    # re-calls __init__ with args when unpickling, then restores __dict__.
    data = pickle.dumps(NotFound("zz"))
    n = pickle.loads(data)
    print(type(n).__name__, n, n.key, n.code)
    assert n.key == "zz" and str(n) == "missing \"missing 'zz'\"" and n.code == 404


def test_exception_in_init() -> None:
    class Fragile:
        def __init__(self, v: int) -> None:
            if v < 0:
                raise Invalid("negative", 1)
            self.v = v

    try:
        Fragile(-1)
    except Invalid as e:
        print("Invalid", e, e.code)
    print(Fragile(2).v)


def test_exception_equality_and_identity() -> None:
    a, b = AppError("x"), AppError("x")
    print(a == b, a == a, a.args == b.args, len({a, b}))
    assert a != b and a.args == b.args


def test_reraise_preserves_object() -> None:
    acc = Account(0)
    saved = None
    try:
        try:
            acc.withdraw(5)
        except AppError as e:
            saved = e
            raise
    except AppError as e2:
        print(e2 is saved, e2.code)
        assert e2 is saved


def test_exception_group_subclass() -> None:
    class Batch(ExceptionGroup):
        pass

    g = Batch("batch", [AppError("a"), NotFound("b")])
    match, rest = g.split(NotFound)
    print(type(g).__name__, str(g), len(g.exceptions), type(match).__name__, [str(x) for x in match.exceptions], [str(x) for x in rest.exceptions])  # type: ignore[union-attr]
    assert [str(x) for x in match.exceptions] == ["missing 'b'"]  # type: ignore[union-attr]
