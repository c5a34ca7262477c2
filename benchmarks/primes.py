"""The first COUNT primes by trial division.

Each candidate is divided by the primes found so far, stopping once
p * p exceeds the candidate. Measures integer `%` and `*`, nested loops with
early exit, and reading from / appending to a list[int].
"""

COUNT = 10_000


def first_primes(count: int) -> list[int]:
    primes: list[int] = []
    n: int = 2
    while len(primes) < count:
        is_prime: bool = True
        for j in range(len(primes)):
            p: int = primes[j]
            if p * p > n:
                break
            if n % p == 0:
                is_prime = False
                break
        if is_prime:
            primes.append(n)
        n += 1
    return primes


def checksum(values: list[int]) -> int:
    total: int = 0
    for k in range(len(values)):
        total += values[k] * (k + 1)
    return total


def bench() -> int:
    primes: list[int] = first_primes(COUNT)
    return checksum(primes)


if __name__ == "__main__":
    print(bench())
