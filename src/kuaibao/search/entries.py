"""What the index holds for one item or document, computed without a database.

An entry keeps the original title and body (for snippets), their tokens, and the filter
values: domain, section, and the date as a range so that an item dated only ``2024-02``
is found by ``since=2024-02-10`` (its month overlaps the filter).
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date

from kuaibao.domain import Document, Item
from kuaibao.search.tokens import index_tokens

KINDS = ("item", "document")
MAX_BODY_CHARS = 30_000
MAX_TITLE_TOKENS = 200
MAX_BODY_TOKENS = 16_000  # PostgreSQL keeps positions up to 16,383; both backends cut here

_KIND_BIT = {"document": 0, "item": 1}
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class IndexEntry:
    """One row of the search index."""

    kind: str
    ref_id: int
    title: str
    body: str
    title_tokens: tuple[str, ...]
    body_tokens: tuple[str, ...]
    domain: str | None = None
    section: str | None = None
    date: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    source_id: int | None = None

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.ref_id)

    @property
    def id(self) -> int:
        return entry_id(self.kind, self.ref_id, self.date_from)

    @property
    def n_tokens(self) -> int:
        return len(self.title_tokens) + len(self.body_tokens)

    @property
    def pairs(self) -> set[str]:
        """Adjacent token pairs of the title and of the body (see ``pair``)."""
        return {pair(a, b) for tokens in (self.title_tokens, self.body_tokens)
                for a, b in itertools.pairwise(tokens)}  # fmt: skip

    @property
    def lexemes(self) -> set[str]:
        """Everything PostgreSQL indexes for this entry: tokens and token pairs."""
        return set(self.title_tokens) | set(self.body_tokens) | self.pairs


def id_bounds(since: date | None, until: date | None) -> tuple[int | None, int | None]:
    """An id range holding every entry that date filters can keep (ids sort by date).

    ``until`` keeps entries starting by that day; ``since`` keeps entries ending on or
    after it, and a partial date spans at most a year, so it starts at most 366 days
    earlier. The exact date conditions still apply; the range lets the index skip.
    """
    low = (since.toordinal() - 366) << 32 if since else None
    high = (until.toordinal() + 1) << 32 if until else None
    return low, high


def pair(first: str, second: str) -> str:
    """The extra PostgreSQL lexeme for two adjacent tokens ("quantum chip").

    GIN knows no positions, so a phrase of common words would make PostgreSQL check
    positions in thousands of rows; with pairs in the index the check is a lookup.
    Tokens never contain spaces, so a pair never equals a token.
    """
    return f"{first} {second}"


def entry_id(kind: str, ref_id: int, date_from: str | None) -> int:
    """The row id: a 63-bit number that sorts by date (undated first), unique per entry.

    Both backends derive it the same way, so "the newest N matches" is the same set and
    ties in score are broken the same way.
    """
    if not 0 <= ref_id < 2**31:
        raise ValueError(f"{kind} id {ref_id} is out of range for the search index")
    day = date.fromisoformat(date_from).toordinal() if date_from else 0
    return (day << 32) | (_KIND_BIT[kind] << 31) | ref_id


def date_range(value: str | None) -> tuple[str | None, str | None]:
    """``2024`` → (2024-01-01, 2024-12-31); ``2024-02`` → its month; a day → that day."""
    match = _PARTIAL_DATE.match(value or "")
    if not match:
        return None, None
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None, None
    if day:
        return match.group(0), match.group(0)
    if month:
        last = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"


def _tokens(text: str, limit: int) -> tuple[str, ...]:
    return tuple(index_tokens(text)[:limit])


def entry_for_item(item: Item) -> IndexEntry:
    """Title and original (English) title are searched as the title; paragraphs as body."""
    if item.id is None:
        raise ValueError("cannot index an item that has not been stored (it has no id)")
    body = "\n".join(p for p in item.body if p)[:MAX_BODY_CHARS]
    title_text = f"{item.title}\n{item.original_title}" if item.original_title else item.title
    start, end = date_range(item.event_date)
    return IndexEntry(
        kind="item",
        ref_id=item.id,
        title=item.title,
        body=body,
        title_tokens=_tokens(title_text, MAX_TITLE_TOKENS),
        body_tokens=_tokens(body, MAX_BODY_TOKENS),
        domain=item.domain,
        section=item.section,
        date=item.event_date if start else None,
        date_from=start,
        date_to=end,
    )


def entry_for_document(doc: Document) -> IndexEntry:
    """A document is dated by its publication day (UTC) and filtered by its source."""
    if doc.id is None:
        raise ValueError("cannot index a document that has not been stored (it has no id)")
    body = doc.text[:MAX_BODY_CHARS]
    day = None
    if doc.published_at is not None:
        published = doc.published_at
        if published.tzinfo is not None:
            published = published.astimezone(UTC)
        day = published.date().isoformat()
    return IndexEntry(
        kind="document",
        ref_id=doc.id,
        title=doc.title,
        body=body,
        title_tokens=_tokens(doc.title, MAX_TITLE_TOKENS),
        body_tokens=_tokens(body, MAX_BODY_TOKENS),
        date=day,
        date_from=day,
        date_to=day,
        source_id=doc.source_id,
    )


def _quote_lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(entry: IndexEntry) -> str:
    """PostgreSQL tsvector text with our own positions: title weight A, body weight B.

    Body positions start one past a gap after the title, so a phrase never spans both.
    """
    positions: dict[str, list[str]] = defaultdict(list)
    for pos, token in enumerate(entry.title_tokens, start=1):
        positions[token].append(f"{pos}A")
    first = len(entry.title_tokens) + 2
    for pos, token in enumerate(entry.body_tokens, start=first):
        positions[token].append(f"{pos}B")
    return " ".join(f"{_quote_lexeme(tok)}:{','.join(pos)}" for tok, pos in positions.items())


def pairs_literal(entry: IndexEntry) -> str:
    """PostgreSQL tsvector text of the entry's token pairs, without positions.

    Kept in a column of its own so that the token tsvector stays small enough to live
    inside the table row; phrase searches use this one only through its GIN index.
    """
    return " ".join(_quote_lexeme(p) for p in sorted(entry.pairs))
