"""A small operating-system simulation in the style of the Richards benchmark.

Six tasks of four kinds (an idle task, a worker, two handlers, two devices)
are subclasses of one `Task` base class and pass `Packet` objects to each
other through singly linked queues. A scheduler walks its priority-ordered
task list, decides from each task's state bits whether it can run, and calls
the task's overridden `step()` method, which answers with the task to look at
next. The idle task drives the simulation with a deterministic LCG for
ROUNDS x STEPS steps.

Measures method calls on objects (virtual dispatch through a base class),
attribute reads and writes, `Optional[...]` links and `is None` tests, small
int bit operations and short-lived object allocation.
"""

from typing import Optional

ROUNDS = 10
STEPS = 30_000

PAYLOAD = 4

# Task identities (indexes into Scheduler.tasks).
IDLE = 0
WORKER = 1
HANDLER_A = 2
HANDLER_B = 3
DEVICE_A = 4
DEVICE_B = 5

# Packet kinds.
KIND_DEVICE = 0
KIND_WORK = 1

# Task state bits.
PENDING = 1  # the inbox holds at least one packet
WAITING = 2  # the task sleeps until a packet arrives
HELD = 4  # the task is parked until another task releases it


class Packet:
    def __init__(self, after: Optional["Packet"], owner: int, kind: int) -> None:
        self.after: Optional[Packet] = after
        self.owner: int = owner
        self.kind: int = kind
        self.cursor: int = 0
        self.payload: list[int] = [0] * PAYLOAD


def append_packet(queue: Optional[Packet], packet: Packet) -> Packet:
    """Put `packet` at the tail of `queue`; return the head."""
    packet.after = None
    if queue is None:
        return packet
    tail = queue
    while True:
        nxt = tail.after
        if nxt is None:
            break
        tail = nxt
    tail.after = packet
    return queue


def packet_chain(count: int, owner: int, kind: int) -> Optional[Packet]:
    head: Optional[Packet] = None
    for _ in range(count):
        head = Packet(head, owner, kind)
    return head


class Task:
    def __init__(
        self, kernel: "Scheduler", ident: int, priority: int, inbox: Optional[Packet], state: int
    ) -> None:
        self.kernel: Scheduler = kernel
        self.ident: int = ident
        self.priority: int = priority
        self.inbox: Optional[Packet] = inbox
        self.state: int = state
        self.later: Optional[Task] = None  # the next task in priority order

    def step(self, packet: Optional[Packet]) -> Optional["Task"]:
        raise NotImplementedError


class IdleTask(Task):
    def __init__(self, kernel: "Scheduler", budget: int) -> None:
        super().__init__(kernel, IDLE, 0, None, 0)
        self.budget: int = budget
        self.seed: int = 12345

    def step(self, packet: Optional[Packet]) -> Optional[Task]:
        self.budget -= 1
        if self.budget == 0:
            return self.kernel.hold_current()
        self.seed = (self.seed * 1103515245 + 12345) & 0x7FFFFFFF
        if self.seed & 0x10000:
            return self.kernel.release(DEVICE_B)
        return self.kernel.release(DEVICE_A)


class WorkerTask(Task):
    def __init__(self, kernel: "Scheduler", inbox: Optional[Packet]) -> None:
        super().__init__(kernel, WORKER, 1000, inbox, PENDING | WAITING)
        self.target: int = HANDLER_A
        self.letter: int = 0

    def step(self, packet: Optional[Packet]) -> Optional[Task]:
        if packet is None:
            return self.kernel.wait()
        self.target = HANDLER_B if self.target == HANDLER_A else HANDLER_A
        packet.owner = self.target
        packet.cursor = 0
        payload = packet.payload
        for i in range(PAYLOAD):
            self.letter += 1
            if self.letter > 26:
                self.letter = 1
            payload[i] = self.letter
        return self.kernel.send(packet)


class HandlerTask(Task):
    def __init__(self, kernel: "Scheduler", ident: int, priority: int, inbox: Optional[Packet]) -> None:
        super().__init__(kernel, ident, priority, inbox, PENDING | WAITING)
        self.jobs: Optional[Packet] = None
        self.carriers: Optional[Packet] = None

    def step(self, packet: Optional[Packet]) -> Optional[Task]:
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.jobs = append_packet(self.jobs, packet)
            else:
                self.carriers = append_packet(self.carriers, packet)
        job = self.jobs
        if job is not None:
            if job.cursor >= PAYLOAD:
                # Finished with this job: hand it back to the worker.
                self.jobs = job.after
                return self.kernel.send(job)
            carrier = self.carriers
            if carrier is not None:
                self.carriers = carrier.after
                carrier.cursor = job.payload[job.cursor]
                job.cursor += 1
                return self.kernel.send(carrier)
        return self.kernel.wait()


class DeviceTask(Task):
    def __init__(self, kernel: "Scheduler", ident: int, priority: int) -> None:
        super().__init__(kernel, ident, priority, None, WAITING)
        self.busy: Optional[Packet] = None

    def step(self, packet: Optional[Packet]) -> Optional[Task]:
        if packet is None:
            done = self.busy
            if done is None:
                return self.kernel.wait()
            self.busy = None
            return self.kernel.send(done)
        self.busy = packet
        self.kernel.output = (self.kernel.output * 31 + packet.cursor * (self.ident + 1)) & 0xFFFFFF
        return self.kernel.hold_current()


class Scheduler:
    def __init__(self, steps: int) -> None:
        self.sends: int = 0
        self.holds: int = 0
        self.output: int = 0
        self.first: Optional[Task] = None
        work = packet_chain(2, WORKER, KIND_WORK)
        self.tasks: list[Task] = [
            IdleTask(self, steps),
            WorkerTask(self, work),
            HandlerTask(self, HANDLER_A, 2000, packet_chain(3, DEVICE_A, KIND_DEVICE)),
            HandlerTask(self, HANDLER_B, 3000, packet_chain(3, DEVICE_B, KIND_DEVICE)),
            DeviceTask(self, DEVICE_A, 4000),
            DeviceTask(self, DEVICE_B, 5000),
        ]
        for task in self.tasks:
            self.enlist(task)
        self.current: Task = self.tasks[IDLE]

    def enlist(self, task: Task) -> None:
        """Insert `task` into the list kept in decreasing priority."""
        prev: Optional[Task] = None
        cur = self.first
        while cur is not None and cur.priority > task.priority:
            prev = cur
            cur = cur.later
        task.later = cur
        if prev is None:
            self.first = task
        else:
            prev.later = task

    def run(self) -> None:
        task = self.first
        while task is not None:
            state = task.state
            if state & HELD or state == WAITING:
                task = task.later
                continue
            self.current = task
            packet: Optional[Packet] = None
            if state == PENDING | WAITING:
                packet = task.inbox
                assert packet is not None
                task.inbox = packet.after
                task.state = 0 if task.inbox is None else PENDING
            task = task.step(packet)

    # Services the tasks call; each returns the task to consider next.

    def wait(self) -> Task:
        self.current.state |= WAITING
        return self.current

    def hold_current(self) -> Optional[Task]:
        self.holds += 1
        self.current.state |= HELD
        return self.current.later

    def release(self, ident: int) -> Task:
        task = self.tasks[ident]
        task.state &= ~HELD
        if task.priority > self.current.priority:
            return task
        return self.current

    def send(self, packet: Packet) -> Task:
        dest = self.tasks[packet.owner]
        self.sends += 1
        packet.after = None
        packet.owner = self.current.ident
        if dest.inbox is None:
            dest.inbox = packet
            dest.state |= PENDING
            if dest.priority > self.current.priority:
                return dest
        else:
            dest.inbox = append_packet(dest.inbox, packet)
        return self.current


def bench() -> int:
    total = 0
    for r in range(ROUNDS):
        sched = Scheduler(STEPS + r)
        sched.run()
        total = total * 1000003 + sched.sends * 7 + sched.holds * 3 + sched.output
        total &= 0xFFFFFFFFFFFF
    return total


if __name__ == "__main__":
    print(bench())
