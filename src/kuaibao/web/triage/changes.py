"""What the triage queue and the story view change: decisions and drafts.

The same library calls as ``kuaibao triage accept|reject|relabel|draft``
(``workflow.stories.decide``, ``pipeline.drafting.draft_story``, the latter as a background
job: ``start_draft``); the routes in
``web.triage.pages`` and ``web.triage.stories`` parse the request and call these.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from kuaibao import phrases
from kuaibao.classify.taxonomy import Taxonomy
from kuaibao.config import Settings
from kuaibao.domain import Story, TriageAction, User
from kuaibao.draft.llm import writer_from_settings
from kuaibao.errors import ConflictError, KuaibaoError
from kuaibao.jobs.kinds import DRAFT_STORY
from kuaibao.jobs.runner import JobRunner
from kuaibao.store import Job, JobState, Store
from kuaibao.web.core.schemas import Label
from kuaibao.workflow import stories as workflow

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
    return workflow.decide(
        store,
        taxonomy,
        story_id,
        workflow.Decision(decision.action, decision.domain, decision.section, user=user),
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
    workflow.refuse_second_item(store.stories.get(story_id))
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
