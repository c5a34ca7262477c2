"""Int locals stored from masked arithmetic (`h = (h ^ c) * P & MASK`) keep their
value in a machine word when compiled and make the int only when something else
reads it. Every way of reading, rebinding, deleting or never binding such a local
must behave as CPython does."""

M64 = 0xFFFFFFFFFFFFFFFF
PRIME = 1099511628211


def digest(text: str, h: int) -> int:
    for ch in text:
        h = ((h ^ ord(ch)) * PRIME) & 0xFFFFFFFFFFFFFFFF
    return h


def digest_seeds() -> None:
    for seed in [0, 1, 2**62 - 1, 2**62, 2**63, 2**64 - 1, 2**64, 2**80 + 5, -1, -(2**70)]:
        print(seed, digest("", seed), digest("a", seed), digest("hello, world", seed))


def read_in_the_loop(n: int) -> list[int]:
    out: list[int] = []
    h = 7
    for i in range(n):
        h = (h * 6364136223846793005 + i) & 0xFFFFFFFFFFFFFFFF
        out.append(h)  # the int is made here, once per store
        out.append(h >> 60)
    return out


def identity_of_reads() -> None:
    h = 3
    h = (h * (2**63 + 1)) & 0xFFFFFFFFFFFFFFFF
    a = h
    b = h
    print(a, b, a is b, a == b, type(a).__name__)


def maybe_unbound(flag: bool) -> int:
    if flag:
        h = (flag * 5 + 1) & 0xFF
    return (h * 3) & 0xFFFF


def unbound_reads() -> None:
    print(maybe_unbound(True))
    try:
        print(maybe_unbound(False))
    except UnboundLocalError as e:
        print("UnboundLocalError", e)


def deleted(k: int) -> int:
    h = (k * 11) & 0xFFFFFFFFFFFFFFFF
    del h
    if k > 1:
        h = 5
    return (h + 1) & 0xFF


def deleted_reads() -> None:
    print(deleted(2))
    try:
        print(deleted(0))
    except UnboundLocalError as e:
        print("UnboundLocalError", e)


def deleted_after_masked(k: int) -> int:
    h = (k * 13) & 0xFFFFFFFFFFFFFFFF
    del h
    return h


def deleted_after_masked_read() -> None:
    try:
        print(deleted_after_masked(4))
    except UnboundLocalError as e:
        print("UnboundLocalError", e)


def del_reads_value(k: int) -> str:
    h = (k * 17) & 0xFFFF
    g = h
    del h
    return str(g)


def other_stores() -> None:
    h = 10
    h = (h * 7) & 0xFF
    h += 1000
    print(h)
    h = (h * h * h) & 0xFFFF
    h, g = g_pair()
    h = (h - g) & M64
    print(h, g)
    for h in range(3):
        pass
    print(h)
    h = (h - 4) & 0xFFFFFFFFFFFFFFFF
    print(h, h == 2**64 - 1)
    h = int("123456789012345678901234567890")
    print(h, (h * 3) & 0xFFFFFFFF)


def g_pair() -> tuple[int, int]:
    return 100, 2**70


def failing_piece(x: int) -> int:
    if x == 3:
        raise ValueError("three")
    return x


def failure_keeps_old_value() -> None:
    h = 1
    for i in range(6):
        try:
            h = ((h + failing_piece(i)) * 31) & 0xFFFFFFFFFFFFFFFF
        except ValueError as e:
            print("caught", e, h)
    print(h)


def handler_reads(n: int) -> int:
    h = 5
    try:
        for i in range(n):
            h = (h * 3 + i) & 0xFFFFFFFFFFFFFFFF
            if i == 40:
                raise KeyError(i)
    except KeyError:
        return h
    finally:
        print("finally sees", h)
    return -h


def finally_return(n: int) -> int:
    h = 0
    try:
        for i in range(n):
            h = (h + (i << 60)) & 0xFFFFFFFFFFFFFFFF
        raise RuntimeError("dropped")
    finally:
        return h  # noqa: B012


def mask_sizes() -> None:
    for x in [0, 1, 255, 256, 2**62, 2**64 - 1, -5]:
        a = x
        a = (a * 3) & 0
        b = x
        b = (b - 1) & 0x1
        c = x
        c = (c << 5) & 0x8000000000000000
        d = x
        d = (~d) & 0xFFFFFFFFFFFFFFFF
        print(a, b, c, d)


def comprehension_shadow(n: int) -> list[int]:
    h = 2**63
    h = (h * 5) & 0xFFFFFFFFFFFFFFFF
    values = [(h * 2) & 0xFF for h in range(n)]
    return values + [h]


def closure_reads(n: int) -> int:
    h = 1
    for i in range(n):
        h = (h * 1000003 + i) & 0xFFFFFFFFFFFFFFFF

    def peek() -> int:
        return h

    return peek()


def walrus_kept(n: int) -> list[int]:
    out: list[int] = []
    h = 9
    while (h := (h * 7 + 1) & 0xFFFF) and len(out) < n:
        out.append(h)
    return out


def compare_and_format(n: int) -> list[str]:
    h = 2**64 - 1
    res: list[str] = []
    for i in range(n):
        h = (h * 3 + i) & 0xFFFFFFFFFFFFFFFF
        if h > 2**63:
            res.append(f"{h:x}")
        else:
            res.append(str(h % 1000))
    return res


def gen_words(n: int):  # type: ignore[no-untyped-def]
    h = 11
    for i in range(n):
        h = (h * 2862933555777941757 + 3037000493) & 0xFFFFFFFFFFFFFFFF
        yield h


class Hasher:
    def __init__(self) -> None:
        self.state = 14695981039346656037

    def feed(self, data: bytes) -> int:
        h = self.state
        for b in data:
            h = ((h ^ b) * PRIME) & 0xFFFFFFFFFFFFFFFF
        self.state = h
        return h


def test_digest() -> None:
    digest_seeds()


def test_reads_in_loop() -> None:
    print(read_in_the_loop(6))


def test_identity() -> None:
    identity_of_reads()


def test_unbound() -> None:
    unbound_reads()
    deleted_reads()
    deleted_after_masked_read()
    print(del_reads_value(9))


def test_other_stores() -> None:
    other_stores()


def test_failures() -> None:
    failure_keeps_old_value()
    print(handler_reads(100))
    print(handler_reads(10))
    print(finally_return(20))


def test_masks() -> None:
    mask_sizes()


def test_scopes() -> None:
    print(comprehension_shadow(4))
    print(closure_reads(50))
    print(walrus_kept(8))
    print(compare_and_format(8))
    print(list(gen_words(4)))


def test_method() -> None:
    hs = Hasher()
    print(hs.feed(b"abc"), hs.feed(b""), hs.feed(bytes(range(256))), hs.state)


def code_sum(text: str) -> int:
    total = 0
    for ch in text:
        total += ord(ch)
    return total


def code_points_and_chars(text: str) -> list[object]:
    out: list[object] = []
    for ch in text:
        out.append(ord(ch))
        if ord(ch) > 127:
            out.append(ch)  # the character itself, made for this read
    return out


class Pieces(str):
    """A str whose iteration gives two-character pieces: ord() of one raises."""

    def __iter__(self):  # type: ignore[no-untyped-def]
        yield self[:2]
        yield self[2:4]


def ord_after_print(text: str) -> int:
    total = 0
    for ch in text:
        print("piece", ch if len(ch) == 1 else "long")
        total += ord(ch)
    return total


def last_char(text: str) -> str:
    for ch in text:
        if ord(ch) == 0:
            break
    return ch


def last_char_else(text: str) -> str:
    for ch in text:
        if ord(ch) > 1000:
            break
    else:
        return "no break after " + ch
    return "break at " + ch


def rebound_in_body(text: str) -> list[int]:
    out: list[int] = []
    for ch in text:
        if ch.isdigit():
            ch = "z"
        out.append(ord(ch))
    return out


def same_name_twice(a: str, b: str) -> list[int]:
    out: list[int] = []
    for ch in a:
        for ch in b:
            out.append(ord(ch))
        out.append(ord(ch) * 1000)
    return out


def identity_of_chars(text: str) -> list[bool]:
    out: list[bool] = []
    i = 0
    for ch in text:
        out.append(ord(ch) >= 0 and ch is text[i])
        i += 1
    return out


def ord_hash(text: str) -> int:
    h = 2166136261
    for ch in text:
        h = ((h ^ ord(ch)) * 16777619) & 0xFFFFFFFF
    return h


def test_characters() -> None:
    for text in ["", "abc", "héllo wörld", "日本語テキスト", "emoji 🎉🐍!", "\x00\xff\u0100"]:
        print(repr(text), code_sum(text), code_points_and_chars(text), ord_hash(text))
    print(last_char("xyz"), last_char("ab\x00cd"))
    print(last_char_else("plain"), last_char_else("π≈3.14159"), last_char_else("ok\u4e00x"))
    try:
        print(last_char(""))
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
    print(rebound_in_body("a1b2"))
    print(same_name_twice("xy", "pq"))
    print(identity_of_chars("az\xe9"))


def test_character_subclass() -> None:
    try:
        print(ord_after_print(Pieces("abcd")))
    except TypeError as e:
        print("TypeError", e)
    print(ord_after_print(str(Pieces("ab"))))


def classify(text: str) -> list[str]:
    kinds: list[str] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == " ":
            kinds.append("_")
        elif c.isdigit():
            kinds.append("d" + ("!" if c.isdecimal() else "") + ("n" if c.isnumeric() else ""))
        elif c.isalpha():
            kinds.append("a" + ("." if c.isascii() else "u"))
        elif c.isspace():
            kinds.append("s")
        elif c in "+-*/()":
            kinds.append("op" + c)
        elif c not in "#@":
            kinds.append("?" + repr(c) + str(c.isalnum()) + str(c.isnumeric()))
        else:
            kinds.append("#")
        i += 1
    return kinds


def scan_digits(src: str, i: int) -> int:
    j = i
    while j < len(src) and src[j].isdigit():
        j += 1
    return j


def direct_tests(src: str) -> list[object]:
    return [src[0] == "x", src[-1] != "z", src[1] in "abc", src[1] not in "", src[0].isalpha(), src[-2].isspace()]


class Shouty(str):
    """A str whose items are upper-cased pairs: never one character."""

    def __getitem__(self, i):  # type: ignore[no-untyped-def, override]
        return str.__getitem__(self, i).upper() * 2


def subclass_items(text: str) -> list[object]:
    out: list[object] = []
    c = text[0]
    out.append(c == "A")
    out.append(c == "AA")
    out.append(c in "xAAx")
    out.append(c.isalpha())
    out.append(text[1] == "B")
    out.append(text[1].isupper())
    return out


def maybe_char(text: str, flag: bool) -> bool:
    if flag:
        c = text[0]
    return c == "q"


def deleted_char(text: str) -> bool:
    c = text[0]
    del c
    return c.isdigit()  # type: ignore[misc]


def char_kept(text: str) -> list[object]:
    out: list[object] = []
    for k in range(len(text)):
        c = text[k]
        if c.isdigit():
            out.append(c)  # the string itself
        out.append(f"{c!r}")
        c = "z" if c == "x" else c
        out.append(c == "z")
    return out


def test_char_items() -> None:
    print(classify("x1 + y2*(z3) # é½²٣ǅ\u3000\t日🐍,"))
    print(scan_digits("abc123def", 3), scan_digits("123", 0), scan_digits("", 0), scan_digits("1٣x", 0))
    print(direct_tests("xab c"), direct_tests("y\x00 \tz"))
    print(char_kept("ax1x"))
    for text in ["", "é"]:
        try:
            print(classify(text), direct_tests(text))
        except IndexError as e:
            print("IndexError", e)


def test_char_item_errors() -> None:
    print(maybe_char("qx", True))
    try:
        print(maybe_char("qx", False))
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
    try:
        print(deleted_char("1"))
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
    try:
        print(scan_digits("12", 5), direct_tests("ab"))
    except IndexError as e:
        print("IndexError", e)
    try:
        print("abc"[2**70] == "a", classify("ab")[2**70])
    except IndexError as e:
        print("IndexError", e)


def test_char_item_subclass() -> None:
    print(subclass_items(Shouty("ab")))
    print(subclass_items("AB"))
