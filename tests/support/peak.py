"""Run a command in a child process and report its peak resident memory.

A wrapper process runs the command and reads ``RUSAGE_CHILDREN`` once it ended: the
peak RSS of the command (and of any process it waited for), without polling and
without counting the test process itself.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence

_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def run_with_peak_rss(
    argv: Sequence[str], *, env: dict[str, str] | None = None, timeout: float = 120
) -> tuple[subprocess.CompletedProcess[str], int]:
    """The finished command and its peak RSS in MiB (its stderr is in the result)."""
    proc = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )
    *lines, peak = proc.stderr.rstrip("\n").split("\n")
    proc.stderr = "\n".join(lines)
    return proc, int(peak) // 1024  # Linux reports KiB
