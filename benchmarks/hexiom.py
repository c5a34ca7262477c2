"""A tile placement puzzle solved by depth-first search with backtracking.

The puzzle (in the spirit of Hexiom, but on a square grid with eight
neighbours per cell) is: given a grid where some cells are blocked and a bag
of numbered tiles, put every tile on a free cell so that each tile's number
equals how many of its eight neighbouring cells hold a tile. Free cells left
over stay empty.

Puzzles are made by a local LCG: it blocks some cells, fills some of the
others, and writes into each filled cell its count of filled neighbours; the
bag is the multiset of those numbers. The solver then counts *every*
placement of the bag that satisfies the rule (there is at least one). It
decides the cells in row-major order, keeps for each placed tile how many
more filled neighbours it still needs (`need`, a `list[list[int]]`), prunes a
tile that already has too many neighbours or cannot get enough, and checks a
cell as soon as its last neighbour is decided. Sub-searches that found no
solution are remembered in a `set` keyed by a tuple: the position, the tiles
left, and slices of the two rows that can still change (`tuple(row[a:])`),
so the same dead end reached by different placements is skipped.

Each solution is recorded as a copy of the tile grid (`[row[:] for row in
tiles]`), and the checksum mixes the solution counts, the recorded grids and
the size of the dead-end set.

Measures nested `list[list[int]]` indexing and item assignment, list
slicing and copying, tuple construction and hashing, set membership and
insertion with tuple keys, and deep recursion with backtracking.
"""

PUZZLES = 50
ROWS = 4
COLS = 4

BLOCKED = -3
EMPTY = -2
UNDECIDED = -1


def lcg(state: int) -> int:
    return (state * 1103515245 + 12345) & 0x7FFFFFFF


def make_puzzle(seed: int, rows: int, cols: int) -> tuple[list[list[bool]], list[int]]:
    """Returns (blocked cells, count of each tile number 0..8)."""
    state = seed
    blocked: list[list[bool]] = []
    filled: list[list[bool]] = []
    for _ in range(rows):
        brow: list[bool] = []
        frow: list[bool] = []
        for _ in range(cols):
            state = lcg(state)
            roll = (state >> 16) % 16
            brow.append(roll < 2)
            frow.append(2 <= roll < 9)
        blocked.append(brow)
        filled.append(frow)
    counts = [0] * 9
    for r in range(rows):
        for c in range(cols):
            if not filled[r][c]:
                continue
            n = 0
            for dr in (-1, 0, 1):
                for dc in (-1, 0, 1):
                    rr = r + dr
                    cc = c + dc
                    if (dr or dc) and 0 <= rr < rows and 0 <= cc < cols and filled[rr][cc]:
                        n += 1
            counts[n] += 1
    return blocked, counts


class Solver:
    def __init__(self, blocked: list[list[bool]], counts: list[int]) -> None:
        rows = len(blocked)
        cols = len(blocked[0])
        self.rows: int = rows
        self.cols: int = cols
        self.counts: list[int] = counts[:]
        free = 0
        for brow in blocked:
            free += brow.count(False)
        self.empties: int = free - sum(counts)
        self.need: list[list[int]] = [
            [BLOCKED if b else UNDECIDED for b in row] for row in blocked
        ]
        self.tiles: list[list[int]] = [[0] * cols for _ in range(rows)]
        # For each cell: its neighbours decided before it, and how many
        # free neighbours are decided after it.
        self.before: list[list[tuple[int, int]]] = []
        self.after: list[int] = []
        for r in range(rows):
            for c in range(cols):
                earlier: list[tuple[int, int]] = []
                later = 0
                for dr in (-1, 0, 1):
                    for dc in (-1, 0, 1):
                        rr = r + dr
                        cc = c + dc
                        if not (dr or dc) or not (0 <= rr < rows and 0 <= cc < cols):
                            continue
                        if blocked[rr][cc]:
                            continue
                        if rr * cols + cc < r * cols + c:
                            earlier.append((rr, cc))
                        else:
                            later += 1
                self.before.append(earlier)
                self.after.append(later)
        self.dead: set[tuple[int, int, tuple[int, ...], tuple[int, ...], tuple[int, ...]]] = set()
        self.found: list[list[list[int]]] = []
        self.nodes: int = 0

    def settled(self, r: int, c: int) -> bool:
        """After deciding (r, c): are the cells that just got their last
        neighbour satisfied?"""
        if r == 0:
            return True
        above = self.need[r - 1]
        if c > 0 and above[c - 1] > 0:
            return False
        if c == self.cols - 1 and above[c] > 0:
            return False
        return True

    def search(self, pos: int) -> int:
        self.nodes += 1
        rows = self.rows
        cols = self.cols
        need = self.need
        if pos == rows * cols:
            for v in need[rows - 1]:
                if v > 0:
                    return 0
            if len(self.found) < 500:
                self.found.append([row[:] for row in self.tiles])
            return 1
        r = pos // cols
        c = pos - r * cols
        row = need[r]
        if row[c] == BLOCKED:
            if not self.settled(r, c):
                return 0
            return self.search(pos + 1)

        above: tuple[int, ...] = ()
        if r > 0:
            above = tuple(need[r - 1][max(c - 1, 0):])
        key = (pos, self.empties, tuple(self.counts), above, tuple(row[:c]))
        if key in self.dead:
            return 0

        total = 0
        if self.empties > 0:
            row[c] = EMPTY
            self.tiles[r][c] = -1
            if self.settled(r, c):
                self.empties -= 1
                total += self.search(pos + 1)
                self.empties += 1
            row[c] = UNDECIDED

        filled: list[tuple[int, int]] = []
        for rr, cc in self.before[pos]:
            if need[rr][cc] >= 0:
                filled.append((rr, cc))
        ok = True
        for rr, cc in filled:
            if need[rr][cc] == 0:
                ok = False
                break
        if ok:
            have = len(filled)
            later = self.after[pos]
            counts = self.counts
            for value in range(have, min(have + later, 8) + 1):
                if counts[value] == 0:
                    continue
                counts[value] -= 1
                for rr, cc in filled:
                    need[rr][cc] -= 1
                row[c] = value - have
                self.tiles[r][c] = value
                if self.settled(r, c):
                    total += self.search(pos + 1)
                for rr, cc in filled:
                    need[rr][cc] += 1
                counts[value] += 1
            row[c] = UNDECIDED

        if total == 0:
            self.dead.add(key)
        return total


def grid_hash(grid: list[list[int]]) -> int:
    h = 0
    for row in grid:
        for v in row:
            h = (h * 11 + v + 2) & 0xFFFFFFFF
    return h


def bench() -> int:
    checksum = 0
    seed = 4242
    for i in range(PUZZLES):
        seed = lcg(seed + i)
        blocked, counts = make_puzzle(seed, ROWS, COLS)
        solver = Solver(blocked, counts)
        solutions = solver.search(0)
        checksum = (checksum * 1000003 + solutions * 97 + len(solver.dead)) & 0xFFFFFFFFFFFF
        checksum = (checksum * 31 + solver.nodes) & 0xFFFFFFFFFFFF
        for grid in solver.found:
            checksum = (checksum * 17 + grid_hash(grid)) & 0xFFFFFFFFFFFF
    return checksum


if __name__ == "__main__":
    print(bench())
