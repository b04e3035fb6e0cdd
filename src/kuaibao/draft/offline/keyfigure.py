"""The story's key figure: the largest or most specific fact of the lead report's title
and first paragraph, which a bulletin item states in its title or lead.

The headline's own figure wins (the writer chose it: "48 logical qubits", "£185 million");
a headline without one yields the first paragraph's largest sum, else its first count or
percentage. A count is a number with what it counts, read from the term lexicon or a
short list of units ("48 logical qubits" → 48个逻辑量子比特, "206 km" → 206公里), so it is
never printed as a bare number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kuaibao.draft.offline.clause import Sentence, actor_of
from kuaibao.facts.extract import extract_facts
from kuaibao.facts.numbers import find_numbers

MONEY, COUNT, PERCENT = "money", "count", "percent"
_NUMBER_BEFORE_RE = re.compile(r"(?<![\w.,-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)[ \t]*-?[ \t]*$")
# Units a figure may carry where the lexicon has no term: English → Chinese, no 个.
_UNITS = {
    "km": "公里",
    "kilometres": "公里",
    "kilometers": "公里",
    "kilometre": "公里",
    "kilometer": "公里",
    "gw": "吉瓦",
    "gigawatts": "吉瓦",
    "mw": "兆瓦",
    "megawatts": "兆瓦",
    "nm": "纳米",
    "nanometres": "纳米",
    "nanometre": "纳米",
    "nanometers": "纳米",
    "nanometer": "纳米",
    "watt-hours per kilogram": "瓦时/千克",
    "wh/kg": "瓦时/千克",
    "kg": "千克",
    "metres": "米",
    "meters": "米",
    "metre": "米",
    "meter": "米",
    "kilograms": "千克",
}
_UNIT_RE = re.compile(
    r"(?i)[ \t]*-?[ \t]*("
    + "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
    + r")\b"
)


@dataclass(frozen=True)
class KeyFigure:
    """The figure and how a draft prints it (``1.85亿英镑``, ``48个逻辑量子比特``)."""

    kind: str
    value: float
    zh: str
    currency: str = ""
    counted: str = ""  # what a count counts, in Chinese: 逻辑量子比特


def _counts(sentence: Sentence) -> list[KeyFigure]:
    """Numbers directly followed by a lexicon term or a unit, in text order."""
    text, found = sentence.text, []
    for term in sentence.terms:
        match = _NUMBER_BEFORE_RE.search(text[sentence.start : term.start])
        if match is not None:
            value = float(match.group(1).replace(",", ""))
            found.append(KeyFigure(COUNT, value, f"{match.group(1)}个{term.zh}", counted=term.zh))
    for number in re.finditer(r"(?<![\w.,-])(\d+(?:\.\d+)?)", sentence.words):
        at = sentence.start + number.end()
        unit = _UNIT_RE.match(text, at, sentence.end)
        if unit is not None:
            zh = _UNITS[unit.group(1).lower()]
            found.append(KeyFigure(COUNT, float(number.group(1)), number.group(1) + zh, counted=zh))
    return found


def _of_sentence(sentence: Sentence, *, first: bool) -> KeyFigure | None:
    money = sentence.facts.money
    if money:
        best = money[0] if first else max(money, key=lambda m: m.amount)
        return KeyFigure(MONEY, best.amount, best.zh, currency=best.currency)
    counts = _counts(sentence)
    if counts:
        return counts[0]
    if sentence.facts.percentages:
        pct = sentence.facts.percentages[0]
        return KeyFigure(PERCENT, pct.value, pct.zh)
    return None


def first_paragraph(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The body sentences up to the first line break."""
    if not sentences:
        return []
    text, first = sentences[0].text, sentences[0]
    return [s for s in sentences if "\n" not in text[first.start : s.start]]


def key_figure(title: Sentence | None, first_paragraph: Sequence[Sentence]) -> KeyFigure | None:
    """The headline's figure, else the first paragraph's largest sum, else its first count
    or percentage; None when neither states one."""
    if title is not None:
        figure = _of_sentence(title, first=True)
        if figure is not None:
            return figure
    sums = [m for s in first_paragraph for m in s.facts.money]
    if sums:
        best = max(sums, key=lambda m: (m.currency, m.amount))
        return KeyFigure(MONEY, best.amount, best.zh, currency=best.currency)
    for sentence in first_paragraph:
        figure = _of_sentence(sentence, first=True)
        if figure is not None:
            return figure
    return None


def carries(text: str, figure: KeyFigure) -> bool:
    """True when the Chinese ``text`` states ``figure`` (same sum, percentage or count)."""
    facts = extract_facts(text)
    if figure.kind == MONEY:
        return any(
            m.currency == figure.currency and abs(m.amount - figure.value) <= m.step / 2
            for m in facts.money
        )
    if figure.kind == PERCENT:
        return any(abs(p.value - figure.value) < 1e-9 for p in facts.percentages)
    taken = [(m.start, m.end) for m in facts.money]
    taken += [(p.start, p.end) for p in facts.percentages]
    taken += [(d.start, d.end) for d in facts.dates]
    return any(abs(n.value - figure.value) < 1e-9 for n in find_numbers(text, skip=taken))


# "removes 99.9% of salt": a verb taking a share of a thing; its Chinese verb.
_SHARE_VERBS = {
    "remove": "清除",
    "capture": "捕获",
    "convert": "转化",
    "block": "阻挡",
    "recover": "回收",
    "recycle": "回收",
    "absorb": "吸收",
    "filter": "过滤",
}
_SHARE_RE = re.compile(
    r"(?i)\b(" + "|".join(_SHARE_VERBS) + r")(?:s|ed|d)?\s+(?:up to\s+|about\s+|over\s+|"
    r"more than\s+|nearly\s+)?$"
)
_OF_RE = re.compile(r"(?i)^\s+of\s+(?:the\s+)?$")
_LESS_RE = re.compile(r"(?i)^\s+(less|fewer|more)\s+$")


def share_phrase(sentence: Sentence, figure: KeyFigure) -> str:
    """What a percentage key figure is, when the sentence says it of a lexicon term:
    ``可清除99.9%的盐分`` ("removes 99.9% of salt"), ``混凝土用量减少40%`` ("40% less
    concrete"); '' when the sentence says it of nothing the writer can name."""
    if figure.kind != PERCENT:
        return ""
    text = sentence.text
    for pct in sentence.facts.percentages:
        if abs(pct.value - figure.value) > 1e-9:
            continue
        after = [t for t in sentence.terms if t.start >= pct.end and t.start - pct.end <= 12]
        if not after:
            continue
        term, gap = after[0], text[pct.end : after[0].start]
        verb = _SHARE_RE.search(text[max(sentence.start, pct.start - 24) : pct.start])
        if verb is not None and _OF_RE.match(gap):
            return f"可{_SHARE_VERBS[verb.group(1).lower()]}{pct.zh}的{term.zh}"
        less = _LESS_RE.match(gap)
        if less is not None:
            moved = "减少" if less.group(1).lower() in ("less", "fewer") else "增加"
            return f"{term.zh}用量{moved}{pct.zh}"
    return ""


def share_headline(sentence: Sentence, figure: KeyFigure) -> str:
    """A headline that says the share of the thing doing it, with the organisation the
    headline names before the thing: "KAIST graphene oxide membrane removes 99.9% of salt"
    → ``韩国科学技术院氧化石墨烯膜可清除99.9%的盐分``; '' unless the headline is so built."""
    share = share_phrase(sentence, figure)
    pct = next((p for p in sentence.facts.percentages if abs(p.value - figure.value) < 1e-9), None)
    if not share.startswith("可") or pct is None:
        return ""
    verb = _SHARE_RE.search(sentence.text[max(sentence.start, pct.start - 24) : pct.start])
    if verb is None:
        return ""
    verb_at = max(sentence.start, pct.start - 24) + verb.start()
    things = [t for t in sentence.terms if t.end <= verb_at]
    if not things or sentence.text[things[-1].end : verb_at].strip():
        return ""
    orgs = [o for o in sentence.organisations() if o.end <= things[-1].start]
    if not orgs or sentence.text[orgs[-1].end : things[-1].start].strip():
        return ""
    return f"{actor_of(orgs[-1]).short}{things[-1].zh}{share}"


def with_count(text: str, figure: KeyFigure) -> str:
    """``text`` with a count put before the first mention of what it counts
    (运行逻辑量子比特 → 运行48个逻辑量子比特); ``text`` unchanged when it does not mention it."""
    if figure.kind != COUNT or not figure.counted or figure.counted not in text:
        return text
    at = text.index(figure.counted)
    return text[:at] + figure.zh + text[at + len(figure.counted) :]
