"""Adversarial int arithmetic around the tagged-int boundaries (2**62, 2**63, 2**64):
loops crossing them, mixed small and big operands, counters that start big and
become small, floor division and modulo with negative and big operands, and
exceptions in the middle of such loops."""

from typing import List, Tuple

S = 2**62
M = 2**63
W = 2**64


class Acc:
    def __init__(self, n: int) -> None:
        self.n = n
        self.hist: List[int] = []

    def add(self, k: int) -> int:
        self.n += k
        self.hist.append(self.n)
        return self.n


def cross_up(start: int, step: int, count: int) -> List[int]:
    out = []
    x = start
    for _ in range(count):
        x += step
        out.append(x)
    return out


def test_loops_crossing_up_and_down() -> None:
    print(cross_up(S - 3, 1, 6))
    print(cross_up(M - 3, 1, 6))
    print(cross_up(-S + 2, -1, 5))
    print(cross_up(-M + 2, -1, 5))
    print(cross_up(S + 2, -1, 5))  # big becoming small
    print(cross_up(W * W, -W * W + 3, 2))
    print(cross_up(0, S // 2, 5))
    print(cross_up(S - 1, -(S - 1), 3))


def test_multiplication_overflow() -> None:
    out = []
    x = 3
    for _ in range(45):
        x = x * 3
        if x > S // 4:
            out.append(x)
    print(len(out), out[:3], x % 1000003)
    vals = [(S - 1) * 2, (S - 1) * -2, -S * 2, 2**31 * 2**31, 2**31 * -(2**31), (-S) * (-1), (-M) * (-1), 2**32 * 2**30]
    print(vals)
    y = -1
    z = -S
    print(y * z, z * y, z * z, (z + 1) * (z + 1))
    acc = 1
    for k in range(1, 25):
        acc *= k
        acc //= max(1, k // 2)
    print(acc)


def test_floordiv_mod_signs() -> None:
    ops = [S, -S, S - 1, -S - 1, M, -M, M - 1, -M + 1, W + 5, -W - 5, 7, -7, 1, -1, 3**40, -(3**40)]
    rows = []
    for a in ops:
        for b in (3, -3, S, -S, M + 1, -M - 1, 2**40 + 1, -(2**40) - 1, 1, -1):
            rows.append((a // b, a % b, divmod(a, b)))
    print(len(rows), sum(r[0] for r in rows), sum(r[1] for r in rows))
    print(rows[:4])
    print(rows[-4:])
    print((-S) // -1, (-M) // -1, (-S) % -1, (-S - 1) // -1)
    print(S // (S - 1), (S - 1) % S, (-S) % S, (-S) // S, (S * 4) // (S * 2))


def test_counter_big_to_small() -> None:
    a = Acc(M + 2)
    for _ in range(6):
        a.add(-1)
    print(a.n, a.hist)
    a.n = -M - 2
    for _ in range(4):
        a.add(1)
    print(a.n, a.n + M, a.hist[-4:])
    n = W
    steps = 0
    while n > 1:
        n //= 2 if n % 2 == 0 else 1
        steps += 1
    print(n, steps)
    c = 3**80
    k = 0
    while c:
        c //= 7
        k += 1
    print(c, k)


def divide_all(nums: List[int], d: int) -> Tuple[List[int], str]:
    out = []
    try:
        for n in nums:
            out.append(n // d)
            out.append(n % d)
            d -= 1
    except ZeroDivisionError as e:
        return out, str(e)
    return out, "none"


def test_zero_division_in_the_middle() -> None:
    print(divide_all([M, -M, S * 3, W, 5, 6], 3))
    print(divide_all([W * W, -(W * W)], 1))
    big = 3**50
    r: List[object] = []
    for d in (2, 1, 0, -1):
        try:
            r.append(big % d)
            r.append(divmod(-big, d))
        except ZeroDivisionError as e:
            r.append(str(e))
    print(r)
    try:
        print(S // (S - S))
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e)
    x = M
    try:
        x = x * x // (x - M)
    except ZeroDivisionError:
        print("still", x == M)


def test_mixed_small_big_expressions() -> None:
    xs = [1, -1, S - 1, -S, S, M, -M - 1, 3**45, 0]
    tot = 0
    for a in xs:
        for b in xs:
            tot += a * b - (a + b) + (a - b) * 2
            if b:
                tot ^= a // b
            tot &= (1 << 200) - 1
    print(tot)
    print(abs(-S), abs(-M), -(-S), -(S - 1) - 1, ~S, ~(-S - 1), -(M) + M)
    print(S << 1, (S << 1) >> 1, -S >> 70, (M - 1) >> 62, 1 << 62, (1 << 63) - 1)
    print(pow(2, 62), pow(-2, 63), pow(3, 39), (S - 1) ** 1, 2**64 // 2**63)
    print(max(S, S - 1), min(-S, -S - 1), sum([S, S, S, S]), sum(range(S - 3, S + 3)))


def test_augmented_on_containers() -> None:
    lst = [S - 1, M - 1, -S, 0]
    for _ in range(3):
        for i in range(len(lst)):
            lst[i] += 1
            lst[i] *= 1
    print(lst)
    d = {"a": S - 2}
    for _ in range(4):
        d["a"] += 1
    print(d)
    t = 0
    for i in range(S - 2, S + 2):
        t += i
    print(t, list(range(S - 2, S + 2)), list(range(-S + 1, -S - 2, -1)))
    print(list(range(M - 1, M + 1)), len(range(-S, S - 1)), range(0, W, S)[3])


def test_comparisons_across_boundary() -> None:
    pairs = [(S - 1, S), (S, S - 1), (-S, -S - 1), (M, M - 1), (-M, M), (S, S)]
    print([(a < b, a <= b, a == b, a != b, a > b) for a, b in pairs])
    print([hash(x) == hash(x + 0) for x in (S, -S - 1, M)], S - 1 < S + 0.5, float(S) == S)
    x = S - 2
    seen = []
    while x < S + 2:
        seen.append(x == S)
        x += 1
    print(seen)
