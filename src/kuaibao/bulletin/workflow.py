"""The item workflow: which action moves an item from which state to which, kept as data.

::

    draft ──submit──▶ in_review ──approve──▶ approved ──publish──▶ published
      ▲                  │  ▲                    │
      └────redraft───────┘  └──────edit──────────┘   (edit and redraft: any unpublished)

The table is the one rule. The command line, the web pages and the JSON API all change
an item's state through ``draft.review``, ``pipeline.drafting`` and the web's item
changes, which ask ``next_state`` here; the pages ask ``allowed_actions`` to decide which
buttons to show. So an editor cannot approve a draft nobody submitted from any of the
three, and a new rule (say, a second reviewer) is one line in ``TRANSITIONS``.
"""

from __future__ import annotations

from enum import StrEnum

from kuaibao import phrases
from kuaibao.domain import ItemState
from kuaibao.errors import ReviewError


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
