"""The story repository: summaries, links, decisions, ranked pages, tiers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kuaibao.domain import Ranking, Story, StoryState, TriageAction, TriageDecision
from kuaibao.errors import NotFoundError
from kuaibao.store import Store, StoryLink
from tests.triage.corpus import CHIP, DAY0, GRANT, SPORT, document, sources

NOW = DAY0 + timedelta(days=1)


def _setup(store: Store) -> list[int]:
    store.sources.upsert_many(sources(), now=NOW)
    by_name = {s.name: s.id for s in store.sources.all()}
    docs = store.documents.add_many(
        [
            document(*GRANT[0], "https://agency.example/a", source_id=by_name["Agency"]),
            document(*GRANT[1], "https://wire.example/b", source_id=by_name["Wire"]),
            document(*CHIP, "https://agg.example/c", source_id=by_name["Aggregator"]),
            document(*SPORT, "https://x.example/d", source_id=None),
        ]
    )
    ids = [d.id for d, _ in docs]
    assert all(i is not None for i in ids)
    return [int(i) for i in ids if i is not None]


def _story(story_id: int, docs: list[int], **kw: object) -> Story:
    fields: dict[str, object] = {
        "id": story_id,
        "title": f"story {story_id}",
        "document_ids": docs,
        "first_seen": DAY0,
        "last_seen": DAY0,
        "lead_document_id": docs[0],
        "size": len(docs),
        "domain": "量子技术",
        "section": "科技政策与科研计划",
        "relevance": 0.8,
    }
    fields.update(kw)
    return Story(**fields)  # type: ignore[arg-type]


def _save(store: Store, ids: list[int]) -> None:
    links = [
        StoryLink(ids[0], 1),
        StoryLink(ids[1], 1, None, 0.7),
        StoryLink(ids[2], 2),
        StoryLink(ids[3], 3),
    ]
    stories = [
        _story(1, ids[:2], sources=2),
        _story(2, [ids[2]], domain="半导体"),
        _story(3, [ids[3]], domain="无关", section=None, relevance=0.1),
    ]
    store.stories.save(links, stories, now=NOW)


def test_saved_stories_come_back_with_their_documents(store: Store) -> None:
    ids = _setup(store)
    assert store.stories.unclustered() == ids
    _save(store, ids)
    assert store.stories.unclustered() == []
    got = store.stories.get(1)
    assert got.document_ids == ids[:2] and got.sources == 2 and got.state is StoryState.NEW
    assert [s.id for s in store.stories.existing([3, 99, 1])] == [3, 1]
    assert store.stories.link_count() == 4
    with pytest.raises(NotFoundError, match="no story with id 99"):
        store.stories.get(99)


def test_best_tier_comes_from_the_best_registered_source(store: Store) -> None:
    ids = _setup(store)
    _save(store, ids)
    assert store.stories.best_tiers([1, 2, 3]) == {1: 1, 2: 3, 3: 3}


def test_ranked_pages_follow_the_stored_score_and_filters(store: Store) -> None:
    ids = _setup(store)
    _save(store, ids)
    ranked = Ranking(signals={"tier": 0.6}, reasons=("a",), suggest_focus=True)
    store.stories.save_ranks([(1, 80.0, ranked), (2, 90.0, Ranking()), (3, 10.0, Ranking())])
    assert [s.id for s in store.stories.ranked()] == [2, 1, 3]
    assert [s.id for s in store.stories.ranked(domain="量子技术")] == [1]
    assert [s.id for s in store.stories.ranked(min_relevance=0.5, limit=1)] == [2]
    assert [s.id for s in store.stories.ranked(offset=1, limit=1)] == [1]
    assert store.stories.get(1).ranking == ranked
    assert store.stories.get(2).ranking == Ranking()


def test_stories_are_counted_by_domain_for_a_state_and_a_time(store: Store) -> None:
    ids = _setup(store)
    links = [StoryLink(doc, n) for n, doc in enumerate(ids, start=1)]
    stories = [
        _story(1, [ids[0]], last_seen=DAY0 + timedelta(days=2)),
        _story(2, [ids[1]], last_seen=DAY0 + timedelta(days=3)),
        _story(3, [ids[2]], domain="半导体", last_seen=DAY0 + timedelta(days=3)),
        _story(4, [ids[3]], domain=None, last_seen=DAY0),
    ]
    store.stories.save(links, stories, now=NOW)
    assert store.stories.count_by_domain() == {"量子技术": 2, "半导体": 1, None: 1}
    since = DAY0 + timedelta(days=2)
    assert store.stories.count_by_domain(since=since) == {"量子技术": 2, "半导体": 1}
    store.stories.decide(
        TriageDecision(story_id=2, action=TriageAction.REJECT, title="t", text=""), now=NOW
    )
    new = store.stories.count_by_domain(states=[StoryState.NEW], since=since)
    assert new == {"量子技术": 1, "半导体": 1}


def test_decisions_are_kept_and_protect_the_analysts_labels(store: Store) -> None:
    ids = _setup(store)
    _save(store, ids)
    relabel = TriageDecision(2, TriageAction.RELABEL, "t", "x", domain="信息技术", user="ana")
    assert store.stories.decide(relabel, now=NOW).domain == "信息技术"
    reject = TriageDecision(3, TriageAction.REJECT, "Cup final", "football", user="ana")
    assert store.stories.decide(reject, now=NOW).state is StoryState.REJECTED
    # A later clustering pass refreshes the summary but keeps the analyst's label and state.
    store.stories.save([], [_story(2, [ids[2]], domain="半导体", size=1)], now=NOW)
    store.stories.save([], [_story(3, [ids[3]], domain="无关", section=None)], now=NOW)
    assert store.stories.get(2).domain == "信息技术"
    assert store.stories.get(3).state is StoryState.REJECTED
    kinds = [(d.story_id, d.action, d.domain, d.user) for d in store.stories.decisions()]
    assert kinds == [
        (2, TriageAction.RELABEL, "信息技术", "ana"),
        (3, TriageAction.REJECT, "无关", "ana"),
    ]


def test_linking_an_item_accepts_the_story(store: Store) -> None:
    from kuaibao.domain import Item

    ids = _setup(store)
    _save(store, ids)
    item = store.items.add(Item(title="条目", body=["正文"]), now=NOW)
    assert item.id is not None
    store.stories.link_item(1, item.id, now=NOW)
    got = store.stories.get(1)
    assert got.item_id == item.id and got.state is StoryState.ACCEPTED
    store.stories.link_item(1, item.id, now=NOW)  # the same item again: nothing changes


def test_a_story_keeps_its_one_item(store: Store) -> None:
    """Linking a second item would orphan the first (a rerun draft job, a double click)."""
    from kuaibao.domain import Item
    from kuaibao.errors import ConflictError

    ids = _setup(store)
    _save(store, ids)
    first = store.items.add(Item(title="条目", body=["正文"]), now=NOW)
    second = store.items.add(Item(title="条目二", body=["正文"]), now=NOW)
    assert first.id is not None and second.id is not None
    store.stories.link_item(1, first.id, now=NOW)
    with pytest.raises(ConflictError, match="already has item"):
        store.stories.link_item(1, second.id, now=NOW)
    assert store.stories.get(1).item_id == first.id


def test_linking_a_document_twice_is_a_conflict_and_saves_nothing(store: Store) -> None:
    """What an overlapping second clustering run meets: its whole batch is refused."""
    from kuaibao.errors import ConflictError

    ids = _setup(store)
    _save(store, ids)
    before = (store.stories.link_count(), store.stories.get(2).title)
    with pytest.raises(ConflictError, match="another clustering run"):
        store.stories.save([StoryLink(ids[2], 2)], [_story(2, [ids[2]], title="changed")], now=NOW)
    assert (store.stories.link_count(), store.stories.get(2).title) == before
