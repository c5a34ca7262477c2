"""`python -m oxyc ARGS`: run the oxyc binary."""

from __future__ import annotations

import os
import subprocess
import sys

from oxyc import find_oxyc_bin


def main() -> int:
    oxyc = find_oxyc_bin()
    if sys.platform == "win32":
        return subprocess.call([oxyc, *sys.argv[1:]])
    os.execv(oxyc, [oxyc, *sys.argv[1:]])
    return 1  # not reached


if __name__ == "__main__":
    sys.exit(main())
