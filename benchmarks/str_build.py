"""Building strings every common way, then parsing them back.

Each round a local LCG drives the creation of RECORDS small records
(a kind, an id, a name, a few ints and a float) and renders each one as a
line in one of four formats, chosen by the record's kind:

  * an f-string with format specs (`{ident:06d}`, `{ratio:.3f}`, `{x:>5}`),
  * `str.format` with positional and named fields and `{:x}` hex,
  * `%` formatting with `%s`, `%5d`, `%-8s` and `%.2f`,
  * `str.join` of the `str()` of a list of ints.

Every few lines a block of lines is concatenated into a report with `+=` in
a loop, and names are built character by character with `+=` as well.

Then every line is parsed back: the format is recognised with
`str.startswith`, fields are separated with `str.partition`, `str.split`
and `str.rsplit`, and the numbers are read back with `int()` (`int(s, 16)`
for hex) and checked against the originals.

The checksum mixes the line lengths, a deterministic FNV-1a hash of the
text (`ord()` per character, not the randomised `hash()`), and the sum of
the parsed numbers.

Measures f-strings and format specs, `str.format`, `%`, `str.join`,
repeated `+=` on str, `str()`/`int()` conversions, `startswith`,
`partition`, `split`, slicing and character iteration.
"""

RECORDS = 8000
ROUNDS = 8
REPORT_EVERY = 16

SYLLABLES: list[str] = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "qu", "x", "th"]


def lcg(state: int) -> int:
    return (state * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF


def fnv(text: str, h: int) -> int:
    for ch in text:
        h = ((h ^ ord(ch)) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


def make_name(state: int) -> str:
    name = ""
    n = 2 + (state >> 40) % 4
    for i in range(n):
        name += SYLLABLES[(state >> (8 + 5 * i)) % len(SYLLABLES)]
    return name.capitalize()


def render(kind: int, ident: int, name: str, a: int, b: int, ratio: float) -> str:
    if kind == 0:
        return f"F|{ident:06d}|{name}|a={a}|b={b:>5}|r={ratio:.3f}"
    if kind == 1:
        return "S|{0}|{name}|{1:x}|{2}|{r:.4f}".format(ident, a, b, name=name, r=ratio)
    if kind == 2:
        return "P|%d|%-8s|%5d|%d|%.2f" % (ident, name, a, b, ratio)
    values = [ident, a, b, len(name), int(ratio * 1000)]
    return "J|" + ",".join([str(v) for v in values]) + "|" + name


def parse(line: str) -> tuple[int, int, int, str]:
    """Returns (ident, a, b, name) read back from a rendered line."""
    if line.startswith("F|"):
        head, _, rest = line[2:].partition("|")
        name, _, rest = rest.partition("|")
        fields = rest.split("|")
        a = int(fields[0].partition("=")[2])
        b = int(fields[1].partition("=")[2])
        return int(head), a, b, name
    if line.startswith("S|"):
        parts = line.split("|")
        return int(parts[1]), int(parts[3], 16), int(parts[4]), parts[2]
    if line.startswith("P|"):
        parts = line.split("|")
        return int(parts[1]), int(parts[3]), int(parts[4]), parts[2].strip()
    if line.startswith("J|"):
        body, _, name = line[2:].rpartition("|")
        nums = body.split(",")
        return int(nums[0]), int(nums[1]), int(nums[2]), name
    raise ValueError("unknown line: " + line)


def bench() -> int:
    checksum = 0
    parsed_sum = 0
    for round_no in range(ROUNDS):
        state = 99991 + round_no
        lines: list[str] = []
        originals: list[tuple[int, int, int, str]] = []
        report = ""
        reports = 0
        for ident in range(RECORDS):
            state = lcg(state)
            kind = (state >> 60) % 4
            name = make_name(state)
            a = (state >> 20) % 100000
            b = (state >> 7) % 1000 - 500
            ratio = ((state >> 33) % 1000000) / 7919.0
            line = render(kind, ident, name, a, b, ratio)
            lines.append(line)
            originals.append((ident, a, b, name))
            report += line
            report += "\n"
            if ident % REPORT_EVERY == REPORT_EVERY - 1:
                checksum = (checksum * 31 + len(report)) & 0xFFFFFFFFFFFF
                checksum ^= fnv(report[-40:], 14695981039346656037) & 0xFFFF
                reports += 1
                report = ""

        h = 14695981039346656037
        total_len = 0
        for i, line in enumerate(lines):
            ident, a, b, name = parse(line)
            if (ident, a, b, name) != originals[i]:
                raise AssertionError("round trip failed: " + line)
            parsed_sum += ident + a + b + len(name)
            total_len += len(line)
            h = fnv(line, h)
        checksum = (checksum * 1000003 + total_len + reports) & 0xFFFFFFFFFFFF
        checksum = (checksum ^ h) & 0xFFFFFFFFFFFF
    return (checksum * 1000003 + parsed_sum) & 0xFFFFFFFFFFFF


if __name__ == "__main__":
    print(bench())
