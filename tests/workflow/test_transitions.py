"""The item workflow's table: approval only after submission, nothing after publication."""

from __future__ import annotations

import pytest

from kuaibao.domain import ItemState
from kuaibao.errors import ReviewError
from kuaibao.workflow.transitions import TRANSITIONS, Action, allowed_actions, next_state


def test_the_happy_path_runs_draft_to_published() -> None:
    state = ItemState.DRAFT
    for action in (Action.SUBMIT, Action.APPROVE, Action.PUBLISH):
        state = next_state(1, state, action)
    assert state is ItemState.PUBLISHED


def test_approval_needs_a_submitted_item() -> None:
    assert allowed_actions(ItemState.DRAFT) >= {Action.SUBMIT}
    assert Action.APPROVE not in allowed_actions(ItemState.DRAFT)
    with pytest.raises(ReviewError, match=r"item 7 is draft.*submit it first.*items submit 7"):
        next_state(7, ItemState.DRAFT, Action.APPROVE)


@pytest.mark.parametrize("action", list(Action))
def test_a_published_item_never_moves(action: Action) -> None:
    assert allowed_actions(ItemState.PUBLISHED) == frozenset()
    with pytest.raises(ReviewError, match="item 3 is published"):
        next_state(3, ItemState.PUBLISHED, action)


def test_changed_text_is_reviewed_again() -> None:
    assert next_state(1, ItemState.APPROVED, Action.EDIT) is ItemState.IN_REVIEW
    assert next_state(1, ItemState.IN_REVIEW, Action.EDIT) is ItemState.IN_REVIEW
    for state in (ItemState.DRAFT, ItemState.IN_REVIEW, ItemState.APPROVED):
        assert next_state(1, state, Action.REDRAFT) is ItemState.DRAFT


def test_every_refusal_says_what_would_be_allowed() -> None:
    for state in ItemState:
        for action in Action:
            if (state, action) in TRANSITIONS:
                continue
            with pytest.raises(ReviewError) as caught:
                next_state(None, state, action)
            message = str(caught.value)
            assert f"cannot {action.value} it: " in message
            assert message.split(": ", 1)[1].strip(), message
