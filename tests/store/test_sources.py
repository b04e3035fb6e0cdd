from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kuaibao.domain import ListingSelectors, OrgType, Source, SourceKind
from kuaibao.errors import SourceError
from kuaibao.store import Store

NOW = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def make_source(n: int = 1, **kw: object) -> Source:
    fields: dict[str, object] = {
        "name": f"Source {n}",
        "homepage": f"https://example{n}.org/",
        "kind": SourceKind.RSS,
        "feed_url": f"https://example{n}.org/feed.xml",
    }
    fields.update(kw)
    return Source(**fields)  # type: ignore[arg-type]


def test_add_and_read_back_every_field(store: Store) -> None:
    src = make_source(
        kind=SourceKind.HTML,
        selectors=ListingSelectors(item="article", title="h2", date="time"),
        country="GB",
        org_type=OrgType.THINK_TANK,
        tier=1,
        language="en",
        poll_interval_minutes=30,
        allow_private=True,
        fetch_articles=False,
        region="云岚省岚州市",
    )
    stored = store.sources.add(src, now=NOW)
    assert stored.id is not None
    back = store.sources.get(stored.id)
    assert back.selectors == src.selectors
    assert (back.kind, back.country, back.org_type, back.tier) == (
        SourceKind.HTML,
        "GB",
        OrgType.THINK_TANK,
        1,
    )
    assert back.allow_private and not back.fetch_articles
    assert back.poll_interval_minutes == 30
    assert back.region == "云岚省岚州市"


def test_duplicate_feed_url_is_refused_with_a_clear_message(store: Store) -> None:
    store.sources.add(make_source(), now=NOW)
    with pytest.raises(SourceError, match="already registered"):
        store.sources.add(make_source(name="Other"), now=NOW)
    assert len(store.sources.all()) == 1


def test_upsert_updates_by_feed_url_and_keeps_health(store: Store) -> None:
    first = store.sources.add(make_source(1), now=NOW)
    assert first.id is not None
    store.sources.record_poll(first.id, at=NOW, error=None, items_seen=7)
    added, updated = store.sources.upsert_many(
        [make_source(1, name="Renamed"), make_source(2)], now=NOW
    )
    assert (added, updated) == (1, 1)
    again = store.sources.get(first.id)
    assert again.name == "Renamed"
    assert again.health.items_last_poll == 7


def test_due_respects_interval_and_enabled(store: Store) -> None:
    a = store.sources.add(make_source(1, poll_interval_minutes=60), now=NOW)
    b = store.sources.add(make_source(2, poll_interval_minutes=10), now=NOW)
    store.sources.add(make_source(3, enabled=False), now=NOW)
    assert a.id and b.id
    assert {s.id for s in store.sources.due(NOW)} == {a.id, b.id}
    store.sources.record_poll(a.id, at=NOW, error=None, items_seen=1)
    store.sources.record_poll(b.id, at=NOW, error=None, items_seen=1)
    later = NOW + timedelta(minutes=15)
    assert [s.id for s in store.sources.due(later)] == [b.id]


def test_record_poll_counts_failures_and_resets_on_success(store: Store) -> None:
    src = store.sources.add(make_source(), now=NOW)
    assert src.id
    store.sources.record_poll(src.id, at=NOW, error=None, items_seen=12)
    store.sources.record_poll(src.id, at=NOW, error="timeout", items_seen=None)
    store.sources.record_poll(src.id, at=NOW, error="HTTP 500", items_seen=None)
    h = store.sources.get(src.id).health
    assert (h.consecutive_failures, h.last_error, h.items_last_poll) == (2, "HTTP 500", 12)
    store.sources.record_poll(src.id, at=NOW, error=None, items_seen=0)
    h = store.sources.get(src.id).health
    assert (h.consecutive_failures, h.last_error) == (0, None)
    assert (h.items_previous_poll, h.items_last_poll) == (12, 0)
    assert h.last_success == NOW


def test_unknown_id_names_the_command_to_list_ids(store: Store) -> None:
    with pytest.raises(SourceError, match="sources list"):
        store.sources.get(999)
