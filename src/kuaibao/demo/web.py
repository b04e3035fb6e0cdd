"""The sample web: one real HTTP server per fictional site, all on 127.0.0.1.

``kuaibao demo`` crawls these servers so a newcomer sees real HTTP (robots.txt,
conditional GET, redirects-free canonical URLs, a mis-labelled charset) with no internet.
Each site gets its own port, hence its own host key and robots.txt.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from kuaibao.demo import render_pages as pages
from kuaibao.demo.content import SiteContent, load_sites
from kuaibao.demo.render_feeds import linked_url
from kuaibao.demo.routes import Resource, html_content_type, is_not_modified, site_routes
from kuaibao.domain import ListingSelectors, OrgType, Source, SourceKind
from kuaibao.errors import ConfigError

TEASER_SELECTORS = ListingSelectors(
    item="article.teaser", link="h2 a[href]", title="h2", date="time[datetime]"
)


@dataclass(frozen=True)
class DemoSite:
    """A running sample site: where it is and how kuaibao should watch it."""

    key: str
    name: str
    base_url: str
    kind: SourceKind
    feed_url: str
    homepage: str
    selectors: ListingSelectors | None
    country: str
    org_type: OrgType
    tier: int
    language: str
    region: str | None = None


@dataclass(frozen=True)
class DemoArticle:
    """Ground truth about one served document, for tests of later stages.

    ``url`` is canonical; ``link`` is what the feed or listing advertises (it may carry
    ``utm_*`` parameters). ``robots_allowed`` is False for pages a polite crawler skips.
    ``story`` names a story that another site also reports in different words.
    """

    site_key: str
    url: str
    title: str
    published: datetime
    text: str
    link: str
    author: str
    domain: str
    category: str
    language: str
    content_type: str = "text/html"
    story: str | None = None
    robots_allowed: bool = True


@dataclass(frozen=True)
class SeenRequest:
    """A request one of the sites received, so tests can check what a crawler sent."""

    site_key: str
    method: str
    path: str
    headers: dict[str, str]
    at: float


def _handler_class(web: SampleWeb, site: SiteContent) -> type[BaseHTTPRequestHandler]:
    """A request handler bound to one site's route table."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "DemoCMS/2.4"
        disable_nagle_algorithm = True  # headers and body go out in two writes

        def log_message(self, format: str, *args: object) -> None:
            return

        def _answer(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            web._record(SeenRequest(site.key, self.command, self.path, headers, time.monotonic()))
            resource = web._routes[site.key].get(self.path.split("?", 1)[0].split("#", 1)[0])
            if resource is None:
                body = pages.not_found_page(site).encode(site.encoding)
                self._send(404, {"Content-Type": html_content_type(site)}, body)
                return
            modified = resource.last_modified.astimezone(UTC)
            validators = {
                "ETag": resource.etag,
                "Last-Modified": format_datetime(modified, usegmt=True),
                "Cache-Control": "max-age=300",
            }
            etags, since = headers.get("if-none-match"), headers.get("if-modified-since")
            if is_not_modified(resource, etags, since):
                self._send(304, validators, b"")
                return
            self._send(200, {"Content-Type": resource.content_type, **validators}, resource.body)

        def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
            try:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD" and status != 304:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                return

        def do_GET(self) -> None:
            self._answer()

        def do_HEAD(self) -> None:
            self._answer()

    return Handler


class SampleWeb:
    """A context manager that serves every demo site on its own loopback port."""

    def __init__(self, host: str = "127.0.0.1", base_port: int | None = None) -> None:
        self._host = host
        self._base_port = base_port
        self._content = load_sites()
        self._routes: dict[str, dict[str, Resource]] = {}
        self._servers: list[tuple[ThreadingHTTPServer, threading.Thread]] = []
        self._sites: list[DemoSite] = []
        self._seen: list[SeenRequest] = []
        self._lock = threading.Lock()

    def _record(self, request: SeenRequest) -> None:
        with self._lock:
            self._seen.append(request)

    def _bind(self, site: SiteContent, index: int) -> ThreadingHTTPServer:
        """Open the site's listening socket (a free port unless a base port was given)."""
        port = 0 if self._base_port is None else self._base_port + index
        try:
            httpd = ThreadingHTTPServer((self._host, port), _handler_class(self, site))
        except OSError as exc:
            raise ConfigError(
                f"cannot serve demo site {site.key!r} on {self._host}:{port}: {exc}; "
                "choose another base port or omit it to use free ports"
            ) from exc
        httpd.daemon_threads = True
        return httpd

    def __enter__(self) -> SampleWeb:
        try:
            for index, site in enumerate(self._content):
                httpd = self._bind(site, index)
                base_url = f"http://{self._host}:{httpd.server_address[1]}"
                self._routes[site.key] = site_routes(site, base_url)
                self._sites.append(_demo_site(site, base_url))
                thread = threading.Thread(
                    target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
                )
                self._servers.append((httpd, thread))
                thread.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop every server and release its port; safe to call twice."""
        for httpd, thread in self._servers:
            httpd.shutdown()
            httpd.server_close()
            thread.join(timeout=5)
        self._servers.clear()
        self._sites.clear()
        self._routes.clear()

    @property
    def sites(self) -> list[DemoSite]:
        """The running sites, in content order."""
        if not self._sites:
            raise ConfigError("the sample web is not running; use it as `with SampleWeb() as web:`")
        return list(self._sites)

    def site(self, key: str) -> DemoSite:
        """One running site by key."""
        for site in self.sites:
            if site.key == key:
                return site
        raise ConfigError(f"no demo site {key!r}; known: {', '.join(s.key for s in self.sites)}")

    def sources(self) -> list[Source]:
        """Source definitions for every site, ready to register (private URLs allowed)."""
        return [_source(site) for site in self.sites]

    def articles(self) -> list[DemoArticle]:
        """Ground truth for every served article and report, drafts included."""
        by_key = {s.key: s for s in self.sites}
        return [a for c in self._content for a in _articles(c, by_key[c.key].base_url)]

    def requests(self, site_key: str | None = None) -> list[SeenRequest]:
        """Every request received so far, optionally only those of one site."""
        with self._lock:
            return [r for r in self._seen if site_key is None or r.site_key == site_key]


def primary_language(tag: str) -> str:
    """'zh-CN' -> 'zh': sources and ground truth use the code language detection returns."""
    return tag.split("-", 1)[0].lower()


def _demo_site(site: SiteContent, base_url: str) -> DemoSite:
    return DemoSite(
        key=site.key,
        name=site.name,
        base_url=base_url,
        kind=site.kind,
        feed_url=base_url + site.feed_path,
        homepage=base_url + "/",
        selectors=TEASER_SELECTORS if site.kind is SourceKind.HTML else None,
        country=site.country,
        org_type=site.org_type,
        tier=site.tier,
        language=primary_language(site.language),
        region=site.region,
    )


def _source(site: DemoSite) -> Source:
    return Source(
        name=site.name,
        homepage=site.homepage,
        kind=site.kind,
        feed_url=site.feed_url,
        selectors=site.selectors,
        country=site.country,
        org_type=site.org_type,
        tier=site.tier,
        language=site.language,
        allow_private=True,
        region=site.region,
    )


def _articles(site: SiteContent, base_url: str) -> list[DemoArticle]:
    """Ground truth for one site's documents at ``base_url``."""
    found = [
        DemoArticle(
            site_key=site.key,
            url=base_url + a.path,
            title=a.title,
            published=a.published,
            text="\n\n".join(a.paragraphs),
            link=linked_url(base_url, a),
            author=a.author,
            domain=a.domain,
            category=a.category,
            language=primary_language(site.language),
            story=a.story,
            robots_allowed=not any(a.path.startswith(p) for p in site.robots_disallow),
        )
        for a in site.articles
    ]
    if site.report:
        r = site.report
        found.append(
            DemoArticle(
                site_key=site.key,
                url=base_url + r.path,
                title=r.title,
                published=r.published,
                text="\n\n".join(r.paragraphs),
                link=base_url + r.path,
                author=r.author,
                domain=r.domain,
                category=r.category,
                language=primary_language(site.language),
                content_type="application/pdf",
            )
        )
    return found


def serve_forever(
    base_port: int | None = None,
    announce: Callable[[str], None] = print,
    stop: threading.Event | None = None,
) -> None:
    """Serve the sample web until ``stop`` is set or the user presses Ctrl-C."""
    stop = stop or threading.Event()
    with SampleWeb(base_port=base_port) as web:
        for site in web.sites:
            announce(f"{site.key:<14} {site.kind.value:<9} {site.feed_url}")
        try:
            stop.wait()
        except KeyboardInterrupt:
            announce("sample web stopped")
