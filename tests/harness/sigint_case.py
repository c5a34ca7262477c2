"""Ctrl-C in a long compiled loop (compiled-only check, NOT a run test).

The module is compiled by oxyc; spin() is a `while` loop doing integer work
that runs for practically ever (spin_range() is the same with a for-range
loop). A child process imports the COMPILED module and calls main(), which
prints "started", runs the loop, catches KeyboardInterrupt and prints
"interrupted". The checker sends SIGINT 0.5 s after "started" and requires
the child to exit with status 0 within 2 s of the signal, with
"interrupted" on stdout.

How to drive it (from the Rust test), after
    oxyc build tests/harness/sigint_case.py -o OUTDIR
either let this script be the checker:
    python3 tests/harness/sigint_case.py --check OUTDIR [--loop while|range]
        -> exit status 0 and "sigint check passed" on success, 1 otherwise
           (it refuses an OUTDIR whose sigint_case is not a compiled
           extension; add --allow-interpreted to try the checker itself on
           the plain .py)
or do the same by hand: spawn
    python3 -c "import sigint_case; sigint_case.main()"       (cwd=OUTDIR)
wait for the line "started", sleep 0.5 s, send SIGINT, and expect exit
status 0 within 2 s and "interrupted" on stdout. main("range") exercises
the for-range loop instead of the while loop.
"""

import os
import select
import signal
import subprocess
import sys
import time

MODULUS: int = 1000003


def spin(n: int) -> int:
    total = 0
    i = 0
    while i < n:
        total = (total * 31 + i) % MODULUS
        i += 1
    return total


def spin_range(n: int) -> int:
    total = 0
    for i in range(n):
        total = (total * 31 + i) % MODULUS
    return total


def is_compiled() -> bool:
    f = __file__
    return not (f.endswith(".py") or f.endswith(".pyc"))


def main(loop: str = "while") -> None:
    print("started", "compiled" if is_compiled() else "interpreted")
    sys.stdout.flush()
    try:
        if loop == "range":
            result = spin_range(10**18)
        else:
            result = spin(10**18)
        print("finished?!", result)
    except KeyboardInterrupt:
        print("interrupted")
    sys.stdout.flush()


def run_check(outdir: str, loop: str, allow_interpreted: bool) -> int:
    code = "import sys; sys.path.insert(0, " + repr(outdir) + "); import sigint_case; sigint_case.main(" + repr(loop) + ")"
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    proc = subprocess.Popen(
        [sys.executable, "-u", "-c", code],
        cwd=outdir,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + 30.0
    first = b""
    while not first.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0:
            proc.kill()
            print("FAIL: child did not print 'started' within 30 s")
            return 1
        ready, _, _ = select.select([proc.stdout], [], [], left)
        if not ready:
            continue
        chunk = os.read(proc.stdout.fileno(), 1)
        if not chunk:
            break
        first += chunk
    line = first.decode("utf-8", "replace").strip()
    if not line.startswith("started"):
        out, err = proc.communicate(timeout=10)
        print("FAIL: unexpected first line " + repr(line))
        print(err.decode("utf-8", "replace"))
        return 1
    if line != "started compiled" and not allow_interpreted:
        proc.kill()
        proc.wait()
        print("FAIL: the child imported an interpreted sigint_case (" + line + "); is OUTDIR right?")
        return 1
    time.sleep(0.5)
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=2.0)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        print("FAIL: no exit within 2 s of SIGINT (KeyboardInterrupt not raised in the loop?)")
        return 1
    elapsed = time.monotonic() - sent
    text = out.decode("utf-8", "replace")
    if proc.returncode != 0 or "interrupted" not in text.split():
        print("FAIL: exit status " + str(proc.returncode) + ", stdout " + repr(text))
        print(err.decode("utf-8", "replace"))
        return 1
    print("child exited %.2f s after SIGINT" % elapsed)
    print("sigint check passed")
    return 0


def cli(argv: list[str]) -> int:
    outdir = ""
    loop = "while"
    allow_interpreted = False
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--check" and i + 1 < len(argv):
            outdir = argv[i + 1]
            i += 2
        elif arg == "--loop" and i + 1 < len(argv):
            loop = argv[i + 1]
            i += 2
        elif arg == "--allow-interpreted":
            allow_interpreted = True
            i += 1
        else:
            print("usage: sigint_case.py --check OUTDIR [--loop while|range] [--allow-interpreted]")
            return 2
    if not outdir:
        print("usage: sigint_case.py --check OUTDIR [--loop while|range] [--allow-interpreted]")
        return 2
    return run_check(os.path.abspath(outdir), loop, allow_interpreted)


if __name__ == "__main__":
    sys.exit(cli(sys.argv[1:]))
