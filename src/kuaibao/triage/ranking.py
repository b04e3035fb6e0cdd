"""Ranking stories for triage: one score from five signals, each with its reason.

The score is a weighted sum of signals in 0–1, scaled to 0–100:

- relevance: the classifier's, so off-topic news sinks;
- tier: the best source tier among the story's reports (1 primary official source);
- sources: independent publishers, saturating at four (copies count once);
- recency: halves every ``HALF_LIFE_DAYS`` from the earliest publication date;
- novelty: 1 when no earlier bulletin covered the story, less when one did.

Weights are plain numbers in ``Weights`` so a team can tune them; every ranked story keeps
the signal values and a human-readable reason for each, which the CLI and web app show.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from kuaibao.domain import CoveredIn, Ranking, Story
from kuaibao.triage.novelty import Novelty

HALF_LIFE_DAYS = 3.0
SATURATING_SOURCES = 4
TIER_VALUE = {1: 1.0, 2: 0.6, 3: 0.3}
FOCUS_SECTION = "重点关注"
FOCUS_SUGGESTIONS = 3
FOCUS_MIN_SCORE = 60.0


@dataclass(frozen=True)
class Weights:
    """How much each signal counts; they need not sum to one (scores are relative)."""

    relevance: float = 0.35
    tier: float = 0.15
    sources: float = 0.20
    recency: float = 0.15
    novelty: float = 0.15


@dataclass(frozen=True)
class RankedStory:
    """A story with its score, the signals behind it and the reasons shown to analysts."""

    story: Story
    score: float
    signals: dict[str, float]
    reasons: list[str]
    novelty: Novelty = field(default_factory=Novelty)
    suggest_focus: bool = False

    @property
    def ranking(self) -> Ranking:
        """What the store keeps of this ranking, as ``Story.ranking``."""
        covered = self.novelty.covered
        return Ranking(
            signals=dict(self.signals),
            reasons=tuple(self.reasons),
            covered_in=CoveredIn(covered.label, covered.bulletin_id, covered.item_id)
            if covered
            else None,
            new_figures=tuple(self.novelty.new_facts),
            suggest_focus=self.suggest_focus,
        )

    def to_json(self) -> dict[str, Any]:
        story = self.story
        return {
            "story": story.id,
            "score": round(self.score, 1),
            "title": story.title,
            "domain": story.domain,
            "section": story.section,
            "relevance": round(story.relevance, 3),
            "sources": story.sources,
            "documents": story.document_ids,
            "published_at": story.published_at.isoformat() if story.published_at else None,
            "state": story.state.value,
            "item": story.item_id,
            **self.ranking.to_json(),
        }


def recency(published: datetime | None, now: datetime) -> float:
    """1 for today's news, halving every ``HALF_LIFE_DAYS``; undated stories count as today."""
    if published is None:
        return 1.0
    when = published if published.tzinfo else published.replace(tzinfo=UTC)
    age_days = max(0.0, (now - when).total_seconds() / 86_400)
    return float(0.5 ** (age_days / HALF_LIFE_DAYS))


def source_signal(independent: int) -> float:
    """Independent publishers, saturating: 1 → 0.43, 2 → 0.68, 3 → 0.86, 4+ → 1."""
    return min(1.0, math.log2(1 + max(1, independent)) / math.log2(1 + SATURATING_SOURCES))


def _age(published: datetime | None, now: datetime) -> str:
    if published is None:
        return "undated"
    when = published if published.tzinfo else published.replace(tzinfo=UTC)
    days = (now - when).total_seconds() / 86_400
    if days < 1:
        return "published today"
    return f"published {days:.0f} day{'s' if round(days) != 1 else ''} ago"


def rank_story(
    story: Story,
    *,
    best_tier: int,
    novelty: Novelty,
    now: datetime,
    weights: Weights | None = None,
) -> RankedStory:
    """Score one story and say why."""
    w = weights or Weights()
    signals = {
        "relevance": max(0.0, min(1.0, story.relevance)),
        "tier": TIER_VALUE.get(best_tier, TIER_VALUE[3]),
        "sources": source_signal(story.sources),
        "recency": recency(story.published_at, now),
        "novelty": novelty.score,
    }
    total = w.relevance + w.tier + w.sources + w.recency + w.novelty
    weighted = (
        w.relevance * signals["relevance"]
        + w.tier * signals["tier"]
        + w.sources * signals["sources"]
        + w.recency * signals["recency"]
        + w.novelty * signals["novelty"]
    )
    plural = "s" if story.sources != 1 else ""
    reasons = [
        f"relevance {signals['relevance']:.2f} ({story.domain or 'unclassified'})",
        f"tier {best_tier} source",
        f"{story.sources} independent source{plural} ({story.size} reports)",
        _age(story.published_at, now),
        novelty.reason,
    ]
    return RankedStory(story, 100 * weighted / total, signals, reasons, novelty)


def focus_eligible(score: float, signals: Mapping[str, float], covered: bool, sources: int) -> bool:
    """Whether a story is strong enough to suggest for 重点关注: high score, new, relevant,
    and either confirmed by two publishers or from a primary official source."""
    return (
        score >= FOCUS_MIN_SCORE
        and not covered
        and signals.get("relevance", 0.0) >= 0.5
        and (sources >= 2 or signals.get("tier", 0.0) >= 1.0)
    )


def rank_stories(
    stories: Sequence[Story],
    *,
    best_tiers: Mapping[int, int],
    novelty: Mapping[int, Novelty],
    now: datetime,
    weights: Weights | None = None,
) -> list[RankedStory]:
    """Stories best first; the top few strong, fresh, relevant ones are suggested for 重点关注."""
    ranked = [
        rank_story(
            s,
            best_tier=best_tiers.get(s.id, 3),
            novelty=novelty.get(s.id, Novelty()),
            now=now,
            weights=weights,
        )
        for s in stories
    ]
    ranked.sort(key=lambda r: (-r.score, -r.story.id))
    suggested = 0
    out = []
    for entry in ranked:
        eligible = suggested < FOCUS_SUGGESTIONS and focus_eligible(
            entry.score, entry.signals, entry.novelty.covered is not None, entry.story.sources
        )
        if eligible:
            suggested += 1
            entry = RankedStory(
                entry.story,
                entry.score,
                entry.signals,
                [*entry.reasons, f"suggested for {FOCUS_SECTION}"],
                entry.novelty,
                True,
            )
        out.append(entry)
    return out
