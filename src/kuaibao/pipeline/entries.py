"""Turn a fetched feed, sitemap or listing page into the entries it points at."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

from kuaibao import phrases
from kuaibao.domain import FeedEntry, Source, SourceKind
from kuaibao.errors import FeedError, FetchError
from kuaibao.fetch import Fetcher, FetchResult
from kuaibao.fetch.feeds import FeedRead, read_feed
from kuaibao.fetch.listing import guess_listing_selectors, parse_listing
from kuaibao.fetch.sitemaps import parse_sitemap
from kuaibao.fetch.zones import DateContext, date_context
from kuaibao.pipeline.workers import CpuPool

# A sitemap index can list hundreds of child sitemaps; the newest few hold the news.
MAX_CHILD_SITEMAPS = 5


async def entries_from_response(
    fetcher: Fetcher, source: Source, result: FetchResult, *, cpu: CpuPool | None = None
) -> FeedRead:
    """Parse by the source's kind; sitemap indexes are followed one level down.

    Feeds are parsed by ``cpu`` (in a worker process when it has some), others inline.
    Dates are read in the source's zone, and ages ("3小时前") against the time now.
    A feed that is too damaged to give entries raises FeedError; one that recovered
    carries the parser's complaint in ``problem``.
    """
    context = source_context(source)
    if source.kind.is_feed:
        charset = f"; charset={result.declared_charset}" if result.declared_charset else ""
        parse = partial(read_feed, content_type=result.content_type + charset, context=context)
        return await (cpu or CpuPool(0)).run(parse, result.body, result.final_url)
    if source.kind is SourceKind.SITEMAP:
        return FeedRead(await _sitemap_entries(fetcher, source, result, context))
    selectors = source.selectors or guess_listing_selectors(result.text(), result.final_url)
    if selectors is None:
        raise FeedError(phrases.LISTING_NO_SELECTORS(url=source.feed_url))
    return FeedRead(parse_listing(result.text(), result.final_url, selectors, context=context))


def source_context(source: Source, now: datetime | None = None) -> DateContext:
    """How to read this source's dates: its zone and country, and the fetch time."""
    return date_context(source.timezone, source.country, now or datetime.now(UTC))


async def _sitemap_entries(
    fetcher: Fetcher, source: Source, result: FetchResult, context: DateContext
) -> list[FeedEntry]:
    parsed = parse_sitemap(result.body, result.final_url, context=context)
    entries = list(parsed.entries)
    for child in parsed.sitemaps[-MAX_CHILD_SITEMAPS:]:
        try:
            child_result = await fetcher.fetch(
                child, allow_private=source.allow_private, source_id=source.id
            )
            child_entries = parse_sitemap(
                child_result.body, child_result.final_url, context=context
            ).entries
            entries.extend(child_entries)
        except (FetchError, FeedError):
            continue  # logged by the fetcher; the other children still count
    return entries
