"""A farm of RSS sites on 127.0.0.1 for the ingest benchmark, run in its own process.

Each site is one listening port (so a crawler's per-host politeness sees many hosts); it
serves ``/robots.txt`` (allow all), its RSS 2.0 feeds at ``/feeds/<k>.xml`` with ETag and
Last-Modified (304 on a matching conditional request) and the article pages the items
link to. Feeds are rendered before the farm reports ready, so the crawlers measured
later pay only for HTTP, never for the farm's own text generation. The HTTP/1.1 handler
is a bare ``asyncio.Protocol`` with keep-alive: a framework would cost more CPU than the
crawlers it is meant to measure.

Run: ``python -m benchmarks.farm_server --feeds 1000 --items 20``; it prints one JSON line
``{"ports": [...]}`` when ready and stops when its stdin closes or ``--lifetime`` ends.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import random
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from html import escape

MAX_HEAD_BYTES = 64 * 1024
BASE_TIME = datetime(2025, 3, 1, tzinfo=UTC)
STATS_PATH = "/__stats"
RESET_PATH = "/__reset"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Words for the generated articles; written for this benchmark, no meaning intended.
_NOUNS = _words(
    "laboratory reactor satellite genome protocol wafer lattice catalyst sensor array "
    "compiler dataset telescope vaccine battery turbine membrane qubit enzyme algorithm "
    "consortium ministry agency roadmap standard testbed prototype corridor grid network "
    "polymer alloy isotope fibre detector accelerator observatory microscope cohort trial "
    "subsidy tender license framework budget programme workshop pipeline module chipset"
)
_VERBS = _words(
    "measures extends publishes funds reviews doubles replaces calibrates licenses tests "
    "accelerates cools stabilises maps sequences certifies deploys audits simulates trains"
)
_ADJECTIVES = _words(
    "national orbital quantum modular regional open coastal solid-state photonic low-carbon "
    "autonomous federated thermal scalable bilateral experimental public secure dense rapid"
)
_PLACES = _words(
    "Northfield Aldermoor Kestrel Bay Varnholm Eastgate Lindqvist Tarragon Hollowmere "
    "Saltmarsh Brightwater Corvale Dunmore Elsworth Fairhaven Greyport"
)


@dataclass(frozen=True)
class Resource:
    """One prepared response body with its validators."""

    body: bytes
    content_type: str
    etag: str | None = None
    last_modified: datetime | None = None


@dataclass
class FarmState:
    """Everything the handlers need: prepared feeds per (port, path) and counters."""

    items: int
    feeds: dict[tuple[int, str], Resource] = field(default_factory=dict)
    stats: Counter[str] = field(default_factory=Counter)


def feed_path(index: int) -> str:
    """The path of feed number ``index`` on its site."""
    return f"/feeds/{index}.xml"


def feed_url(port: int, index: int) -> str:
    """The full URL of feed number ``index`` served on ``port``."""
    return f"http://127.0.0.1:{port}{feed_path(index)}"


def site_port(ports: list[int], index: int, feeds_per_site: int) -> int:
    """Which port serves feed ``index`` when each site carries ``feeds_per_site`` feeds."""
    return ports[index // feeds_per_site]


def _sentence(rng: random.Random) -> str:
    words = [
        rng.choice(_ADJECTIVES),
        rng.choice(_NOUNS),
        "in",
        rng.choice(_PLACES),
        rng.choice(_VERBS),
        "the",
        *rng.choices(_ADJECTIVES + _NOUNS, k=rng.randint(5, 12)),
    ]
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def article_text(feed: int, item: int) -> tuple[str, list[str]]:
    """A unique title and a few paragraphs for one item, the same on every call."""
    rng = random.Random(feed * 1_000_003 + item)
    title = f"{rng.choice(_PLACES)} {rng.choice(_NOUNS)} {rng.choice(_VERBS)} "
    title += f"{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)} (report {feed}-{item})"
    paragraphs = [
        " ".join(_sentence(rng) for _ in range(rng.randint(3, 5))) for _ in range(rng.randint(3, 5))
    ]
    paragraphs[0] = f"Bulletin {feed}-{item}. " + paragraphs[0]
    return title, paragraphs


def article_path(feed: int, item: int) -> str:
    return f"/articles/{feed}/{item}.html"


def item_time(feed: int, item: int) -> datetime:
    """Items are an hour apart, newest first; feeds a minute apart."""
    return BASE_TIME + timedelta(minutes=feed) - timedelta(hours=item)


def _rss_item(base: str, feed: int, item: int) -> str:
    title, paragraphs = article_text(feed, item)
    link = base + article_path(feed, item)
    content = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<item><title>{escape(title)}</title><link>{link}</link>"
        f'<guid isPermaLink="true">{link}</guid>'
        f"<pubDate>{format_datetime(item_time(feed, item), usegmt=True)}</pubDate>"
        f"<description>{escape(paragraphs[0][:200])}</description>"
        f"<content:encoded><![CDATA[{content}]]></content:encoded></item>"
    )


def render_feed(base: str, feed: int, items: int) -> Resource:
    """An RSS 2.0 feed of ``items`` full-text items, with a stable ETag."""
    body = "".join(_rss_item(base, feed, i) for i in range(items))
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Farm site feed {feed}</title><link>{base}/</link>"
        f"<description>Generated feed {feed} for the ingest benchmark</description>"
        f"{body}</channel></rss>\n"
    ).encode()
    etag = '"' + hashlib.sha1(xml).hexdigest()[:20] + '"'
    modified = item_time(feed, 0)
    return Resource(xml, "application/rss+xml; charset=utf-8", etag, modified)


def render_article(feed: int, item: int) -> Resource:
    """The HTML page an item links to (rendered on demand; crawlers rarely ask)."""
    title, paragraphs = article_text(feed, item)
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    html = (
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{escape(title)}"
        f"</title></head><body><header><nav><a href=/>Home</a></nav></header><main><article>"
        f"<h1>{escape(title)}</h1>{body}</article></main><footer>Farm site</footer></body></html>"
    ).encode()
    return Resource(html, "text/html; charset=utf-8", None, item_time(feed, item))


def is_not_modified(resource: Resource, headers: dict[str, str]) -> bool:
    """RFC 9110: If-None-Match wins over If-Modified-Since."""
    inm = headers.get("if-none-match")
    if inm is not None:
        tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
        return "*" in tags or resource.etag in tags
    ims = headers.get("if-modified-since")
    if ims and resource.last_modified is not None:
        try:
            since = parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return resource.last_modified <= since
    return False


def _head(status: str, resource: Resource | None, length: int | None, close: bool) -> bytes:
    """Status line and headers; a 304 carries no Content-Length (it has no body)."""
    lines = [f"HTTP/1.1 {status}"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    if resource is not None:
        lines.append(f"Content-Type: {resource.content_type}")
        if resource.etag:
            lines.append(f"ETag: {resource.etag}")
        if resource.last_modified:
            lines.append(f"Last-Modified: {format_datetime(resource.last_modified, usegmt=True)}")
    lines.append("Connection: close" if close else "Connection: keep-alive")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _lookup(state: FarmState, port: int, path: str) -> tuple[str, Resource | None]:
    """Which kind of resource a path names, and the resource (None when unknown)."""
    if path == "/robots.txt":
        return "robots", Resource(b"User-agent: *\nAllow: /\n", "text/plain; charset=utf-8")
    feed = state.feeds.get((port, path))
    if feed is not None:
        return "feed", feed
    parts = path.split("/")
    if len(parts) == 4 and parts[1] == "articles" and parts[3].endswith(".html"):
        try:
            index, item = int(parts[2]), int(parts[3][:-5])
        except ValueError:
            return "not_found", None
        if (port, feed_path(index)) in state.feeds and 0 <= item < state.items:
            return "article", render_article(index, item)
    return "not_found", None


def respond(state: FarmState, port: int, method: str, path: str, headers: dict[str, str]) -> bytes:
    """The full response (head and body) to one request; counts what was served."""
    close = headers.get("connection", "").lower() == "close"
    path = path.split("?", 1)[0]
    if path == STATS_PATH:
        body = json.dumps(dict(state.stats)).encode()
        return _head("200 OK", Resource(body, "application/json"), len(body), close) + body
    if path == RESET_PATH:
        state.stats.clear()
        return _head("204 No Content", None, 0, close)
    state.stats["requests"] += 1
    if "if-none-match" in headers or "if-modified-since" in headers:
        state.stats["conditional"] += 1
    kind, resource = _lookup(state, port, path)
    if resource is None:
        state.stats["not_found"] += 1
        return _head("404 Not Found", None, 0, close)
    if kind == "feed" and is_not_modified(resource, headers):
        state.stats["feed_304"] += 1
        return _head("304 Not Modified", resource, None, close)
    state.stats[f"{kind}_200"] += 1
    state.stats["body_bytes"] += len(resource.body)
    payload = b"" if method == "HEAD" else resource.body
    return _head("200 OK", resource, len(resource.body), close) + payload


def parse_head(head: bytes) -> tuple[str, str, str, dict[str, str]]:
    """Method, target, version and lower-cased headers of one request head."""
    lines = head.decode("latin-1").split("\r\n")
    method, target, version = lines[0].split(" ", 2)
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return method, target, version, headers


class FarmProtocol(asyncio.Protocol):
    """One keep-alive HTTP/1.1 connection; pipelined requests are answered in order."""

    def __init__(self, state: FarmState, port: int) -> None:
        self.state = state
        self.port = port
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.state.stats["connections"] += 1

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while self.transport is not None:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self.buffer) > MAX_HEAD_BYTES:
                    self.transport.close()
                return
            try:
                method, target, version, headers = parse_head(bytes(self.buffer[:end]))
                body_length = int(headers.get("content-length", "0"))
            except ValueError:
                self.transport.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                self.transport.close()
                return
            if len(self.buffer) < end + 4 + body_length:
                return
            del self.buffer[: end + 4 + body_length]
            if version == "HTTP/1.0" and headers.get("connection", "").lower() != "keep-alive":
                headers["connection"] = "close"
            self.transport.write(respond(self.state, self.port, method, target, headers))
            if headers.get("connection", "").lower() == "close":
                self.transport.close()
                return

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None


def _factory(state: FarmState, port_holder: list[int]) -> Callable[[], FarmProtocol]:
    """A protocol factory for a server whose port is known only once it is bound."""
    return lambda: FarmProtocol(state, port_holder[0])


async def _bind(state: FarmState, sites: int) -> tuple[list[int], list[asyncio.Server]]:
    loop = asyncio.get_running_loop()
    ports: list[int] = []
    servers: list[asyncio.Server] = []
    for _ in range(sites):
        holder: list[int] = []
        server = await loop.create_server(_factory(state, holder), "127.0.0.1", 0, backlog=128)
        holder.append(server.sockets[0].getsockname()[1])
        ports.append(holder[0])
        servers.append(server)
    return ports, servers


def prepare_feeds(state: FarmState, ports: list[int], feeds: int, feeds_per_site: int) -> None:
    """Render every feed up front, keyed by the port and path that serve it."""
    for index in range(feeds):
        port = site_port(ports, index, feeds_per_site)
        base = f"http://127.0.0.1:{port}"
        state.feeds[(port, feed_path(index))] = render_feed(base, index, state.items)


async def _stdin_closed() -> None:
    """Return when the parent closes our stdin (or dies), so the farm never outlives it."""
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while await reader.read(4096):
        pass


async def serve(feeds: int, items: int, feeds_per_site: int, lifetime: float) -> None:
    """Bind, render, announce the ports on stdout, then serve until told to stop."""
    state = FarmState(items=items)
    sites = -(-feeds // feeds_per_site)
    ports, servers = await _bind(state, sites)
    prepare_feeds(state, ports, feeds, feeds_per_site)
    sys.stdout.write(json.dumps({"ports": ports, "feeds": feeds}) + "\n")
    sys.stdout.flush()
    try:
        await asyncio.wait_for(_stdin_closed(), timeout=lifetime)
    except TimeoutError:
        pass
    finally:
        for server in servers:
            server.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--feeds-per-site", type=int, default=1)
    parser.add_argument("--lifetime", type=float, default=3600.0, help="stop after this long")
    args = parser.parse_args(argv)
    asyncio.run(serve(args.feeds, args.items, args.feeds_per_site, args.lifetime))
    return 0


if __name__ == "__main__":
    sys.exit(main())
