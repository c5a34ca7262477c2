"""The Leibniz series for pi: 4 * (1 - 1/3 + 1/5 - 1/7 + ...).

Measures float arithmetic in a tight `for ... in range` loop: an int-to-float
conversion, a division, an addition and a negation per term. The terms are
added in a fixed order, so the result is the same double everywhere.
"""

TERMS = 30_000_000


def leibniz_pi(terms: int) -> float:
    total: float = 0.0
    sign: float = 1.0
    for k in range(terms):
        total += sign / (2 * k + 1)
        sign = -sign
    return 4.0 * total


def bench() -> float:
    return leibniz_pi(TERMS)


if __name__ == "__main__":
    print(bench())
