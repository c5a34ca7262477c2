"""The common str methods on values typed str (split, strip, startswith, find,
replace, partition, lower, upper and their variants): the same results and the
same errors as the methods, for ASCII and other text, for arguments of the wrong
type, and for str subclasses that override them."""

from typing import Any, Callable


def attempt(f: Callable[[], Any]) -> str:
    try:
        return repr(f())
    except (TypeError, ValueError, OverflowError) as e:
        return f"{type(e).__name__}: {e}"


def test_split_forms() -> None:
    s = "  alpha beta\tgamma\n delta  "
    print(s.split())
    print(s.split(" "))
    print(s.split(None, 2))
    print(s.split(" ", 3))
    print(s.rsplit())
    print(s.rsplit(None, 1))
    print(s.rsplit(" ", 2))
    print("a,b,,c".split(","), "a,b,,c".rsplit(",", 1))
    print("".split(), "".split(","), "x".split("x"))
    print("a b c".split(None, 0), "a b c".split(" ", -1), "a b c".split(" ", -5))


def test_split_non_ascii() -> None:
    s = "äpfel\u2003birnen\u3000kirschen"
    print(s.split(), s.split("\u3000"), s.rsplit(None, 1))
    print("αβγ|δε".split("|"))


def test_split_errors() -> None:
    s = "a b"
    empty = ""
    num: Any = 3
    flt: Any = 1.5
    print(attempt(lambda: s.split(empty)))
    print(attempt(lambda: s.split(num)))
    print(attempt(lambda: s.split(" ", flt)))
    print(attempt(lambda: s.split(" ", 2**70)))
    print(attempt(lambda: s.rsplit(b" ")))  # type: ignore[arg-type]


def test_strip_family() -> None:
    s = " \t\x0b\x0c\x1c pad \r\n "
    print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
    print(repr("xxhixx".strip("x")), repr("xxhixx".lstrip("x")), repr("xxhixx".rstrip("x")))
    print(repr("(word),".strip("(),")), repr("...".strip(".")), repr("".strip()))
    print(repr("\u2003wide\u3000".strip()), repr("«quoted»".strip("«»")))
    print(repr("abc".strip("")), repr("abc".strip(None)))
    nothing = "plain"
    print(repr(nothing.strip()), nothing.strip() == nothing)


def strip_three(s: str, chars: str) -> list[str]:
    return [s.strip(chars), s.lstrip(chars), s.rstrip(chars)]


def test_strip_char_sets() -> None:
    sets = ["()", "\x00\x7f", "?!.,;:", "aeiou", "~", "", "é", "xé"]
    texts = ["(a)", "\x00\x7fmid\x7f\x00", "...?!", "aeiouaei", "café!.", "ÿ~ÿ~", "~~", "", "日本~", "éxé"]
    for chars in sets:
        for text in texts:
            print(repr(chars), repr(text), strip_three(text, chars))
    plain = "".join(["un", "touched"])
    print(plain.strip("()") is plain, plain.lstrip("x") is plain, plain.rstrip("") is plain)


def test_strip_errors() -> None:
    num: Any = 5
    print(attempt(lambda: "abc".strip(num)))
    print(attempt(lambda: "abc".lstrip(b"a")))  # type: ignore[arg-type]


def test_startswith_endswith() -> None:
    s = "compiler.py"
    print(s.startswith("comp"), s.startswith("py"), s.endswith(".py"), s.endswith("comp"))
    print(s.startswith(("x", "co")), s.endswith(("txt", "md")), s.startswith(()))
    print(s.startswith(""), "".endswith(""), "".startswith("a"))
    print("äbc".startswith("ä"), "äbc".endswith(("c", "ß")))


def test_startswith_errors() -> None:
    num: Any = 1
    print(attempt(lambda: "abc".startswith(num)))
    print(attempt(lambda: "abc".endswith(("a", num))))
    print(attempt(lambda: "abc".startswith(["a"])))  # type: ignore[arg-type]


def test_find_family() -> None:
    s = "banana bandana"
    print(s.find("an"), s.rfind("an"), s.count("an"), s.index("ban"), s.rindex("ban"))
    print(s.find("x"), s.rfind("x"), s.count("x"), s.count(""), s.find(""))
    print("ünïcödé".find("cö"), "ünïcödé".count("é"))
    print(attempt(lambda: s.index("zzz")))
    print(attempt(lambda: s.rindex("zzz")))
    num: Any = 2
    print(attempt(lambda: s.find(num)))
    print(attempt(lambda: s.count(num)))


def test_replace() -> None:
    s = "one two one two one"
    print(s.replace("one", "1"), s.replace("one", "1", 2), s.replace("one", "1", 0))
    print(s.replace("one", "1", -1), s.replace("", "-"), s.replace("", "-", 3))
    print("naïve".replace("ï", "i"), "aaa".replace("a", "bb"))
    num: Any = 3
    print(attempt(lambda: s.replace(num, "x")))
    print(attempt(lambda: s.replace("one", num)))
    print(attempt(lambda: s.replace("one", "1", 1.0)))  # type: ignore[arg-type]


def test_partition() -> None:
    print("key=value=x".partition("="), "key=value=x".rpartition("="))
    print("novalue".partition("="), "novalue".rpartition("="))
    print(attempt(lambda: "a=b".partition("")))
    num: Any = 1
    print(attempt(lambda: "a=b".rpartition(num)))


def test_lower_upper() -> None:
    print("MiXeD 123 !?".lower(), "MiXeD 123 !?".upper(), "".lower(), "".upper())
    print("ÄÖÜ Straße".lower(), "ÄÖÜ Straße".upper(), "ǅ".lower(), "ﬁ".upper())
    word = "Same"
    print(word.lower() == "same", word.upper())


class Loud(str):
    def split(self, sep: Any = None, maxsplit: int = -1) -> list[str]:  # type: ignore[override]
        return ["LOUD"] + str.split(self, sep, maxsplit)

    def strip(self, chars: Any = None) -> str:  # type: ignore[override]
        return "<" + str.strip(self, chars) + ">"

    def startswith(self, prefix: Any, *args: Any) -> bool:  # type: ignore[override]
        return True

    def lower(self) -> str:
        return "lowered"


def through_typed(s: str) -> list[object]:
    return [s.split(), s.split(","), s.strip(), s.strip("x"), s.startswith("zzz"), s.lower(), s.upper()]


def test_subclass_overrides_are_called() -> None:
    print(through_typed(Loud("xa,b x")))
    print(through_typed("xa,b x"))


def test_results_in_arithmetic_and_loops() -> None:
    text = "the cat, the hat; the bat."
    counts: dict[str, int] = {}
    for tok in text.split():
        w = tok.strip(",;.").lower()
        counts[w] = counts.get(w, 0) + 1
    print(sorted(counts.items()))
    total = 0
    for part in "1-2-3-40".split("-"):
        total += int(part)
    print(total, text.count("the") * 2, text.find("hat") + 100)
