"""Bulletin import throughput and render time.

* import: bulletins/s parsing the seed bulletin's text (``../shared/seeds``), the size of a
  real issue — target ≥ 50/s; the same text parsed out of a rendered PDF via pdftotext is
  reported beside it;
* render: seconds to render a 60-item bulletin in each format — target PDF < 5 s.

Usage: ``python -m benchmarks bulletins [--quick] [--json]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.measure import Report, at_least, below, emit, log
from kuaibao.bulletin.house import HouseStyle
from kuaibao.bulletin.importers import import_bulletin
from kuaibao.bulletin.importers.text import parse_bulletin_text
from kuaibao.bulletin.render import FORMATS, render
from kuaibao.classify.taxonomy import load_taxonomy
from kuaibao.domain import Bulletin, BulletinState, Item, ItemState

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_dbc9ab053260726e.txt"
PHRASES = (
    "研究团队完成了关键实验", "项目总投资约为3.5亿元", "相关成果发表在国际期刊上",
    "该机构计划扩大试点范围", "专家认为这一进展有望降低成本", "政府将提供配套资金",
)  # fmt: skip


def sample_bulletin(n_items: int) -> Bulletin:
    """A bulletin of ``n_items`` items with three wrapped paragraphs each."""
    style = HouseStyle()
    items = []
    for i in range(n_items):
        body = [
            f"2026年{i % 12 + 1}月{i % 27 + 1}日，"
            + "，".join(PHRASES[(i + k + j) % len(PHRASES)] for j in range(6))
            + "。"
            for k in range(3)
        ]
        items.append(
            Item(
                title=f"第{i + 1}项：某机构发布技术路线图",
                body=body,
                domain="人工智能",
                section=style.sections[1 + i % 3],
                contributors=["张三"],
                source_urls=[f"https://www.example.org/news/{i}"],
                original_title=f"Roadmap number {i + 1}",
                event_date="2026-01-01",
                state=ItemState.PUBLISHED,
            )
        )
    return Bulletin(
        series=style.series,
        year=2026,
        number=1,
        running_number=1,
        date=date(2026, 11, 20),
        sections=list(style.sections),
        items=items,
        state=BulletinState.PUBLISHED,
    )


def _rate(fn: object, seconds: float) -> float:
    """Calls per second of ``fn`` over about ``seconds`` of wall time."""
    assert callable(fn)
    fn()  # warm-up (jieba, lxml, font caches)
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        fn()
        done += 1
    return done / (time.perf_counter() - start)


def collect(argv: list[str] | None = None) -> Report:
    args = parse_args(argv)
    style, taxonomy = HouseStyle(), load_taxonomy()
    rows: list[list[str]] = []
    targets = []
    figures: dict[str, float] = {}
    if SEED.is_file():
        text = SEED.read_text(encoding="utf-8")
        log("  parsing the seed bulletin's text repeatedly ...")
        rate = _rate(lambda: parse_bulletin_text(text, taxonomy), 2.0 if args.quick else 5.0)
        figures["import_txt_per_s"] = rate
        rows.append(["import seed text", f"{rate:.1f} bulletins/s", "≥ 50/s"])
        targets.append(at_least("import bulletins/s (seed text)", rate, 50.0))
    else:
        rows.append(["import seed text", "skipped: ../shared/seeds absent", ""])
    bulletin = sample_bulletin(13)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "issue.pdf"
        pdf.write_bytes(render(bulletin, "pdf", style))
        rate = _rate(lambda: import_bulletin(pdf, taxonomy), 2.0 if args.quick else 4.0)
    figures["import_pdf_per_s"] = rate
    rows.append(["import 13-item PDF (pdftotext)", f"{rate:.1f} bulletins/s", ""])
    big = sample_bulletin(args.items)
    for fmt in FORMATS:
        log(f"  rendering {args.items} items as {fmt} ...")
        render(big, fmt, style)  # warm-up: WeasyPrint and font loading happen once
        start = time.perf_counter()
        data = render(big, fmt, style)
        seconds = time.perf_counter() - start
        figures[f"render_{fmt}_s"] = seconds
        rows.append(
            [
                f"render {args.items} items: {fmt}",
                f"{seconds:.3f} s ({len(data):,} B)",
                "< 5 s" if fmt == "pdf" else "",
            ]
        )
    targets.append(below(f"PDF of {args.items} items, seconds", figures["render_pdf_s"], 5.0))
    return Report("bulletins", ["measure", "kuaibao", "target"], rows, targets, [], figures)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks bulletins", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="shorter timing loops")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--items", type=int, default=60, help="items in the rendered bulletin")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures; exit 1 when a target is missed."""
    args = parse_args(argv)
    return emit(collect(argv), args.json)


if __name__ == "__main__":
    sys.exit(main())
