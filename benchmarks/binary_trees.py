"""Allocate, walk and drop many binary trees of `Node` objects.

First a "stretch" tree one level deeper than MAX_DEPTH is built, counted
and dropped; then a tree of depth MAX_DEPTH is built and kept alive for the
whole run. For each depth d = MIN_DEPTH, MIN_DEPTH + 2, ..., MAX_DEPTH,
2 ** (MAX_DEPTH - d + MIN_DEPTH) trees of depth d are built, walked and
dropped at once, so every depth allocates the same number of nodes. Finally
the long-lived tree is walked again.

Measures object allocation and deallocation (millions of small instances),
recursive calls (build and walk), attribute reads and `Optional[Node]`
`is None` tests.
"""

from typing import Optional

MIN_DEPTH = 4
MAX_DEPTH = 14


class Node:
    def __init__(self, left: Optional["Node"], right: Optional["Node"]) -> None:
        self.left: Optional[Node] = left
        self.right: Optional[Node] = right

    def count(self) -> int:
        """The number of nodes in the tree rooted here."""
        left = self.left
        right = self.right
        if left is None or right is None:
            return 1
        return 1 + left.count() + right.count()


def build(depth: int) -> Node:
    """A perfect binary tree with 2 ** (depth + 1) - 1 nodes."""
    if depth == 0:
        return Node(None, None)
    return Node(build(depth - 1), build(depth - 1))


def bench() -> int:
    checksum = build(MAX_DEPTH + 1).count()
    keeper = build(MAX_DEPTH)
    for depth in range(MIN_DEPTH, MAX_DEPTH + 1, 2):
        trees = 1 << (MAX_DEPTH - depth + MIN_DEPTH)
        nodes = 0
        for _ in range(trees):
            nodes += build(depth).count()
        checksum = checksum * 31 + nodes + depth
    return checksum * 31 + keeper.count()


if __name__ == "__main__":
    print(bench())
