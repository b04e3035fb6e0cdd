"""``sources check``: each source's health and the warnings an analyst should act on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from kuaibao.domain import Source
from kuaibao.store import Store

FAILING_AFTER = 3  # consecutive failed polls before a source counts as failing


@dataclass
class HealthReport:
    """One source's health, with flags such as ``dropped_to_zero`` or ``failing``."""

    source: Source
    documents: int
    rejected: int
    flags: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        if {"failing", "dropped_to_zero", "extraction_yields_nothing"} & set(self.flags):
            return "error"
        return "warning" if self.flags else "ok"

    def as_dict(self) -> dict[str, Any]:
        s, h = self.source, self.source.health
        return {
            "id": s.id,
            "name": s.name,
            "feed_url": s.feed_url,
            "kind": s.kind.value,
            "enabled": s.enabled,
            "status": self.status,
            "flags": self.flags,
            "last_attempt": h.last_attempt,
            "last_success": h.last_success,
            "consecutive_failures": h.consecutive_failures,
            "last_error": h.last_error,
            "items_last_poll": h.items_last_poll,
            "items_previous_poll": h.items_previous_poll,
            "empty_extractions": h.empty_extractions,
            "documents": self.documents,
            "rejected": self.rejected,
        }


def flags_for(source: Source, now: datetime) -> list[str]:
    """Pure rules: what deserves an analyst's attention about this source."""
    h = source.health
    flags: list[str] = []
    if h.last_attempt is None:
        flags.append("never_polled")
    if h.consecutive_failures >= FAILING_AFTER:
        flags.append("failing")
    elif h.consecutive_failures > 0:
        flags.append("last_poll_failed")
    if h.items_last_poll == 0 and (h.items_previous_poll or 0) > 0:
        flags.append("dropped_to_zero")
    elif h.items_last_poll == 0:
        flags.append("no_items")
    if h.empty_extractions > 0:
        flags.append("empty_extraction")
    stale_after = timedelta(minutes=source.poll_interval_minutes * 4) + timedelta(days=1)
    if h.last_success and now - h.last_success > stale_after and source.enabled:
        flags.append("silent")
    return flags


def check_sources(store: Store, now: datetime) -> list[HealthReport]:
    """Health of every source, from the registry, the documents and the rejections."""
    counts = store.documents.counts_by_source()
    rejected: dict[int, int] = {}
    for r in store.documents.rejections():
        if r.source_id is not None:
            rejected[r.source_id] = rejected.get(r.source_id, 0) + 1
    reports = []
    for source in store.sources.all():
        sid = source.id or 0
        report = HealthReport(
            source, counts.get(sid, 0), rejected.get(sid, 0), flags_for(source, now)
        )
        if report.documents == 0 and report.rejected > 0:
            report.flags.append("extraction_yields_nothing")
        reports.append(report)
    return reports


def any_in_error(reports: list[HealthReport]) -> bool:
    """True when an enabled source is in error: what ``sources check`` exits 3 for.

    A paused source is the analyst's decision, not an alert; a single failed poll is
    only a warning until it repeats (``FAILING_AFTER``).
    """
    return any(r.status == "error" and r.source.enabled for r in reports)
