from __future__ import annotations

from datetime import UTC, datetime

from kuaibao.store import Store
from kuaibao.store.sources import PollRecord
from tests.store.test_sources import make_source

NOW = datetime(2026, 11, 22, tzinfo=UTC)


def test_record_polls_applies_many_outcomes_in_order(store: Store) -> None:
    a = store.sources.add(make_source(1), now=NOW)
    b = store.sources.add(make_source(2), now=NOW)
    assert a.id is not None and b.id is not None
    store.sources.record_polls(
        [
            PollRecord(a.id, NOW, None, 5),
            PollRecord(b.id, NOW, "HTTP 503", None),
            PollRecord(a.id, NOW, None, 0),
            PollRecord(999, NOW, None, 1),  # a source deleted meanwhile is skipped
        ]
    )
    ha, hb = store.sources.get(a.id).health, store.sources.get(b.id).health
    assert (ha.items_previous_poll, ha.items_last_poll, ha.consecutive_failures) == (5, 0, 0)
    assert (hb.consecutive_failures, hb.last_error, hb.last_success) == (1, "HTTP 503", None)


def test_validators_many(store: Store) -> None:
    store.fetch_log.save_validators("https://a.example/f", '"x"', None, now=NOW)
    store.fetch_log.save_validators("https://b.example/f", None, "Sun, 22 Nov 2026 GMT", now=NOW)
    found = store.fetch_log.validators_many(
        ["https://a.example/f", "https://b.example/f", "https://c.example/f"]
    )
    assert found == {
        "https://a.example/f": ('"x"', None),
        "https://b.example/f": (None, "Sun, 22 Nov 2026 GMT"),
    }
