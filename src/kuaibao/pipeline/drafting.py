"""Drafting an item from a story: pick the writer, write, check, store, link.

The offline writer always works; the LLM writer is used only when asked for and
configured, and a failing endpoint falls back to the offline draft with a note rather than
leaving the analyst with nothing. Whatever wrote the draft, the fact check runs on it and
its findings are stored with the item's notes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from kuaibao.classify.taxonomy import IRRELEVANT, Taxonomy
from kuaibao.config import Settings
from kuaibao.domain import Document, Item, Story
from kuaibao.draft.llm import writer_from_settings
from kuaibao.draft.model import Draft, StoryInput
from kuaibao.draft.offline import write_offline_draft
from kuaibao.draft.review import check_item
from kuaibao.errors import DraftError, KuaibaoError
from kuaibao.facts import CheckResult, Gazetteer
from kuaibao.store import Store
from kuaibao.triage.summary import pick_lead

FALLBACK_SECTION = "产业动态"


@dataclass(frozen=True)
class DraftOutcome:
    """The stored item, its check, and which writer made it (with any fallback note)."""

    item: Item
    check: CheckResult | None
    writer: str
    note: str | None = None


def story_input(
    story: Story, docs: Sequence[Document], store: Store, taxonomy: Taxonomy
) -> StoryInput:
    """The story's documents lead first, with a domain and section the bulletin accepts."""
    sources = {s.id: s for s in store.sources.all() if s.id is not None}
    lead = pick_lead(docs, sources)
    ordered = [lead, *[d for d in docs if d.id != lead.id]]
    domain = story.domain if story.domain and story.domain != IRRELEVANT else None
    sections = taxonomy.section_names
    section = story.section if story.section in sections else None
    published = lead.published_at.date() if lead.published_at else None
    return StoryInput(
        documents=ordered,
        domain=domain or taxonomy.fallback_domain,
        section=section or (FALLBACK_SECTION if FALLBACK_SECTION in sections else sections[-1]),
        reference=published,
    )


def _write(
    story: StoryInput,
    *,
    settings: Settings,
    use_llm: bool,
    gazetteer: Gazetteer,
    glossary: Mapping[str, str] | None,
) -> tuple[Draft, str | None]:
    if use_llm:
        writer = writer_from_settings(settings)
        if writer is None:
            raise KuaibaoError(
                "the LLM writer is not configured: set [llm] base_url and model in "
                "kuaibao.toml (see docs/triage.md), or draft without --llm"
            )
        try:
            return writer.write(story, gazetteer=gazetteer, glossary=glossary), None
        except DraftError as exc:
            note = f"LLM writer failed ({exc}); offline draft instead"
            return write_offline_draft(story, gazetteer=gazetteer, glossary=glossary), note
    return write_offline_draft(story, gazetteer=gazetteer, glossary=glossary), None


def check_notes(result: CheckResult | None) -> list[str]:
    """The check's findings as analyst notes."""
    if result is None:
        return ["[check] no source documents"]
    if result.ok:
        return ["[check] ok: every fact is found in the sources"]
    return [
        f"[check] unsupported {u.kind} 「{u.text}」 at {u.start}-{u.end}"
        for u in result.unsupported
    ]


def draft_story(
    store: Store,
    story_id: int,
    *,
    settings: Settings,
    taxonomy: Taxonomy,
    gazetteer: Gazetteer,
    glossary: Mapping[str, str] | None = None,
    now: datetime,
    use_llm: bool = False,
    contributors: Sequence[str] = (),
    editor: str | None = None,
) -> DraftOutcome:
    """Write, check and store an item for a story, and link the story to it."""
    story = store.stories.get(story_id)
    docs = store.documents.get_many(story.document_ids)
    if not docs:
        raise KuaibaoError(f"story {story_id} has no stored documents left to draft from")
    draft, note = _write(
        story_input(story, docs, store, taxonomy),
        settings=settings,
        use_llm=use_llm,
        gazetteer=gazetteer,
        glossary=glossary,
    )
    item = draft.to_item(contributors)
    result = check_item(item, docs, gazetteer=gazetteer)
    extra = [note] if note else []
    item = replace(item, notes=[*item.notes, *extra, *check_notes(result)])
    stored = store.items.add(item, now=now, editor=editor or draft.writer)
    if stored.id is not None:
        store.stories.link_item(story_id, stored.id, now=now)
    return DraftOutcome(stored, result, draft.writer, note)
