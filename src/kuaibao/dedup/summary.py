"""One story's running summary: centroids per script, anchors, key amounts, time span.

Centroids are kept per script so that a Chinese report joining an English story does not
dilute the English centroid (and vice versa); a new document is compared with the
centroid of its own script, and with anchors only when the story has none yet.
"""

from __future__ import annotations

from typing import Any

from kuaibao.dedup.features import DocFeatures
from kuaibao.dedup.similarity import Centroid


class StorySummary:
    """The evidence a story has gathered; documents only add to it.

    Not ``domain.Story`` (what triage shows and the store keeps): this is the clustering's
    own running summary of one story, saved with the index.
    """

    __slots__ = ("anchors", "centroids", "first", "id", "key", "last", "size", "terms")

    def __init__(self, story_id: int) -> None:
        self.id = story_id
        self.centroids: dict[str, Centroid] = {}
        self.anchors: set[str] = set()
        self.key: set[str] = set()
        self.terms: set[int] = set()
        self.first: float | None = None
        self.last: float | None = None
        self.size = 0

    def in_window(self, when: float | None, window: float) -> bool:
        """Whether a document dated ``when`` is close enough in time (unknown dates are)."""
        if when is None or self.first is None or self.last is None:
            return True
        return self.first - window <= when <= self.last + window

    def text_similarity(self, features: DocFeatures) -> float | None:
        """Cosine with the centroid of the document's script; None when there is none."""
        centroid = self.centroids.get(features.script)
        if not centroid or not features.vector:
            return None
        return centroid.cosine(features.vector)

    def absorb(self, features: DocFeatures, keep_terms: int | None) -> tuple[list[str], list[int]]:
        """Add a document; returns the anchors and key terms the story did not have yet."""
        self.size += 1
        if features.timestamp is not None:
            when = features.timestamp
            self.first = when if self.first is None else min(self.first, when)
            self.last = when if self.last is None else max(self.last, when)
        if features.vector:
            centroid = self.centroids.get(features.script)
            if centroid is None:
                self.centroids[features.script] = Centroid(features.vector, keep_terms)
            else:
                centroid.add(features.vector, keep_terms)
        self.key |= features.anchors.key
        new_anchors = [a for a in features.anchors.all if a not in self.anchors]
        self.anchors.update(new_anchors)
        new_terms = [t for t in features.key_terms if t not in self.terms]
        self.terms.update(new_terms)
        return new_anchors, new_terms

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready form for saving the index."""
        return {
            "id": self.id,
            "centroids": {s: c.items() for s, c in self.centroids.items()},
            "anchors": sorted(self.anchors),
            "key": sorted(self.key),
            "terms": sorted(self.terms),
            "first": self.first,
            "last": self.last,
            "size": self.size,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StorySummary:
        """The inverse of ``to_json``."""
        story = cls(int(data["id"]))
        for script, pairs in data["centroids"].items():
            story.centroids[script] = Centroid({int(d): float(w) for d, w in pairs})
        story.anchors = set(data["anchors"])
        story.key = set(data["key"])
        story.terms = {int(t) for t in data["terms"]}
        story.first, story.last, story.size = data["first"], data["last"], int(data["size"])
        return story
