"""oxyc demo: the same typed functions, interpreted by CPython and compiled by oxyc.

Run it compiled with `oxyc run examples/demo.py`: it loads a second, interpreted copy
of itself, times both and prints the speedup. Run with plain `python3` it just prints
the results.
"""

import importlib.machinery
import importlib.util
import sys
import time
import types


def count_primes(limit: int) -> int:
    """How many primes are below `limit` (trial division by odd numbers)."""
    count = 0
    for n in range(2, limit):
        d = 2
        is_prime = True
        while d * d <= n:
            if n % d == 0:
                is_prime = False
                break
            d += 1
        if is_prime:
            count += 1
    return count


def leibniz(terms: int) -> float:
    """pi by the Leibniz series."""
    total = 0.0
    sign = 1.0
    for k in range(terms):
        total += sign / (2 * k + 1)
        sign = -sign
    return 4.0 * total


def collatz_longest(limit: int) -> int:
    """The start below `limit` with the longest Collatz chain."""
    best = 0
    best_len = 0
    for start in range(1, limit):
        n = start
        steps = 0
        while n != 1:
            n = n // 2 if n % 2 == 0 else 3 * n + 1
            steps += 1
        if steps > best_len:
            best, best_len = start, steps
    return best


def best_time(fn, arg) -> tuple:
    best = float("inf")
    result = None
    for _ in range(3):
        t0 = time.perf_counter()
        result = fn(arg)
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> None:
    workloads = [("count_primes", 200_000), ("leibniz", 3_000_000), ("collatz_longest", 100_000)]
    compiled = not isinstance(count_primes, types.FunctionType)
    if not compiled:
        for name, arg in workloads:
            print(f"{name}({arg}) = {globals()[name](arg)}")
        print("(interpreted; run `oxyc run examples/demo.py` to compare with the compiled build)")
        return
    loader = importlib.machinery.SourceFileLoader("demo_interpreted", __file__)
    spec = importlib.util.spec_from_loader("demo_interpreted", loader)
    interp = importlib.util.module_from_spec(spec)
    loader.exec_module(interp)
    print(f"{'function':<26} {'CPython':>10} {'oxyc':>10} {'speedup':>9}")
    for name, arg in workloads:
        t_py, r_py = best_time(getattr(interp, name), arg)
        t_ox, r_ox = best_time(globals()[name], arg)
        if r_py != r_ox:
            print(f"{name}: results differ: {r_py!r} != {r_ox!r}")
            sys.exit(1)
        print(f"{name + '(' + str(arg) + ')':<26} {t_py:>9.3f}s {t_ox:>9.4f}s {t_py / t_ox:>8.1f}x")


if __name__ == "__main__":
    main()
