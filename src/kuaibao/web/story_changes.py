"""What the triage queue and the story view change: decisions and drafts.

The same library calls as ``kuaibao triage accept|reject|relabel|draft``
(``store.stories.decide``, ``pipeline.drafting.draft_story``, the latter as a background
job: ``start_draft``); the routes in
``web.routes.triage`` and ``web.routes.stories`` parse the request and call these.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from kuaibao import phrases
from kuaibao.classify.taxonomy import Taxonomy
from kuaibao.config import Settings
from kuaibao.domain import Story, TriageAction, TriageDecision, User
from kuaibao.draft.llm import writer_from_settings
from kuaibao.errors import ConflictError, KuaibaoError
from kuaibao.jobs.kinds import DRAFT_STORY
from kuaibao.jobs.runner import JobRunner
from kuaibao.store import Job, JobState, Store
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


def check_writer(settings: Settings, *, use_llm: bool) -> None:
    """Refuse an LLM draft at once (400) when no LLM is configured, rather than letting
    the background job fail a moment later."""
    if use_llm and writer_from_settings(settings) is None:
        raise KuaibaoError(phrases.LLM_NOT_CONFIGURED())


def start_draft(
    store: Store, settings: Settings, jobs: JobRunner, story_id: int, *, use_llm: bool, user: User
) -> Job:
    """Queue the drafting of one story (the runner does the work): refused at once for a
    missing story (404), one that already has an item or a draft under way (409), or an
    unconfigured LLM (400)."""
    story = store.stories.get(story_id)
    if story.item_id is not None:
        raise ConflictError(f"story {story_id} already has item {story.item_id}")
    pending = [
        job
        for state in (JobState.QUEUED, JobState.RUNNING)
        for job in store.jobs.in_state(state)
        if job.kind == DRAFT_STORY and job.params.get("story") == story_id
    ]
    if pending:  # a second click while the first draft is being written
        raise ConflictError(f"story {story_id} is being drafted already (job {pending[0].id})")
    check_writer(settings, use_llm=use_llm)
    return jobs.submit(DRAFT_STORY, {"story": story_id, "llm": use_llm}, created_by=user.name)
