"""What every draft writer takes and returns, so writers are interchangeable.

A writer reads one story (its documents, best first, with the suggested domain and
section) and returns a ``Draft``: the Chinese item text plus the analyst-only material
(key source sentences in the original language) and which writer made it. The fact check
runs on the result whatever wrote it, so a machine draft is held to the same standard as a
human one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from kuaibao import phrases
from kuaibao.domain import Document, Item, ItemState


@dataclass(frozen=True)
class SourceInfo:
    """What a writer needs to know of the source a document came from: whose country
    "the government" is, which province 我省 is, the publisher's name and language."""

    name: str = ""
    country: str | None = None  # ISO 3166-1 alpha-2, EU or INT
    region: str | None = None  # province and/or city in Chinese (云岚省岚州市)
    language: str | None = None


@dataclass(frozen=True)
class StoryInput:
    """One story as a writer sees it; ``documents[0]`` is the lead report.

    ``sources`` runs beside ``documents`` (the source of each document, where known);
    it may be shorter, or empty when nothing is known of the sources.
    """

    documents: Sequence[Document]
    domain: str
    section: str
    reference: date | None = None  # the date year-less dates in the text belong to
    sources: Sequence[SourceInfo | None] = ()

    def __post_init__(self) -> None:
        if not self.documents:
            raise ValueError("a story needs at least one document to draft from")

    def source(self, index: int) -> SourceInfo:
        """The source of ``documents[index]``; an empty one when it is not known."""
        known = self.sources[index] if index < len(self.sources) else None
        return known or SourceInfo()


@dataclass(frozen=True)
class Draft:
    """A writer's proposal for one item, in house style, before an analyst edits it."""

    title: str
    body: list[str]
    domain: str
    section: str
    source_urls: list[str]
    original_title: str | None
    event_date: str | None
    document_ids: list[int]
    writer: str  # "offline" or "llm:<model>"
    key_sentences: list[str] = field(default_factory=list)
    writer_notes: list[str] = field(default_factory=list)  # phrases: how the draft came to be

    def to_item(self, contributors: Sequence[str] = ()) -> Item:
        """The draft as an editable item; the writer's notes and key sentences become
        analyst notes."""
        return Item(
            title=self.title,
            body=list(self.body),
            domain=self.domain,
            section=self.section,
            contributors=list(contributors),
            source_urls=list(self.source_urls),
            original_title=self.original_title,
            event_date=self.event_date,
            state=ItemState.DRAFT,
            document_ids=list(self.document_ids),
            notes=[
                phrases.WRITER(writer=self.writer),
                *self.writer_notes,
                *self.key_sentences,
            ],
        )


def story_published(story: StoryInput) -> date | None:
    """The date a draft may open with when the text gives none: the lead's publication."""
    lead = story.documents[0]
    return lead.published_at.date() if lead.published_at else story.reference
