"""What every benchmark shares: timing a child process, targets, and printing a report.

Each benchmark runs the thing it measures as a child process and reads that child's own
peak RSS from ``os.wait4`` (``RUSAGE_CHILDREN`` would give the maximum over *all*
children so far, which mixes runs up).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")
MB = 1024 * 1024


@dataclass(frozen=True)
class Target:
    """One goal a benchmark checks; ``passed`` is None when it could not be measured."""

    name: str
    value: float | None
    goal: str
    passed: bool | None
    note: str = ""

    @property
    def verdict(self) -> str:
        return {True: "PASS", False: "FAIL", None: "SKIP"}[self.passed]


def at_least(name: str, value: float | None, goal: float, note: str = "") -> Target:
    """A target met when ``value >= goal``."""
    passed = None if value is None else value >= goal
    return Target(name, value, f">= {goal:g}", passed, note)


def below(name: str, value: float | None, limit: float, note: str = "") -> Target:
    """A target met when ``value < limit``."""
    passed = None if value is None else value < limit
    return Target(name, value, f"< {limit:g}", passed, note)


def equal(name: str, value: float | None, expected: float, note: str = "") -> Target:
    """A correctness check: ``value == expected``."""
    passed = None if value is None else value == expected
    return Target(name, value, f"== {expected:g}", passed, note)


@dataclass
class Report:
    """A benchmark's table of figures, its targets and free-form notes."""

    name: str
    headers: list[str]
    rows: list[list[str]]
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        """True unless a target failed (skipped ones do not count as failures)."""
        return all(t.passed is not False for t in self.targets)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["targets"] = [{**asdict(t), "verdict": t.verdict} for t in self.targets]
        return data


@dataclass(frozen=True)
class ChildRun:
    """How one child process went: wall and CPU time, its own peak RSS, exit code, output."""

    seconds: float
    cpu_seconds: float
    peak_rss_bytes: int
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The current environment without proxy settings (all traffic is loopback)."""
    env = {k: v for k, v in os.environ.items() if k.lower() not in PROXY_VARIABLES}
    env.update(extra or {})
    return env


class Deadline:
    """Kill a child once ``timeout`` seconds pass; a pidfd never hits a recycled pid."""

    def __init__(self, pid: int, timeout: float) -> None:
        self.fired = False
        self._pidfd = os.pidfd_open(pid)
        self._timer = threading.Timer(timeout, self._kill)
        self._timer.daemon = True

    def _kill(self) -> None:
        self.fired = True
        with contextlib.suppress(OSError):  # already gone
            signal.pidfd_send_signal(self._pidfd, signal.SIGKILL)

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        os.close(self._pidfd)


def run_child(
    cmd: Sequence[str], *, env: Mapping[str, str], timeout: float, cwd: str | None = None
) -> ChildRun:
    """Run ``cmd`` to the end (killed after ``timeout`` seconds), measuring only it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd), stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=dict(env), cwd=cwd
        )
        with Deadline(proc.pid, timeout) as deadline:
            _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ChildRun(
            seconds=seconds,
            cpu_seconds=usage.ru_utime + usage.ru_stime,
            peak_rss_bytes=usage.ru_maxrss * 1024,  # Linux reports kilobytes
            returncode=proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            timed_out=deadline.fired,
        )


def log(message: str) -> None:
    """Progress for people, on stderr so that --json output stays clean."""
    print(message, file=sys.stderr, flush=True)


def last_lines(text: str, lines: int = 5) -> str:
    """The end of a child's output on one line, for error notes."""
    return " | ".join(text.strip().splitlines()[-lines:])


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain aligned text table: the first column left-aligned, the others right."""
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        first, *rest = (str(c) for c in cells)
        parts = [
            first.ljust(widths[0]),
            *(c.rjust(w) for c, w in zip(rest, widths[1:], strict=True)),
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def format_value(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def target_line(target: Target) -> str:
    note = f"  ({target.note})" if target.note else ""
    return (
        f"{target.verdict}  {target.name}: {format_value(target.value)} (target {target.goal})"
        f"{note}"
    )


def print_report(report: Report) -> None:
    """The human form: title, table, notes, then one PASS/FAIL/SKIP line per target."""
    print(f"\n== {report.name} ==")
    print(render_table(report.headers, report.rows))
    for note in report.notes:
        print(f"note: {note}")
    for target in report.targets:
        print(target_line(target))


def emit(report: Report, as_json: bool) -> int:
    """Print the report (JSON or table); the exit code is 1 when a target failed."""
    if as_json:
        print(json.dumps(report.to_json(), indent=2))
    else:
        print_report(report)
    return 0 if report.passed else 1
