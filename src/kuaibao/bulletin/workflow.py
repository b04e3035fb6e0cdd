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

# What to do instead, for the refusals people actually meet.
_HINTS: dict[tuple[ItemState, Action], str] = {
    (_D, Action.APPROVE): "it has not been submitted for review; submit it first "
    "(`kuaibao items submit {id}`, or Submit on its page)",
    (_A, Action.APPROVE): "it is approved already",
    (_P, Action.APPROVE): "a published item never changes; correct its bulletin instead",
    (_R, Action.SUBMIT): "it is in review already",
    (_A, Action.SUBMIT): "it is approved already",
    (_P, Action.EDIT): "a published item never changes; correct its bulletin instead",
    (_P, Action.REDRAFT): "a published item never changes; correct its bulletin instead",
    (_D, Action.PUBLISH): "submit it and have an editor approve it first",
    (_R, Action.PUBLISH): "an editor must approve it first",
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
    default = f"{action.value} needs an item that is {' or '.join(allowed)}"
    hint = _HINTS.get((state, action), default)
    raise ReviewError(
        f"item {item_id} is {state.value}; cannot {action.value} it: "
        + hint.format(id=item_id if item_id is not None else "ID")
    )
