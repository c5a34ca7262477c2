"""A tokenizer and recursive-descent parser for arithmetic expressions that
reports errors with exceptions.

LINES source lines are generated from an LCG: expressions over numbers,
variables, the operators + - * / % and unary minus, parentheses, and calls of
three built-in functions (`min`, `max`, `abs`); about one line in fourteen
is broken on purpose (a dropped parenthesis, a stray operator, an unknown
function or variable, a division by zero at evaluation time). Each line is tokenized
character by character into (kind, text) tuples, parsed by a recursive-descent
parser into a tree of node objects, and evaluated with integer arithmetic (floor
division and modulo with Python's signs). Syntax errors raise `ParseError`
deep in the recursion and are caught per line; evaluation errors raise
`EvalError` (wrapping ZeroDivisionError with `raise ... from`).

The checksum mixes the values of the good lines and the positions and kinds
of the errors.

Measures string scanning, small-tuple building, deep recursion through
several mutually recursive functions, exceptions raised and caught across
frames, and virtual `evaluate` calls over a small node class hierarchy.
"""

LINES = 20000

class Node:
    def evaluate(self, env: dict[str, int]) -> int:
        raise NotImplementedError


class Num(Node):
    def __init__(self, value: int) -> None:
        self.value = value

    def evaluate(self, env: dict[str, int]) -> int:
        return self.value


class Var(Node):
    def __init__(self, name: str) -> None:
        self.name = name

    def evaluate(self, env: dict[str, int]) -> int:
        try:
            return env[self.name]
        except KeyError:
            raise EvalError(f"unknown variable {self.name}") from None


class BinOp(Node):
    def __init__(self, op: str, left: Node, right: Node) -> None:
        self.op = op
        self.left = left
        self.right = right

    def evaluate(self, env: dict[str, int]) -> int:
        a = self.left.evaluate(env)
        b = self.right.evaluate(env)
        op = self.op
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        try:
            if op == "/":
                return a // b
            return a % b
        except ZeroDivisionError as e:
            raise EvalError("division by zero") from e


class Call(Node):
    def __init__(self, func: str, args: list[Node]) -> None:
        self.func = func
        self.args = args

    def evaluate(self, env: dict[str, int]) -> int:
        values = [a.evaluate(env) for a in self.args]
        if self.func == "min":
            return min(values)
        if self.func == "max":
            return max(values)
        if self.func == "abs" and len(values) == 1:
            return abs(values[0])
        raise EvalError(f"bad call {self.func}/{len(values)}")


class ParseError(Exception):
    def __init__(self, message: str, pos: int) -> None:
        super().__init__(message)
        self.pos = pos


class EvalError(Exception):
    pass


def tokenize(src: str) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    i = 0
    n = len(src)
    while i < n:
        c = src[i]
        if c == " ":
            i += 1
        elif c.isdigit():
            j = i
            while j < n and src[j].isdigit():
                j += 1
            out.append(("num", src[i:j], i))
            i = j
        elif c.isalpha() or c == "_":
            j = i
            while j < n and (src[j].isalnum() or src[j] == "_"):
                j += 1
            out.append(("name", src[i:j], i))
            i = j
        elif c in "+-*/%(),":
            out.append(("op", c, i))
            i += 1
        else:
            raise ParseError(f"unexpected character {c!r}", i)
    out.append(("end", "", n))
    return out


class Parser:
    def __init__(self, tokens: list[tuple[str, str, int]]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.pos]

    def advance(self) -> tuple[str, str, int]:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def expect(self, text: str) -> None:
        kind, t, at = self.advance()
        if t != text or kind != "op":
            raise ParseError(f"expected {text!r}, got {t or kind!r}", at)

    def expression(self) -> Node:
        left = self.term()
        while True:
            kind, t, _ = self.peek()
            if kind == "op" and (t == "+" or t == "-"):
                self.advance()
                left = BinOp(t, left, self.term())
            else:
                return left

    def term(self) -> Node:
        left = self.factor()
        while True:
            kind, t, _ = self.peek()
            if kind == "op" and (t == "*" or t == "/" or t == "%"):
                self.advance()
                left = BinOp(t, left, self.factor())
            else:
                return left

    def factor(self) -> Node:
        kind, t, at = self.advance()
        if kind == "num":
            return Num(int(t))
        if kind == "op" and t == "-":
            return BinOp("-", Num(0), self.factor())
        if kind == "op" and t == "(":
            inner = self.expression()
            self.expect(")")
            return inner
        if kind == "name":
            if self.peek()[1] == "(":
                self.advance()
                args: list[Node] = [self.expression()]
                while self.peek()[1] == ",":
                    self.advance()
                    args.append(self.expression())
                self.expect(")")
                return Call(t, args)
            return Var(t)
        raise ParseError(f"unexpected {t or kind!r}", at)


def parse(src: str) -> Node:
    p = Parser(tokenize(src))
    node = p.expression()
    kind, t, at = p.peek()
    if kind != "end":
        raise ParseError(f"trailing {t!r}", at)
    return node


def make_line(state: int) -> tuple[str, int]:
    parts: list[str] = []
    depth = 0
    names = ["x", "y", "zed", "count", "w"]
    funcs = ["min", "max", "abs", "nope"]
    for k in range(9):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        r = state >> 16
        if r % 9 == 0 and k < 7:
            parts.append(funcs[r % 4] + "(")
            depth += 1
            state = (state * 1103515245 + 12345) & 0x7FFFFFFF
            parts.append(str(state % 50))
            parts.append(", " if r % 2 else ")")
            if r % 2 == 0:
                depth -= 1
            else:
                parts.append(names[r % 5])
                parts.append(")")
                depth -= 1
        elif r % 7 == 0:
            parts.append("(")
            depth += 1
            parts.append(names[r % 5])
        elif r % 5 == 0:
            parts.append(str(r % 13))
        else:
            parts.append(names[(r >> 3) % 5] if r % 2 else str(r % 1000))
        if k < 8:
            parts.append(" " + "+-*/%"[(r >> 5) % 5] + " ")
    parts.append(")" * depth)
    line = "".join(parts)
    state = (state * 1103515245 + 12345) & 0x7FFFFFFF
    if state % 9 == 0:
        line = line.replace(")", "", 1)
    elif state % 10 == 0:
        line = line + " *"
    elif state % 11 == 0:
        line = "(" + line + " $"
    elif state % 12 == 0:
        line = line + " + unknown"
    return line, state


def bench() -> int:
    env = {"x": 17, "y": -4, "zed": 1000, "count": 3, "w": 0}
    state = 2024
    checksum = 0
    errors = 0
    for _ in range(LINES):
        line, state = make_line(state)
        try:
            value = parse(line).evaluate(env)
            checksum = (checksum * 1000003 + value) & 0xFFFFFFFFFFFF
        except ParseError as e:
            errors += 1
            checksum = (checksum * 31 + e.pos * 7 + len(str(e))) & 0xFFFFFFFFFFFF
        except EvalError as e:
            errors += 1
            cause = 1 if e.__cause__ is not None else 2
            checksum = (checksum * 37 + cause + len(str(e))) & 0xFFFFFFFFFFFF
    return checksum * 10000 + errors


if __name__ == "__main__":
    print(bench())
