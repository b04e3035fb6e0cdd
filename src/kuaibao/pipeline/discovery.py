"""``sources add URL``: find a homepage's feed, sitemap or listing and propose a source.

Order of preference: the URL itself is a feed; feeds the page announces with
``<link rel="alternate">``; common feed paths that answer with a feed; a sitemap named
in robots.txt; finally the page itself as an HTML listing with guessed selectors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from kuaibao import phrases
from kuaibao.config import FetchSettings
from kuaibao.domain import ListingSelectors, Source, SourceKind
from kuaibao.errors import FetchError, SourceError
from kuaibao.fetch import Fetcher, FetchResult
from kuaibao.fetch.discover import candidate_urls, discover_feeds, sniff_kind
from kuaibao.fetch.listing import guess_listing_selectors
from kuaibao.fetch.sitemaps import sitemaps_from_robots


@dataclass(frozen=True)
class Found:
    """One place new documents could be read from, and how it was found."""

    url: str
    kind: SourceKind
    how: str
    title: str | None = None
    selectors: ListingSelectors | None = None


@dataclass
class Discovery:
    """Everything discovery saw; ``best`` becomes the proposed source."""

    homepage: str
    page_title: str | None = None
    found: list[Found] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def best(self) -> Found | None:
        return self.found[0] if self.found else None


def _title(result: FetchResult) -> str | None:
    from lxml import html as lxml_html

    try:
        doc = lxml_html.fromstring(result.text())
    except (ValueError, TypeError, SyntaxError):
        return None
    text = doc.findtext(".//title")
    return " ".join(text.split()) if text else None


async def _probe(fetcher: Fetcher, url: str, allow_private: bool) -> Found | None:
    try:
        result = await fetcher.fetch(url, allow_private=allow_private)
    except FetchError:
        return None
    kind = sniff_kind(result.body, result.content_type)
    return (
        Found(url=result.final_url, kind=kind, how=f"probed {urlsplit(url).path}") if kind else None
    )


async def discover(
    url: str, settings: FetchSettings, *, allow_private: bool = False, probe_paths: bool = True
) -> Discovery:
    """Fetch the homepage and everything needed to propose a source for it."""
    result_home: Discovery = Discovery(homepage=url)
    async with Fetcher(settings) as fetcher:
        try:
            home = await fetcher.fetch(url, allow_private=allow_private)
        except FetchError as exc:
            raise SourceError(phrases.CANNOT_FETCH(url=url, detail=exc)) from exc
        kind = sniff_kind(home.body, home.content_type)
        if kind is not None:
            result_home.found.append(Found(url=home.final_url, kind=kind, how="the URL itself"))
            return result_home
        html = home.text()
        result_home.page_title = _title(home)
        for cand in discover_feeds(html, home.final_url):
            result_home.found.append(Found(cand.url, cand.kind, cand.how, cand.title))
        if not result_home.found and probe_paths:
            for probe_url in candidate_urls(home.final_url):
                found = await _probe(fetcher, probe_url, allow_private)
                if found and all(f.url != found.url for f in result_home.found):
                    result_home.found.append(found)
                    break
        if not result_home.found:
            await _robots_sitemaps(fetcher, home.final_url, allow_private, result_home)
        selectors = guess_listing_selectors(html, home.final_url)
        if selectors is not None:
            result_home.found.append(
                Found(home.final_url, SourceKind.HTML, "listing selectors guessed", None, selectors)
            )
    return result_home


async def _robots_sitemaps(
    fetcher: Fetcher, base: str, allow_private: bool, into: Discovery
) -> None:
    try:
        robots = await fetcher.fetch(
            urljoin(base, "/robots.txt"), allow_private=allow_private, check_robots=False
        )
    except FetchError as exc:
        into.errors.append(str(exc))
        return
    for sitemap in sitemaps_from_robots(robots.text(), base):
        into.found.append(Found(sitemap, SourceKind.SITEMAP, "robots.txt Sitemap line"))


def propose_source(
    discovery: Discovery,
    *,
    name: str | None = None,
    kind: SourceKind | None = None,
    allow_private: bool = False,
) -> Source:
    """The source to register: the best find, or the one of the requested kind."""
    choices = [f for f in discovery.found if kind is None or f.kind is kind]
    if kind is SourceKind.RSS or kind is SourceKind.ATOM or kind is SourceKind.JSON_FEED:
        choices = choices or [f for f in discovery.found if f.kind.is_feed]
    if not choices:
        raise SourceError(
            phrases.NOTHING_OF_KIND(kind=kind.value, url=discovery.homepage)
            if kind
            else phrases.NOTHING_FOUND(url=discovery.homepage)
        )
    best = choices[0]
    fallback_name = urlsplit(discovery.homepage).hostname or discovery.homepage
    return Source(
        name=name or best.title or discovery.page_title or fallback_name,
        homepage=discovery.homepage,
        kind=best.kind,
        feed_url=best.url,
        selectors=best.selectors,
        allow_private=allow_private,
    )
