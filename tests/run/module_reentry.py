"""A module whose body runs again while it runs: it takes its own sys.modules entry
away and imports itself, so the second run starts and ends inside the first. The
first run then goes on with module-level statements (which record their line in the
frame the body runs under; that frame must still be there)."""

import builtins
import sys
import warnings

runs = getattr(builtins, "_module_reentry_runs", 0) + 1
builtins._module_reentry_runs = runs  # type: ignore[attr-defined]
inner_names: list[str] = []
if runs == 1:
    del sys.modules[__name__]
    import module_reentry as inner

    # (The inner run's module, a different object: nothing of how it ran stays.)
    inner_names = [k for k in vars(inner) if k.startswith("__oxy")]

total = 0
for i in range(1000):
    total += i
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    warnings.warn("after the inner run")
lines = [w.lineno for w in caught]


def test_the_body_ran_twice() -> None:
    print(builtins._module_reentry_runs, total, lines)  # type: ignore[attr-defined]


def test_no_trace_of_either_run() -> None:
    print(inner_names, [k for k in globals() if k.startswith("__oxy")])
