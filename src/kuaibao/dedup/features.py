"""Everything clustering needs to know about one document, computed a batch at a time.

Two steps: ``document_parts`` needs nothing but the document (script, anchors, MinHash
signature), so it can run in worker processes; ``featurize`` then vectorises the whole
batch at once, so scikit-learn hashes all leads in one call and the batch's terms join
the corpus statistics before any document of the batch is weighted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kuaibao.dedup.anchors import AnchorProfile, FactsReader, profile
from kuaibao.dedup.minhash import U32, MinHasher, band_keys
from kuaibao.dedup.model import ClusterDoc, ClusterSettings
from kuaibao.dedup.similarity import Similarity, SparseVector, TfidfSimilarity, heaviest
from kuaibao.dedup.text import lead, script, shingle_tokens


@dataclass(frozen=True)
class DocParts:
    """What a document alone determines: its script, anchors and MinHash signature."""

    script: str
    anchors: AnchorProfile
    signature: U32
    bands: tuple[int, ...]  # LSH keys; empty when the text has no shingles


@dataclass(frozen=True)
class DocFeatures:
    """One document with its parts, its vector and its heaviest terms."""

    doc: ClusterDoc
    parts: DocParts
    vector: SparseVector  # from the chosen similarity (scores the story)
    key_terms: tuple[int, ...]  # heaviest TF-IDF terms (find candidate stories)

    @property
    def timestamp(self) -> float | None:
        return self.doc.timestamp

    @property
    def script(self) -> str:
        return self.parts.script

    @property
    def anchors(self) -> AnchorProfile:
        return self.parts.anchors


def document_parts(
    title: str, text: str, settings: ClusterSettings, hasher: MinHasher, facts: FactsReader | None
) -> DocParts:
    """Script, anchors and signature of one document (pure, so it may run anywhere).

    Long reports are read up to a limit: the news is at the top, and the hundreds of
    figures deep in a long report would only match other stories by chance.
    """
    kind = script(title, text)
    tokens = shingle_tokens(f"{title}\n{text[: settings.shingle_chars]}")
    signature = hasher.signature(tokens)
    bands = band_keys(signature, settings.lsh_bands, settings.lsh_rows) if tokens else []
    anchors = profile(title, text[: settings.anchor_chars], facts, kind, settings.facts_chars)
    return DocParts(kind, anchors, signature, tuple(bands))


def featurize(
    docs: Sequence[ClusterDoc],
    parts: Sequence[DocParts],
    *,
    settings: ClusterSettings,
    tfidf: TfidfSimilarity,
    similarity: Similarity,
) -> list[DocFeatures]:
    """Features of a batch whose parts are known; its terms join the statistics first."""
    leads = [
        lead(d.title, d.text, settings.lead_chars, p.script)
        for d, p in zip(docs, parts, strict=True)
    ]
    term_vectors = tfidf.vectors(leads, learn=True)
    vectors = term_vectors if similarity is tfidf else similarity.vectors(leads, learn=True)
    return [
        DocFeatures(doc, part, vector, tuple(heaviest(term_vector, settings.key_terms)))
        for doc, part, term_vector, vector in zip(docs, parts, term_vectors, vectors, strict=True)
    ]
