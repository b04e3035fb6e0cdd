"""Novelty against earlier bulletins: was this story covered, and if so, what is new?

A story counts as covered when one of its documents is cited by an item of a published
bulletin (same canonical URL), when a document's title is an item's original title, or
when a Chinese document's title is nearly an item's Chinese title. What is new since then
is the documents that appeared after that bulletin was published and the sums of money
and percentages they give that the item does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from kuaibao.domain import Bulletin, Document
from kuaibao.extract.urls import canonicalize_url
from kuaibao.facts.money import find_money
from kuaibao.facts.percent import find_percentages
from kuaibao.issue import issue_label
from kuaibao.text.scripts import HAN_CHAR_RE

TITLE_BIGRAM_MATCH = 0.6  # Jaccard of character bigrams that makes two Chinese titles one
MIN_TITLE_WORDS = 4  # shorter English titles are too generic to match on
_WORD_RE = re.compile(r"[a-z0-9]+")
NEW_FACTS_SHOWN = 5
UNSEEN_SCORE = 1.0
UPDATE_SCORE = 0.5  # covered, but new sums or percentages since
FOLLOW_UP_SCORE = 0.2  # covered, new reports without new figures
COVERED_SCORE = 0.0


def bulletin_label(bulletin: Bulletin) -> str:
    """How analysts name an issue: 2024年第3期 (with the series when it has one)."""
    return issue_label(bulletin)


def _title_key(title: str) -> str | None:
    words = _WORD_RE.findall(title.lower())
    return " ".join(words) if len(words) >= MIN_TITLE_WORDS else None


def _bigrams(text: str) -> set[str]:
    han = "".join(HAN_CHAR_RE.findall(text))
    return {han[i : i + 2] for i in range(len(han) - 1)}


def _canonical(url: str) -> str | None:
    try:
        return canonicalize_url(url)
    except ValueError:
        return None


@dataclass(frozen=True)
class CoveredItem:
    """An item of a published bulletin, as novelty needs it."""

    item_id: int
    bulletin_id: int
    label: str
    published_at: datetime | None
    title: str
    text: str
    original_title: str | None
    urls: frozenset[str]


@dataclass(frozen=True)
class Novelty:
    """Whether a story is new, and if covered, where and what has happened since."""

    covered: CoveredItem | None = None
    new_documents: int = 0
    new_facts: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        if self.covered is None:
            return UNSEEN_SCORE
        if self.new_facts:
            return UPDATE_SCORE
        return FOLLOW_UP_SCORE if self.new_documents else COVERED_SCORE

    @property
    def reason(self) -> str:
        if self.covered is None:
            return "not in any earlier bulletin"
        where = f"covered in {self.covered.label} (item {self.covered.item_id})"
        if not self.new_documents:
            return f"{where}; nothing new since"
        new = f"{self.new_documents} new report{'s' if self.new_documents > 1 else ''}"
        if self.new_facts:
            new += ", new figures " + "、".join(self.new_facts[:NEW_FACTS_SHOWN])
        return f"{where}; what is new: {new}"


def covered_items(bulletins: Iterable[Bulletin]) -> list[CoveredItem]:
    """The items of published bulletins (a corrected issue's newest revision wins)."""
    out: dict[int, CoveredItem] = {}
    for bulletin in bulletins:
        if bulletin.published_at is None or bulletin.id is None:
            continue
        for item in bulletin.items:
            if item.id is None:
                continue
            urls = frozenset(u for u in map(_canonical, item.source_urls) if u)
            out[item.id] = CoveredItem(
                item_id=item.id,
                bulletin_id=bulletin.id,
                label=bulletin_label(bulletin),
                published_at=bulletin.published_at,
                title=item.title,
                text="\n".join([item.title, *item.body]),
                original_title=item.original_title,
                urls=urls,
            )
    return list(out.values())


class Coverage:
    """Published items indexed by URL, original title and Chinese title bigrams."""

    def __init__(self, items: Iterable[CoveredItem]) -> None:
        self._by_url: dict[str, CoveredItem] = {}
        self._by_title: dict[str, CoveredItem] = {}
        self._by_bigram: dict[str, list[CoveredItem]] = {}
        self._bigrams: dict[int, set[str]] = {}
        for item in items:
            for url in item.urls:
                self._by_url.setdefault(url, item)
            key = _title_key(item.original_title or "")
            if key:
                self._by_title.setdefault(key, item)
            grams = _bigrams(item.title)
            self._bigrams[item.item_id] = grams
            for gram in grams:
                self._by_bigram.setdefault(gram, []).append(item)

    def __len__(self) -> int:
        return len(self._bigrams)

    def match(self, docs: Sequence[Document]) -> CoveredItem | None:
        """The most recent published item that covered any of these documents."""
        hits: list[CoveredItem] = []
        for doc in docs:
            for url in (doc.canonical_url, doc.url):
                if url in self._by_url:
                    hits.append(self._by_url[url])
            key = _title_key(doc.title)
            if key and key in self._by_title:
                hits.append(self._by_title[key])
            hits.extend(self._similar_titles(doc.title))
        if not hits:
            return None
        epoch = datetime.min.replace(tzinfo=UTC)
        return max(hits, key=lambda i: (i.published_at or epoch, i.item_id))

    def _similar_titles(self, title: str) -> list[CoveredItem]:
        grams = _bigrams(title)
        if len(grams) < 4:
            return []
        counts: dict[int, int] = {}
        items: dict[int, CoveredItem] = {}
        for gram in grams:
            for item in self._by_bigram.get(gram, ()):
                counts[item.item_id] = counts.get(item.item_id, 0) + 1
                items[item.item_id] = item
        out = []
        for item_id, shared in counts.items():
            union = len(grams) + len(self._bigrams[item_id]) - shared
            if union and shared / union >= TITLE_BIGRAM_MATCH:
                out.append(items[item_id])
        return out

    def novelty(self, docs: Sequence[Document]) -> Novelty:
        """Covered or not, and what the story's later documents add."""
        covered = self.match(docs)
        if covered is None:
            return Novelty()
        fresh = [d for d in docs if _is_new(d, covered)]
        return Novelty(covered, len(fresh), new_figures(fresh, covered.text))


def _is_new(doc: Document, covered: CoveredItem) -> bool:
    if doc.canonical_url in covered.urls or doc.url in covered.urls:
        return False
    when = doc.published_at or doc.fetched_at
    if covered.published_at is None or when is None:
        return True
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    return when > covered.published_at


def new_figures(docs: Sequence[Document], covered_text: str) -> list[str]:
    """Sums and percentages in ``docs`` that the covered item does not state (house forms)."""
    known_money = [(m.currency, m.amount) for m in find_money(covered_text)]
    known_pct = {p.value for p in find_percentages(covered_text)}
    found: dict[str, None] = {}
    for doc in docs:
        text = f"{doc.title}\n{doc.text[:5_000]}"
        for money in find_money(text):
            if money.amount > 0 and not any(
                c == money.currency and abs(a - money.amount) <= 0.01 * money.amount
                for c, a in known_money
            ):
                found.setdefault(money.zh)
        for pct in find_percentages(text):
            if pct.value not in known_pct:
                found.setdefault(pct.zh)
    return list(found)
