"""Triage: which stories matter today, in what order, and whether an earlier bulletin
already covered them. Pure functions over stories and documents; ``pipeline.stories``
feeds them from the store."""

from kuaibao.triage.novelty import Coverage, CoveredItem, Novelty, bulletin_label, covered_items
from kuaibao.triage.ranking import RankedStory, Weights, rank_stories, rank_story
from kuaibao.triage.summary import independent_sources, pick_lead, summarize, tier_of

__all__ = [
    "Coverage",
    "CoveredItem",
    "Novelty",
    "RankedStory",
    "Weights",
    "bulletin_label",
    "covered_items",
    "independent_sources",
    "pick_lead",
    "rank_stories",
    "rank_story",
    "summarize",
    "tier_of",
]
