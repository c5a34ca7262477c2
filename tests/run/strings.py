"""Strings: len, concatenation, repetition, comparison, indexing (negative,
non-ASCII, out of range), slicing with steps and extreme bounds, `in`,
ord/chr including astral characters, str()/repr(), building strings in loops,
a few common methods."""

WORD: str = "hello world"
UNI: str = "héllo wörld 😀!"


def slen(s: str) -> int:
    return len(s)


def concat(a: str, b: str) -> str:
    return a + b


def repeat(s: str, n: int) -> str:
    return s * n


def char_at(s: str, i: int) -> str:
    return s[i]


def sl(s: str, a: int, b: int) -> str:
    return s[a:b]


def sl3(s: str, a: int, b: int, c: int) -> str:
    return s[a:b:c]


def contains(hay: str, needle: str) -> bool:
    return needle in hay


def code_of(c: str) -> int:
    return ord(c)


def char_of(n: int) -> str:
    return chr(n)


def reverse_loop(s: str) -> str:
    out = ""
    for ch in s:
        out = ch + out
    return out


def count_vowels(s: str) -> int:
    n = 0
    for ch in s:
        if ch in "aeiouAEIOU":
            n += 1
    return n


def caesar(s: str, shift: int) -> str:
    out = ""
    for ch in s:
        if "a" <= ch <= "z":
            out += chr((ord(ch) - ord("a") + shift) % 26 + ord("a"))
        elif "A" <= ch <= "Z":
            out += chr((ord(ch) - ord("A") + shift) % 26 + ord("A"))
        else:
            out += ch
    return out


def is_palindrome(s: str) -> bool:
    i = 0
    j = len(s) - 1
    while i < j:
        if s[i] != s[j]:
            return False
        i += 1
        j -= 1
    return True


def join_numbers(n: int) -> str:
    out = ""
    for i in range(n):
        if i:
            out += ","
        out += str(i)
    return out


def test_len_concat_repeat() -> None:
    r = [slen("hello"), slen(""), slen("héllo"), slen("😀"), slen(UNI), concat("ab", "cd"), concat("", ""), concat("é", "😀"), repeat("ab", 3), repeat("x", 0), repeat("x", -1), slen(repeat("😀", 1000))]
    print(r)
    assert r == [5, 0, 5, 1, 14, "abcd", "", "é😀", "ababab", "", "", 1000]


def test_indexing() -> None:
    r = [char_at(WORD, 0), char_at(WORD, -1), char_at(WORD, 10), char_at(WORD, -11), char_at("héllo", 1), char_at("a😀b", 1), char_at("a😀b", -1), char_at(UNI, -2)]
    print(r)
    assert r == ["h", "d", "d", "h", "é", "😀", "b", "😀"]


def test_index_errors() -> None:
    msgs = []
    for i in [11, -12, 2**64, -(2**64)]:
        try:
            char_at(WORD, i)
            msgs.append("no error")
        except IndexError as e:
            msgs.append(str(e))
    try:
        char_at("", 0)
    except IndexError as e:
        msgs.append(str(e))
    print(msgs)
    assert msgs == [
        "string index out of range",
        "string index out of range",
        "cannot fit 'int' into an index-sized integer",
        "cannot fit 'int' into an index-sized integer",
        "string index out of range",
    ]


def test_slicing_literal_bounds() -> None:
    s = WORD
    r = [s[1:3], s[:3], s[3:], s[-3:], s[:-3], s[::2], s[::-1], s[1:8:3], s[-1:-6:-2], s[10:20], s[3:1], s[::-2], s[:], s[-100:100]]
    print(r)
    assert r == ["el", "hel", "lo world", "rld", "hello wo", "hlowrd", "dlrow olleh", "eoo", "drw", "d", "", "drwolh", "hello world", "hello world"]


def test_slicing_runtime_bounds() -> None:
    r = [
        sl(WORD, 0, 5),
        sl(WORD, -5, 11),
        sl(WORD, 6, -1),
        sl(WORD, 2**64, 2**65),
        sl(WORD, -(2**64), 2),
        sl3(WORD, 10, -12, -3),
        sl3("héllo", 4, -6, -1),
        sl3("a😀b", 2, -4, -1),
        sl3(UNI, 0, 14, 5),
    ]
    print(r)
    assert r == ["hello", "world", "worl", "", "he", "dooe", "olléh", "b😀a", "h d"]
    try:
        sl3(WORD, 0, 5, 0)
        msg = "no error"
    except ValueError as e:
        msg = str(e)
    print(msg)
    assert msg == "slice step cannot be zero"


def test_in_operator() -> None:
    r = [contains("hello", "ell"), contains("abc", ""), contains("abc", "z"), contains("café", "é"), contains(UNI, "😀!"), contains("", ""), contains("", "a"), "ll" not in "hello"]
    print(r)
    assert r == [True, True, False, True, True, True, False, False]


def test_ord_chr() -> None:
    r1 = [code_of("a"), code_of("é"), code_of("€"), code_of("😀"), code_of("\x00"), code_of(char_of(0x10FFFF))]
    r2 = [char_of(65), char_of(0x1F600), char_of(233), char_of(0x20AC), slen(char_of(0))]
    print(r1, r2)
    assert r1 == [97, 233, 8364, 128512, 0, 1114111]
    assert r2 == ["A", "😀", "é", "€", 1]
    assert char_of(0x1F600) == "😀"
    total = 0
    for cp in range(0, 0x110000, 0x1111):
        if cp < 0xD800 or cp > 0xDFFF:
            total += code_of(char_of(cp))
    print(total)
    assert total == 142547363


def test_ord_chr_errors() -> None:
    msgs = []
    for s in ["ab", ""]:
        try:
            code_of(s)
        except TypeError as e:
            msgs.append(str(e))
    for n in [-1, 0x110000, 2**64]:
        try:
            char_of(n)
        except (ValueError, OverflowError) as e:
            msgs.append(type(e).__name__ + ": " + str(e))
    for m in msgs:
        print(m)
    assert msgs == [
        "ord() expected a character, but string of length 2 found",
        "ord() expected a character, but string of length 0 found",
        "ValueError: chr() arg not in range(0x110000)",
        "ValueError: chr() arg not in range(0x110000)",
        "OverflowError: Python int too large to convert to C int",
    ]


def test_loops_building_strings() -> None:
    r = [reverse_loop("héllo"), reverse_loop(""), count_vowels("Programming In Python"), caesar("Hello, World!", 3), caesar("abcxyz", -3), caesar("Zz", 2**64 + 1), join_numbers(12)]
    print(r)
    assert r == ["olléh", "", 5, "Khoor, Zruog!", "xyzuvw", "Qq", "0,1,2,3,4,5,6,7,8,9,10,11"]


def test_palindromes() -> None:
    r = []
    for w in ["racecar", "abba", "abc", "", "x", "été", "😀a😀", "😀ab😀"]:
        r.append(is_palindrome(w))
    print(r)
    assert r == [True, True, False, True, True, True, True, False]


def test_str_and_repr_conversions() -> None:
    r = [str(42), str(-0.5), str(True), str(None), str([1, "a"]), str(2**100), str((1,)), str({"k": [1.0]})]
    q = [repr("it's"), repr('say "hi"'), repr("a\nb"), repr("é"), repr("\x00"), repr("tab\t\\"), repr("😀"), ascii("é😀")]
    print(r)
    print(q)
    assert r == ["42", "-0.5", "True", "None", "[1, 'a']", "1267650600228229401496703205376", "(1,)", "{'k': [1.0]}"]
    assert q == ['"it\'s"', "'say \"hi\"'", "'a\\nb'", "'é'", "'\\x00'", "'tab\\t\\\\'", "'😀'", "'\\xe9\\U0001f600'"]


def test_escapes_and_literals() -> None:
    r = [slen("\t\n"), "\u00e9" == "é", "\N{GREEK SMALL LETTER ALPHA}", slen(r"\n"), "\x41\x42", "\U0001F600" == "😀", "a" "b" "c", slen("""line1
line2""")]
    print(r)
    assert r == [2, True, "α", 2, "AB", True, "abc", 11]


def test_string_methods() -> None:
    s = "  Hello, World  "
    r = [
        s.strip(),
        s.lower(),
        s.upper(),
        s.strip().split(", "),
        "-".join(["a", "b", "c"]),
        "a,b,,c".split(","),
        WORD.replace("o", "0"),
        WORD.startswith("hell"),
        WORD.endswith("x"),
        WORD.find("o"),
        WORD.find("z"),
        WORD.count("l"),
        "ÉTÉ".lower(),
        "42".isdigit(),
        "abc".title(),
        "x".center(5, "*"),
        "7".zfill(3),
    ]
    print(r)
    assert r == [
        "Hello, World",
        "  hello, world  ",
        "  HELLO, WORLD  ",
        ["Hello", "World"],
        "a-b-c",
        ["a", "b", "", "c"],
        "hell0 w0rld",
        True,
        False,
        4,
        -1,
        3,
        "été",
        True,
        "Abc",
        "**x**",
        "007",
    ]


def test_string_compare_and_identity_of_values() -> None:
    a = concat("hel", "lo")
    b = "hello"
    r = [a == b, a != b, a < "help", a > "hell", "" == concat("", ""), concat("é", "") == "é"]
    print(r)
    assert r == [True, False, True, True, True, True]


def test_augmented_concat_in_loop() -> None:
    s = ""
    for i in range(5):
        s += chr(ord("a") + i) * (i + 1)
    s2 = "x"
    for _ in range(10):
        s2 += s2
    print(s, len(s2))
    assert s == "abbcccddddeeeee"
    assert len(s2) == 1024
