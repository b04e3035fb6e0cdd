"""Stories: one decision rule for every face, and one item per story, stored atomically."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest

from kuaibao.classify.taxonomy import load_taxonomy
from kuaibao.config import Settings
from kuaibao.domain import Item, StoryState, TriageAction
from kuaibao.errors import ConflictError, KuaibaoError, NotFoundError
from kuaibao.facts import load_gazetteer
from kuaibao.pipeline.drafting import draft_story
from kuaibao.pipeline.stories import cluster_new_documents
from kuaibao.store import Store
from kuaibao.workflow.stories import Decision, add_draft, decide, refuse_second_item
from kuaibao.workflow.transitions import STORY_TRANSITIONS, StoryStep
from tests.triage.corpus import DAY0, GRANT, document, sources

NOW = DAY0 + timedelta(days=1)
TAXONOMY = load_taxonomy()


def _story(store: Store, data_dir: Path) -> int:
    store.sources.upsert_many(sources(), now=NOW)
    ids = {s.name: s.id for s in store.sources.all()}
    store.documents.add_many(
        [
            document(*GRANT[0], "https://agency.example/q", source_id=ids["Agency"]),
            document(*GRANT[1], "https://wire.example/q", source_id=ids["Wire"], day=1),
        ]
    )
    cluster_new_documents(store, data_dir, now=NOW, taxonomy=TAXONOMY)
    (story,) = store.stories.find()
    return story.id


def _item(n: int) -> Item:
    return Item(title=f"条目{n}", body=["正文。"], domain="量子技术", section="产业动态")


def test_decisions_follow_the_table_and_keep_the_lead_report(store: Store, tmp_path: Path) -> None:
    story_id = _story(store, tmp_path)
    accepted = decide(store, TAXONOMY, story_id, Decision(TriageAction.ACCEPT, user="ana"), now=NOW)
    assert accepted.state is STORY_TRANSITIONS[(StoryState.NEW, StoryStep.ACCEPT)]
    relabelled = decide(
        store, TAXONOMY, story_id, Decision(TriageAction.RELABEL, domain="半导体"), now=NOW
    )
    assert (relabelled.state, relabelled.domain) == (StoryState.ACCEPTED, "半导体")
    rejected = decide(store, TAXONOMY, story_id, Decision(TriageAction.REJECT), now=NOW)
    assert rejected.state is StoryState.REJECTED
    kept = store.stories.decisions()
    assert [d.action for d in kept] == [
        TriageAction.ACCEPT,
        TriageAction.RELABEL,
        TriageAction.REJECT,
    ]
    assert kept[0].user == "ana" and kept[0].text and len(kept[0].text) <= 4_000


def test_bad_decisions_are_refused_and_change_nothing(store: Store, tmp_path: Path) -> None:
    story_id = _story(store, tmp_path)
    with pytest.raises(KuaibaoError, match=r"unknown domain 'nowhere'; known: .*半导体"):
        decide(store, TAXONOMY, story_id, Decision(TriageAction.ACCEPT, domain="nowhere"), now=NOW)
    with pytest.raises(KuaibaoError, match="needs a domain and/or a section"):
        decide(store, TAXONOMY, story_id, Decision(TriageAction.RELABEL), now=NOW)
    with pytest.raises(NotFoundError):
        decide(store, TAXONOMY, story_id + 99, Decision(TriageAction.ACCEPT), now=NOW)
    assert store.stories.get(story_id).state is StoryState.NEW
    assert store.stories.decisions() == []


def test_a_second_draft_that_passed_the_early_check_stores_nothing(
    store: Store, tmp_path: Path
) -> None:
    """The orphan bug: two drafters both see no item, both write; the later one's item
    used to be stored and then left unlinked. Now its store and link are one transaction."""
    story_id = _story(store, tmp_path)
    refuse_second_item(store.stories.get(story_id))  # both drafters pass this check...
    first = add_draft(store, story_id, _item(1), now=NOW, editor="ana")  # ...one lands first
    with pytest.raises(ConflictError, match=f"already has item {first.id}"):
        add_draft(store, story_id, _item(2), now=NOW, editor="bo")
    assert [i.id for i in store.items.find()] == [first.id], "no orphaned second item"
    story = store.stories.get(story_id)
    assert (story.item_id, story.state) == (first.id, StoryState.ACCEPTED)


def test_drafting_at_once_from_several_threads_leaves_one_linked_item(
    store: Store, tmp_path: Path
) -> None:
    story_id = _story(store, tmp_path)
    settings = Settings(data_dir=tmp_path)
    gazetteer = load_gazetteer()

    def draft(_: int) -> int | str:
        try:
            outcome = draft_story(
                store, story_id, settings=settings, taxonomy=TAXONOMY, gazetteer=gazetteer, now=NOW
            )
        except ConflictError as exc:
            return str(exc)
        return outcome.item.id or 0

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(draft, range(4)))
    made = [r for r in results if isinstance(r, int)]
    assert len(made) == 1, results
    assert all("already has item" in r for r in results if isinstance(r, str))
    assert [i.id for i in store.items.find()] == made
    assert store.stories.get(story_id).item_id == made[0]
