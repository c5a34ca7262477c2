"""Small complete programs mixing the features: sieve, sorting, binary
search, matrix product, run-length encoding, a tokenizer/evaluator, big-int
digit arithmetic, a histogram; typed helpers calling each other."""

DIGITS: str = "0123456789"
OPS: dict[str, int] = {"+": 1, "-": 1, "*": 2, "/": 2}


def sieve(n: int) -> list[int]:
    flags = [True] * (n + 1)
    flags[0] = False
    if n >= 1:
        flags[1] = False
    p = 2
    while p * p <= n:
        if flags[p]:
            for m in range(p * p, n + 1, p):
                flags[m] = False
        p += 1
    return [i for i in range(n + 1) if flags[i]]


def insertion_sort(xs: list[int]) -> list[int]:
    out = list(xs)
    for i in range(1, len(out)):
        key = out[i]
        j = i - 1
        while j >= 0 and out[j] > key:
            out[j + 1] = out[j]
            j -= 1
        out[j + 1] = key
    return out


def binary_search(xs: list[int], target: int) -> int:
    lo = 0
    hi = len(xs) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if xs[mid] == target:
            return mid
        elif xs[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -(lo + 1)


def mat_mul(a: list[list[int]], b: list[list[int]]) -> list[list[int]]:
    n = len(a)
    m = len(b[0])
    k = len(b)
    out = []
    for i in range(n):
        row = []
        for j in range(m):
            s = 0
            for t in range(k):
                s += a[i][t] * b[t][j]
            row.append(s)
        out.append(row)
    return out


def mat_pow(a: list[list[int]], e: int) -> list[list[int]]:
    result = [[1, 0], [0, 1]]
    while e > 0:
        if e & 1:
            result = mat_mul(result, a)
        a = mat_mul(a, a)
        e >>= 1
    return result


def rle(s: str) -> str:
    if not s:
        return ""
    out = ""
    prev = s[0]
    count = 1
    for ch in s[1:]:
        if ch == prev:
            count += 1
        else:
            out += f"{count}{prev}"
            prev = ch
            count = 1
    out += f"{count}{prev}"
    return out


def tokenize(expr: str) -> list[str]:
    tokens = []
    num = ""
    for ch in expr:
        if ch in DIGITS:
            num += ch
            continue
        if num:
            tokens.append(num)
            num = ""
        if ch in OPS or ch in "()":
            tokens.append(ch)
        elif ch != " ":
            raise ValueError("bad character " + repr(ch))
    if num:
        tokens.append(num)
    return tokens


def apply_op(op: str, a: int, b: int) -> int:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    return a // b


def evaluate(expr: str) -> int:
    values: list[int] = []
    ops: list[str] = []
    for tok in tokenize(expr):
        if tok[0] in DIGITS:
            values.append(int(tok))
        elif tok == "(":
            ops.append(tok)
        elif tok == ")":
            while ops[-1] != "(":
                b = values.pop()
                a = values.pop()
                values.append(apply_op(ops.pop(), a, b))
            ops.pop()
        else:
            while ops and ops[-1] != "(" and OPS[ops[-1]] >= OPS[tok]:
                b = values.pop()
                a = values.pop()
                values.append(apply_op(ops.pop(), a, b))
            ops.append(tok)
    while ops:
        b = values.pop()
        a = values.pop()
        values.append(apply_op(ops.pop(), a, b))
    return values[0]


def digit_sum(n: int) -> int:
    total = 0
    for ch in str(n):
        total += ord(ch) - ord("0")
    return total


def histogram(xs: list[int], buckets: int, width: int) -> list[str]:
    counts = [0] * buckets
    for x in xs:
        counts[x % buckets] += 1
    biggest = max(counts)
    lines = []
    for i in range(buckets):
        bar = "#" * (counts[i] * width // biggest)
        lines.append(f"{i:>2} {bar:<{width}} {counts[i]}")
    return lines


def test_sieve() -> None:
    ps = sieve(100)
    big = sieve(100000)
    print(ps)
    print(len(big), big[-1], sum(big))
    assert ps[:10] == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    assert len(ps) == 25
    assert len(big) == 9592
    assert big[-1] == 99991
    assert sieve(1) == []
    assert sieve(2) == [2]


def test_sorting_and_search() -> None:
    xs = [5, -3, 2**64, 0, 7, -(2**63), 7, 1]
    s = insertion_sort(xs)
    print(s)
    assert s == sorted(xs)
    assert xs[0] == 5
    r = [binary_search(s, 7), binary_search(s, 2**64), binary_search(s, 4), binary_search(s, -(2**70)), binary_search([], 1)]
    print(r)
    assert r[1] == 7
    assert s[r[0]] == 7
    assert r[2:] == [-5, -1, -1]


def test_matrix_fibonacci() -> None:
    m = mat_pow([[1, 1], [1, 0]], 100)
    p = mat_mul([[1, 2, 3], [4, 5, 6]], [[7, 8], [9, 10], [11, 12]])
    print(m, p)
    assert m[0][1] == 354224848179261915075
    assert p == [[58, 64], [139, 154]]


def test_run_length_encoding() -> None:
    r = [rle(""), rle("a"), rle("aaabccdddd"), rle("ééé😀😀x")]
    print(r)
    assert r == ["", "1a", "3a1b2c4d", "3é2😀1x"]


def test_expression_evaluator() -> None:
    exprs = ["1 + 2 * 3", "(1 + 2) * 3", "100 / 7 - 2", "2 * (3 + 4) * 5", "99999999999 * 99999999999", "10 - 4 - 3", "7"]
    results = []
    for e in exprs:
        results.append(evaluate(e))
    print(results)
    assert results == [7, 9, 12, 70, 9999999999800000000001, 3, 7]
    try:
        evaluate("1 + x")
        msg = "no error"
    except ValueError as e:
        msg = str(e)
    try:
        evaluate("4 / (2 - 2)")
    except ZeroDivisionError as e:
        msg += " / " + str(e)
    print(msg)
    assert msg == "bad character 'x' / integer division or modulo by zero"


def test_big_digit_sums() -> None:
    r = [digit_sum(0), digit_sum(2**64), digit_sum(2**1000), digit_sum(3**200)]
    print(r)
    assert r[0] == 0
    assert r[1] == 88
    assert r[2] == 1366
    assert r[3] == 468


def test_histogram() -> None:
    data = [i * i + 3 * i for i in range(50)]
    lines = histogram(data, 5, 20)
    for line in lines:
        print(line)
    assert lines[0] == " 0 #################### 20"
    assert lines[1] == " 1                      0"
    assert len(lines) == 5
