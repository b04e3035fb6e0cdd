"""Rewriting a paragraph from the sources: asking for it (a background job) and accepting it.

The model works in the background (``jobs.kinds.REWRITE_PARAGRAPH``); the request only
checks what can be refused at once (no model configured, an item that cannot change, a
version someone has saved over, a paragraph that does not exist) and answers with the
job. The result is a proposal: accepting it replaces that paragraph in the text the
analyst has now (their unsaved typing included) and saves it under the item's usual
version rule, so nobody's edit is overwritten unseen. If the paragraph was changed since
the rewrite was asked for, accepting is refused and nothing is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from pydantic import BaseModel, Field

from kuaibao import phrases
from kuaibao.domain import Item, User
from kuaibao.errors import ConflictError, KuaibaoError, NotFoundError
from kuaibao.jobs.kinds import REWRITE_PARAGRAPH
from kuaibao.store import Job, JobState, Store
from kuaibao.web.core.state import AppState
from kuaibao.web.items.changes import Version, save_edit
from kuaibao.web.items.editing import EditRejectedError, ItemFields
from kuaibao.web.triage.changes import check_writer
from kuaibao.workflow.transitions import Action, next_state

MAX_PARAGRAPH = 500  # the API's bound on a paragraph number


class RewriteNotReadyError(ConflictError):
    """The rewrite has not finished (or failed): there is nothing to accept yet."""


class RewriteIn(BaseModel):
    version: Version


class AcceptIn(BaseModel):
    version: Version
    job: int = Field(ge=1, le=2_147_483_647, description="The finished rewrite job")


def start_rewrite(state: AppState, item_id: int, number: int, version: int, *, user: User) -> Job:
    """Queue the rewrite of paragraph ``number`` (from 1) of the item as saved at
    ``version``. Refused at once, as conflicts with the state of things (409): no model
    configured, a published item, an item changed since ``version``; 404 for a
    paragraph the item does not have."""
    try:
        check_writer(state.settings, use_llm=True)
    except KuaibaoError as exc:
        raise ConflictError(str(exc)) from exc
    item = state.store.items.get(item_id)
    try:
        next_state(item_id, item.state, Action.EDIT)
    except KuaibaoError as exc:
        raise ConflictError(str(exc)) from exc
    if item.version != version:
        raise ConflictError(
            phrases.CHANGED_MEANWHILE(id=item_id, current=item.version, seen=version)
        )
    if not 1 <= number <= len(item.body):
        raise NotFoundError(phrases.NO_SUCH_PARAGRAPH(id=item_id, n=number))
    params = {"item": item_id, "paragraph": number, "version": version}
    return state.jobs.submit(REWRITE_PARAGRAPH, params, created_by=user.name)


def rewrite_job(store: Store, item_id: int, job_id: int) -> Job:
    """The rewrite job ``job_id`` of this item; 404 for any other job."""
    job = store.jobs.get(job_id)
    if job.kind != REWRITE_PARAGRAPH or job.params.get("item") != item_id:
        raise NotFoundError(phrases.REWRITE_NOT_FOR_ITEM(job=job_id, id=item_id))
    return job


def proposal(job: Job) -> dict[str, Any]:
    """A finished rewrite's result; refused (409) while the job has not ended well."""
    if job.state is not JobState.DONE or not isinstance(job.result, dict):
        raise RewriteNotReadyError(phrases.REWRITE_NOT_DONE(job=job.id))
    return job.result


def with_rewrite(body: Sequence[str], number: int, original: str, text: str) -> list[str]:
    """``body`` with the paragraph ``original`` replaced by ``text``: the one at
    ``number`` if it is still there, else the only paragraph equal to it (the analyst
    may have added or removed paragraphs above it). Refused when it was changed."""
    index = number - 1
    if 0 <= index < len(body) and body[index] == original:
        at = index
    else:
        same = [n for n, para in enumerate(body) if para == original]
        if len(same) != 1:
            raise EditRejectedError(phrases.PARAGRAPH_CHANGED(n=number))
        at = same[0]
    return [*body[:at], text, *body[at + 1 :]]


def accept_rewrite(
    state: AppState, item_id: int, job_id: int, version: int, fields: ItemFields, *, editor: str
) -> Item:
    """Save ``fields`` (the editor's text, or the stored item's) with the rewritten
    paragraph in place, as an edit made on ``version``."""
    result = proposal(rewrite_job(state.store, item_id, job_id))
    number = int(result["paragraph"])
    body = with_rewrite(fields.body, number, str(result["original"]), str(result["text"]))
    note = phrases.REWRITE_ACCEPTED(n=number, writer=result.get("writer") or "llm")
    saved, _ = save_edit(
        state, item_id, version, replace(fields, body=body), editor=editor, note=note
    )
    return saved
