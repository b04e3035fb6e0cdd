"""What the triage queue and the story view change: decisions and drafts.

The same library calls as ``kuaibao triage accept|reject|relabel|draft``
(``store.stories.decide``, ``pipeline.drafting.draft_story``); the routes in
``web.routes.triage`` and ``web.routes.stories`` parse the request and call these.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from kuaibao.classify.taxonomy import Taxonomy
from kuaibao.config import Settings
from kuaibao.domain import Story, TriageAction, TriageDecision, User
from kuaibao.errors import ConflictError, KuaibaoError
from kuaibao.pipeline.drafting import DraftOutcome, draft_story
from kuaibao.store import Store
from kuaibao.web.catalogs import gazetteer_for, taxonomy_for
from kuaibao.web.schemas import Label

DECISION_TEXT = 4_000  # characters of the lead report kept with a decision (as the CLI)


# --- decisions -------------------------------------------------------------------------


class DecisionIn(BaseModel):
    """Accept, reject or relabel; ``domain`` and ``section`` are taxonomy names or aliases."""

    action: TriageAction
    domain: Label | None = None
    section: Label | None = None


def decide(
    store: Store,
    taxonomy: Taxonomy,
    story_id: int,
    decision: DecisionIn,
    *,
    user: str,
    now: datetime,
) -> Story:
    """Record the decision (a training label for the classifier) and apply it, as
    ``kuaibao triage accept|reject|relabel`` does. Unknown labels are refused (400)."""
    story = store.stories.get(story_id)  # no such story: 404, whatever the labels
    domain = section = None
    if decision.action is not TriageAction.REJECT:
        if decision.domain is not None:
            domain = taxonomy.domain(decision.domain)
            if domain is None:
                known = ", ".join(taxonomy.domain_names)
                raise KuaibaoError(f"unknown domain {decision.domain!r}; known: {known}")
        if decision.section is not None:
            section = taxonomy.section(decision.section)
            if section is None:
                known = ", ".join(taxonomy.section_names)
                raise KuaibaoError(f"unknown section {decision.section!r}; known: {known}")
    if decision.action is TriageAction.RELABEL and domain is None and section is None:
        raise KuaibaoError("relabelling needs a domain and/or a section")
    lead = store.documents.get(story.lead_document_id) if story.lead_document_id else None
    return store.stories.decide(
        TriageDecision(
            story_id=story_id,
            action=decision.action,
            title=lead.title if lead else story.title,
            text=lead.text[:DECISION_TEXT] if lead else "",
            domain=domain,
            section=section,
            user=user,
        ),
        now=now,
    )


# --- drafting --------------------------------------------------------------------------


class DraftIn(BaseModel):
    llm: bool = Field(
        default=False, description="Use the configured LLM writer (else the offline one)"
    )


class UnsupportedOut(BaseModel):
    kind: str
    text: str
    start: int
    end: int


class CheckOut(BaseModel):
    """The fact check of the draft against the story's reports."""

    ok: bool
    unsupported: list[UnsupportedOut]


class DraftOut(BaseModel):
    """The item drafted from the story (open it at ``/items/{item}``)."""

    item: int
    story: int
    writer: str
    note: str | None
    check: CheckOut | None


def draft(
    store: Store,
    settings: Settings,
    story_id: int,
    *,
    use_llm: bool,
    user: User,
    now: datetime,
) -> DraftOutcome:
    """Write, check and store an item for the story (and accept it), once per story: a
    second click must not leave two items for one event. The item is credited to ``user``
    (their display name on the 供稿 line)."""
    story = store.stories.get(story_id)
    if story.item_id is not None:
        raise ConflictError(f"story {story_id} already has item {story.item_id}")
    return draft_story(
        store,
        story_id,
        settings=settings,
        taxonomy=taxonomy_for(settings),
        gazetteer=gazetteer_for(store, settings),
        glossary=dict(store.glossary.all()),
        now=now,
        use_llm=use_llm,
        drafter=user,
    )


def draft_out(story_id: int, outcome: DraftOutcome) -> DraftOut:
    check = outcome.check
    return DraftOut(
        item=outcome.item.id or 0,
        story=story_id,
        writer=outcome.writer,
        note=outcome.note,
        check=CheckOut(
            ok=check.ok,
            unsupported=[
                UnsupportedOut(kind=u.kind, text=u.text, start=u.start, end=u.end)
                for u in check.unsupported
            ],
        )
        if check
        else None,
    )
