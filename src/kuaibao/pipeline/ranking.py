"""The ranking pass: score recent stories against the archive and store the scores.

Scores depend on the clock (recency) and on what has been published since (novelty), so
they are refreshed by each ``kuaibao triage`` run rather than fixed when a story forms;
the web app then pages through stored scores with one indexed query.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from kuaibao.domain import Bulletin, BulletinState, Story, StoryState
from kuaibao.store import Store
from kuaibao.triage.novelty import Coverage, Novelty, covered_items
from kuaibao.triage.ranking import (
    FOCUS_SUGGESTIONS,
    RankedStory,
    Weights,
    focus_eligible,
    rank_stories,
)

WINDOW_DAYS = 30
BATCH = 1_000


def published_bulletins(store: Store) -> list[Bulletin]:
    """Every published bulletin with its items (the archive novelty compares against)."""
    out = []
    for bulletin, _ in store.bulletins.all():
        if bulletin.state is BulletinState.PUBLISHED and bulletin.id is not None:
            out.append(store.bulletins.get(bulletin.id))
    return out


def coverage_of(store: Store) -> Coverage:
    return Coverage(covered_items(published_bulletins(store)))


def rank_batch(
    store: Store,
    stories: Sequence[Story],
    coverage: Coverage,
    *,
    now: datetime,
    weights: Weights | None = None,
) -> list[RankedStory]:
    """Rank some stories (without saving): tiers from the store, novelty from ``coverage``."""
    ids = [s.id for s in stories]
    tiers = store.stories.best_tiers(ids)
    novelty: dict[int, Novelty] = {}
    if len(coverage):
        wanted = [d for s in stories for d in s.document_ids]
        docs = {d.id: d for d in store.documents.get_many(wanted)}
        for story in stories:
            members = [docs[i] for i in story.document_ids if i in docs]
            novelty[story.id] = coverage.novelty(members)
    return rank_stories(stories, best_tiers=tiers, novelty=novelty, now=now, weights=weights)


def rank_recent(
    store: Store,
    *,
    now: datetime,
    window_days: float = WINDOW_DAYS,
    weights: Weights | None = None,
) -> int:
    """Re-score every story active within the window; returns how many were scored."""
    coverage = coverage_of(store)
    since = now - timedelta(days=window_days)
    stories = store.stories.find(states=list(StoryState), since=since)
    scored = 0
    for start in range(0, len(stories), BATCH):
        ranked = rank_batch(
            store, stories[start : start + BATCH], coverage, now=now, weights=weights
        )
        scored += store.stories.save_ranks(
            (r.story.id, round(r.score, 2), r.ranking) for r in ranked
        )
    _mark_focus(store, since)
    return scored


def _mark_focus(store: Store, since: datetime) -> None:
    """Suggest 重点关注 for the top few across all batches (batches rank only locally)."""
    updates = []
    suggested = 0
    for story in store.stories.ranked(states=[StoryState.NEW], since=since, limit=50):
        ranking = story.ranking
        covered = ranking.covered_in is not None
        eligible = suggested < FOCUS_SUGGESTIONS and focus_eligible(
            story.score, ranking.signals, covered, story.sources
        )
        suggested += eligible
        if ranking.suggest_focus != eligible:
            updates.append((story.id, story.score, replace(ranking, suggest_focus=eligible)))
    store.stories.save_ranks(updates)
