"""RSS (0.9x, 1.0 RDF, 2.0), Atom (0.3, 1.0) and JSON Feed documents as FeedEntry lists.

Plain, well-formed RSS 2.0 and Atom 1.0 are read by :mod:`kuaibao.fetch.plainfeed`, many
times faster; everything else goes to feedparser, which reads the XML families and is
lenient: a truncated or sloppy feed still gives its first entries. Both get the document
decoded by the project's one decoder (:mod:`kuaibao.fetch.xmltext`: a GBK feed labelled
ISO-8859-1 reads as Chinese, as the same page would) and without its type declaration,
because feedparser's fallback parser expands internal
entities without limit (one 20 KB entity used 20,000 times costs gigabytes); and bytes
are always handed to feedparser as a stream, because it treats a bytes argument as a
file name first. Neither sanitises nor rewrites the entries' HTML: ``content_html`` is
the feed's own markup, kept as the document's raw form, and only ever reduced to text
(scripts and styles dropped) or shown escaped. JSON Feed is read by
:mod:`kuaibao.fetch.jsonfeed`.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

from kuaibao import phrases
from kuaibao.domain import FeedEntry, SourceKind
from kuaibao.errors import FeedError
from kuaibao.fetch.dates import MAX_YEAR, MIN_YEAR, parse_date
from kuaibao.fetch.entries import (
    MAX_AUTHOR_CHARS,
    MAX_TITLE_CHARS,
    absolute_http_url,
    plain_text,
    unique_entries,
)
from kuaibao.fetch.jsonfeed import looks_like_json_feed, parse_json_feed
from kuaibao.fetch.plainfeed import read_plain_feed
from kuaibao.fetch.xmltext import ascii_view, media_type, utf8_document
from kuaibao.fetch.zones import DateContext

MAX_ENTRIES = 500
SNIFF_BYTES = 65536

_ROOT_START = re.compile(rb"<[A-Za-z_]")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_SUBSET_END = re.compile(rb"\]\s*>")
_ROOT_NAME = re.compile(r"<([A-Za-z_][\w.:-]*)")
_EMAIL_WITH_NAME = re.compile(r"^\s*\S+@\S+\s*\((?P<name>[^)]+)\)\s*$")
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
_FEED_ROOTS = {"rss": SourceKind.RSS, "rdf": SourceKind.RSS, "feed": SourceKind.ATOM}


@dataclass(frozen=True)
class FeedRead:
    """A feed's entries and, when the XML was damaged but still gave entries, the fault."""

    entries: list[FeedEntry]
    problem: str | None = None


def parse_feed(
    body: bytes,
    base_url: str,
    *,
    content_type: str = "",
    max_entries: int = MAX_ENTRIES,
    fast: bool = True,
    context: DateContext | None = None,
) -> list[FeedEntry]:
    """Entries of a feed in feed order, one per distinct http(s) link (see :func:`read_feed`)."""
    read = read_feed(
        body,
        base_url,
        content_type=content_type,
        max_entries=max_entries,
        fast=fast,
        context=context,
    )
    return read.entries


def read_feed(
    body: bytes,
    base_url: str,
    *,
    content_type: str = "",
    max_entries: int = MAX_ENTRIES,
    fast: bool = True,
    context: DateContext | None = None,
) -> FeedRead:
    """Entries of a feed, with the parser's complaint when it recovered from a fault.

    Raises FeedError when the document is not a feed at all (empty, HTML, binary) and
    when it is a feed so damaged that no entry could be read (the message carries the
    parser's line and column): an error, never an empty success that hides a broken
    feed. A feed that is well formed and lists nothing gives no entries. ``fast=False``
    sends every XML feed to feedparser, to check that both readers agree. ``context``
    is the source's (:mod:`kuaibao.fetch.zones`): a ``pubDate`` without a zone is in its
    zone, and CST means Beijing to a Chinese source.
    """
    if not body.strip():
        raise FeedError(phrases.FEED_EMPTY(url=base_url))
    kind = feed_kind(body)
    if kind is SourceKind.JSON_FEED or (kind is None and _json_declared(body, content_type)):
        return FeedRead(parse_json_feed(body, base_url, max_entries=max_entries, context=context))
    data = strip_doctype(utf8_document(body, content_type))
    header = media_type(content_type)  # the charset is spent: ``data`` is UTF-8
    plain = fast and kind is not None
    raw_entries = read_plain_feed(data, base_url, header) if plain else None
    version, problem = "plain", None
    if raw_entries is None:
        parsed = _run_feedparser(data, base_url, header)
        raw_entries, version = parsed.get("entries", []), parsed.get("version")
        problem = xml_fault(parsed)
    unreadable: list[str] = []
    entries = unique_entries(_entries(raw_entries, base_url, context, unreadable), max_entries)
    if unreadable:  # one entry that trips a reader costs only itself
        lost = f"{len(unreadable)} entries could not be read ({unreadable[0]})"
        problem = f"{problem}; {lost}" if problem else lost
    if problem and not raw_entries and (kind is not None or version):
        raise FeedError(phrases.FEED_MALFORMED(url=base_url, detail=problem))
    if entries or kind is not None or version:
        return FeedRead(entries, problem)
    raise FeedError(phrases.NOT_A_FEED(url=base_url, looks=_describe(body)))


def feed_kind(body: bytes) -> SourceKind | None:
    """Say whether ``body`` is an RSS, Atom or JSON feed by its first bytes; None otherwise."""
    head = ascii_view(body[:SNIFF_BYTES]).decode("utf-8", "replace")
    if head.lstrip("\ufeff \t\r\n").startswith("{"):
        return SourceKind.JSON_FEED if looks_like_json_feed(head) else None
    return _FEED_ROOTS.get(root_tag(body) or "")


def root_tag(body: bytes) -> str | None:
    """Local name, lower-cased, of the first element of an XML or HTML document."""
    text = ascii_view(body[:SNIFF_BYTES]).decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    for _ in range(100):  # a prolog of more than 100 declarations is not a document
        if text.startswith("<?"):
            end = _after(text, "?>")
        elif text.startswith("<!--"):
            end = _after(text, "-->")
        elif text.startswith("<!"):
            bracket, close = text.find("["), text.find(">")
            end = _after(text, "]>") if 0 <= bracket < close else _after(text, ">")
        else:
            match = _ROOT_NAME.match(text)
            return match.group(1).rsplit(":", 1)[-1].lower() if match else None
        if end < 0:
            return None
        text = text[end:].lstrip()
    return None


def _after(text: str, marker: str) -> int:
    """Index just past the first ``marker`` (whitespace allowed inside "]>"), or -1."""
    if marker == "]>":
        match = re.search(r"\]\s*>", text)
        return match.end() if match else -1
    index = text.find(marker)
    return index + len(marker) if index >= 0 else -1


def _run_feedparser(data: bytes, base_url: str, content_type: str) -> Any:
    """feedparser on a document already without DOCTYPE; ``content_type`` as trusted."""
    headers = {"content-location": base_url}
    if content_type:
        headers["content-type"] = content_type
    try:
        return feedparser.parse(
            io.BytesIO(data), response_headers=headers, sanitize_html=False,
            resolve_relative_uris=False,
        )  # fmt: skip
    except Exception as exc:  # feedparser's fallback parser has crashed on odd markup
        raise FeedError(phrases.FEED_UNPARSABLE(url=base_url, detail=repr(exc))) from exc


def xml_fault(parsed: Mapping[str, Any]) -> str | None:
    """The XML parser's complaint about a feed, with line and column; None when well formed.

    feedparser reads a damaged feed with a lenient fallback and flags it ``bozo``;
    faults that are only about the declared character encoding are not damage.
    """
    exc = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if exc is None or isinstance(exc, feedparser.CharacterEncodingOverride):
        return None
    line = getattr(exc, "getLineNumber", None)
    column = getattr(exc, "getColumnNumber", None)
    message = exc.getMessage() if hasattr(exc, "getMessage") else str(exc)
    if callable(line) and callable(column):
        return f"{message} at line {line()}, column {column()}"
    return str(message) or type(exc).__name__


def strip_doctype(body: bytes) -> bytes:
    """The document without its type declaration, internal subset and entities."""
    data = ascii_view(body)
    root = _ROOT_START.search(data)
    start = _DOCTYPE.search(data, 0, root.start() if root else len(data))
    if start is None:
        return data
    bracket, close = data.find(b"[", start.end()), data.find(b">", start.end())
    if close < 0:
        return data[: start.start()]
    if 0 <= bracket < close:
        subset_end = _SUBSET_END.search(data, bracket)
        end = subset_end.end() if subset_end else len(data)
    else:
        end = close + 1
    return data[: start.start()] + data[end:]


def _json_declared(body: bytes, content_type: str) -> bool:
    return "json" in content_type.lower() and body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _entries(
    raw_entries: Iterable[Mapping[str, Any]],
    base_url: str,
    context: DateContext | None,
    unreadable: list[str] | None = None,
) -> Iterator[FeedEntry]:
    """FeedEntry of each raw entry that has a usable link; ``unreadable`` collects why
    an entry raised instead (hostile values can trip any library), and the rest go on."""
    for raw in raw_entries:
        try:
            entry = _entry(raw, base_url, context)
        except Exception as exc:
            if unreadable is None:
                raise
            unreadable.append(f"{type(exc).__name__}: {exc}"[:300])
            continue
        if entry is not None:
            yield entry


def _entry(raw: Mapping[str, Any], base_url: str, context: DateContext | None) -> FeedEntry | None:
    url = _entry_url(raw, base_url)
    if url is None:
        return None
    return FeedEntry(
        url=url,
        title=plain_text(_text(_field(raw, "title")), MAX_TITLE_CHARS),
        published_at=_entry_date(raw, context),
        summary=plain_text(_text(_field(raw, "summary"))),
        content_html=_content_html(raw),
        author=_author(raw),
    )


def _entry_url(raw: Mapping[str, Any], base_url: str) -> str | None:
    """The entry's page: its main link, else an alternate link; never its id as such.

    Both readers already give an RSS permalink guid, or an Atom id, as the link when the
    entry has no other; an id that is not a link (``<guid isPermaLink="false">``, often
    a URL-shaped ``?p=123``) names the entry, not its page, and is not a fallback.
    """
    candidates: list[str | None] = [_text(_field(raw, "link"))]
    for link in _field(raw, "links") or []:
        if isinstance(link, Mapping) and link.get("rel", "alternate") == "alternate":
            candidates.append(_text(link.get("href")))
    for candidate in candidates:
        url = absolute_http_url(candidate, base_url)
        if url:
            return url
    return None


def _entry_date(raw: Mapping[str, Any], context: DateContext | None) -> datetime | None:
    """Published, else updated, else created; our parse first, feedparser's as fallback.

    feedparser takes a time without a zone as UTC and CST as Chicago; ours reads them
    in the source's zone and country, so it goes first, and feedparser's reading only
    serves the odd forms ours does not know.
    """
    for key in ("published", "updated", "created"):
        value = parse_date(_text(_field(raw, key)), context)
        if value is None:
            value = _from_struct(_field(raw, f"{key}_parsed"))
        if value is not None:
            return value
    return None


def _from_struct(value: Any) -> datetime | None:
    if not isinstance(value, time.struct_time):
        return None
    try:
        result = datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None
    return result if MIN_YEAR <= result.year <= MAX_YEAR else None


def _content_html(raw: Mapping[str, Any]) -> str | None:
    for content in _field(raw, "content") or []:
        if not isinstance(content, Mapping):
            continue
        value = _text(content.get("value"))
        kind = str(content.get("type") or "text/html").lower()
        if value and value.strip() and kind in _HTML_TYPES:
            return value
    return None


def _author(raw: Mapping[str, Any]) -> str | None:
    detail = _field(raw, "author_detail")
    name = _text(detail.get("name")) if isinstance(detail, Mapping) else None
    name = name or _text(_field(raw, "author"))
    if name:
        with_email = _EMAIL_WITH_NAME.match(name)
        if with_email:
            name = with_email.group("name")
    return plain_text(name, MAX_AUTHOR_CHARS)


def _field(raw: Mapping[str, Any], key: str) -> Any:
    """Read a key without feedparser's deprecated updated→published aliasing (and its warning)."""
    return dict.get(raw, key) if isinstance(raw, dict) else raw.get(key)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _describe(body: bytes) -> str:
    """A few words on what a non-feed document seems to be, for the error message."""
    head = body[:4096]
    if b"\x00" in head or sum(byte < 9 for byte in head) > len(head) // 20:
        return "binary data"
    if root_tag(body) == "html" or re.search(rb"<(html|body|head|div)\b", head, re.I):
        return "an HTML page"
    tag = root_tag(body)
    return f"an XML document with root <{tag}>" if tag else "text that is not markup"
