"""`for t in s.split():` loops whose token is only stripped (compiled code
walks the str in place and strips each token's characters without making
the token). The words, their order and their identity must be the
interpreter's: every whitespace character str.split() splits at, empty and
all-blank strs, non-ASCII strs, str subclasses with their own split() and
strip(), other characters to strip, and names used in other ways."""

from typing import Generator

PUNCT = "()[]\"'.,;:!?"
SPACES = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"


def words(text: str) -> list[str]:
    out: list[str] = []
    for token in text.split():
        word = token.strip(PUNCT).lower()
        if word:
            out.append(word)
    return out


def test_words_of_lines() -> None:
    for line in [
        "The quick, brown fox.",
        "  (Hello)   WORLD!  ",
        "",
        "   ",
        "one",
        "\"quoted\" 'single' [bracketed],",
        "a\tb\nc\rd\x0be\x0cf\x1cg\x1dh\x1ei\x1fj k",
        "...  ,,, !!!",
        "x\x85y z\xa0w",
    ]:
        print(repr(line), words(line))


def test_every_ascii_separator() -> None:
    for c in range(128):
        ch = chr(c)
        line = "ab" + ch + "cd" + ch + ch + "ef"
        print(c, words(line) == [w.strip(PUNCT).lower() for w in line.split() if w.strip(PUNCT)])


def test_non_ascii_text() -> None:
    print(words("Ünïcode  WÖRDS, naïve café"))
    print(words("snow\u2003man\u3000city"))
    print(words("\u00e9t\u00e9. \u00c9T\u00c9!"))


def variants(text: str) -> list[str]:
    out: list[str] = []
    for t in text.split():
        out.append(t.strip())
        out.append(t.lstrip("(["))
        out.append(t.rstrip(".,"))
        out.append(t.strip("xX").upper())
        out.append(t.lstrip().lower())
        out.append(t.rstrip("!").upper())
    return out


def test_strip_variants() -> None:
    print(variants("(alpha), [beta]. Xgammax! delta"))
    print(variants("x xx X"))


def identity(text: str) -> list[bool]:
    out: list[bool] = []
    for t in text.split():
        s = t.strip()
        out.append(s is text)
    return out


def test_a_single_token_is_the_str_itself() -> None:
    s = "lonely"
    print(identity(s), identity(" lonely "), identity("a b"))


class Shouting(str):
    def split(self, sep: object = None, maxsplit: int = -1) -> list[str]:  # type: ignore[override]
        return [p.upper() for p in str.split(self)] + ["!END!"]


class Tagged(str):
    def strip(self, chars: object = None) -> str:  # type: ignore[override]
        return "<" + str.strip(self, chars) + ">"  # type: ignore[arg-type]


class TagSplit(str):
    def split(self, sep: object = None, maxsplit: int = -1) -> list[str]:  # type: ignore[override]
        return [Tagged(p) for p in str.split(self)]


def test_str_subclasses() -> None:
    print(words(Shouting("quiet words, here")))
    print(words(TagSplit("a (b) c")))
    print(variants(TagSplit("(x) y.")))


def odd_chars(text: str, chars: str) -> list[str]:
    out: list[str] = []
    for t in text.split():
        out.append(t.strip(chars).lower())
    return out


def test_other_characters() -> None:
    print(odd_chars("ééaéé bé", "é"))
    print(odd_chars("abc cab", ""))
    print(odd_chars("--a-- b", "-"))


class StrippedBy(str):
    pass


def test_subclass_characters() -> None:
    print(odd_chars("..a.. b", StrippedBy(".")))


def count_longest(lines: list[str]) -> tuple[int, str]:
    n = 0
    best = ""
    for line in lines:
        for token in line.split():
            w = token.strip(PUNCT)
            n += 1
            if len(w) > len(best):
                best = w
    return n, best


def test_nested_in_a_loop() -> None:
    print(count_longest(["a bb ccc", "", "dddd, e", "  ffff!  "]))


def rebound(text: str) -> list[str]:
    out: list[str] = []
    for t in text.split():
        out.append(t.strip(","))
        for t in ("inner" + text).split():
            out.append(t.strip())
        out.append(t.strip())
    return out


def test_nested_loops_of_one_name() -> None:
    print(rebound("p, q"))


def used_otherwise(text: str) -> list[str]:
    out: list[str] = []
    for t in text.split():
        out.append(t.strip(",") + "/" + t)
    return out


def after_loop(text: str) -> str:
    last = "none"
    for t in text.split():
        last = t.strip()
    for u in text.split():
        pass
    return last + ":" + u.strip()


def test_other_uses_keep_the_str() -> None:
    print(used_otherwise("x, y"))
    print(after_loop("m n o"))
    try:
        after_loop("")
    except UnboundLocalError as e:
        print("UnboundLocalError", e)


def breaks(text: str) -> list[str]:
    out: list[str] = []
    for t in text.split():
        w = t.strip(".")
        if w == "stop":
            break
        if not w:
            continue
        out.append(w)
    else:
        out.append("(no stop)")
    return out


def test_break_continue_else() -> None:
    print(breaks("a . b stop c"))
    print(breaks("a . b"))
    print(breaks(""))


def many(n: int) -> int:
    text = " ".join(str(i) + "," for i in range(n))
    total = 0
    for t in text.split():
        total += int(t.strip(","))
    return total


def test_long_text() -> None:
    print(many(5000))


def gen_words(lines: list[str]) -> Generator[str, None, None]:
    for line in lines:
        for token in line.split():
            word = token.strip(PUNCT).upper()
            if word:
                yield word


def test_in_a_generator() -> None:
    g = gen_words(["alpha, beta", "", "(gamma) delta.", "\u00e9t\u00e9 x"])
    print(next(g), next(g))
    print(list(g))
    g2 = gen_words(["a b c"])
    print(next(g2))
    g2.close()
    print(list(gen_words([TagSplit("p q")])))


def comprehension_of_the_same_name(s: str, u: str) -> list[str]:
    out: list[str] = []
    for t in s.split():
        k = [0 for t in u.split()]
        out.append(t.strip() + str(len(k)))
        out.append(str(any(True for t in u.split())))
        out.append(",".join([t.strip("x") for t in u.split()]))
        out.append(str(sorted({t.upper() for t in u.split()})))
    return out


def comprehension_over_bytes(s: str, b: bytes) -> list[str]:
    out: list[str] = []
    for t in s.split():
        k = [0 for t in b.split()]
        out.append(t.strip() + str(len(k)))
    return out


def test_comprehensions_of_the_same_name() -> None:
    print(comprehension_of_the_same_name("a b", "x y"))
    print(comprehension_of_the_same_name("", "x"))
    print(comprehension_over_bytes("p q", b"1 2 3"))
