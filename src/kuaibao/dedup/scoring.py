"""Whether a document belongs to a story: text similarity, shared anchors, conflicts.

The rule is one line, ``text + gain * min(anchors, cap) >= threshold``, so that each
part can be explained: similar wording alone can join a story; shared rare facts (the
same amount, the same company) lift a paraphrase over the line. Two reports whose
headline figures disagree (each leads with a figure or product designation the other
never mentions) are kept apart unless their texts are nearly identical: that is what
separates two grants by the same ministry in the same week, or two launches by one
company. Across scripts (an English source and a Chinese report) wording says nothing,
so anchors alone must carry the decision.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kuaibao.dedup.anchors import anchor_weight
from kuaibao.dedup.model import ClusterSettings

# One kind of anchor cannot outvote the others: many shared capitalised words (a
# ministry's name) are worth at most this much together.
SPECIFIC_KINDS = ("money:", "pct:", "num:", "code:")
TYPE_CAP = {
    "name": 0.7, "phrase": 1.4, "num": 1.0, "pct": 0.75, "code": 1.2, "money": 2.0, "org": 1.6,
}  # fmt: skip


@dataclass(frozen=True)
class Evidence:
    """What a document and a story have in common, and whether their key amounts clash."""

    text: float
    anchors: float
    shared: tuple[str, ...] = ()
    conflict: bool = False
    cross_script: bool = False


def rarity(stories_in_window: int) -> float:
    """An anchor shared by one story counts fully; by many in the same window, little."""
    return 1.0 / (1.0 + 0.5 * max(0, stories_in_window - 1))


def anchor_evidence(shared: Iterable[str], spread: Mapping[str, int]) -> float:
    """Weighted, rarity-discounted sum over shared anchors, capped per kind.

    A name counts once: the words of a shared phrase (Lisbon Photonics Centre) do not
    count again as single names.
    """
    per_kind: dict[str, float] = defaultdict(float)
    for anchor in independent(shared):
        kind = anchor.partition(":")[0]
        per_kind[kind] += anchor_weight(anchor) * rarity(spread.get(anchor, 1))
    return sum(min(total, TYPE_CAP.get(kind, 1.0)) for kind, total in per_kind.items())


def independent(shared: Iterable[str]) -> list[str]:
    """Shared anchors that are separate facts (a phrase's words are not extra facts)."""
    shared = set(shared)
    covered = {w for a in shared if a.startswith("phrase:") for w in a[7:].split()}
    return [a for a in shared if not (a.startswith("name:") and a[5:] in covered)]


def cross_script_match(shared: Iterable[str]) -> bool:
    """At least two separate facts, one of them a figure or a product designation."""
    facts = independent(shared)
    return len(facts) >= 2 and any(a.startswith(SPECIFIC_KINDS) for a in facts)


def conflicting(
    doc_key: frozenset[str], doc_all: frozenset[str], story_key: set[str], story_all: set[str]
) -> bool:
    """Both headlines carry figures or designations, and neither's appears in the other."""
    if not doc_key or not story_key:
        return False
    return not (doc_key & story_all) and not (story_key & doc_all)


def score(evidence: Evidence, settings: ClusterSettings) -> float:
    """Text similarity plus the capped anchor bonus (across scripts: the bonus alone)."""
    return evidence.text + settings.anchor_gain * min(evidence.anchors, settings.anchor_cap)


def joins(evidence: Evidence, settings: ClusterSettings) -> bool:
    """The decision: clashing headline figures veto unless the texts are nearly the
    same; across scripts anchors alone must reach their own bar, with two separate facts
    of which one is a figure or a designation."""
    if evidence.conflict and evidence.text < settings.conflict_override:
        return False
    if evidence.cross_script:
        return evidence.anchors >= settings.cross_language_min_anchor and cross_script_match(
            evidence.shared
        )
    return score(evidence, settings) >= settings.join_threshold
