"""An incremental constraint solver in the style of DeltaBlue.

`Variable`s are tied together by `Constraint`s of different strengths, from
REQUIRED down to WEAKEST. Unary constraints (`StayConstraint`,
`EditConstraint`) pin one variable; binary ones (`EqualityConstraint`,
`ScaleConstraint`) choose a direction at planning time and compute one
variable from the other. Adding or removing a constraint re-plans locally
by walking the constraint graph; an edit is then run many times by
executing an extracted plan.

The workload builds chains of CHAIN equalities (an edit at one end must reach
the other end) and projections of PROJECTION scale constraints (editing a
shared scale or offset must update every destination), ROUNDS times.

Measures virtual method calls across a class hierarchy, attribute access,
list[...] of objects as work queues, identity comparisons and allocation.
"""

from typing import Optional

ROUNDS = 10
CHAIN = 4_000
PROJECTION = 4_000

# Strengths: a smaller number is a stronger constraint.
REQUIRED = 0
STRONG_PREFERRED = 1
PREFERRED = 2
STRONG_DEFAULT = 3
NORMAL = 4
WEAK_DEFAULT = 5
WEAKEST = 6

# Which way a binary constraint computes.
UNDECIDED = 0
FORWARD = 1  # the second variable from the first
BACKWARD = 2  # the first variable from the second


class Variable:
    def __init__(self, value: int) -> None:
        self.value: int = value
        self.users: list[Constraint] = []
        self.source: Optional[Constraint] = None  # the constraint that computes it
        self.mark: int = 0
        self.walk: int = WEAKEST  # the weakest strength along its inputs
        self.constant: bool = True  # no edit upstream: fixed once planned


class Constraint:
    def __init__(self, strength: int) -> None:
        self.strength: int = strength

    def attach(self) -> None:
        raise NotImplementedError

    def detach(self) -> None:
        raise NotImplementedError

    def choose_method(self, mark: int) -> None:
        raise NotImplementedError

    def is_satisfied(self) -> bool:
        raise NotImplementedError

    def mark_inputs(self, mark: int) -> None:
        raise NotImplementedError

    def mark_unsatisfied(self) -> None:
        raise NotImplementedError

    def output(self) -> Variable:
        raise NotImplementedError

    def recalculate(self) -> None:
        raise NotImplementedError

    def inputs_known(self, mark: int) -> bool:
        raise NotImplementedError

    def execute(self) -> None:
        raise NotImplementedError

    def is_input(self) -> bool:
        return False


class UnaryConstraint(Constraint):
    def __init__(self, var: Variable, strength: int) -> None:
        super().__init__(strength)
        self.var: Variable = var
        self.satisfied: bool = False

    def attach(self) -> None:
        self.var.users.append(self)
        self.satisfied = False

    def detach(self) -> None:
        self.var.users.remove(self)
        self.satisfied = False

    def choose_method(self, mark: int) -> None:
        var = self.var
        self.satisfied = var.mark != mark and self.strength < var.walk

    def is_satisfied(self) -> bool:
        return self.satisfied

    def mark_inputs(self, mark: int) -> None:
        pass

    def mark_unsatisfied(self) -> None:
        self.satisfied = False

    def output(self) -> Variable:
        return self.var

    def recalculate(self) -> None:
        var = self.var
        var.walk = self.strength
        var.constant = not self.is_input()
        if var.constant:
            self.execute()

    def inputs_known(self, mark: int) -> bool:
        return True

    def execute(self) -> None:
        pass


class StayConstraint(UnaryConstraint):
    """Keeps a variable at its current value."""


class EditConstraint(UnaryConstraint):
    """Marks a variable whose value the program sets from outside."""

    def is_input(self) -> bool:
        return True


class BinaryConstraint(Constraint):
    def __init__(self, first: Variable, second: Variable, strength: int) -> None:
        super().__init__(strength)
        self.first: Variable = first
        self.second: Variable = second
        self.direction: int = UNDECIDED

    def attach(self) -> None:
        self.first.users.append(self)
        self.second.users.append(self)
        self.direction = UNDECIDED

    def detach(self) -> None:
        self.first.users.remove(self)
        self.second.users.remove(self)
        self.direction = UNDECIDED

    def choose_method(self, mark: int) -> None:
        a = self.first
        b = self.second
        s = self.strength
        if a.mark == mark:
            # `a` was settled in this pass: the value can only flow a -> b.
            self.direction = FORWARD if b.mark != mark and s < b.walk else UNDECIDED
        elif b.mark == mark:
            self.direction = BACKWARD if s < a.walk else UNDECIDED
        elif a.walk > b.walk:
            # Overwrite the variable held by the weaker walk strength.
            self.direction = BACKWARD if s < a.walk else UNDECIDED
        else:
            self.direction = FORWARD if s < b.walk else UNDECIDED

    def is_satisfied(self) -> bool:
        return self.direction != UNDECIDED

    def source_var(self) -> Variable:
        return self.first if self.direction == FORWARD else self.second

    def output(self) -> Variable:
        return self.second if self.direction == FORWARD else self.first

    def mark_inputs(self, mark: int) -> None:
        self.source_var().mark = mark

    def mark_unsatisfied(self) -> None:
        self.direction = UNDECIDED

    def recalculate(self) -> None:
        src = self.source_var()
        dst = self.output()
        dst.walk = max(self.strength, src.walk)
        dst.constant = src.constant
        if dst.constant:
            self.execute()

    def inputs_known(self, mark: int) -> bool:
        src = self.source_var()
        return src.mark == mark or src.constant or src.source is None


class EqualityConstraint(BinaryConstraint):
    def execute(self) -> None:
        self.output().value = self.source_var().value


class ScaleConstraint(BinaryConstraint):
    """second == first * factor + offset, in either direction."""

    def __init__(
        self, first: Variable, factor: Variable, offset: Variable, second: Variable, strength: int
    ) -> None:
        super().__init__(first, second, strength)
        self.factor: Variable = factor
        self.offset: Variable = offset

    def attach(self) -> None:
        super().attach()
        self.factor.users.append(self)
        self.offset.users.append(self)

    def detach(self) -> None:
        super().detach()
        self.factor.users.remove(self)
        self.offset.users.remove(self)

    def mark_inputs(self, mark: int) -> None:
        super().mark_inputs(mark)
        self.factor.mark = mark
        self.offset.mark = mark

    def recalculate(self) -> None:
        src = self.source_var()
        dst = self.output()
        dst.walk = max(self.strength, src.walk)
        dst.constant = src.constant and self.factor.constant and self.offset.constant
        if dst.constant:
            self.execute()

    def execute(self) -> None:
        if self.direction == FORWARD:
            self.second.value = self.first.value * self.factor.value + self.offset.value
        else:
            self.first.value = (self.second.value - self.offset.value) // self.factor.value


class Plan:
    def __init__(self) -> None:
        self.steps: list[Constraint] = []

    def execute(self) -> None:
        for c in self.steps:
            c.execute()


class Solver:
    def __init__(self) -> None:
        self.last_mark: int = 0
        self.added: int = 0
        self.removed: int = 0

    def new_mark(self) -> int:
        self.last_mark += 1
        return self.last_mark

    def add(self, c: Constraint) -> None:
        c.attach()
        self.added += 1
        self.incremental_add(c)

    def remove(self, c: Constraint) -> None:
        self.removed += 1
        if c.is_satisfied():
            self.incremental_remove(c)
        else:
            c.detach()

    def incremental_add(self, c: Constraint) -> None:
        mark = self.new_mark()
        displaced = self.satisfy(c, mark)
        while displaced is not None:
            displaced = self.satisfy(displaced, mark)

    def satisfy(self, c: Constraint, mark: int) -> Optional[Constraint]:
        """Try to enforce `c`; return the weaker constraint it displaced, if any."""
        c.choose_method(mark)
        if not c.is_satisfied():
            if c.strength == REQUIRED:
                raise RuntimeError("a required constraint cannot be satisfied")
            return None
        c.mark_inputs(mark)
        out = c.output()
        displaced = out.source
        if displaced is not None:
            displaced.mark_unsatisfied()
        out.source = c
        if not self.propagate(c, mark):
            raise RuntimeError("constraint cycle")
        out.mark = mark
        return displaced

    def propagate(self, c: Constraint, mark: int) -> bool:
        """Recompute everything downstream of `c`; False on a cycle."""
        todo: list[Constraint] = [c]
        while todo:
            d = todo.pop()
            out = d.output()
            if out.mark == mark:
                return False
            d.recalculate()
            self.consumers(out, todo)
        return True

    def incremental_remove(self, c: Constraint) -> None:
        out = c.output()
        c.mark_unsatisfied()
        c.detach()
        waiting = self.unplug(out)
        for strength in range(REQUIRED, WEAKEST):
            for u in waiting:
                if u.strength == strength:
                    self.incremental_add(u)

    def unplug(self, start: Variable) -> list[Constraint]:
        """Forget how `start` was computed and update what depends on it;
        return the constraints left unsatisfied on the way."""
        start.source = None
        start.walk = WEAKEST
        start.constant = True
        unsatisfied: list[Constraint] = []
        todo: list[Variable] = [start]
        while todo:
            v = todo.pop()
            for c in v.users:
                if not c.is_satisfied():
                    unsatisfied.append(c)
            source = v.source
            for c in v.users:
                if c is not source and c.is_satisfied():
                    c.recalculate()
                    todo.append(c.output())
        return unsatisfied

    def consumers(self, v: Variable, into: list[Constraint]) -> None:
        source = v.source
        for c in v.users:
            if c is not source and c.is_satisfied():
                into.append(c)

    def plan_for(self, inputs: list[Constraint]) -> Plan:
        """Order the satisfied constraints reachable from the input constraints."""
        mark = self.new_mark()
        plan = Plan()
        queue: list[Constraint] = [c for c in inputs if c.is_input() and c.is_satisfied()]
        i = 0
        while i < len(queue):
            c = queue[i]
            i += 1
            out = c.output()
            if out.mark != mark and c.inputs_known(mark):
                plan.steps.append(c)
                out.mark = mark
                self.consumers(out, queue)
        return plan


def set_by_edit(solver: Solver, var: Variable, value: int, times: int) -> int:
    """Add an edit on `var`, run its plan `times` times, remove the edit."""
    edit = EditConstraint(var, PREFERRED)
    solver.add(edit)
    plan = solver.plan_for([edit])
    for _ in range(times):
        var.value = value
        plan.execute()
    solver.remove(edit)
    return len(plan.steps)


def chain(n: int) -> int:
    solver = Solver()
    vars = [Variable(0) for _ in range(n + 1)]
    for i in range(n):
        solver.add(EqualityConstraint(vars[i], vars[i + 1], REQUIRED))
    head = vars[0]
    tail = vars[n]
    solver.add(StayConstraint(tail, STRONG_DEFAULT))
    edit = EditConstraint(head, PREFERRED)
    solver.add(edit)
    plan = solver.plan_for([edit])
    check = 0
    for k in range(50):
        head.value = k * 7 + 3
        plan.execute()
        if tail.value != head.value:
            raise RuntimeError("chain: edit did not reach the tail")
        check += tail.value
    solver.remove(edit)
    # With the edit gone the stay at the tail decides; walk the chain backwards.
    steps = set_by_edit(solver, tail, 99, 5)
    if head.value != 99:
        raise RuntimeError("chain: backward edit did not reach the head")
    return check + steps + solver.last_mark


def projection(n: int) -> int:
    solver = Solver()
    factor = Variable(10)
    offset = Variable(1000)
    sources: list[Variable] = []
    dests: list[Variable] = []
    for i in range(n):
        src = Variable(i)
        dst = Variable(i)
        sources.append(src)
        dests.append(dst)
        solver.add(StayConstraint(src, NORMAL))
        solver.add(ScaleConstraint(src, factor, offset, dst, REQUIRED))
    check = 0
    check += set_by_edit(solver, sources[n - 1], 17, 10)
    if dests[n - 1].value != 1170:
        raise RuntimeError("projection: forward scale failed")
    check += set_by_edit(solver, dests[n - 1], 1050, 10)
    if sources[n - 1].value != 5:
        raise RuntimeError("projection: backward scale failed")
    check += set_by_edit(solver, factor, 5, 10)
    for i in range(n - 1):
        if dests[i].value != i * 5 + 1000:
            raise RuntimeError("projection: new factor not applied")
    check += set_by_edit(solver, offset, 2000, 10)
    for i in range(n - 1):
        if dests[i].value != i * 5 + 2000:
            raise RuntimeError("projection: new offset not applied")
    total = 0
    for d in dests:
        total += d.value
    return check + total + solver.added * 3 + solver.removed


def bench() -> int:
    result = 0
    for r in range(ROUNDS):
        result = (result * 31 + chain(CHAIN + r)) & 0xFFFFFFFFFFFF
        result = (result * 31 + projection(PROJECTION + r)) & 0xFFFFFFFFFFFF
    return result


if __name__ == "__main__":
    print(bench())
