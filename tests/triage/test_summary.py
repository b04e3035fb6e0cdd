"""independent_sources: publishers are sites (registrable domains), copies count once."""

from __future__ import annotations

from kuaibao.domain import Document
from kuaibao.triage.summary import independent_sources


def doc(doc_id: int, url: str, source_id: int | None = None) -> Document:
    return Document(
        url=url, canonical_url=url, title="t", text="x", content_hash=str(doc_id),
        source_id=source_id, id=doc_id,
    )  # fmt: skip


def test_two_feeds_of_one_site_are_one_publisher() -> None:
    docs = [
        doc(1, "https://www.nsf.gov/news/a", source_id=1),
        doc(2, "https://new.nsf.gov/press/b", source_id=2),
        doc(3, "https://www.nature.com/articles/c", source_id=3),
    ]
    assert independent_sources(docs, {}) == 2


def test_blogs_on_a_shared_host_are_separate_publishers() -> None:
    docs = [
        doc(1, "https://alice.github.io/qubits", source_id=1),
        doc(2, "https://bob.github.io/qubits", source_id=1),  # one aggregator feed lists both
        doc(3, "https://www.city.yokohama.lg.jp/a", source_id=2),
        doc(4, "https://www.city.osaka.lg.jp/b", source_id=2),
    ]
    assert independent_sources(docs, {}) == 4


def test_copies_join_their_original_and_urls_without_a_site_fall_back() -> None:
    docs = [
        doc(1, "https://wire.example/story", source_id=1),
        doc(2, "https://aggregator.example/copy", source_id=2),
        doc(3, "urn:uuid:1234", source_id=3),
    ]
    assert independent_sources(docs, {2: 1}) == 2
    assert independent_sources([doc(1, "https://x.example/")], {}) == 1
