"""Run the benchmarks: ``python -m benchmarks [NAME ...] [--quick] [--json]``.

Without names every benchmark runs in turn; each prints its figures beside the peer's,
and a summary at the end gives one PASS/FAIL/SKIP line per target. The exit status is 1
when a target failed or a benchmark crashed.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import json
import sys
import traceback
from types import ModuleType
from typing import Any

from benchmarks.measure import Report, Target, log, print_report, target_line

BENCHMARKS = (
    "feed_farm",
    "extract_store",
    "extraction_quality",
    "language_id",
    "search_latency",
    "classification",
    "clustering",
    "factcheck",
    "bulletins",
    "webload",
    "draft_quality",
    "sections",
)


def _table_from_json(data: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """Nested mappings become side-by-side columns; scalars become their own rows."""
    sides = {k: v for k, v in data.items() if isinstance(v, dict)}
    metrics = list(dict.fromkeys(m for side in sides.values() for m in side))
    headers = ["figure", *sides] if sides else ["figure", "value"]
    rows = [[m, *(str(side.get(m, "")) for side in sides.values())] for m in metrics]
    width = len(headers) - 1
    for key, value in data.items():
        if key not in sides:
            rows.append([key, str(value), *([""] * (width - 1))])
    return headers, rows


def run_foreign(name: str, module: ModuleType) -> Report:
    """A benchmark without ``collect()``: run its ``main(["--json"])`` and show the JSON."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        try:
            code = module.main(["--json"])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    output = buffer.getvalue()
    try:
        data = json.loads(output)
    except json.JSONDecodeError:
        data = None
    if isinstance(data, dict):
        headers, rows = _table_from_json(data)
        notes = []
    else:
        headers, rows, notes = ["output"], [], output.strip().splitlines()
    ran = Target(f"{name} exit status", code, "== 0", code == 0)
    return Report(name, headers, rows, [ran], notes, {"output": data})


def run_benchmark(name: str, quick: bool) -> Report | None:
    """One benchmark's report; None when its module is absent; crashes become a FAIL."""
    try:
        module = importlib.import_module(f"benchmarks.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"benchmarks.{name}":
            return None
        raise
    collect = getattr(module, "collect", None)
    try:
        if collect is None:
            return run_foreign(name, module)
        report: Report = collect(["--quick"] if quick else [])
        return report
    except Exception as exc:
        log(traceback.format_exc())
        crashed = Target(f"{name} ran to the end", None, "no error", False, repr(exc)[:300])
        return Report(name, ["error"], [[repr(exc)[:200]]], [crashed])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help=f"default all: {', '.join(BENCHMARKS)}"
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes, a smoke run")
    parser.add_argument("--json", action="store_true", help="print all reports as JSON")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the chosen benchmarks, print each report, then the summary of every target."""
    args = parse_args(argv)
    reports: list[Report] = []
    for name in args.names or BENCHMARKS:
        log(f"running {name}{' (quick)' if args.quick else ''} ...")
        report = run_benchmark(name, args.quick)
        if report is None:
            log(f"{name}: benchmarks/{name}.py is not present, skipped")
            continue
        reports.append(report)
        if not args.json:
            print_report(report)
    if args.json:
        print(json.dumps([r.to_json() for r in reports], indent=2))
    else:
        print("\n== summary ==")
        for report in reports:
            for target in report.targets:
                print(f"[{report.name}] {target_line(target)}")
    return 0 if reports and all(r.passed for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
