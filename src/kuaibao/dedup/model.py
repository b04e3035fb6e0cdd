"""The objects clustering speaks in: a document to cluster, its assignment, the settings.

``ClusterDoc`` carries only what clustering reads (title, text, date, url), so the same
code serves stored ``Document`` rows, CLI JSON lines and generated benchmark corpora.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from kuaibao.domain import Document

DocId = str | int


@dataclass(frozen=True)
class ClusterDoc:
    """One document as clustering sees it; ``id`` is the caller's (store id or CLI id)."""

    id: DocId
    title: str
    text: str
    url: str | None = None
    published_at: datetime | None = None

    @classmethod
    def from_document(cls, doc: Document) -> ClusterDoc:
        """A stored document (it must have an id) as a clustering input."""
        if doc.id is None:
            raise ValueError(f"document {doc.url} has no id; store it before clustering")
        return cls(doc.id, doc.title, doc.text, doc.canonical_url or doc.url, doc.published_at)

    @property
    def timestamp(self) -> float | None:
        """Seconds since the epoch; naive datetimes are taken as UTC."""
        if self.published_at is None:
            return None
        when = self.published_at
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when.timestamp()


@dataclass(frozen=True)
class Assignment:
    """Where one added document went: its story, whether that story is new, its original.

    ``near_duplicate_of`` names an earlier document whose text this one nearly repeats
    (a syndicated copy); ``score`` is the evidence that joined it to the story (0 when
    the story is new).
    """

    doc_id: DocId
    story_id: int
    is_new_story: bool
    near_duplicate_of: DocId | None = None
    score: float = 0.0


@dataclass(frozen=True)
class ClusterSettings:
    """Thresholds and sizes; the defaults are tuned on the golden set and the benchmark."""

    window_days: float = 7.0  # a document joins a story only within this many days of it
    duplicate_window_days: float = 30.0  # syndicated copies may come later than reports
    duplicate_jaccard: float = 0.5  # estimated shingle Jaccard that makes a near-duplicate
    join_threshold: float = 0.55  # text cosine + anchor bonus needed to join a story
    anchor_gain: float = 0.2  # how much one unit of shared anchor weight adds
    anchor_cap: float = 2.5  # shared anchor weight beyond this adds nothing
    conflict_override: float = 0.95  # text cosine that outweighs clashing headline figures
    cross_language_min_anchor: float = 1.0  # anchor weight needed when scripts differ
    lead_chars: int = 600  # title + this much of the text feed the TF-IDF vector
    anchor_chars: int = 5_000  # anchors come from the title and this much of the text
    shingle_chars: int = 20_000  # near-duplicate shingles from this much of the text
    use_facts: bool = True  # add kuaibao.facts organisations and amounts to the anchors
    facts_chars: int = 1_500  # ... read from the title and this much of the text
    key_terms: int = 8  # a document's heaviest terms, used to find candidate stories
    centroid_terms: int = 64  # a story keeps its heaviest terms only
    posting_scan: int = 48  # newest entries read from one term or anchor posting list
    max_candidates: int = 24  # stories scored in full per document
    num_perm: int = 64  # MinHash permutations
    lsh_bands: int = 12  # LSH bands of ``lsh_rows`` rows each (bands * rows <= num_perm)
    lsh_rows: int = 4
    shingle_size: int = 4
