"""The polite, guarded HTTP fetcher every stage uses to get bytes from the web.

For each hop of a fetch (the URL asked for, then each redirect target):

1. the SSRF guard checks scheme, credentials and the resolved addresses
   (:mod:`kuaibao.fetch.ssrf`);
2. robots.txt of that origin is consulted, fetched at most once per TTL
   (:mod:`kuaibao.fetch.robots`); its Crawl-delay slows that host;
3. a politeness slot is taken: global and per-host concurrency, per-host spacing,
   host pauses (:mod:`kuaibao.fetch.politeness`);
4. one attempt is made (:mod:`kuaibao.fetch.transport`); timeouts, connection failures,
   429 and transient 5xx are retried with full-jitter back-off, and a ``Retry-After``
   pauses that host only (:mod:`kuaibao.fetch.retry`).

Every attempt — retries and robots.txt fetches included — is reported to the ``log``
callback as a :class:`~kuaibao.domain.FetchLogEntry`. Refusals that send no request
(SSRF guard, robots.txt, redirect loops, too many redirects) are reported too, with no
status, so a fetch log always says why a URL was not fetched.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from types import TracebackType
from typing import TypeVar

import httpx

from kuaibao import phrases
from kuaibao.config import FetchSettings
from kuaibao.domain import FetchLogEntry
from kuaibao.errors import FetchError
from kuaibao.fetch.politeness import Politeness
from kuaibao.fetch.result import FetchResult, parse_content_type
from kuaibao.fetch.retry import (
    RETRYABLE_KINDS,
    backoff_delay,
    is_retryable_status,
    retry_after_seconds,
)
from kuaibao.fetch.robots import (
    MAX_ROBOTS_BYTES,
    RobotsCache,
    RobotsRules,
    refusal_for,
    rules_from_answer,
    rules_from_failure,
)
from kuaibao.fetch.robotsmemo import RobotsMemo
from kuaibao.fetch.ssrf import AddressPolicy, guard_url
from kuaibao.fetch.transport import RawResponse, build_client, send_once

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

LogCallback = Callable[[FetchLogEntry], None]
_T = TypeVar("_T")


def host_key(url: str) -> str:
    """Politeness is per origin host and port: two servers on one address are two sites."""
    parsed = httpx.URL(url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    return f"{parsed.host}:{port}"


@dataclass(frozen=True)
class _Job:
    """One call to :meth:`Fetcher.fetch` (or one robots.txt fetch), as passed down."""

    url: str
    headers: dict[str, str]
    allow_private: bool
    source_id: int | None
    check_robots: bool
    max_bytes: int
    truncate: bool = False


class Fetcher:
    """Fetches URLs politely and safely; use as ``async with Fetcher(settings) as f``."""

    def __init__(
        self,
        settings: FetchSettings,
        *,
        log: LogCallback | None = None,
        trusted_networks: Iterable[str] = (),
        robots_memo: RobotsMemo | None = None,
    ) -> None:
        self._settings = settings
        self._log = log
        self._memo = robots_memo
        self._policy = AddressPolicy.trusting(trusted_networks)
        self._rng = random.Random()
        self._client: httpx.AsyncClient | None = None
        self._politeness: Politeness | None = None
        self._robots: RobotsCache | None = None

    async def __aenter__(self) -> Fetcher:
        s = self._settings
        self._client = build_client(s, self._policy)
        self._politeness = Politeness(
            max_concurrency=s.max_concurrency,
            per_host_concurrency=s.per_host_concurrency,
            per_host_rate=s.per_host_rate,
            max_delay=s.max_retry_after,
        )
        self._robots = RobotsCache(float(s.robots_ttl_seconds))
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._client is not None:
            await self._client.aclose()
        self._client = None

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        allow_private: bool = False,
        source_id: int | None = None,
        check_robots: bool = True,
    ) -> FetchResult:
        """Fetch one URL; raises FetchError (``kind`` says why) or BlockedURLError."""
        self._require(self._client)
        started = time.monotonic()
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        job = _Job(
            url=url,
            headers=headers,
            allow_private=allow_private,
            source_id=source_id,
            check_robots=check_robots and self._settings.respect_robots,
            max_bytes=self._settings.max_body_bytes,
        )
        try:
            final_url, raw, attempts = await self._follow(job)
        except (httpx.InvalidURL, UnicodeError, ValueError, OverflowError) as exc:
            # Hostile input: host names that are not valid IDNA, stray code points, ports
            # above 65535 (the socket layer raises OverflowError for those).
            raise FetchError(
                phrases.INVALID_URL(url=repr(url), detail=exc), url=url, kind="invalid_url"
            ) from exc
        if not (200 <= raw.status < 300 or raw.status == 304):
            message = (
                phrases.HTTP_STATUS_AT(url=final_url, status=raw.status)
                if final_url == url
                else phrases.HTTP_STATUS_REDIRECTED(url=final_url, origin=url, status=raw.status)
            )
            raise FetchError(
                message,
                url=url,
                kind="http_status",
                status=raw.status,
            )
        not_modified = raw.status == 304
        mime, charset = parse_content_type(raw.headers.get("content-type"))
        return FetchResult(
            url=url,
            final_url=final_url,
            status=raw.status,
            headers=raw.headers,
            body=raw.body,
            content_type=mime,
            declared_charset=charset,
            etag=raw.headers.get("etag") or (etag if not_modified else None),
            last_modified=raw.headers.get("last-modified")
            or (last_modified if not_modified else None),
            not_modified=not_modified,
            elapsed_ms=int((time.monotonic() - started) * 1000),
            attempts=attempts,
        )

    async def _follow(self, job: _Job) -> tuple[str, RawResponse, int]:
        """Follow redirects by hand so every hop passes the guard and robots.txt again."""
        current, attempts = job.url, 0
        seen = {_without_fragment(current)}
        for _hop in range(self._settings.max_redirects + 1):
            await self._admit(current, job)
            raw, used = await self._with_retries(current, job)
            attempts += used
            location = raw.headers.get("location", "").strip()
            if raw.status not in REDIRECT_STATUSES or not location:
                return current, raw, attempts
            try:
                target = _without_fragment(str(httpx.URL(current).join(location)))
            except httpx.InvalidURL as exc:
                error = FetchError(
                    phrases.BAD_LOCATION(url=current, location=repr(location)),
                    url=current,
                    kind="http_status",
                    status=raw.status,
                )
                raise self._refused(job, error) from exc
            if target in seen:
                error = FetchError(
                    phrases.REDIRECT_LOOP(url=current, target=target),
                    url=job.url,
                    kind="redirect_loop",
                )
                raise self._refused(job, error)
            seen.add(target)
            current = target
        error = FetchError(
            phrases.TOO_MANY_REDIRECTS(
                url=job.url, limit=self._settings.max_redirects, last=current
            ),
            url=job.url,
            kind="too_many_redirects",
        )
        raise self._refused(job, error)

    async def _admit(self, url: str, job: _Job) -> None:
        """Refuse a hop before any request: SSRF guard, then robots.txt."""
        try:
            await guard_url(
                url,
                allow_private=job.allow_private,
                policy=self._policy,
                timeout=self._settings.connect_timeout,
            )
            if job.check_robots:
                await self._check_robots(url, job)
        except FetchError as exc:
            self._refused(job, exc)
            raise

    async def _check_robots(self, url: str, job: _Job) -> None:
        """Raise if robots.txt of the URL's origin (loaded once per TTL) refuses it."""
        parsed = httpx.URL(url)
        origin = f"{parsed.scheme}://{parsed.netloc.decode('ascii')}"
        robots = self._require(self._robots)
        rules = await robots.rules_for(origin, lambda: self._load_robots(origin, job))
        refusal = refusal_for(
            url, origin, parsed.raw_path.decode("ascii"), rules, self._settings.user_agent
        )
        if refusal is not None:
            raise refusal

    async def _load_robots(self, origin: str, job: _Job) -> RobotsRules:
        """Fetch robots.txt (or take a recent answer from the memo) and read it as Google does."""
        ttl = float(self._settings.robots_ttl_seconds)
        saved = self._memo.fresh(origin, ttl) if self._memo is not None else None
        if saved is not None:
            rules = rules_from_answer(saved.status, saved.body, self._settings.user_agent)
            return self._apply_crawl_delay(origin, rules)
        robots_job = replace(
            job,
            url=f"{origin}/robots.txt",
            headers={},
            check_robots=False,
            max_bytes=MAX_ROBOTS_BYTES,
            truncate=True,
        )
        try:
            _final, raw, _attempts = await self._follow(robots_job)
        except FetchError as exc:
            rules = rules_from_failure(exc)
        else:
            rules = rules_from_answer(raw.status, raw.body, self._settings.user_agent)
            if self._memo is not None and rules.unreachable is None:
                self._memo.record(origin, raw.status, raw.body)
        return self._apply_crawl_delay(origin, rules)

    def _apply_crawl_delay(self, origin: str, rules: RobotsRules) -> RobotsRules:
        if rules.unreachable is None:
            self._require(self._politeness).set_crawl_delay(host_key(origin), rules.crawl_delay)
        return rules

    async def _with_retries(self, url: str, job: _Job) -> tuple[RawResponse, int]:
        """Attempt until success, a permanent failure, or the retries run out."""
        politeness = self._require(self._politeness)
        host = host_key(url)
        attempt = 0
        while True:
            attempt += 1
            last = attempt > self._settings.retries
            try:
                async with politeness.slot(host):
                    raw = await self._attempt(url, job)
            except FetchError as exc:
                if last or exc.kind not in RETRYABLE_KINDS:
                    raise
                await asyncio.sleep(self._backoff(attempt))
                continue
            if not is_retryable_status(raw.status):
                return raw, attempt
            host_paused = self._slow_down_host(host, raw, attempt)
            if last:
                return raw, attempt
            if not host_paused:
                await asyncio.sleep(self._backoff(attempt))

    def _slow_down_host(self, host: str, raw: RawResponse, attempt: int) -> bool:
        """Pause the host on Retry-After (or 429/503 without it); True if it was paused."""
        politeness = self._require(self._politeness)
        retry_after = retry_after_seconds(raw.headers.get("retry-after"))
        if retry_after is not None:
            politeness.pause_host(host, retry_after)
            return True
        if raw.status in (429, 503):
            politeness.pause_host(host, self._backoff(attempt))
            return True
        return False

    def _backoff(self, attempt: int) -> float:
        """Full-jitter wait before retry ``attempt``."""
        s = self._settings
        return backoff_delay(attempt, s.backoff_base, s.backoff_max, self._rng)

    async def _attempt(self, url: str, job: _Job) -> RawResponse:
        """One request, always logged, whatever happens."""
        started_at, t0 = datetime.now(UTC), time.monotonic()
        try:
            raw = await send_once(
                self._require(self._client),
                url,
                headers=job.headers,
                allow_private=job.allow_private,
                max_bytes=job.max_bytes,
                total_timeout=self._settings.total_timeout,
                truncate=job.truncate,
            )
        except FetchError as exc:
            self._emit(job, url, started_at, t0, status=exc.status, error=exc)
            raise
        failed = None
        if raw.status >= 400:
            failed = FetchError(phrases.HTTP_STATUS(status=raw.status), url=url, kind="http_status")
        self._emit(job, url, started_at, t0, status=raw.status, size=len(raw.body), error=failed)
        return raw

    def _refused(self, job: _Job, exc: FetchError) -> FetchError:
        """Log a refusal that sent no request, and hand the error back for raising."""
        self._emit(job, exc.url, datetime.now(UTC), time.monotonic(), status=None, error=exc)
        return exc

    def _emit(
        self,
        job: _Job,
        url: str,
        started_at: datetime,
        t0: float,
        *,
        status: int | None,
        size: int = 0,
        error: FetchError | None = None,
    ) -> None:
        """Report one attempt or refusal to the log callback, if there is one."""
        if self._log is None:
            return
        self._log(
            FetchLogEntry(
                url=url,
                started_at=started_at,
                duration_ms=int((time.monotonic() - t0) * 1000),
                status=status,
                bytes=size,
                error=str(error) if error else None,
                error_kind=error.kind if error else None,
                source_id=job.source_id,
                not_modified=status == 304,
            )
        )

    @staticmethod
    def _require(value: _T | None) -> _T:
        """The opened resource, or a clear error when ``async with`` was forgotten."""
        if value is None:
            raise RuntimeError("Fetcher is not open: use `async with Fetcher(settings) as f:`")
        return value


def _without_fragment(url: str) -> str:
    """Fragments never reach the server, so they do not make a redirect target new."""
    return str(httpx.URL(url).copy_with(fragment=None))
