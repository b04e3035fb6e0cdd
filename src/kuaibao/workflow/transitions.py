"""The workflow's rules as data: which step moves a story, an item or a bulletin where.

Items::

    draft ──submit──▶ in_review ──approve──▶ approved ──publish──▶ published
      ▲                  │  ▲                    │
      └────redraft───────┘  └──────edit──────────┘   (edit and redraft: any unpublished)

Stories: any decision may be changed (accept, reject; relabel keeps the state), and
drafting takes a new story (``STORY_TRANSITIONS``); a story keeps one item, which the
workflow checks when it links one. Bulletins: an open issue is composed and published;
a published one never changes, a correction is a new open revision whose item copies
start approved (``BULLETIN_TRANSITIONS``).

The tables are the one rule. The command line, the web pages, the JSON API and the jobs
all change state through ``kuaibao.workflow``, which asks ``next_state`` (and its story
and bulletin twins) here; the pages ask ``allowed_actions`` to decide which buttons to
show. So an editor cannot approve a draft nobody submitted from any of them, and a new
rule (say, a second reviewer) is one line in ``TRANSITIONS``.
"""

from __future__ import annotations

from enum import StrEnum

from kuaibao import phrases
from kuaibao.domain import BulletinState, ItemState, StoryState, TriageAction
from kuaibao.errors import ConflictError, ReviewError


class Action(StrEnum):
    """Something a person (or the publishing of a bulletin) does to an item."""

    SUBMIT = "submit"
    APPROVE = "approve"
    EDIT = "edit"
    REDRAFT = "redraft"
    PUBLISH = "publish"


_D, _R, _A, _P = ItemState.DRAFT, ItemState.IN_REVIEW, ItemState.APPROVED, ItemState.PUBLISHED

TRANSITIONS: dict[tuple[ItemState, Action], ItemState] = {
    (_D, Action.SUBMIT): _R,
    (_R, Action.APPROVE): _A,
    (_A, Action.PUBLISH): _P,
    # Editing keeps a draft a draft and an item in review in review; approved text that
    # changes needs approving again.
    (_D, Action.EDIT): _D,
    (_R, Action.EDIT): _R,
    (_A, Action.EDIT): _R,
    # New text from a writer has not been reviewed by anyone.
    (_D, Action.REDRAFT): _D,
    (_R, Action.REDRAFT): _D,
    (_A, Action.REDRAFT): _D,
}

# What to do instead, for the refusals people actually meet (phrases, so the web app
# shows them in the reader's language).
_HINTS: dict[tuple[ItemState, Action], phrases.Phrase] = {
    (_D, Action.APPROVE): phrases.HINT_NOT_SUBMITTED,
    (_A, Action.APPROVE): phrases.HINT_APPROVED_ALREADY,
    (_P, Action.APPROVE): phrases.HINT_PUBLISHED,
    (_R, Action.SUBMIT): phrases.HINT_IN_REVIEW_ALREADY,
    (_A, Action.SUBMIT): phrases.HINT_APPROVED_ALREADY,
    (_P, Action.EDIT): phrases.HINT_PUBLISHED,
    (_P, Action.REDRAFT): phrases.HINT_PUBLISHED,
    (_D, Action.PUBLISH): phrases.HINT_SUBMIT_AND_APPROVE,
    (_R, Action.PUBLISH): phrases.HINT_APPROVE_FIRST,
}


def allowed_actions(state: ItemState) -> frozenset[Action]:
    """What may be done to an item in ``state`` (roles aside)."""
    return frozenset(action for (origin, action) in TRANSITIONS if origin is state)


def next_state(item_id: int | None, state: ItemState, action: Action) -> ItemState:
    """The state ``action`` moves an item in ``state`` to; ReviewError, saying why and what
    to do instead, when the workflow does not allow it."""
    found = TRANSITIONS.get((state, action))
    if found is not None:
        return found
    allowed = sorted(origin.value for (origin, a) in TRANSITIONS if a is action)
    shown_id = item_id if item_id is not None else "ID"
    hint = _HINTS.get((state, action))
    reason = (
        hint(id=shown_id)
        if hint is not None
        else phrases.HINT_NEEDS_STATE(action=action.value, allowed=" or ".join(allowed))
    )
    raise ReviewError(
        phrases.WORKFLOW_REFUSED(id=shown_id, state=state.value, action=action.value, hint=reason)
    )


# --- stories -----------------------------------------------------------------------------


class StoryStep(StrEnum):
    """What an analyst does to a story: one of the triage decisions, or drafting it."""

    ACCEPT = TriageAction.ACCEPT.value
    REJECT = TriageAction.REJECT.value
    RELABEL = TriageAction.RELABEL.value
    DRAFT = "draft"


_N, _AC, _RJ = StoryState.NEW, StoryState.ACCEPTED, StoryState.REJECTED

STORY_TRANSITIONS: dict[tuple[StoryState, StoryStep], StoryState] = {
    **{(s, StoryStep.ACCEPT): _AC for s in StoryState},
    **{(s, StoryStep.REJECT): _RJ for s in StoryState},
    **{(s, StoryStep.RELABEL): s for s in StoryState},
    # Drafting takes a waiting story; a decided one keeps its decision.
    (_N, StoryStep.DRAFT): _AC,
    (_AC, StoryStep.DRAFT): _AC,
    (_RJ, StoryStep.DRAFT): _RJ,
}


def story_next_state(story_id: int | None, state: StoryState, step: StoryStep) -> StoryState:
    """The state ``step`` moves a story in ``state`` to; ConflictError when not allowed."""
    found = STORY_TRANSITIONS.get((state, step))
    if found is None:
        raise ConflictError(f"story {story_id} is {state.value}: cannot {step.value} it")
    return found


# --- bulletins ---------------------------------------------------------------------------


class BulletinStep(StrEnum):
    """What an editor does to a bulletin."""

    COMPOSE = "compose"  # add, remove, order or re-file items
    PUBLISH = "publish"
    CORRECT = "correct"  # open a new revision of a published issue


BULLETIN_TRANSITIONS: dict[tuple[BulletinState, BulletinStep], BulletinState] = {
    (BulletinState.OPEN, BulletinStep.COMPOSE): BulletinState.OPEN,
    (BulletinState.OPEN, BulletinStep.PUBLISH): BulletinState.PUBLISHED,
    # The published issue stays as it is; the *new revision* starts open.
    (BulletinState.PUBLISHED, BulletinStep.CORRECT): BulletinState.OPEN,
}

CORRECTION_ITEM_STATE = ItemState.APPROVED
"""Items copied into a correction were approved once; they start approved again."""

_BULLETIN_HINTS: dict[tuple[BulletinState, BulletinStep], str] = {
    (BulletinState.PUBLISHED, BulletinStep.COMPOSE): (
        "bulletin {id} is published and cannot change; open a correction to make a new revision"
    ),
    (BulletinState.OPEN, BulletinStep.CORRECT): "bulletin {id} is still open; edit it directly",
}


def bulletin_next_state(
    bulletin_id: int | None, state: BulletinState, step: BulletinStep
) -> BulletinState:
    """The state ``step`` moves a bulletin in ``state`` to; ConflictError, saying what to
    do instead, when not allowed (publishing twice has its own phrase)."""
    found = BULLETIN_TRANSITIONS.get((state, step))
    if found is not None:
        return found
    if (state, step) == (BulletinState.PUBLISHED, BulletinStep.PUBLISH):
        raise ConflictError(phrases.BULLETIN_PUBLISHED_ALREADY(id=bulletin_id))
    hint = _BULLETIN_HINTS.get(
        (state, step), "bulletin {id} is " + state.value + ": cannot " + step.value + " it"
    )
    raise ConflictError(hint.format(id=bulletin_id))
