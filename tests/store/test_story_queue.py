"""The triage queue's filters on ranked stories: by source, country and last activity, and
each story's lead report, on SQLite (both query forms) and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from kuaibao.domain import Ranking, Story
from kuaibao.store import Store, StoryLink
from kuaibao.store import story_sql as story_store
from tests.triage.corpus import CHIP, DAY0, FUSION, GRANT, SPORT, document, sources

NOW = DAY0 + timedelta(days=1)
COUNTRIES = {"Agency": "GB", "Wire": "US", "Daily": "US"}


def _seed(store: Store) -> dict[str, int]:
    """Story 1: Agency + Wire; 2: Aggregator (no country); 3: Daily; 4: no source."""
    store.sources.upsert_many(
        [replace(s, country=COUNTRIES.get(s.name)) for s in sources()], now=NOW
    )
    src = {s.name: s.id for s in store.sources.all() if s.id is not None}
    docs = store.documents.add_many(
        [
            document(*GRANT[0], "https://agency.example/a", source_id=src["Agency"]),
            document(*GRANT[1], "https://wire.example/b", source_id=src["Wire"], day=1),
            document(*CHIP, "https://agg.example/c", source_id=src["Aggregator"]),
            document(*FUSION, "https://daily.example/d", source_id=src["Daily"]),
            document(*SPORT, "https://x.example/e", source_id=None),
        ]
    )
    d = [int(doc.id) for doc, _ in docs if doc.id is not None]

    def story(n: int, members: list[int], day: int) -> Story:
        when = DAY0 + timedelta(days=day)
        return Story(n, f"story {n}", members, when, when, lead_document_id=members[0])

    store.stories.save(
        [StoryLink(d[0], 1), StoryLink(d[1], 1), StoryLink(d[2], 2), StoryLink(d[3], 3),
         StoryLink(d[4], 4)],
        [story(1, d[:2], 1), story(2, [d[2]], 0), story(3, [d[3]], -3), story(4, [d[4]], 0)],
        now=NOW,
    )  # fmt: skip
    store.stories.save_ranks(
        [(1, 90.0, Ranking()), (2, 80.0, Ranking()), (3, 70.0, Ranking()), (4, 60.0, Ranking())]
    )
    return src


def ranked(store: Store, **filters: object) -> list[int]:
    return [s.id for s in store.stories.ranked(**filters)]  # type: ignore[arg-type]


@pytest.fixture(params=["selective", "common"])
def query_form(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """On SQLite the store picks IN or EXISTS by how many reports match; test both."""
    if request.param == "common":
        monkeypatch.setattr(story_store, "COMMON_REPORTS", 1)
    return str(request.param)


def test_stories_by_source_and_country(store: Store, query_form: str) -> None:
    src = _seed(store)
    assert ranked(store, source_id=src["Agency"]) == [1]
    assert ranked(store, source_id=src["Wire"]) == [1]
    assert ranked(store, source_id=src["Aggregator"]) == [2]
    assert ranked(store, country="US") == [1, 3]
    assert ranked(store, country="GB") == [1]
    assert ranked(store, country="FR") == []
    assert ranked(store, country="US", source_id=src["Daily"]) == [3]
    assert ranked(store, country="GB", source_id=src["Daily"]) == []
    assert ranked(store, country="US", limit=1, offset=1) == [3]
    assert ranked(store) == [1, 2, 3, 4]  # no filter, no subquery


def test_stories_by_last_activity(store: Store) -> None:
    _seed(store)
    assert ranked(store, until=DAY0) == [3]
    assert ranked(store, since=DAY0, until=DAY0 + timedelta(days=1)) == [2, 4]
    assert ranked(store, since=DAY0 + timedelta(days=1)) == [1]


def test_leads_name_the_report_and_its_source_without_loading_texts(store: Store) -> None:
    _seed(store)
    leads = store.stories.leads([1, 4, 99])
    assert set(leads) == {1, 4}
    assert leads[1].url == "https://agency.example/a" and leads[1].source_name == "Agency"
    assert leads[1].title.startswith("UKRI commits")
    assert leads[4].source_id is None and leads[4].source_name is None
    assert store.stories.leads([]) == {}
