"""Review: approval is gated by the fact check; overrides need a reason and are recorded."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from kuaibao.domain import Item, ItemState
from kuaibao.errors import ConflictError, ReviewError
from kuaibao.store import Store
from kuaibao.workflow.items import approve, submit
from tests.triage.corpus import DAY0, GRANT, document

NOW = DAY0 + timedelta(days=1)
GOOD = "2026年11月12日，英国研究与创新署宣布投资1.2亿英镑建设五个量子计算中心，培养400名研究人员。"
BAD = "2026年11月12日，英国研究与创新署宣布投资1.5亿英镑建设五个量子计算中心，培养400名研究人员。"


def _item(store: Store, body: str, *, submitted: bool = True) -> Item:
    """An item with one source document, submitted for review unless told otherwise."""
    ((doc, _),) = store.documents.add_many(
        [document(*GRANT[0], "https://agency.example/q", source_id=None)]
    )
    assert doc.id is not None
    item = Item(
        title="英国投资量子计算中心",
        body=[body],
        domain="量子技术",
        section="科技政策与科研计划",
        document_ids=[doc.id],
    )
    stored = store.items.add(item, now=NOW)
    assert stored.id is not None
    return submit(store, stored.id, now=NOW, editor="ana") if submitted else stored


def test_a_draft_whose_facts_check_out_is_approved(store: Store) -> None:
    item = _item(store, GOOD, submitted=False)
    assert item.id is not None
    submitted = submit(store, item.id, now=NOW, editor="ana")
    assert submitted.state is ItemState.IN_REVIEW
    approved, result = approve(store, item.id, now=NOW, editor="ed")
    assert approved.state is ItemState.APPROVED
    assert result is not None and result.ok
    assert store.items.history(item.id)[-1]["note"] == "approved; fact check passed"


def test_an_unsupported_sum_blocks_approval_with_its_position(store: Store) -> None:
    item = _item(store, BAD)
    assert item.id is not None
    with pytest.raises(ReviewError) as caught:
        approve(store, item.id, now=NOW, editor="ed")
    found = caught.value.unsupported
    assert [(u["text"], u["kind"]) for u in found] == [("1.5亿英镑", "money")]
    offset = len(item.title) + 1  # the check reads title, newline, body
    assert found[0]["start"] == offset + BAD.index("1.5亿英镑")
    assert store.items.get(item.id).state is ItemState.IN_REVIEW  # nothing changed


def test_an_override_needs_a_reason_and_is_kept_in_history(store: Store) -> None:
    item = _item(store, BAD)
    assert item.id is not None
    with pytest.raises(ReviewError):
        approve(store, item.id, now=NOW, override="   ")
    approved, _ = approve(store, item.id, now=NOW, editor="ed", override="figure from a call")
    assert approved.state is ItemState.APPROVED
    note = store.items.history(item.id)[-1]["note"]
    assert "1.5亿英镑" in note and "figure from a call" in note


def test_fixing_the_draft_lets_it_through(store: Store) -> None:
    item = _item(store, BAD)
    assert item.id is not None
    store.items.update(replace(item, body=[GOOD]), now=NOW, editor="ana")
    approved, _ = approve(store, item.id, now=NOW)
    assert approved.state is ItemState.APPROVED


def test_approving_text_someone_changed_since_is_a_conflict(store: Store) -> None:
    item = _item(store, GOOD)
    assert item.id is not None
    store.items.update(replace(item, title="新标题"), now=NOW, editor="other")
    with pytest.raises(ConflictError):
        approve(store, item.id, now=NOW, version=item.version)


def test_an_imported_item_has_nothing_to_check_and_passes_with_a_note(store: Store) -> None:
    item = store.items.add(Item(title="旧条目", body=["2020年投资5亿元。"]), now=NOW)
    assert item.id is not None
    submit(store, item.id, now=NOW)
    approved, result = approve(store, item.id, now=NOW)
    assert result is None and approved.state is ItemState.APPROVED
    with pytest.raises(ReviewError, match="approved already"):
        approve(store, item.id, now=NOW)
    with pytest.raises(ReviewError, match="approved already"):
        submit(store, item.id, now=NOW)


def test_a_draft_nobody_submitted_cannot_be_approved(store: Store) -> None:
    item = _item(store, GOOD, submitted=False)
    assert item.id is not None
    with pytest.raises(ReviewError, match="submit it first"):
        approve(store, item.id, now=NOW, editor="ed", override="even with a reason")
    assert store.items.get(item.id).state is ItemState.DRAFT
