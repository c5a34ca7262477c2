"""Word frequencies over generated text.

A local LCG picks words from a fixed vocabulary and decorates some of them:
a capital first letter, all capitals, a trailing comma or full stop, an
opening or closing quote or parenthesis. Words are joined into lines of
varying length. The first phase counts the words with a plain `dict`: each
line is `split()`, each token is `strip()`ped of punctuation and `lower()`ed,
empty tokens are skipped, and `counts[w] = counts.get(w, 0) + 1`. The second
phase counts the same lines with `collections.Counter.update()` over a
generator of normalised tokens, and also counts word lengths and first
letters. The checksum mixes the top-N words of both phases (sorted by count,
then by word), the number of distinct words and the letter counts.

Measures `str.split`, `str.strip`, `str.lower`, `str.capitalize`,
`str.upper`, `str.join`, dict get/set with str keys, `Counter.update` and
`Counter.most_common`, `sorted` with a key, and tuple unpacking.
"""

from collections import Counter
from typing import Iterator

LINES = 20_000
TOP = 25

WORDS: list[str] = [
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "it",
    "as", "was", "with", "be", "by", "on", "not", "he", "this", "are",
    "or", "his", "from", "at", "which", "but", "have", "an", "had", "they",
    "compiler", "module", "extension", "python", "native", "object", "integer",
    "float", "string", "bytes", "dictionary", "list", "tuple", "set", "frozen",
    "reference", "count", "garbage", "collector", "interpreter", "bytecode",
    "frame", "stack", "heap", "pointer", "tagged", "boxed", "unboxed", "call",
    "method", "attribute", "slot", "class", "instance", "generator", "iterator",
    "closure", "lambda", "exception", "traceback", "signal", "thread", "lock",
    "queue", "buffer", "slice", "index", "hash", "equality", "order", "sort",
    "merge", "split", "join", "strip", "lower", "upper", "format", "parse",
    "token", "syntax", "grammar", "lexer", "parser", "tree", "node", "edge",
    "graph", "path", "cycle", "weight", "river", "mountain", "forest", "ocean",
    "desert", "valley", "island", "harbour", "lighthouse", "meadow", "orchard",
]

OPENERS: list[str] = ["", "", "", "", "", "", "(", '"', "'", "["]
CLOSERS: list[str] = ["", "", "", "", "", ",", ".", ";", ":", "!", "?", ")", '"', "...", "],"]

STRIP_CHARS = "()[]\"'.,;:!?"


class Lcg:
    def __init__(self, seed: int) -> None:
        self.state: int = seed

    def next(self, bound: int) -> int:
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        return (self.state >> 33) % bound


def make_word(rng: Lcg) -> str:
    # Squaring a uniform index skews the distribution towards the first words,
    # so the counts have a clear top and a long tail.
    r = rng.next(1 << 20)
    index = (r * r * len(WORDS)) >> 40
    word = WORDS[index]
    case = rng.next(16)
    if case == 0:
        word = word.upper()
    elif case < 4:
        word = word.capitalize()
    return OPENERS[rng.next(len(OPENERS))] + word + CLOSERS[rng.next(len(CLOSERS))]


def make_text(lines: int, seed: int) -> list[str]:
    rng = Lcg(seed)
    out: list[str] = []
    for _ in range(lines):
        n = 4 + rng.next(14)
        parts = [make_word(rng) for _ in range(n)]
        sep = "  " if rng.next(7) == 0 else " "
        line = sep.join(parts)
        if rng.next(5) == 0:
            line = "\t" + line + " \n"
        out.append(line)
    return out


def count_dict(text: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in text:
        for token in line.split():
            word = token.strip(STRIP_CHARS).lower()
            if not word:
                continue
            counts[word] = counts.get(word, 0) + 1
    return counts


def normalised(text: list[str]) -> Iterator[str]:
    for line in text:
        for token in line.split():
            word = token.strip(STRIP_CHARS).lower()
            if word:
                yield word


def count_counter(text: list[str]) -> tuple[Counter[str], Counter[int], Counter[str]]:
    words: Counter[str] = Counter()
    words.update(normalised(text))
    lengths: Counter[int] = Counter()
    initials: Counter[str] = Counter()
    for word, n in words.items():
        lengths[len(word)] += n
        initials[word[0]] += n
    return words, lengths, initials


def word_hash(word: str) -> int:
    h = 2166136261
    for ch in word:
        h = ((h ^ ord(ch)) * 16777619) & 0xFFFFFFFF
    return h


def top_items(counts: dict[str, int], n: int) -> list[tuple[str, int]]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ranked[:n]


def bench() -> int:
    text = make_text(LINES, 20240607)
    checksum = 0

    counts = count_dict(text)
    for rank, (word, n) in enumerate(top_items(counts, TOP)):
        checksum = (checksum * 31 + word_hash(word) + n * (rank + 1)) & 0xFFFFFFFFFFFF
    checksum = (checksum * 31 + len(counts)) & 0xFFFFFFFFFFFF

    words, lengths, initials = count_counter(text)
    for word, n in words.most_common(TOP):
        checksum = ((checksum * 37 + word_hash(word)) ^ n) & 0xFFFFFFFFFFFF
    for length in sorted(lengths):
        checksum = (checksum * 41 + length * lengths[length]) & 0xFFFFFFFFFFFF
    for letter, n in sorted(initials.items()):
        checksum = (checksum * 43 + ord(letter) * n) & 0xFFFFFFFFFFFF
    if dict(words) != counts:
        checksum ^= 1
    return checksum


if __name__ == "__main__":
    print(bench())
