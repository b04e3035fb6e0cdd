"""One crawl pass: poll due sources, fetch new articles, extract, store.

A document read from a page is committed on its own; the documents full-content feeds
carry are committed in batches (of several polls, see :mod:`kuaibao.pipeline.batching`).
An article that fails for a passing reason (5xx, timeout) gets a retry record
(:mod:`kuaibao.pipeline.retries`) before the poll ends. Only then, after every entry was
stored, rejected or recorded for retry, are the feed's validators saved: a crawl killed
at any moment loses nothing, because a poll cut short leaves the old validators and the
next pass reads the feed again, skipping what is already known (by entry URL, canonical
URL or content hash). Entries due for a retry are tried on later passes even when the
feed answers 304. Parsing feeds and building documents from their content run in worker
processes on big crawls (:mod:`kuaibao.pipeline.workers`), so the event loop keeps
fetching meanwhile.

One bad source or page never stops the others: its error lands in the fetch log, the
rejections and the source's health; any exception from one entry is that entry's
rejection, any from one source that source's failure. Each source has a deadline per
pass (``fetch.source_deadline``): a host that stalls (``Retry-After: 99999``, one byte a
second) is cut off, keeps what it stored, and resumes on its next pass.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from kuaibao import phrases
from kuaibao.config import Settings
from kuaibao.domain import Document, FeedEntry, FetchLogEntry, Rejected, Source
from kuaibao.errors import ExtractionError, FeedError, FetchError
from kuaibao.extract import build_document, canonicalize_url
from kuaibao.fetch import Fetcher
from kuaibao.fetch.absent import remember_absent
from kuaibao.fetch.robotsmemo import RobotsMemo
from kuaibao.pipeline import retries as retry_policy
from kuaibao.pipeline.batching import DocumentBatcher
from kuaibao.pipeline.entries import entries_from_response, source_context
from kuaibao.pipeline.workers import CpuPool, default_workers, feed_documents
from kuaibao.store import EntryRetry, Store
from kuaibao.store.sources import PollRecord

# Fetch failures that will not fix themselves: the URL is recorded as rejected and not
# tried again. Anything else (timeouts, 5xx, 429) is retried on the next poll.
PERMANENT_FETCH_ERRORS = frozenset(
    {
        "robots",
        "blocked",
        "too_large",
        "content_type",
        "redirect_loop",
        "too_many_redirects",
        "invalid_url",
    }
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
    status: str = "ok"  # ok | warning | not_modified | partial | failed
    entries: int = 0
    new: int = 0
    retried: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    failed: int = 0
    error: str | None = None
    rejections: list[str] = field(default_factory=list)
    validators: tuple[str | None, str | None] = (None, None)
    # Articles being fetched, with their retry records: what a deadline cut short.
    in_flight: dict[str, EntryRetry | None] = field(default_factory=dict, repr=False)


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

    @property
    def all_failed(self) -> bool:
        """True when sources were polled and not one of them succeeded (exit status 3)."""
        return bool(self.sources) and self.failed_sources == len(self.sources)


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
        pool: CpuPool | None = None,
    ) -> None:
        """``workers``: processes that parse feeds and build documents (None: decide by the
        crawl's size and the idle cores, see :func:`~kuaibao.pipeline.workers.default_workers`).
        ``pool``: the context's process pool, used (and left running) when the crawl
        wants workers; without one, a crawl that wants them starts and stops its own.
        """
        self.store = store
        self.settings = settings
        self.max_new_per_poll = max_new_per_poll
        self.workers = workers
        self._pool = pool
        self._log: list[FetchLogEntry] = []
        self._polls: list[PollRecord] = []
        self._validators: dict[str, tuple[str | None, str | None]] = {}
        self._retries: dict[int, list[EntryRetry]] = {}
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
        self._retries = self.store.retries.for_sources([s.id for s in sources if s.id is not None])
        self._robots = RobotsMemo(
            self.store.fetch_log.robots_answers([_origin(s) for s in sources])
        )
        if workers and self._pool is not None:
            self._cpu = self._pool
            try:
                await self._poll_all(sources, report, progress)
            finally:
                self._cpu = CpuPool(0)
        else:
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
                try:
                    outcome = await self.poll(fetcher, source)
                except Exception as exc:  # a fault of ours or hostile input: this source only
                    outcome = self._source_broke(source, exc)
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
        """Poll one source within its deadline: its feed or listing, then the new articles."""
        assert source.id is not None
        outcome = SourceOutcome(source_id=source.id, name=source.name)
        started = _utcnow()
        deadline = self.settings.fetch.source_deadline
        timer = asyncio.timeout(deadline)
        try:
            async with timer:
                await self._poll(fetcher, source, outcome, started)
        except TimeoutError:
            if not timer.expired():
                raise
            # Nothing is lost: what was stored stays, the validators were not saved, and
            # failed entries have their retry records, so the next pass carries on. The
            # articles cut short count as failed too, so a page that stalls on every pass
            # backs off and is given up instead of holding its feed to the deadline.
            outcome.status = "partial"
            outcome.error = phrases.SOURCE_DEADLINE(seconds=f"{deadline:g}")
            for url, retry in outcome.in_flight.items():
                self._passing_failure(source, url, "deadline", outcome.error, retry, outcome)
            self._record_poll(source.id, at=started, error=outcome.error, items_seen=None)
        return outcome

    async def _poll(
        self, fetcher: Fetcher, source: Source, outcome: SourceOutcome, started: datetime
    ) -> None:
        assert source.id is not None
        try:
            listed = await self._entries(fetcher, source, outcome)
        except (FetchError, FeedError) as exc:
            outcome.status, outcome.error = "failed", str(exc)
            self._record_poll(source.id, at=started, error=str(exc), items_seen=None)
            return
        pending = {r.url: r for r in self._retries.pop(source.id, [])}
        entries = listed or []
        if listed is not None:
            outcome.entries = len(entries)
        fresh, complete = self._new_entries(source, entries, pending, outcome)
        outcome.new = len(fresh)
        pages = await self._store_feed_documents(source, fresh, outcome)
        await asyncio.gather(
            *(self._article(fetcher, source, e, pending.get(e.url), outcome) for e in pages)
        )
        if listed is not None and complete:
            # Every entry is now stored, rejected or recorded for retry (all committed),
            # so the feed need not be read again until it changes.
            etag, modified = outcome.validators
            self.store.fetch_log.save_validators(source.feed_url, etag, modified, now=_utcnow())
        if listed is None:
            self._record_poll(source.id, at=started, error=None, items_seen=None)
            return
        empty = sum(1 for r in outcome.rejections if r in ("no_text", "empty", "too_short"))
        self._record_poll(
            source.id, at=started, error=None, items_seen=len(entries), empty_extractions=empty
        )

    def _source_broke(self, source: Source, exc: Exception) -> SourceOutcome:
        """The outcome of a poll that raised what no handler expected: that source failed."""
        assert source.id is not None
        error = phrases.POLL_BROKE(url=source.feed_url, detail=repr(exc))
        self._record_poll(source.id, at=_utcnow(), error=error, items_seen=None)
        return SourceOutcome(source.id, source.name, status="failed", error=error)

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
        read = await entries_from_response(fetcher, source, result, cpu=self._cpu)
        if read.problem:
            outcome.status = "warning"
            outcome.error = f"damaged feed, {len(read.entries)} entries read: {read.problem}"
        return read.entries

    def _new_entries(
        self,
        source: Source,
        entries: list[FeedEntry],
        pending: dict[str, EntryRetry],
        outcome: SourceOutcome,
    ) -> tuple[list[FeedEntry], bool]:
        """Entries to handle now, newest first, and whether that is all the feed asks for.

        New entries (URL as listed or canonical not stored yet) come first, without those
        whose retry is not due; then retries that are due but no longer listed (the feed
        answered 304, or dropped them). False when ``max_new_per_poll`` cut the list:
        the feed must then be read again on the next pass.
        """
        now = _utcnow()
        canon: dict[str, str] = {}
        for entry in entries:
            try:
                canon[entry.url] = canonicalize_url(entry.url)
            except Exception as exc:  # hostile URL that passed the parser's checks
                self._reject(source, entry.url, "invalid_url", f"{exc!r}", outcome)
        entries = [e for e in entries if e.url in canon]
        known = self.store.documents.known_urls([*canon.keys(), *canon.values(), *pending])
        gone = [url for url in pending if url in known]
        self.store.retries.clear(gone)  # stored or rejected since, e.g. by a killed pass
        waiting = {u for u, r in pending.items() if not retry_policy.is_due(r, now)}
        fresh = [
            e
            for e in entries
            if e.url not in known and canon[e.url] not in known and e.url not in waiting
        ]
        unique = list({canon[e.url]: e for e in reversed(fresh)}.values())[::-1]
        oldest = datetime.min.replace(tzinfo=UTC)
        unique.sort(key=lambda e: e.published_at or oldest, reverse=True)
        chosen = unique[: self.max_new_per_poll]
        listed = {e.url for e in chosen}
        due = [
            FeedEntry(url=url)
            for url, r in pending.items()
            if url not in known and url not in listed and url not in canon and url not in waiting
        ]
        outcome.retried = sum(1 for e in chosen if e.url in pending) + len(due)
        return chosen + due, len(unique) <= self.max_new_per_poll

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
        docs = {e.url: doc for e, doc in zip(full, built, strict=True) if isinstance(doc, Document)}
        refused = [r for r in built if isinstance(r, Rejected)]
        for rejected in refused:
            self._reject(source, rejected.url, rejected.reason, rejected.detail or "", outcome)
        for stored, created in await self._batcher.add(list(docs.values())):
            self._count(stored, created, outcome)
        self.store.retries.clear(list(docs))
        done = set(docs) | {r.url for r in refused}
        return [e for e in entries if e.url not in done]

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
        self,
        fetcher: Fetcher,
        source: Source,
        entry: FeedEntry,
        retry: EntryRetry | None,
        outcome: SourceOutcome,
    ) -> None:
        """Fetch, extract and store one article; errors are recorded, never raised."""
        outcome.in_flight[entry.url] = retry
        await self._handle_article(fetcher, source, entry, retry, outcome)
        del outcome.in_flight[entry.url]  # not when cancelled: the deadline needs to know

    async def _handle_article(
        self,
        fetcher: Fetcher,
        source: Source,
        entry: FeedEntry,
        retry: EntryRetry | None,
        outcome: SourceOutcome,
    ) -> None:
        try:
            doc = await self._from_page(fetcher, source, entry)
        except FetchError as exc:
            self._fetch_failed(source, entry, exc, retry, outcome)
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
        if retry is not None:
            self.store.retries.clear([entry.url])

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
        self,
        source: Source,
        entry: FeedEntry,
        exc: FetchError,
        retry: EntryRetry | None,
        outcome: SourceOutcome,
    ) -> None:
        """Reject for good, or record the failure for a later retry (and give up at last)."""
        permanent = exc.kind in PERMANENT_FETCH_ERRORS or (
            exc.kind == "http_status" and exc.status in PERMANENT_STATUSES
        )
        reason = f"http_{exc.status}" if exc.kind == "http_status" else exc.kind
        if permanent:
            self._reject(source, entry.url, reason, str(exc), outcome)
        else:
            self._passing_failure(source, entry.url, reason, str(exc), retry, outcome)

    def _passing_failure(
        self,
        source: Source,
        url: str,
        reason: str,
        detail: str,
        retry: EntryRetry | None,
        outcome: SourceOutcome,
    ) -> None:
        """Record one more failed pass of ``url``: a later retry, or a rejection at the limit."""
        record = retry_policy.after_failure(
            retry, url=url, source_id=source.id, reason=reason, detail=detail, now=_utcnow()
        )
        if retry_policy.exhausted(record):
            detail = retry_policy.give_up_detail(record)
            self._reject(source, url, retry_policy.GAVE_UP, detail, outcome)
            return
        self.store.retries.save(record)
        outcome.failed += 1

    def _reject(
        self, source: Source, url: str, reason: str, detail: str, outcome: SourceOutcome
    ) -> None:
        """Record why ``url`` is dropped for good; it is then never fetched again."""
        outcome.rejected += 1
        outcome.rejections.append(reason)
        self.store.documents.reject(
            Rejected(url=url, reason=reason, detail=detail, source_id=source.id), now=_utcnow()
        )
        self.store.retries.clear([url])


def crawl(
    store: Store,
    settings: Settings,
    *,
    source_ids: list[int] | None = None,
    due_only: bool = True,
    progress: ProgressHook | None = None,
    pool: CpuPool | None = None,
) -> CrawlReport:
    """One pass over due (or the named) enabled sources (the crawl stage's work)."""
    if source_ids:
        sources = [store.sources.get(i) for i in source_ids]
    elif due_only:
        sources = store.sources.due(_utcnow())
    else:
        sources = store.sources.all(enabled_only=True)
    return asyncio.run(Crawler(store, settings, pool=pool).run(sources, progress=progress))
