"""Drafting an item from a story: pick the writer, write, check, store, link.

The offline writer always works; the LLM writer is used only when asked for and
configured, and a failing endpoint falls back to the offline draft with a note rather than
leaving the analyst with nothing. Whatever wrote the draft, the fact check runs on it and
its findings are stored with the item's notes.

The writing is here; storing the draft (with its story link, in one transaction) and the
item's state are ``kuaibao.workflow``'s, so a story keeps one item whoever drafts it.

The LLM writer is shown the centre's own published and imported items as house-style
examples; ``archive_items`` is the one store read for them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from kuaibao import phrases
from kuaibao.classify.taxonomy import IRRELEVANT, Taxonomy
from kuaibao.config import Settings
from kuaibao.domain import Document, Item, ItemState, Source, Story, User
from kuaibao.draft.llm import writer_from_settings
from kuaibao.draft.model import Draft, SourceInfo, StoryInput
from kuaibao.draft.offline import write_offline_draft
from kuaibao.draft.review import check_item, lead_first
from kuaibao.errors import DraftError, KuaibaoError
from kuaibao.facts import CheckResult, Gazetteer
from kuaibao.store import Store
from kuaibao.triage.summary import pick_lead
from kuaibao.workflow.items import redraft_state, save_redraft
from kuaibao.workflow.stories import add_draft, refuse_second_item

FALLBACK_SECTION = "产业动态"
ARCHIVE_LIMIT = 2000  # newest published items searched for style examples


@dataclass(frozen=True)
class DraftOutcome:
    """The stored item, its check, and which writer made it (with any fallback note)."""

    item: Item
    check: CheckResult | None
    writer: str
    note: str | None = None


def source_infos(
    docs: Sequence[Document], sources: Mapping[int, Source]
) -> list[SourceInfo | None]:
    """Each document's source as the writer needs it (country, region, name, language)."""
    infos: list[SourceInfo | None] = []
    for doc in docs:
        source = sources.get(doc.source_id) if doc.source_id is not None else None
        infos.append(
            None
            if source is None
            else SourceInfo(
                name=source.name,
                country=source.country,
                region=source.region,
                language=source.language,
            )
        )
    return infos


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
        sources=source_infos(ordered, sources),
    )


def archive_items(store: Store, limit: int = ARCHIVE_LIMIT) -> list[Item]:
    """The centre's published items (its own bulletins and imported ones), newest first:
    where the LLM writer's style examples come from."""
    return store.items.find(state=ItemState.PUBLISHED, newest_first=True, limit=limit)


def _write(
    story: StoryInput,
    *,
    settings: Settings,
    use_llm: bool,
    gazetteer: Gazetteer,
    glossary: Mapping[str, str] | None,
    store: Store,
) -> tuple[Draft, str | None]:
    if use_llm:
        writer = writer_from_settings(settings)
        if writer is None:
            raise KuaibaoError(phrases.LLM_NOT_CONFIGURED())
        try:
            with writer:
                draft = writer.write(
                    story, gazetteer=gazetteer, glossary=glossary, archive=archive_items(store)
                )
            return draft, None
        except DraftError as exc:
            note = phrases.LLM_FAILED(detail=exc)
            return write_offline_draft(story, gazetteer=gazetteer, glossary=glossary), note
    return write_offline_draft(story, gazetteer=gazetteer, glossary=glossary), None


def check_notes(result: CheckResult | None) -> list[str]:
    """The check's findings as analyst notes."""
    if result is None:
        return [phrases.CHECK_NO_SOURCES()]
    if result.ok:
        return [phrases.CHECK_OK()]
    return [
        phrases.CHECK_UNSUPPORTED(kind=u.kind, text=u.text, start=u.start, end=u.end)
        for u in result.unsupported
    ]


def credited(contributors: Sequence[str], drafter: User | None) -> list[str]:
    """Who an item is credited to: the names given, else the drafter's byline (张娟)."""
    return list(contributors) or ([drafter.byline] if drafter else [])


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
    drafter: User | None = None,
) -> DraftOutcome:
    """Write, check and store an item for a story, and link the story to it.

    ``drafter`` is the person who asked for the draft: with no ``contributors`` given,
    the item is credited to them (their display name, 张娟, else their login name), since
    a bulletin is not published with an item nobody answers for. A story that already
    has an item is refused (``ConflictError``): its item is edited or redrafted instead.
    """
    story = store.stories.get(story_id)
    refuse_second_item(story)  # before writing; the workflow checks again as it links
    docs = store.documents.get_many(story.document_ids)
    if not docs:
        raise KuaibaoError(phrases.STORY_NO_DOCUMENTS(id=story_id))
    draft, note = _write(
        story_input(story, docs, store, taxonomy),
        settings=settings,
        use_llm=use_llm,
        gazetteer=gazetteer,
        glossary=glossary,
        store=store,
    )
    item = draft.to_item(credited(contributors, drafter))
    result = check_item(item, docs, gazetteer=gazetteer)
    extra = [note] if note else []
    item = replace(item, notes=[*item.notes, *extra, *check_notes(result)])
    who = editor or (drafter.name if drafter else None)
    stored = add_draft(store, story_id, item, now=now, editor=who or draft.writer)
    return DraftOutcome(stored, result, draft.writer, note)


def _item_input(store: Store, item: Item, taxonomy: Taxonomy) -> tuple[StoryInput, list[Document]]:
    """What the writer reads for an existing item: its story's documents when it came from
    one, else its own; the item's domain and section win over the story's labels, since an
    analyst may have corrected them."""
    story = store.stories.for_item(item.id) if item.id is not None else None
    if story is not None:
        docs = store.documents.get_many(story.document_ids)
        if docs:
            given = story_input(story, docs, store, taxonomy)
            return (
                replace(
                    given,
                    domain=item.domain or given.domain,
                    section=item.section or given.section,
                ),
                docs,
            )
    docs = lead_first(item, store.documents.get_many(item.document_ids))
    if not docs:
        raise KuaibaoError(phrases.ITEM_NO_DOCUMENTS(id=item.id))
    published = next((d.published_at.date() for d in docs if d.published_at), None)
    sources = {s.id: s for s in store.sources.all() if s.id is not None}
    sections = taxonomy.section_names
    fallback = FALLBACK_SECTION if FALLBACK_SECTION in sections else sections[-1]
    return (
        StoryInput(
            documents=docs,
            domain=item.domain or taxonomy.fallback_domain,
            section=item.section or fallback,
            reference=published,
            sources=source_infos(docs, sources),
        ),
        docs,
    )


def redraft_item(
    store: Store,
    item_id: int,
    *,
    version: int,
    settings: Settings,
    taxonomy: Taxonomy,
    gazetteer: Gazetteer,
    glossary: Mapping[str, str] | None = None,
    now: datetime,
    use_llm: bool = False,
    editor: str | None = None,
) -> DraftOutcome:
    """Write an existing item's text again (offline or LLM writer), check it and save it.

    Title, body, sources, original title, event date and notes come from the writer; the
    domain, section and contributors stay the analyst's. The item goes back to draft (the
    new text has not been reviewed). ``version`` is the one the analyst looked at: someone
    else's later save raises ``ConflictError`` rather than being overwritten; the older text
    stays in the item's history.
    """
    item = store.items.get(item_id)
    redraft_state(item)  # refuse before the (slow) writing
    story, docs = _item_input(store, item, taxonomy)
    draft, note = _write(
        story,
        settings=settings,
        use_llm=use_llm,
        gazetteer=gazetteer,
        glossary=glossary,
        store=store,
    )
    fresh = draft.to_item(item.contributors)
    result = check_item(fresh, docs, gazetteer=gazetteer)
    extra = [note] if note else []
    saved = save_redraft(
        store,
        item_id,
        replace(fresh, notes=[*fresh.notes, *extra, *check_notes(result)]),
        version=version,
        now=now,
        editor=editor or draft.writer,
        note=phrases.REDRAFTED(writer=draft.writer),
    )
    return DraftOutcome(saved, result, draft.writer, note)
