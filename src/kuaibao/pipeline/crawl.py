"""One crawl pass: poll due sources, fetch new articles, extract, store.

A document read from a page is committed on its own; the documents full-content feeds
carry are committed in batches (of several polls, see :mod:`kuaibao.pipeline.batching`).
Either way a crawl killed at any moment loses nothing it had committed, and because a
feed's validators are saved only after all its entries were handled, the next pass
reads the feed again, skips what is already known (by entry URL, canonical URL or
content hash) and finishes the job without duplicates. Parsing feeds and building
documents from their content run in worker processes on big crawls
(:mod:`kuaibao.pipeline.workers`), so the event loop keeps fetching meanwhile.

One bad source or page never stops the others: its error lands in the fetch log, the
rejections and the source's health.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from kuaibao.config import Settings
from kuaibao.domain import Document, FeedEntry, FetchLogEntry, Rejected, Source
from kuaibao.errors import ExtractionError, FeedError, FetchError
from kuaibao.extract import build_document, canonicalize_url
from kuaibao.fetch import Fetcher
from kuaibao.fetch.absent import remember_absent
from kuaibao.fetch.robotsmemo import RobotsMemo
from kuaibao.pipeline.batching import DocumentBatcher
from kuaibao.pipeline.entries import entries_from_response, source_context
from kuaibao.pipeline.workers import CpuPool, default_workers, feed_documents
from kuaibao.store import Store
from kuaibao.store.sources import PollRecord

# Fetch failures that will not fix themselves: the URL is recorded as rejected and not
# tried again. Anything else (timeouts, 5xx, 429) is retried on the next poll.
PERMANENT_FETCH_ERRORS = frozenset(
    {"robots", "blocked", "too_large", "content_type", "redirect_loop", "too_many_redirects"}
)
PERMANENT_STATUSES = frozenset({400, 401, 403, 404, 410, 451})
# Fetch log entries are written in batches of about this many (and at the end of a pass).
LOG_BATCH = 200


def _origin(source: Source) -> str:
    """scheme://host[:port] of the source's feed, the key robots.txt answers are kept by."""
    parts = urlsplit(source.feed_url)
    return f"{parts.scheme}://{parts.netloc}"


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class SourceOutcome:
    """What one poll of one source did; a row of the crawl summary."""

    source_id: int
    name: str
    status: str = "ok"  # ok | not_modified | failed
    entries: int = 0
    new: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    failed: int = 0
    error: str | None = None
    rejections: list[str] = field(default_factory=list)
    validators: tuple[str | None, str | None] = (None, None)


@dataclass
class CrawlReport:
    """The summary printed by ``kuaibao crawl``."""

    started_at: datetime
    finished_at: datetime | None = None
    sources: list[SourceOutcome] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(int(getattr(o, name)) for o in self.sources)

    @property
    def failed_sources(self) -> int:
        return sum(1 for o in self.sources if o.status == "failed")


ProgressHook = Callable[[SourceOutcome], None]


class Crawler:
    """Polls sources with one shared, polite fetcher and writes to one store."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        max_new_per_poll: int = 200,
        workers: int | None = None,
    ) -> None:
        """``workers``: processes that parse feeds and build documents (None: decide by the
        crawl's size and the idle cores, see :func:`~kuaibao.pipeline.workers.default_workers`).
        """
        self.store = store
        self.settings = settings
        self.max_new_per_poll = max_new_per_poll
        self.workers = workers
        self._log: list[FetchLogEntry] = []
        self._polls: list[PollRecord] = []
        self._validators: dict[str, tuple[str | None, str | None]] = {}
        self._robots = RobotsMemo()
        self._cpu = CpuPool(0)
        self._batcher = DocumentBatcher(store.documents.add_many)

    def _record(self, entry: FetchLogEntry) -> None:
        self._log.append(entry)

    def _flush_log(self, *, at_least: int = 0) -> None:
        """Write the buffered fetch log and poll health once ``at_least`` are buffered.

        A crawl killed before a flush loses only bookkeeping: its sources stay due and
        their feeds' validators were not saved, so the next pass polls them again.
        """
        if len(self._polls) >= max(at_least, 1):
            polls, self._polls = self._polls, []
            self.store.sources.record_polls(polls)
        if len(self._log) < max(at_least, 1):
            return
        entries, self._log = self._log, []
        self.store.fetch_log.add_many(entries)

    def _record_poll(
        self,
        source_id: int,
        *,
        at: datetime,
        error: str | None,
        items_seen: int | None,
        empty_extractions: int = 0,
    ) -> None:
        self._polls.append(PollRecord(source_id, at, error, items_seen, empty_extractions))

    async def run(
        self, sources: list[Source], *, progress: ProgressHook | None = None
    ) -> CrawlReport:
        """Poll each source once, concurrently; the fetcher enforces the limits."""
        report = CrawlReport(started_at=_utcnow())
        remember_absent()  # httpcore probes for sniffio on every request
        feeds = sum(1 for s in sources if s.kind.is_feed)
        workers = default_workers(feeds) if self.workers is None else self.workers
        self._validators = self.store.fetch_log.validators_many([s.feed_url for s in sources])
        self._robots = RobotsMemo(
            self.store.fetch_log.robots_answers([_origin(s) for s in sources])
        )
        with CpuPool(workers) as self._cpu:
            await self._poll_all(sources, report, progress)
        self._cpu = CpuPool(0)
        report.finished_at = _utcnow()
        report.sources.sort(key=lambda o: o.source_id)
        return report

    async def _poll_all(
        self, sources: list[Source], report: CrawlReport, progress: ProgressHook | None
    ) -> None:
        async with Fetcher(
            self.settings.fetch, log=self._record, robots_memo=self._robots
        ) as fetcher:

            async def one(source: Source) -> None:
                outcome = await self.poll(fetcher, source)
                report.sources.append(outcome)
                self._flush_log(at_least=LOG_BATCH)
                if progress:
                    progress(outcome)

            try:
                await asyncio.gather(*(one(s) for s in sources))
            finally:
                self._flush_log()
                self.store.fetch_log.save_robots(self._robots.fetched)

    async def poll(self, fetcher: Fetcher, source: Source) -> SourceOutcome:
        """Poll one source: its feed or listing, then the articles that are new."""
        assert source.id is not None
        outcome = SourceOutcome(source_id=source.id, name=source.name)
        started = _utcnow()
        try:
            entries = await self._entries(fetcher, source, outcome)
        except (FetchError, FeedError) as exc:
            outcome.status, outcome.error = "failed", str(exc)
            self._record_poll(source.id, at=started, error=str(exc), items_seen=None)
            return outcome
        if entries is None:
            self._record_poll(source.id, at=started, error=None, items_seen=None)
            return outcome
        outcome.entries = len(entries)
        fresh = self._new_entries(entries)
        outcome.new = len(fresh)
        pages = await self._store_feed_documents(source, fresh, outcome)
        await asyncio.gather(*(self._article(fetcher, source, e, outcome) for e in pages))
        if outcome.failed == 0:
            # Only now is the feed fully handled: a crawl killed earlier, or articles that
            # failed for a passing reason, must see the whole feed again next time.
            etag, modified = outcome.validators
            self.store.fetch_log.save_validators(source.feed_url, etag, modified, now=_utcnow())
        empty = sum(1 for r in outcome.rejections if r in ("no_text", "empty", "too_short"))
        self._record_poll(
            source.id, at=started, error=None, items_seen=len(entries), empty_extractions=empty
        )
        return outcome

    async def _entries(
        self, fetcher: Fetcher, source: Source, outcome: SourceOutcome
    ) -> list[FeedEntry] | None:
        """Entries the source lists now, or None when it has not changed (304)."""
        etag, modified = self._validators.get(source.feed_url, (None, None))
        result = await fetcher.fetch(
            source.feed_url,
            etag=etag,
            last_modified=modified,
            allow_private=source.allow_private,
            source_id=source.id,
        )
        if result.not_modified:
            outcome.status = "not_modified"
            return None
        outcome.validators = (result.etag, result.last_modified)
        return await entries_from_response(fetcher, source, result, cpu=self._cpu)

    def _new_entries(self, entries: list[FeedEntry]) -> list[FeedEntry]:
        """Entries whose URL (as listed or canonical) is not stored yet, newest first."""
        canon = {e.url: canonicalize_url(e.url) for e in entries}
        known = self.store.documents.known_urls([*canon.keys(), *canon.values()])
        fresh = [e for e in entries if e.url not in known and canon[e.url] not in known]
        unique = list({canon[e.url]: e for e in reversed(fresh)}.values())[::-1]
        oldest = datetime.min.replace(tzinfo=UTC)
        unique.sort(key=lambda e: e.published_at or oldest, reverse=True)
        return unique[: self.max_new_per_poll]

    async def _store_feed_documents(
        self, source: Source, entries: list[FeedEntry], outcome: SourceOutcome
    ) -> list[FeedEntry]:
        """Store in one batch the articles the feed carries in full; the rest need their page.

        A teaser (content too short to stand alone) is not an article: its page is read.
        """
        full = [e for e in entries if e.content_html] if not source.fetch_articles else []
        if not full:
            return entries
        built = await self._cpu.run(feed_documents, full, source.id, _utcnow())
        docs = {e.url: doc for e, doc in zip(full, built, strict=True) if doc is not None}
        for stored, created in await self._batcher.add(list(docs.values())):
            self._count(stored, created, outcome)
        return [e for e in entries if e.url not in docs]

    @staticmethod
    def _count(stored: Document, created: bool, outcome: SourceOutcome) -> None:
        if stored.id is None:  # the store refused it (a URL too long to keep) and said why
            outcome.rejected += 1
            outcome.rejections.append("url_too_long")
        elif created:
            outcome.stored += 1
        else:
            outcome.duplicates += 1

    async def _article(
        self, fetcher: Fetcher, source: Source, entry: FeedEntry, outcome: SourceOutcome
    ) -> None:
        """Fetch, extract and store one article; errors are recorded, never raised."""
        try:
            doc = await self._from_page(fetcher, source, entry)
        except FetchError as exc:
            self._fetch_failed(source, entry, exc, outcome)
            return
        except ExtractionError as exc:
            self._reject(source, entry.url, exc.reason, str(exc), outcome)
            return
        except Exception as exc:  # whatever else one hostile page trips, it costs only itself
            detail = f"handling {entry.url} failed unexpectedly: {type(exc).__name__}: {exc}"
            self._reject(source, entry.url, "extract_failed", detail, outcome)
            return
        doc.url = entry.url  # keep the URL as listed, so the next poll recognises it
        # Pages fetched at the same time share one transaction (see DocumentBatcher).
        ((stored, created),) = await self._batcher.add([doc])
        self._count(stored, created, outcome)

    async def _from_page(self, fetcher: Fetcher, source: Source, entry: FeedEntry) -> Document:
        result = await fetcher.fetch(
            entry.url, allow_private=source.allow_private, source_id=source.id
        )
        ctype = result.content_type
        html = result.text() if "html" in ctype or "xml" in ctype else None
        fetched_at = _utcnow()
        return await asyncio.to_thread(
            build_document,
            url=result.final_url,
            body=result.body,
            content_type=ctype,
            text_html=html,
            entry=entry,
            source_id=source.id,
            fetched_at=fetched_at,
            context=source_context(source, fetched_at),
        )

    def _fetch_failed(
        self, source: Source, entry: FeedEntry, exc: FetchError, outcome: SourceOutcome
    ) -> None:
        permanent = exc.kind in PERMANENT_FETCH_ERRORS or (
            exc.kind == "http_status" and exc.status in PERMANENT_STATUSES
        )
        if permanent:
            reason = f"http_{exc.status}" if exc.kind == "http_status" else exc.kind
            self._reject(source, entry.url, reason, str(exc), outcome)
        else:
            outcome.failed += 1

    def _reject(
        self, source: Source, url: str, reason: str, detail: str, outcome: SourceOutcome
    ) -> None:
        outcome.rejected += 1
        outcome.rejections.append(reason)
        self.store.documents.reject(
            Rejected(url=url, reason=reason, detail=detail, source_id=source.id), now=_utcnow()
        )


def crawl(
    store: Store,
    settings: Settings,
    *,
    source_ids: list[int] | None = None,
    due_only: bool = True,
    progress: ProgressHook | None = None,
) -> CrawlReport:
    """One pass over due (or the named) enabled sources; the entry point of ``kuaibao crawl``."""
    if source_ids:
        sources = [store.sources.get(i) for i in source_ids]
    elif due_only:
        sources = store.sources.due(_utcnow())
    else:
        sources = store.sources.all(enabled_only=True)
    return asyncio.run(Crawler(store, settings).run(sources, progress=progress))
