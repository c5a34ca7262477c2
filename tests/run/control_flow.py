"""Control flow: if/elif/else, while, for over range in every step form
(negative too, big bounds), for over lists/strings/dicts/tuples, break,
continue, loop else, nested loops, loop variables after the loop."""

P62: int = 2**62
P64: int = 2**64


def classify(n: int) -> str:
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    elif n < P64:
        return "big"
    else:
        return "huge"


def range_list(start: int, stop: int, step: int) -> list[int]:
    out = []
    for i in range(start, stop, step):
        out.append(i)
    return out


def range_list1(stop: int) -> list[int]:
    out = []
    for i in range(stop):
        out.append(i)
    return out


def range_list2(start: int, stop: int) -> list[int]:
    out = []
    for i in range(start, stop):
        out.append(i)
    return out


def sum_range(start: int, stop: int, step: int) -> int:
    total = 0
    for i in range(start, stop, step):
        total += i
    return total


def count_down(n: int) -> list[int]:
    out = []
    for i in range(n, -1, -1):
        out.append(i)
    return out


def last_loop_value(n: int) -> int:
    i = -100
    for i in range(n):
        pass
    return i


def find_index(xs: list[int], target: int) -> int:
    idx = 0
    for x in xs:
        if x == target:
            break
        idx += 1
    else:
        return -1
    return idx


def is_prime(n: int) -> bool:
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True


def primes_below(n: int) -> list[int]:
    out = []
    for candidate in range(2, n):
        for d in range(2, candidate):
            if d * d > candidate:
                out.append(candidate)
                break
            if candidate % d == 0:
                break
        else:
            out.append(candidate)
    return out


def collatz_steps(n: int) -> int:
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def odd_sum_with_continue(n: int) -> int:
    total = 0
    i = 0
    while i < n:
        i += 1
        if i % 2 == 0:
            continue
        total += i
    return total


def while_else(n: int, stop_at: int) -> str:
    i = 0
    while i < n:
        if i == stop_at:
            result = "broke at " + str(i)
            break
        i += 1
    else:
        result = "completed " + str(i)
    return result


def test_if_elif_chain() -> None:
    r = []
    for n in [-(2**70), -1, 0, 1, 9, 10, P62, P64 - 1, P64, 2**100]:
        r.append(classify(n))
    print(r)
    assert r == ["negative", "negative", "zero", "small", "small", "big", "big", "big", "huge", "huge"]


def test_range_forms() -> None:
    r = [
        range_list1(5),
        range_list1(0),
        range_list1(-3),
        range_list2(2, 7),
        range_list2(5, 5),
        range_list2(5, 0),
        range_list(0, 10, 3),
        range_list(10, 0, -3),
        range_list(-5, 5, 2),
        range_list(0, -10, -4),
        range_list(5, 0, 1),
        range_list(0, 5, -1),
        range_list(3, 4, 100),
        range_list(-1, -2, -1),
    ]
    for x in r:
        print(x)
    assert r == [
        [0, 1, 2, 3, 4],
        [],
        [],
        [2, 3, 4, 5, 6],
        [],
        [],
        [0, 3, 6, 9],
        [10, 7, 4, 1],
        [-5, -3, -1, 1, 3],
        [0, -4, -8],
        [],
        [],
        [3],
        [-1],
    ]


def test_range_big_bounds() -> None:
    r1 = range_list2(P62 - 2, P62 + 2)
    r2 = range_list2(P64, P64 + 3)
    r3 = range_list(0, P64, P62)
    r4 = range_list(P64, -1, -(2**63))
    r5 = range_list(-(2**63) + 1, -(2**63) - 2, -1)
    for x in [r1, r2, r3, r4, r5]:
        print(x)
    assert r1 == [4611686018427387902, 4611686018427387903, 4611686018427387904, 4611686018427387905]
    assert r2 == [18446744073709551616, 18446744073709551617, 18446744073709551618]
    assert r3 == [0, P62, 2 * P62, 3 * P62]
    assert r4 == [P64, 2**63, 0]
    assert r5 == [-9223372036854775807, -9223372036854775808, -9223372036854775809]


def test_range_sums() -> None:
    r = [sum_range(0, 101, 1), sum_range(100, 0, -1), sum_range(1, 1000000, 7), sum_range(10, -11, -5), count_down(5)]
    print(r)
    assert r == [5050, 5050, 71428071429, 0, [5, 4, 3, 2, 1, 0]]


def test_range_zero_step() -> None:
    try:
        range_list(0, 10, 0)
        msg = "no error"
    except ValueError as e:
        msg = str(e)
    print(msg)
    assert msg == "range() arg 3 must not be zero"


def test_range_object_properties() -> None:
    r = range(0, 10, 3)
    print(len(r), r[-1], r[0], len(range(10, 0, -3)), 9 in r, 4 in r, repr(range(1, 10, 2)), repr(range(5)))
    assert len(r) == 4
    assert r[-1] == 9
    assert len(range(10, 0, -3)) == 4
    assert repr(range(5)) == "range(0, 5)"
    assert list(range(3)) == [0, 1, 2]


def test_loop_variable_after_loop() -> None:
    r = [last_loop_value(5), last_loop_value(0), last_loop_value(1)]
    print(r)
    assert r == [4, -100, 0]


def test_loop_bounds_evaluated_once() -> None:
    n = 3
    iterations = 0
    for i in range(n):
        n += 1
        iterations += 1
    seen = []
    for i in range(4):
        seen.append(i)
        i = i * 100
    print(n, iterations, seen)
    assert n == 6
    assert iterations == 3
    assert seen == [0, 1, 2, 3]


def test_for_else_and_break() -> None:
    r = [find_index([5, 6, 7], 7), find_index([5, 6, 7], 8), find_index([], 1)]
    p = primes_below(40)
    print(r, p)
    assert r == [2, -1, -1]
    assert p == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]


def test_while_else_and_continue() -> None:
    r = [while_else(5, 2), while_else(5, 9), while_else(0, 0), odd_sum_with_continue(10), odd_sum_with_continue(0)]
    print(r)
    assert r == ["broke at 2", "completed 5", "completed 0", 25, 0]


def test_nested_loops_break_inner_only() -> None:
    pairs = []
    for i in range(4):
        for j in range(4):
            if j > i:
                break
            if (i + j) % 2 == 1:
                continue
            pairs.append((i, j))
    print(pairs)
    assert pairs == [(0, 0), (1, 1), (2, 0), (2, 2), (3, 1), (3, 3)]


def test_iterate_strings_lists_dicts_tuples() -> None:
    chars = []
    for ch in "héllo😀":
        chars.append(ch)
    total = 0
    for x in [1, 2**64, -3]:
        total += x
    keys = ""
    vals = 0
    d = {"b": 2, "a": 1, "c": 3}
    for k in d:
        keys += k
        vals += d[k]
    items = []
    for k, v in d.items():
        items.append(k + "=" + str(v))
    tup_sum = 0
    for t in (10, 20, 30):
        tup_sum += t
    print(chars, total, keys, vals, items, tup_sum)
    assert chars == ["h", "é", "l", "l", "o", "😀"]
    assert total == 18446744073709551614
    assert keys == "bac"
    assert vals == 6
    assert items == ["b=2", "a=1", "c=3"]
    assert tup_sum == 60


def test_list_grows_during_iteration() -> None:
    xs = [1, 2]
    for x in xs:
        if x < 5:
            xs.append(x + 3)
    print(xs)
    assert xs == [1, 2, 4, 5, 7]


def test_collatz_and_primes_while() -> None:
    r = [collatz_steps(1), collatz_steps(6), collatz_steps(27), collatz_steps(2**64)]
    primes: list[int] = []
    n = 10**6
    while len(primes) < 2:
        if is_prime(n):
            primes.append(n)
        n += 1
    print(r, [is_prime(x) for x in [0, 1, 2, 97, 100, 7919]])
    print(primes)
    assert r == [0, 8, 111, 64]
    assert primes == [1000003, 1000033]
    assert is_prime(2**31 - 1)


def test_pass_and_empty_loops() -> None:
    count = 0
    for _ in range(10):
        pass
    while False:
        count += 1
    for _ in []:
        count += 100
    if count:
        pass
    else:
        count = -1
    print(count)
    assert count == -1
