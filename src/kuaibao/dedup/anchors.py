"""Anchors: the facts of a document that survive translation, as comparable strings.

An anchor is ``kind:value``: ``money:185000000:GBP``, ``pct:7``, ``num:180000``,
``code:h100`` (a model or product designation), ``name:caldera`` (a capitalised word of
Latin script, which Chinese reports keep for foreign names) and ``org:<canonical id>``
from the gazetteer of ``kuaibao.facts`` (a library below ``dedup`` that imports no stage).
Key anchors are the figures and designations of the headline (the title, or the first
sentence when the title has none): what the story is about, and where two different
grants, or two products of one company, disagree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from kuaibao.dedup.model import ClusterDoc
from kuaibao.dedup.numbers import canonical, figures
from kuaibao.dedup.text import script, words
from kuaibao.facts.extract import extract_facts
from kuaibao.facts.model import Facts
from kuaibao.text.months import MONTH_NAMES
from kuaibao.text.normalise import nfkc

FactsReader = Callable[[str], set[str]]

TYPE_WEIGHT = {
    "money": 1.0, "org": 0.8, "phrase": 0.7, "code": 0.6, "pct": 0.5, "num": 0.5, "name": 0.35,
}  # fmt: skip
SPECIFICITY = {0: 0.5, 1: 0.5, 2: 1.0, 3: 1.1, 4: 1.25}  # by significant digits
CONNECTORS = frozenset({"of", "for", "and", "&", "de", "du", "von"})
FIRST_SENTENCE = re.compile(r"[^。！？]{0,300}?(?:[.!?](?=\s)|[。！？]|$)", re.DOTALL)
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*[A-Za-z0-9]|[A-Z]")
_WORD = r"[A-Z][A-Za-z0-9'’\-]*"
CAPITAL_RUN = re.compile(rf"{_WORD}(?:[ \t]+(?:(?:of|for|and|&|de|du|von)[ \t]+)?{_WORD})+")
CODE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{1,8}-?\d{1,5}[A-Za-z]?)(?![A-Za-z0-9])")
SENTENCE_END = frozenset(".!?:;\"“”‘’'()[]\n|—-–")
NOT_NAMES = words(
    """a an and as at but by for from he her his i if in it its many more most mr ms dr
    new no not of on or our she so some such the their there these they this those to we
    what when where which while who why with according after also although because before
    during however meanwhile under until monday tuesday wednesday thursday friday saturday
    sunday"""
) | {month.lower() for month in MONTH_NAMES}


@dataclass(frozen=True)
class AnchorProfile:
    """All anchors of a document, and the key figures and designations of its headline."""

    all: frozenset[str]
    key: frozenset[str]


def anchor_weight(anchor: str) -> float:
    """How much one shared anchor says: round figures (1 billion, 7%) say half as much,
    very specific ones (4,763) a quarter more."""
    kind, _, value = anchor.partition(":")
    weight = TYPE_WEIGHT.get(kind, 0.3)
    if kind in ("money", "pct", "num"):
        digits = value.split(":")[0].replace(".", "").lstrip("0").rstrip("0")
        weight *= SPECIFICITY[min(len(digits), 4)]
    return weight


def _sentence_start(text: str, start: int) -> bool:
    """True when a word opens a sentence (its capital says nothing about being a name)."""
    i = start - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    return i < 0 or text[i] in SENTENCE_END


def names(text: str, han: bool) -> set[str]:
    """Capitalised Latin words that are not sentence openers or function words."""
    out = set()
    for m in LATIN_WORD.finditer(text):
        word = m.group()
        if not word[0].isupper():
            continue
        if not han and _sentence_start(text, m.start()):
            continue
        key = word.casefold().removesuffix("'s").removesuffix("’s")
        if key not in NOT_NAMES and len(key) > 1 and not any(c.isdigit() for c in key):
            out.add(f"name:{key}")
    return out


def _phrase(words: list[str]) -> str | None:
    while words and (words[0] in NOT_NAMES or words[0] in CONNECTORS):
        words = words[1:]
    while words and words[-1] in CONNECTORS:
        words = words[:-1]
    capitals = sum(1 for w in words if w not in CONNECTORS)
    return f"phrase:{' '.join(words)}" if capitals >= 2 else None


def phrases(text: str) -> set[str]:
    """Runs of capitalised words (Lisbon Photonics Centre): names that Chinese reports
    keep in Latin script, often in brackets after the Chinese name."""
    out: set[str] = set()
    for run in CAPITAL_RUN.finditer(text):
        words: list[str] = []
        for word in run.group().split():
            lower = word.casefold()
            if lower.endswith(("'s", "’s")):  # Colorado's Aurora Institute: the owner
                words = []  # is not part of the name that follows
                continue
            words.append(lower)
        if (found := _phrase(words)) is not None:
            out.add(found)
    return out


def codes(text: str) -> set[str]:
    """Designations such as H100, GPT-5 or A320: letters then digits, with a capital."""
    return {
        f"code:{m.group(1).casefold().replace('-', '')}"
        for m in CODE.finditer(text)
        if any(c.isupper() for c in m.group(1)) and len(m.group(1)) >= 3
    }


def facts_anchors(facts: Facts) -> set[str]:
    """Money (in its currency's units) and gazetteer organisations as anchors."""
    out: set[str] = set()
    for item in facts.money:
        try:
            value = Decimal(str(item.amount))
        except InvalidOperation:
            continue
        if item.currency and value > 0:
            out.add(f"money:{canonical(value)}:{item.currency.upper()}")
    for org in facts.organisations:
        if org.canonical:
            out.add(f"org:{org.canonical.casefold()}")
    return out


def read_facts(text: str) -> set[str]:
    """The ``FactsReader`` of ``kuaibao.facts``: the anchors its extractor finds."""
    return facts_anchors(extract_facts(text))


def _headline_end(title: str, text: str) -> int:
    """Where the first sentence of the text ends in ``title + newline + text``."""
    sentence = FIRST_SENTENCE.match(text)
    return len(title) + 1 + (sentence.end() if sentence else 0)


def profile(
    title: str,
    text: str,
    facts: FactsReader | None = None,
    kind: str | None = None,
    facts_chars: int = 1_500,
) -> AnchorProfile:
    """The anchors of one document; ``facts`` adds canonical organisations and amounts
    from the title and the first ``facts_chars`` of the text (where the news is; it
    also bounds the cost on long reports). ``kind`` is the script, when already known.
    """
    title, text = nfkc(title), nfkc(text)
    han = (kind or script(title, text)) == "han"
    body = f"{title}\n{text}"
    found = figures(body, han=han)
    key = frozenset(f.anchor for f in found if f.start < len(title)) | codes(title)
    if not key:
        end = _headline_end(title, text)
        key = frozenset(f.anchor for f in found if f.start < end) | codes(body[:end])
    prose = text or title
    all_anchors = {f.anchor for f in found} | codes(body) | names(prose, han) | phrases(prose)
    if facts is not None:
        all_anchors |= facts(body[: len(title) + 1 + facts_chars])
    return AnchorProfile(frozenset(all_anchors), key)


def anchors(doc: ClusterDoc) -> set[str]:
    """The anchors of a document (``kuaibao.facts`` organisations and amounts included)."""
    return set(profile(doc.title, doc.text, read_facts).all)
