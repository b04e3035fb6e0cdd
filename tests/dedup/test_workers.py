from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kuaibao.dedup import ClusterDoc, StoryIndex
from kuaibao.dedup.index import MIN_PARALLEL
from kuaibao.pipeline.workers import CpuPool

START = datetime(2026, 3, 1, tzinfo=UTC)
FIELDS = ("quantum processor", "sodium battery", "radar satellite", "gene therapy")


def generated(count: int) -> list[ClusterDoc]:
    """Reports of a few dozen stories: each story is told three times in other words."""
    docs = []
    for n in range(count):
        story, telling = divmod(n, 3)
        field = FIELDS[story % len(FIELDS)]
        amount = 100 + 7 * story
        opening = ("announced", "said it had secured", "confirmed")[telling]
        docs.append(
            ClusterDoc(
                n,
                f"Company{story} wins ${amount} million for {field} plant",
                f"Company{story} Holdings {opening} a ${amount} million contract for its "
                f"{field} plant in City{story}, creating {1000 + story} jobs.",
                published_at=START + timedelta(hours=5 * story + telling),
            )
        )
    return docs


@pytest.mark.timeout(60)
def test_worker_processes_give_the_same_stories() -> None:
    docs = generated(2 * MIN_PARALLEL)
    alone = list(StoryIndex().add_stream(docs, batch_size=MIN_PARALLEL))
    with CpuPool(2) as pool, StoryIndex(workers=2, executor=pool) as index:
        pooled = list(index.add_stream(docs, batch_size=MIN_PARALLEL))
    assert pooled == alone
    assert len({a.story_id for a in alone}) == -(-len(docs) // 3)
