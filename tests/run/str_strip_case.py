"""`s.strip(chars).lower()` and friends done in one pass, `capitalize()` and
`sep.join(...)` of values typed str: ASCII and non-ASCII text, every strip
variant with whitespace (including the separators \\x1c-\\x1f) and character
sets, empty results, subclasses overriding strip, lower or join, and the
errors of bad arguments."""

TEXTS: list[str] = [
    "", " ", "  Hello, World!  ", "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f MiXeD \x1f\x1c", "...(Quote)...",
    "ÉCOLE ", "  straße  ", "日本語 ", "\u3000wide space\u3000", "x", "!!!", "A\x00B",
]

SETS: list[str] = ["", " ", ".()", "!, ", "é", "日", "\u3000", "xX"]


def variants(s: str) -> list[str]:
    return [
        s.strip().lower(), s.strip().upper(), s.lstrip().lower(), s.rstrip().upper(),
        s.strip(None).lower(), s.strip(), s.lstrip(), s.rstrip(None),
    ]


def with_set(s: str, chars: str) -> list[str]:
    return [s.strip(chars).lower(), s.lstrip(chars).upper(), s.rstrip(chars).lower()]


def test_whitespace_variants() -> None:
    for s in TEXTS:
        print(repr(s), variants(s))


def test_character_sets() -> None:
    for s in TEXTS:
        print(repr(s), [with_set(s, c) for c in SETS])


class Strips(str):
    def strip(self, chars: object = None) -> str:  # type: ignore[override]
        return Lowers("<" + str(self) + ">")


class Lowers(str):
    def lower(self) -> str:
        return "lowered:" + str(self)


class Odd(str):
    # (Annotated object: a compiled method checks what it returns.)
    def strip(self, chars: object = None) -> object:  # type: ignore[override]
        return 42


def test_subclasses() -> None:
    a: str = Strips(" Ab ")
    print(a.strip().lower(), a.strip("x").upper(), a.lstrip().lower())
    b: str = Lowers(" Ab ")
    print(b.strip().lower(), b.rstrip().lower())
    c: str = Odd("x")
    try:
        print(c.strip().lower())  # type: ignore[attr-defined]
    except (TypeError, AttributeError) as e:
        print(type(e).__name__)


def test_bad_arguments() -> None:
    s = " ab "
    chars: object = 5
    try:
        print(s.strip(chars).lower())  # type: ignore[arg-type]
    except TypeError as e:
        print("TypeError", e)


def test_capitalize() -> None:
    for s in TEXTS + ["hELLO wORLD", "ǆemal", "ßig", "123abc", "ﬁne"]:
        print(repr(s), repr(s.capitalize()))
    d: str = Lowers("abc")
    print(d.capitalize(), type(d.capitalize()).__name__)


class Glue(str):
    def join(self, items: object) -> str:  # type: ignore[override]
        return "glued"


def test_join() -> None:
    words = ["a", "b", "c"]
    sep = ", "
    print(sep.join(words), "".join(words), "-".join(w.upper() for w in words), "é".join(words))
    print(sep.join([]), sep.join(("x",)), sep.join({"k": 1}), sep.join("xyz"))
    g: str = Glue("+")
    print(g.join(words))
    try:
        print(sep.join(["a", 1, "c"]))  # type: ignore[list-item]
    except TypeError as e:
        print("TypeError", e)
    try:
        print(sep.join(5))  # type: ignore[arg-type]
    except TypeError as e:
        print("TypeError", e)
