"""The `demo-fib` console script."""

import sys

from demo_pkg.core import fib


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    print(fib(n))
    return 0
