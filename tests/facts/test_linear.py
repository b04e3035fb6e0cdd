"""The fact check's work is linear in its input, and its input is bounded.

No timings here (they belong in ``benchmarks/factcheck.py``, "pathological inputs"). The
class of fault is a repetition that can be retried at every character of a long run
(``\\d+`` over 20,000 digits: 53 s), and a loop that compares every hit with every
other. The tests below hold the structure that rules both out:

* every repetition in every pattern of ``kuaibao.facts`` is bounded, so the work of one
  match attempt is bounded and a scan is linear (the few exceptions are listed with the
  reason they are linear anyway);
* the span and value look-ups agree with the pairwise reference they replace;
* the check reads at most its bounds and says so when a draft or a source is longer;
* pathological inputs give sane answers (no crash, no figure read from a 20,000-digit
  run).
"""

from __future__ import annotations

import importlib
import pkgutil
import random
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from benchmarks.factcheck import pathological_texts

import kuaibao.facts as facts_package
from kuaibao.facts import check as check_module
from kuaibao.facts.check import (
    LIMIT,
    MAX_DRAFT_PARAGRAPHS,
    MAX_PARAGRAPH_CHARS,
    MAX_SOURCE_CHARS,
    SortedValues,
    bound_draft,
    check_draft,
    quantity_supported,
)
from kuaibao.facts.currencies import DOLLAR_CODES
from kuaibao.facts.dates import find_dates
from kuaibao.facts.extract import extract_facts
from kuaibao.facts.model import DateFact, MoneyFact
from kuaibao.facts.money import find_money
from kuaibao.facts.numbers import find_numbers, non_fact_spans, source_values
from kuaibao.facts.percent import find_percentages
from kuaibao.facts.places import _short_re
from kuaibao.facts.textutil import SpanSet, overlaps, url_spans

try:  # Python 3.11+
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

# Unbounded repetitions that cannot be retried along a run, with the reason.
LINEAR_ANYWAY = {
    # Always matches once started, and finditer goes on after the match: each character
    # is read once.
    ("matcher", "_WORD_RE"): "a whole Latin word, always a match",
    ("glossary_english", "_WORD_RE"): "a whole word, always a match",
    # Starts only at the start of a Han run (its lookbehind), so a run is read once.
    ("glossary_chinese", "_ABBR_ZH_RE"): "anchored at the start of the run",
    # Runs over the names of the gazetteer file, not over fetched text.
    ("gazetteer", "_PAREN_RE"): "configuration, not fetched text",
}


def _patterns() -> Iterator[tuple[str, str, re.Pattern[str]]]:
    for info in pkgutil.iter_modules(facts_package.__path__):
        module = importlib.import_module(f"kuaibao.facts.{info.name}")
        for name, value in vars(module).items():
            items: list[Any] = [value]
            if isinstance(value, (tuple, list, frozenset, set)):
                items = list(value)
            for item in items:
                if isinstance(item, re.Pattern) and isinstance(item.pattern, str):
                    yield info.name, name, item
    yield "places", "_short_re()", _short_re()


def unbounded_repeats(pattern: re.Pattern[str]) -> list[str]:
    """The repetitions of ``pattern`` with no upper bound (``*``, ``+``, ``{n,}``)."""
    found: list[str] = []
    repeats = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}
    repeats |= {getattr(sre_constants, "POSSESSIVE_REPEAT", sre_constants.MAX_REPEAT)}

    def walk(items: Any) -> None:
        for op, arg in items:
            if op in repeats:
                _low, high, sub = arg
                if high == sre_constants.MAXREPEAT:
                    found.append(str(list(sub))[:80])
                walk(sub)
            elif op is sre_constants.SUBPATTERN:
                walk(arg[-1])
            elif op is sre_constants.BRANCH:
                for branch in arg[1]:
                    walk(branch)
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                walk(arg[1])
            elif op is getattr(sre_constants, "ATOMIC_GROUP", None):
                walk(arg)
            elif op is sre_constants.GROUPREF_EXISTS:
                walk(arg[1])
                if arg[2] is not None:
                    walk(arg[2])

    walk(sre_parse.parse(pattern.pattern, pattern.flags))
    return found


def test_the_audit_sees_an_unbounded_repeat() -> None:
    assert unbounded_repeats(re.compile(r"(?:a|b(?=c+))\d{2}")) != []
    assert unbounded_repeats(re.compile(r"x(?:a{1,3}|[bc]{0,9})")) == []


def test_every_pattern_is_bounded() -> None:
    seen = list(_patterns())
    assert len(seen) > 40  # the audit reaches the finders' patterns
    offenders = [
        f"{module}.{name}: {unbounded_repeats(pattern)}"
        for module, name, pattern in seen
        if unbounded_repeats(pattern) and (module, name) not in LINEAR_ANYWAY
    ]
    assert offenders == []


def _random_spans(rng: random.Random, length: int, count: int) -> list[tuple[int, int]]:
    spans = []
    for _ in range(count):
        start = rng.randrange(length)
        spans.append((start, min(length, start + rng.randint(1, 12))))
    return spans


def test_span_set_agrees_with_overlaps() -> None:
    rng = random.Random(7)
    for _ in range(200):
        length = rng.randint(1, 120)
        spans = _random_spans(rng, length, rng.randint(0, 12))
        taken = SpanSet(length, spans)
        for start, end in _random_spans(rng, length, 20):
            assert taken.touches(start, end) == overlaps(start, end, spans)


def test_sorted_values_agree_with_the_pairwise_check() -> None:
    rng = random.Random(11)
    for _ in range(300):
        values = [rng.choice([1, 10, 100, 1e6, 1e8]) * rng.randint(1, 50) for _ in range(15)]
        index = SortedValues(values)
        for _ in range(10):
            value = rng.choice(values) * rng.choice([1, 1, 0.97, 1.02, 1.5, 0.5])
            step = rng.choice([1.0, 10.0, 100.0, 1e6, 1e7])
            approx = rng.choice([None, "about", "over", "under"])
            expected = any(quantity_supported(value, step, approx, s) for s in values)
            assert index.supports(value, step, approx) == expected


def _reference_date_supported(draft: DateFact, sources: list[DateFact], years: set[int]) -> bool:
    """The pass over the source's dates that ``_DateIndex`` replaces."""
    if draft.month is None:
        return draft.year in years
    for source in sources:
        if source.month != draft.month or (draft.day is not None and source.day != draft.day):
            continue
        if draft.year is None or source.year == draft.year:
            return True
        if source.year is None and draft.year in years:
            return True
    return False


def _random_date(rng: random.Random) -> DateFact:
    year = rng.choice([None, 2023, 2024])
    month = rng.choice([None, 3, 4]) if year is not None else rng.choice([3, 4])
    day = rng.choice([None, 1, 15]) if month is not None else None
    return DateFact("", "", "", 0, 0, year, month, day)


def test_date_index_agrees_with_the_pass_over_dates() -> None:
    rng = random.Random(5)
    for _ in range(300):
        sources = [_random_date(rng) for _ in range(rng.randint(0, 6))]
        years = {d.year for d in sources if d.year is not None} | rng.choice([set(), {2024}])
        index = check_module._DateIndex(sources, years)
        for _ in range(8):
            draft = _random_date(rng)
            assert index.supports(draft) == _reference_date_supported(draft, sources, years)


def test_a_long_draft_is_checked_up_to_the_bounds_and_says_so() -> None:
    source = "The agency will fund 12 projects."
    long_line = "资助12个项目，" + "很" * MAX_PARAGRAPH_CHARS + "并资助99个项目。"
    draft = "标题\n" + long_line + "\n另有7个项目。"
    result = check_draft(source, draft)
    assert not result.ok
    kinds = {(u.kind, draft[u.start : u.end][:3]) for u in result.unsupported}
    assert ("number", "7") in kinds  # after the cut line, at its place in the draft
    assert all("99" not in u.text for u in result.unsupported if u.kind == "number")
    [limit] = [u for u in result.unsupported if u.kind == LIMIT]
    assert draft[limit.start : limit.end].endswith("并资助99个项目。")
    for found in result.unsupported:
        if found.kind != LIMIT:
            assert draft[found.start : found.end] == found.text


def test_too_many_paragraphs_are_a_finding() -> None:
    draft = "\n".join(["资助12个项目。"] * (MAX_DRAFT_PARAGRAPHS + 5))
    result = check_draft("The agency will fund 12 projects.", draft)
    [limit] = result.unsupported
    assert limit.kind == LIMIT
    assert limit.start == len("资助12个项目。\n") * MAX_DRAFT_PARAGRAPHS
    assert limit.end == len(draft)


def test_a_long_source_is_cut_with_a_finding() -> None:
    source = "The agency will fund 12 projects. " + "x " * MAX_SOURCE_CHARS + "It has 7 labs."
    result = check_draft(source, "资助12个项目，设7个实验室。")
    assert [u.kind for u in result.unsupported] == [LIMIT, "number"]


def test_bound_draft_maps_offsets_back() -> None:
    draft = "ab\n" + "x" * 10 + "\ncd"
    bounded = bound_draft(draft, max_chars=4)
    assert bounded.text == "ab\nxxxx\ncd"
    at = bounded.text.index("cd")
    assert draft[bounded.original(at) : bounded.original(at + 2, end=True)] == "cd"
    assert bounded.skipped == ((7, 13),)


FINDERS = {
    "money": find_money,
    "percentages": find_percentages,
    "dates": find_dates,
    "numbers": find_numbers,
    "source values": source_values,
    "non-facts": non_fact_spans,
    "urls": url_spans,
}


@pytest.mark.parametrize("kind", sorted(pathological_texts(10)))
def test_pathological_inputs_give_sane_answers(kind: str) -> None:
    text = pathological_texts(MAX_PARAGRAPH_CHARS)[kind]
    for finder in FINDERS.values():
        finder(text)  # no crash (a 2,000-character numeral once overflowed a float)
    extract_facts(text, reference=date(2024, 1, 1))
    if kind == "digits":
        assert find_numbers(text) == []
        assert find_money(f"${text} billion") == []
    if kind == "chinese numerals":
        assert find_numbers(text + "个") == []


def _reference_money_supported(draft: MoneyFact, sources: list[MoneyFact]) -> bool:
    """The pairwise comparison that ``_MoneyIndex`` replaces."""
    families = (DOLLAR_CODES, frozenset({"JPY", "CNY"}))

    def same(source: MoneyFact) -> bool:
        if draft.currency == source.currency:
            return True
        for family in families:
            if draft.currency in family and source.currency in family:
                return source.sign_only or draft.sign_only
        return False

    return any(
        same(s) and quantity_supported(draft.amount, draft.step, draft.approx, s.amount)
        for s in sources
    )


def _random_money(rng: random.Random) -> MoneyFact:
    amount = rng.choice([1e6, 1e8, 1e9]) * rng.randint(1, 30) * rng.choice([1, 1, 1.02])
    code = rng.choice(["USD", "SGD", "JPY", "CNY", "GBP"])
    return MoneyFact(
        "",
        amount,
        code,
        "",
        0,
        0,
        step=rng.choice([1e6, 1e8]),
        approx=rng.choice([None, "about", "over"]),
        sign_only=rng.random() < 0.3,
    )


def test_money_index_agrees_with_the_pairwise_check() -> None:
    rng = random.Random(13)
    for _ in range(300):
        sources = [_random_money(rng) for _ in range(rng.randint(0, 8))]
        index = check_module._MoneyIndex(sources)
        for _ in range(10):
            draft = _random_money(rng)
            assert index.supports(draft) == _reference_money_supported(draft, sources)
