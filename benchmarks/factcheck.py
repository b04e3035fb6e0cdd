"""Fact-check throughput and accuracy: ``check_draft`` over generated (source, draft) pairs.

A child process builds a corpus from templates written for this benchmark: an English
source (an organisation from the gazetteer, a date, a sum of money, a percentage and a
count, among sentences that state no facts) and a Chinese draft in house style. Half the
drafts are faithful (some with 约 before a rounded sum); the other half carry one planted
error: a wrong sum, a wrong currency, a wrong date, a wrong percentage, a wrong count or
another organisation. The child times ``kuaibao.facts.check_draft`` over every pair and
scores its flags against the planted spans: a flag is right when it overlaps a planted
span; recall counts the planted errors flagged. The parent reads each child's own peak
RSS from ``os.wait4``.

The peer is a naive regex-only number matcher (every run of digits in the draft must occur
among the source's numbers), run in its own child on the same corpus: it shows what unit
conversion, Chinese dates and the gazetteer add.

A third child times pathological inputs (a 20,000-digit run took 53 s before the patterns
were bounded): for each of a set of hostile texts (long runs of digits, commas, dots,
Chinese numerals, spaces, signs, a URL without end, dense sums and percentages …) one
check with the text as the source and a 20,000-character draft of it, at a quarter of
the source bound and at the bound. Work that grows linearly grows about 4× between the
two; the target is on that growth and on the slowest single check.

Run: ``python -m benchmarks factcheck [--quick] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.measure import MB, Report, at_least, below, clean_env, emit, equal, log, run_child

ROOT = Path(__file__).resolve().parents[1]
TARGET_ITEMS_PER_SECOND = 100.0  # a floor: measured ~550/s on the 2-core machine
TARGET_PEAK_MB = 500.0
TARGET_PATHOLOGICAL_GROWTH = 1.6  # time ×(size ×4) / 4: 1 is linear, 4 is quadratic
TARGET_PATHOLOGICAL_SECONDS = 15.0  # the slowest hostile check at the source bound
TARGET_DIGITS_SECONDS = 1.0  # the case: a draft of 20,000 digits (was 53 s)
HEADERS = ["checker", "items", "seconds", "items/s", "ms/item", "flags", "P", "R", "peak MB"]
ERROR_KINDS = ("money", "currency", "date", "percentage", "number", "organisation")

FIELDS = [
    ("quantum computing", "量子计算"),
    ("semiconductor manufacturing", "半导体制造"),
    ("artificial intelligence", "人工智能"),
    ("fusion energy", "聚变能源"),
    ("synthetic biology", "合成生物学"),
    ("advanced materials", "先进材料"),
    ("space science", "空间科学"),
    ("cybersecurity", "网络安全"),
]
MONTHS = [date(2000, m, 1).strftime("%B") for m in range(1, 13)]
CURRENCIES = [("$", "USD"), ("£", "GBP"), ("€", "EUR"), ("US$", "USD")]
FILLER = [
    "Officials said the effort reflects a long-term commitment to basic research.",
    "The announcement follows months of consultation with universities and industry.",
    "Researchers welcomed the news but warned that stable funding matters more than headlines.",
    "The programme is meant to help early-career scientists build independent careers.",
    "Critics argue that the money is spread too thinly across competing priorities.",
    "Applications will be assessed by independent panels of international experts.",
    "Partners from industry are expected to contribute equipment and staff time.",
    "The agency said it would publish the list of successful projects later this year.",
    "Several regional centres will share facilities to avoid duplicating costly equipment.",
    "Observers noted that similar schemes abroad have attracted strong interest.",
    "The initiative also covers training, shared data infrastructure and open access.",
    "Lawmakers from both parties have signalled support for the measure.",
]
EN_LEADS = [
    "{org} announced on {date} that it will invest {money} in {field} research. The budget "
    "is {pct} higher than last year, and the money will support {n} projects.",
    "On {date}, {org} said it would commit {money} to {field}. Funding rises by {pct} "
    "compared with the previous round and covers {n} new projects.",
    "{org} will spend {money} on {field} over five years, it said on {date}. Spending grows "
    "by {pct}, with {n} projects selected in the first call.",
]
ZH_LEADS = [
    "{date}，{org}宣布将投入{money}支持{field}研究，预算比上年增长{pct}，将资助{n}个项目。",
    "{org}于{date}表示，将向{field}领域投入{money}，资助额较上一轮增长{pct}，涵盖{n}个新项目。",
    "{org}{date}宣布，未来五年将在{field}领域投入{money}，支出增长{pct}，首批遴选{n}个项目。",
]


@dataclass
class Pair:
    """One generated item: the English source, the Chinese draft and its planted span."""

    source: str
    draft: str
    planted: tuple[int, int] | None  # span of the planted error in the draft
    kind: str | None


def _orgs() -> list[tuple[str, str, str]]:
    """(English name, Chinese name, canonical) for entries found by both their names."""
    from kuaibao.facts.gazetteer import default_gazetteer

    gazetteer = default_gazetteer()
    orgs = []
    for entry in gazetteer.entries:
        if not entry.en or entry.kind in ("law", "strategy", "programme", "journal"):
            continue
        en_hits = gazetteer.find(f"Yesterday {entry.en[0]} said so.")
        zh_hits = gazetteer.find(f"昨日{entry.zh}表示。")
        if [h.canonical for h in en_hits] == [h.canonical for h in zh_hits] == [entry.canonical]:
            orgs.append((entry.en[0], entry.zh, entry.canonical))
    return orgs


def _money(rng: random.Random) -> tuple[str, float, str, bool]:
    """(English text, amount, currency code, has a decimal) for a sum of money."""
    sign, code = rng.choice(CURRENCIES)
    word, scale = rng.choice([("million", 1e6), ("billion", 1e9)])
    if rng.random() < 0.3:
        mantissa = round(rng.uniform(1.2, 95.0), 1)
    else:
        mantissa = float(rng.randint(2, 900))
    text = f"{sign}{mantissa:g} {word}"
    return text, mantissa * scale, code, not mantissa.is_integer()


def _zh_money(amount: float, code: str) -> str:
    from kuaibao.facts.currencies import zh_money
    from kuaibao.facts.numerals import format_zh_amount

    return zh_money(format_zh_amount(amount), code)


def _date(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(2019, 2027), rng.randint(1, 12), rng.randint(1, 28)


def _en_date(year: int, month: int, day: int, rng: random.Random) -> str:
    name = MONTHS[month - 1]
    return f"{name} {day}, {year}" if rng.random() < 0.5 else f"{day} {name} {year}"


def _wrong_int(value: int, low: int, high: int, avoid: set[int], rng: random.Random) -> int:
    while True:
        other = rng.randint(low, high)
        if other != value and other not in avoid:
            return other


def make_pair(rng: random.Random, orgs: list[tuple[str, str, str]], kind: str | None) -> Pair:
    """One (source, draft) pair; ``kind`` names the planted error (None: faithful)."""
    org_en, org_zh, _canonical = rng.choice(orgs)
    field_en, field_zh = rng.choice(FIELDS)
    money_en, amount, code, decimal = _money(rng)
    year, month, day = _date(rng)
    pct = rng.randint(3, 60)
    count = rng.randint(4, 99)
    lead = rng.randrange(len(EN_LEADS))
    pct_en = f"{pct}%" if rng.random() < 0.5 else f"{pct} per cent"
    source_lead = EN_LEADS[lead].format(
        org=org_en,
        date=_en_date(year, month, day, rng),
        money=money_en,
        field=field_en,
        pct=pct_en,
        n=count,
    )
    fillers = rng.sample(FILLER, rng.randint(4, 8))
    cut = rng.randint(0, 2)
    source = " ".join([*fillers[:cut], source_lead, *fillers[cut:]])
    numbers = {year, month, day, pct, count}

    zh_amount = _zh_money(amount, code)
    rounded = float(f"{amount:.2g}")  # two significant figures, as a hedged draft rounds
    if decimal and kind is None and rng.random() < 0.5 and abs(rounded - amount) <= 0.03 * amount:
        zh_amount = "约" + _zh_money(rounded, code)
    parts: dict[str, str] = {
        "date": f"{year}年{month}月{day}日",
        "org": org_zh,
        "money": zh_amount,
        "field": field_zh,
        "pct": f"{pct}%",
        "n": str(count),
    }
    slot = None
    if kind == "money":
        factor = rng.choice([2, 3, 5, 10, 0.5, 0.2])
        parts["money"], slot = _zh_money(amount * factor, code), "money"
    elif kind == "currency":
        other = rng.choice([c for _, c in [*CURRENCIES, ("", "JPY")] if c != code])
        parts["money"], slot = _zh_money(amount, other), "money"
    elif kind == "date":
        which = rng.choice(["year", "month", "day"])
        if which == "year":
            year = _wrong_int(year, 2015, 2030, numbers, rng)
        elif which == "month":
            month = _wrong_int(month, 1, 12, numbers, rng)
        else:
            day = _wrong_int(day, 1, 28, numbers, rng)
        parts["date"], slot = f"{year}年{month}月{day}日", "date"
    elif kind == "percentage":
        parts["pct"], slot = f"{_wrong_int(pct, 3, 90, numbers, rng)}%", "pct"
    elif kind == "number":
        parts["n"], slot = str(_wrong_int(count, 4, 120, numbers, rng)), "n"
    elif kind == "organisation":
        others = [(en, zh) for en, zh, _ in orgs if zh != org_zh and en != org_en]
        parts["org"], slot = rng.choice(others)[1], "org"
    draft, planted = _render(ZH_LEADS[lead], parts, slot)
    return Pair(source, draft, planted, kind)


def _render(
    template: str, parts: dict[str, str], slot: str | None
) -> tuple[str, tuple[int, int] | None]:
    """Fill the draft template and report where the planted slot landed."""
    marker = "\x00"
    marked = {k: (f"{marker}{v}{marker}" if k == slot else v) for k, v in parts.items()}
    text = template.format(**marked)
    if slot is None:
        return text, None
    start = text.index(marker)
    end = text.index(marker, start + 1) - 1
    return text.replace(marker, ""), (start, end)


def make_corpus(n: int, seed: int = 11) -> list[Pair]:
    """``n`` pairs: half faithful, half with one planted error of each kind in turn."""
    rng = random.Random(seed)
    orgs = _orgs()
    kinds: list[str | None] = [None if i % 2 == 0 else ERROR_KINDS[(i // 2) % 6] for i in range(n)]
    return [make_pair(rng, orgs, kind) for kind in kinds]


_DIGITS_RE = re.compile(r"\d+(?:\.\d+)?")
_SOURCE_NUMBER_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def naive_flags(source: str, draft: str) -> list[tuple[int, int]]:
    """The peer: every number in the draft must be written the same way in the source."""
    known = {m.group().replace(",", "") for m in _SOURCE_NUMBER_RE.finditer(source)}
    return [m.span() for m in _DIGITS_RE.finditer(draft) if m.group() not in known]


def kuaibao_flags(source: str, draft: str) -> list[tuple[int, int]]:
    from kuaibao.facts.check import check_draft

    return [(u.start, u.end) for u in check_draft(source, draft).unsupported]


def _overlaps(span: tuple[int, int], other: tuple[int, int] | None) -> bool:
    return other is not None and span[0] < other[1] and other[0] < span[1]


def score(corpus: list[Pair], flags: list[list[tuple[int, int]]]) -> dict[str, Any]:
    """Precision of the flags against the planted spans, recall of the planted errors."""
    right = wrong = found = faithful_flagged = 0
    missed: dict[str, int] = {}
    for pair, spans in zip(corpus, flags, strict=True):
        hits = sum(1 for span in spans if _overlaps(span, pair.planted))
        right += hits
        wrong += len(spans) - hits
        if pair.planted is None:
            faithful_flagged += bool(spans)
        elif hits:
            found += 1
        else:
            missed[str(pair.kind)] = missed.get(str(pair.kind), 0) + 1
    planted = sum(1 for p in corpus if p.planted is not None)
    flagged = right + wrong
    return {
        "flags": flagged,
        "false_flags": wrong,
        "planted": planted,
        "planted_flagged": found,
        "precision": right / flagged if flagged else 1.0,
        "recall": found / planted if planted else 1.0,
        "missed_by_kind": missed,
        "faithful_flagged": faithful_flagged,
    }


def pathological_texts(size: int) -> dict[str, str]:
    """Hostile texts of about ``size`` characters, one per shape that once cost more than
    linear time somewhere in the fact finders."""
    return {
        "digits": "1" * size,
        "digits and commas": "1," * (size // 2),
        "thousands groups": "1" + ",000" * (size // 4),
        "dots": "1." * (size // 2),
        "chinese numerals": "一" * size,
        "numerals and units": "一千" * (size // 2),
        "spaces": "1" + " " * size + "x",
        "signs": "$" * size,
        "yen signs": "¥1 " * (size // 3),
        "yuan": "1元" * (size // 2),
        "url": "http://" + "a" * size,
        "address": "a" * size + "@",
        "brackets": "[" * size,
        "months": "March " * (size // 6),
        "years": "2024年" * (size // 5),
        "percent": "5%" * (size // 2),
        "fractions": "三分之" * (size // 3),
        "words": "one " * (size // 4),
    }


def pathological_child(quick: bool) -> dict[str, Any]:
    """Seconds per hostile text at a quarter of the source bound and at the bound."""
    from kuaibao.facts.check import MAX_SOURCE_CHARS, check_draft

    large = MAX_SOURCE_CHARS // (4 if quick else 1)
    sizes = {"small": large // 4, "large": large}
    check_draft("warm up", "热身")
    timings: dict[str, dict[str, float]] = {}
    for label, size in sizes.items():
        for kind, text in pathological_texts(size).items():
            started = time.perf_counter()
            check_draft(text, text[:20_000])
            timings.setdefault(kind, {})[label] = time.perf_counter() - started
    started = time.perf_counter()
    digits = check_draft("The agency funds 12 projects.", "资助" + "1" * 20_000)
    digits_seconds = time.perf_counter() - started
    return {
        "sizes": sizes,
        "timings": timings,
        "digits_seconds": digits_seconds,
        "digits_findings": [u.kind for u in digits.unsupported],
    }


def child(items: int, checker: str) -> dict[str, Any]:
    """Everything measured inside one child process; printed as one JSON object."""
    started = time.perf_counter()
    corpus = make_corpus(items)
    build_seconds = time.perf_counter() - started
    check = kuaibao_flags if checker == "kuaibao" else naive_flags
    started = time.perf_counter()
    for pair in corpus[:5]:  # the gazetteer and regexes load on first use
        check(pair.source, pair.draft)
    warm_seconds = time.perf_counter() - started
    started = time.perf_counter()
    flags = [check(p.source, p.draft) for p in corpus]
    seconds = time.perf_counter() - started
    return {
        "items": len(corpus),
        "seconds": seconds,
        "warm_up_seconds": warm_seconds,
        "corpus_seconds": build_seconds,
        "mean_source_chars": sum(len(p.source) for p in corpus) / len(corpus),
        "mean_draft_chars": sum(len(p.draft) for p in corpus) / len(corpus),
        **score(corpus, flags),
    }


def _run(checker: str, args: argparse.Namespace) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "benchmarks.factcheck", "--child", checker]
    cmd += ["--items", str(args.items), *(["--quick"] if args.quick else [])]
    run = run_child(cmd, env=clean_env(), timeout=args.timeout, cwd=str(ROOT))
    if run.returncode != 0 or run.timed_out:
        raise RuntimeError(f"{checker} child failed ({run.returncode}): {run.stderr[-500:]}")
    figures: dict[str, Any] = json.loads(run.stdout)
    figures["peak_rss_bytes"] = run.peak_rss_bytes
    return figures


def _row(name: str, f: dict[str, Any]) -> list[str]:
    return [
        name,
        f"{f['items']:,}",
        f"{f['seconds']:.2f}",
        f"{f['items'] / f['seconds']:,.0f}",
        f"{1000 * f['seconds'] / f['items']:.2f}",
        f"{f['flags']:,}",
        f"{f['precision']:.4f}",
        f"{f['recall']:.4f}",
        f"{f['peak_rss_bytes'] / MB:.0f}",
    ]


def build_report(figures: dict[str, Any]) -> Report:
    ours, peer = figures["kuaibao"], figures["peer"]
    rows = [_row("kuaibao check_draft", ours), _row("peer: regex numbers", peer)]
    rate = ours["items"] / ours["seconds"]
    targets = [
        at_least("items/s", rate, TARGET_ITEMS_PER_SECOND),
        below("peak RSS MB", ours["peak_rss_bytes"] / MB, TARGET_PEAK_MB),
        equal("planted errors missed", ours["planted"] - ours["planted_flagged"], 0),
        equal("flags off the planted spans", ours["false_flags"], 0),
    ]
    hostile = figures["pathological"]
    timings = hostile["timings"]
    small = sum(t["small"] for t in timings.values())
    large = sum(t["large"] for t in timings.values())
    ratio = hostile["sizes"]["large"] / hostile["sizes"]["small"]
    growth = (large / small) / ratio if small else None
    slowest_kind = max(timings, key=lambda k: timings[k]["large"])
    slowest = timings[slowest_kind]["large"]
    targets += [
        below("pathological inputs: growth (1 = linear)", growth, TARGET_PATHOLOGICAL_GROWTH),
        below("pathological inputs: slowest check, s", slowest, TARGET_PATHOLOGICAL_SECONDS),
        below("20,000-digit draft, s", hostile["digits_seconds"], TARGET_DIGITS_SECONDS),
    ]
    missed = ", ".join(f"{k} {v}" for k, v in sorted(peer["missed_by_kind"].items()))
    notes = [
        f"corpus: {ours['items']:,} pairs, {ours['planted']:,} with one planted error "
        f"({', '.join(ERROR_KINDS)}); sources {ours['mean_source_chars']:.0f} characters, "
        f"drafts {ours['mean_draft_chars']:.0f} on average",
        f"kuaibao: {ours['planted_flagged']:,}/{ours['planted']:,} planted errors flagged, "
        f"{ours['false_flags']} flags elsewhere, {ours['faithful_flagged']} faithful drafts "
        f"flagged; warm-up (first 5 checks, untimed) {ours['warm_up_seconds']:.2f} s",
        f"peer misses by kind: {missed or 'none'}; it flags {peer['faithful_flagged']:,} "
        "faithful drafts (unit conversion, Chinese dates)",
        f"pathological inputs ({len(timings)} shapes as source, 20,000-character draft): "
        f"{small:.2f} s at {hostile['sizes']['small']:,} characters, {large:.2f} s at "
        f"{hostile['sizes']['large']:,}; slowest {slowest_kind} {slowest:.2f} s; a "
        f"20,000-digit draft {hostile['digits_seconds']:.3f} s "
        f"(findings: {', '.join(hostile['digits_findings']) or 'none'})",
    ]
    return Report("factcheck", HEADERS, rows, targets, notes, figures)


def collect(argv: list[str] | None = None) -> Report:
    """Run both checkers in their own child processes and build the report."""
    args = parse_args(argv)
    log(f"  checking {args.items:,} generated pairs with kuaibao and the peer ...")
    figures = {"kuaibao": _run("kuaibao", args), "peer": _run("peer", args)}
    log("  timing pathological inputs ...")
    figures["pathological"] = _run("pathological", args)
    return build_report(figures)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks factcheck", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="600 pairs, not 5,000")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--items", type=int, default=None, help="corpus size")
    parser.add_argument("--timeout", type=float, default=600.0, help="child deadline, seconds")
    parser.add_argument(
        "--child", choices=["kuaibao", "peer", "pathological"], help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.items is None:
        args.items = 600 if args.quick else 5000
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures; exit 1 when a target is missed."""
    args = parse_args(argv)
    if args.child == "pathological":
        print(json.dumps(pathological_child(args.quick)))
        return 0
    if args.child:
        print(json.dumps(child(args.items, args.child)))
        return 0
    return emit(collect(argv), args.json)


if __name__ == "__main__":
    sys.exit(main())
