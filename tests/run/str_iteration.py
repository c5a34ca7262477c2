"""for-loops over str: exact strings are walked by index, subclasses (which may
override __iter__) through the iterator protocol; the items are the same
1-character strings the interpreter gives."""


class Shout(str):
    def __iter__(self):  # type: ignore[no-untyped-def]
        for ch in str.__iter__(self):
            yield ch.upper()


class Plain(str):
    pass


def chars(s: str) -> list[str]:
    out: list[str] = []
    for ch in s:
        out.append(ch)
    return out


def codes(s: str) -> list[int]:
    out: list[int] = []
    for ch in s:
        out.append(ord(ch))
    return out


def fnv(text: str, h: int) -> int:
    for ch in text:
        h = ((h ^ ord(ch)) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


def test_exact_strings() -> None:
    print(chars(""), chars("abc"), chars("é ü"), chars("日本"), chars("a\U0001F600b"))
    print(codes("Az09"), codes("\x00\xff\u0100\U0010FFFF"))
    print(fnv("hello world", 14695981039346656037), fnv("", 7), fnv("ünï", 3))


def test_subclasses() -> None:
    print(chars(Shout("abc")), chars(Plain("xyz")), codes(Plain("é")))


def first_vowel(s: str) -> str:
    for ch in s:
        if ch in "aeiou":
            break
    else:
        return "-"
    return ch


def test_break_else_and_target_after() -> None:
    print(first_vowel("rhythm"), first_vowel("strength"), first_vowel(""))


def identity(s: str) -> list[bool]:
    out: list[bool] = []
    for ch in s:
        out.append(ch is "abcé"[len(out) % 4])  # noqa: F632
    return out


def test_identity_of_items() -> None:
    # 1-character Latin-1 strings are shared, compiled or not.
    print(identity("abcé"))


def rebind(s: str) -> str:
    out = ""
    for ch in s:
        s = "zz"
        out += ch
    return out + s


def test_iterable_evaluated_once() -> None:
    print(rebind("hey"))


def nested(a: str, b: str) -> int:
    n = 0
    for x in a:
        for y in b:
            if x == y:
                n += 1
    return n


def test_nested() -> None:
    print(nested("hello", "world"), nested("", "x"), nested("aaa", "aa"))


def gen_chars(s: str):  # type: ignore[no-untyped-def]
    for ch in s:
        yield ch + ch


def test_in_generator_and_comprehension() -> None:
    print(list(gen_chars("ab€")), [c for c in "xyz" if c != "y"], {c: 1 for c in "aab"})
