"""The job kinds: each a function of (context, params, progress) returning a JSON result.

A kind must be idempotent: a job whose process died while it ran is queued again at
start-up and runs a second time, which must leave what one run would have left (drafting a
story that already has an item reuses that item rather than writing a second one).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from kuaibao import phrases
from kuaibao.classify.taxonomy import Taxonomy
from kuaibao.config import Settings
from kuaibao.domain import StoryState, User
from kuaibao.draft.llm import writer_from_settings
from kuaibao.draft.llm.rewrite import paragraph_start, rewrite_paragraph
from kuaibao.draft.model import StoryInput
from kuaibao.draft.review import lead_first
from kuaibao.errors import KuaibaoError
from kuaibao.facts import Gazetteer
from kuaibao.pipeline.drafting import DraftOutcome, archive_items, draft_story
from kuaibao.store import Store

DRAFT_STORY = "draft_story"
DRAFT_ACCEPTED = "draft_accepted"

Progress = Callable[[int, int], None]  # (done, total)


@dataclass(frozen=True)
class JobContext:
    """What a job may use: the store and the catalogues, and who asked for it."""

    store: Store
    settings: Settings
    taxonomy: Callable[[], Taxonomy]
    gazetteer: Callable[[], Gazetteer]
    user: User | None = None
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)


JobFunction = Callable[[JobContext, Mapping[str, Any], Progress], dict[str, Any]]


def _outcome(story_id: int, outcome: DraftOutcome) -> dict[str, Any]:
    check = outcome.check
    return {
        "story": story_id,
        "item": outcome.item.id,
        "writer": outcome.writer,
        "note": outcome.note,
        "check_ok": check.ok if check is not None else None,
    }


def draft_one(ctx: JobContext, story_id: int, *, use_llm: bool) -> dict[str, Any]:
    """Draft one story's item, or answer with the item it already has (idempotent)."""
    story = ctx.store.stories.get(story_id)
    if story.item_id is not None:
        return {"story": story_id, "item": story.item_id, "writer": None, "note": None,
                "check_ok": None, "existing": True}  # fmt: skip
    outcome = draft_story(
        ctx.store,
        story_id,
        settings=ctx.settings,
        taxonomy=ctx.taxonomy(),
        gazetteer=ctx.gazetteer(),
        glossary=dict(ctx.store.glossary.all()),
        now=ctx.clock(),
        use_llm=use_llm,
        drafter=ctx.user,
    )
    return _outcome(story_id, outcome)


def run_draft_story(
    ctx: JobContext, params: Mapping[str, Any], progress: Progress
) -> dict[str, Any]:
    progress(0, 1)
    result = draft_one(ctx, int(params["story"]), use_llm=bool(params.get("llm", False)))
    progress(1, 1)
    return result


def accepted_without_item(store: Store) -> list[int]:
    """The accepted stories nobody has drafted yet, oldest id first."""
    stories = store.stories.find(states=[StoryState.ACCEPTED])
    return sorted(s.id for s in stories if s.item_id is None)


def run_draft_accepted(
    ctx: JobContext, params: Mapping[str, Any], progress: Progress
) -> dict[str, Any]:
    """Draft every accepted story without an item. One story's failure (no documents, a
    refused writer) is recorded and the others are still drafted."""
    wanted = [int(i) for i in params["stories"]] if "stories" in params else None
    story_ids = wanted if wanted is not None else accepted_without_item(ctx.store)
    use_llm = bool(params.get("llm", False))
    if use_llm and writer_from_settings(ctx.settings) is None:
        raise KuaibaoError(phrases.LLM_NOT_CONFIGURED())  # every story would fail alike
    drafted: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    progress(0, len(story_ids))
    for done, story_id in enumerate(story_ids, start=1):
        try:
            drafted.append(draft_one(ctx, story_id, use_llm=use_llm))
        except KuaibaoError as exc:
            failed.append({"story": story_id, "error": str(exc)})
        progress(done, len(story_ids))
    return {"drafted": drafted, "failed": failed}


# --- the writing desk: one paragraph rewritten from the sources -----------------------

REWRITE_PARAGRAPH = "rewrite_paragraph"


def run_rewrite_paragraph(
    ctx: JobContext, params: Mapping[str, Any], progress: Progress
) -> dict[str, Any]:
    """Ask the model for a new version of one paragraph of an item (``paragraph`` counts
    from 1). Nothing is stored: the result is a proposal the analyst accepts or not, so
    running the job twice only proposes twice."""
    progress(0, 1)
    writer = writer_from_settings(ctx.settings)
    if writer is None:
        raise KuaibaoError(phrases.LLM_NOT_CONFIGURED())
    item = ctx.store.items.get(int(params["item"]))
    number = int(params["paragraph"])
    if not 1 <= number <= len(item.body):
        raise KuaibaoError(phrases.NO_SUCH_PARAGRAPH(id=item.id, n=number))
    docs = lead_first(item, ctx.store.documents.get_many(item.document_ids))
    if not docs:
        raise KuaibaoError(phrases.ITEM_NO_DOCUMENTS(id=item.id))
    taxonomy = ctx.taxonomy()
    story = StoryInput(
        documents=docs,
        domain=item.domain or taxonomy.fallback_domain,
        section=item.section or taxonomy.section_names[-1],
        reference=next((d.published_at.date() for d in docs if d.published_at), None),
    )
    with writer:
        proposal = rewrite_paragraph(
            writer,
            story,
            item,
            number - 1,
            gazetteer=ctx.gazetteer(),
            glossary=dict(ctx.store.glossary.all()),
            archive=archive_items(ctx.store),
        )
    start = paragraph_start(item.title, item.body, number - 1)
    progress(1, 1)
    return {
        "item": item.id,
        "paragraph": number,
        "version": item.version,
        "original": item.body[number - 1],
        "text": proposal.paragraph,
        "unsupported": [
            {**u.as_dict(), "start": u.start - start, "end": u.end - start}
            for u in proposal.unsupported
        ],
        "rounds": proposal.rounds,
        "writer": writer.name,
        "key_sentences": proposal.key_sentences,
    }


KINDS: dict[str, JobFunction] = {
    DRAFT_STORY: run_draft_story,
    DRAFT_ACCEPTED: run_draft_accepted,
    REWRITE_PARAGRAPH: run_rewrite_paragraph,
}


def kind_function(kind: str) -> JobFunction:
    try:
        return KINDS[kind]
    except KeyError:
        raise KuaibaoError(
            f"unknown job kind {kind!r}; known: {', '.join(sorted(KINDS))}"
        ) from None
