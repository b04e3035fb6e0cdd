"""Ranking: each signal moves the score the right way and says so."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kuaibao.domain import Story
from kuaibao.triage import Novelty, rank_stories, rank_story
from kuaibao.triage.novelty import CoveredItem
from kuaibao.triage.ranking import recency, source_signal
from tests.triage.corpus import DAY0

NOW = DAY0 + timedelta(days=1)


def story(n: int, **kw: object) -> Story:
    fields: dict[str, object] = {
        "id": n,
        "title": f"story {n}",
        "document_ids": [n],
        "first_seen": DAY0,
        "last_seen": DAY0,
        "published_at": DAY0,
        "domain": "量子技术",
        "section": "科技政策与科研计划",
        "relevance": 0.9,
        "sources": 1,
    }
    fields.update(kw)
    return Story(**fields)  # type: ignore[arg-type]


COVERED = CoveredItem(7, 3, "2026年第5期", DAY0, "旧条目", "旧条目", None, frozenset())


def score(s: Story, *, tier: int = 2, novelty: Novelty | None = None) -> float:
    return rank_story(s, best_tier=tier, novelty=novelty or Novelty(), now=NOW).score


def test_more_independent_sources_rank_higher() -> None:
    assert score(story(1, sources=3)) > score(story(1, sources=2)) > score(story(1, sources=1))


def test_primary_sources_rank_higher() -> None:
    assert score(story(1), tier=1) > score(story(1), tier=2) > score(story(1), tier=3)


def test_fresher_and_more_relevant_rank_higher() -> None:
    old = story(1, published_at=DAY0 - timedelta(days=10))
    assert score(story(1)) > score(old)
    assert score(story(1, relevance=0.9)) > score(story(1, relevance=0.2))


def test_covered_stories_sink_unless_something_is_new() -> None:
    fresh = score(story(1))
    update = score(story(1), novelty=Novelty(COVERED, 1, ["5亿英镑"]))
    stale = score(story(1), novelty=Novelty(COVERED, 0, []))
    assert fresh > update > stale


def test_reasons_name_every_signal() -> None:
    ranked = rank_story(
        story(1, sources=3, size=4),
        best_tier=1,
        novelty=Novelty(COVERED, 2, ["5亿英镑"]),
        now=NOW,
    )
    text = " | ".join(ranked.reasons)
    assert "relevance 0.90" in text
    assert "tier 1 source" in text
    assert "3 independent sources (4 reports)" in text
    assert "published 1 day ago" in text
    assert "covered in 2026年第5期 (item 7)" in text and "5亿英镑" in text
    assert ranked.to_json()["covered_in"] == {"bulletin": 3, "label": "2026年第5期", "item": 7}


def test_focus_is_suggested_for_strong_new_stories_only() -> None:
    stories = [
        story(1, sources=3),
        story(2, sources=1, relevance=0.3),
        story(3, sources=2),
        story(4, sources=4),
        story(5, sources=2),
    ]
    novelty = {4: Novelty(COVERED, 0, [])}
    ranked = rank_stories(stories, best_tiers={s.id: 2 for s in stories}, novelty=novelty, now=NOW)
    suggested = [r.story.id for r in ranked if r.suggest_focus]
    assert 2 not in suggested and 4 not in suggested
    assert suggested[0] == 1 and len(suggested) <= 3
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)


@pytest.mark.parametrize(("days", "expected"), [(0, 1.0), (3, 0.5), (6, 0.25)])
def test_recency_halves_every_three_days(days: int, expected: float) -> None:
    assert recency(NOW - timedelta(days=days), NOW) == pytest.approx(expected)


def test_source_signal_saturates() -> None:
    assert source_signal(1) < source_signal(2) < source_signal(3) < source_signal(4) == 1.0
    assert source_signal(9) == 1.0
