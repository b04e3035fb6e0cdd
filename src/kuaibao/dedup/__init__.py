"""Near-duplicate detection and story clustering across sources and languages.

``StoryIndex.add(docs)`` places each document in an existing story or a new one and flags
syndicated near-copies; ``cluster_records`` is the pure core of ``kuaibao cluster``.
See ``index`` for how candidates are found and ``scoring`` for the decision rule.
"""

from kuaibao.dedup.anchors import anchors
from kuaibao.dedup.index import StoryIndex
from kuaibao.dedup.metrics import PairScores, pair_scores, score_groups
from kuaibao.dedup.model import Assignment, ClusterDoc, ClusterSettings, DocId
from kuaibao.dedup.records import (
    RecordError,
    cluster_json_lines,
    cluster_records,
    parse_record,
    read_json_lines,
)
from kuaibao.dedup.similarity import (
    EmbeddingSimilarity,
    Similarity,
    TfidfSimilarity,
    default_similarity,
)

__all__ = [
    "Assignment",
    "ClusterDoc",
    "ClusterSettings",
    "DocId",
    "EmbeddingSimilarity",
    "PairScores",
    "RecordError",
    "Similarity",
    "StoryIndex",
    "TfidfSimilarity",
    "anchors",
    "cluster_json_lines",
    "cluster_records",
    "default_similarity",
    "pair_scores",
    "parse_record",
    "read_json_lines",
    "score_groups",
]
