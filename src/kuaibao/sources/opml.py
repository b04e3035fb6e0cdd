"""Read and write the OPML 2.0 form of the source registry.

Feeds are ``<outline type="rss" xmlUrl=… htmlUrl=… text=… title=…>`` as every feed
reader expects. What only kuaibao knows (kind, country, tier, …) travels as attributes
in the ``kb:`` namespace, so a round trip keeps everything while other readers ignore
it. Listing pages and sitemaps, which other readers cannot poll, are written as
``type="link"`` outlines with ``url=`` and ``kb:kind``.

On import, category outlines are flattened, and files exported by other readers (often
only ``xmlUrl`` and a title) become RSS sources whose homepage is the feed's site root.
Parsing never loads DTDs, never touches the network, and refuses entity declarations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from kuaibao.domain import Source
from kuaibao.errors import SourceError
from kuaibao.sources.fields import FieldValueError, parse_language
from kuaibao.sources.registry import LoadResult, source_to_dict, sources_from_dicts

KB_NS = "urn:kuaibao:opml:1"
MAX_OPML_CHARS = 10_000_000

# kb: attribute <-> registry key, for everything plain OPML has no attribute for.
_KB_ATTRS = {
    "kind": "kind",
    "country": "country",
    "timezone": "timezone",
    "orgType": "org_type",
    "tier": "tier",
    "pollIntervalMinutes": "poll_interval_minutes",
    "enabled": "enabled",
    "allowPrivate": "allow_private",
    "fetchArticles": "fetch_articles",
}
_SELECTOR_ATTRS = {
    "selectorItem": "item",
    "selectorLink": "link",
    "selectorTitle": "title",
    "selectorDate": "date",
}
_FEED_KINDS = ("rss", "atom", "jsonfeed")
_DTD_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[|<!ENTITY", re.IGNORECASE)
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _kb(name: str) -> str:
    return f"{{{KB_NS}}}{name}"


def _parse(text: str) -> Any:
    if len(text) > MAX_OPML_CHARS:
        raise SourceError(f"OPML file is larger than {MAX_OPML_CHARS} characters")
    if _DTD_SUBSET.search(text):
        raise SourceError(
            "OPML file declares a DTD or entities, which are refused (they can "
            "expand to huge or private content); remove the <!DOCTYPE …[…]> part"
        )
    # lxml refuses str input that carries an encoding declaration; the text is decoded.
    body = _DECLARATION.sub("", text.lstrip("\ufeff"), count=1)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
        remove_comments=True,
    )
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise SourceError(f"OPML file is not well-formed XML: {exc}") from exc
    if root.tag != "opml" or root.find("body") is None:
        raise SourceError(f"not an OPML file: expected <opml> with a <body>, got <{root.tag}>")
    return root


def _attrs(outline: Any) -> dict[str, str]:
    """Plain attributes keyed case-insensitively (exporters disagree on xmlUrl's case)."""
    return {str(k).lower(): str(v) for k, v in outline.attrib.items() if not str(k).startswith("{")}


def _site_root(url: str) -> str | None:
    """Where a feed without htmlUrl most likely lives: the root of its site."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return f"{parts.scheme}://{parts.netloc}/" if parts.scheme and parts.netloc else None


def _host(url: str) -> str | None:
    try:
        return urlsplit(url.strip()).hostname
    except ValueError:
        return None


def _language(value: str | None) -> str | None:
    """OPML's language is advisory and often junk ('unknown') in foreign files: keep valid ones."""
    try:
        return parse_language(value) if value and value.strip() else None
    except FieldValueError:
        return None


def _outline_entry(outline: Any) -> dict[str, Any] | None:
    """The registry entry an outline describes, or None for categories and plain links."""
    plain = _attrs(outline)
    kind = outline.get(_kb("kind"))
    feed = plain.get("xmlurl")
    if feed is None and kind is not None and kind.strip().lower() not in _FEED_KINDS:
        feed = plain.get("url")
    if feed is None:
        return None
    entry: dict[str, Any] = {"feed_url": feed, "kind": kind or "rss"}
    name = (plain.get("text") or plain.get("title") or "").strip()
    homepage = plain.get("htmlurl", "").strip()
    entry["homepage"] = homepage or _site_root(feed)
    entry["name"] = name or _host(feed) or feed
    language = _language(plain.get("language"))
    if language:
        entry["language"] = language
    for attr, key in _KB_ATTRS.items():
        if attr != "kind" and outline.get(_kb(attr)) is not None:
            entry[key] = outline.get(_kb(attr))
    selectors = {
        key: outline.get(_kb(attr))
        for attr, key in _SELECTOR_ATTRS.items()
        if outline.get(_kb(attr)) is not None
    }
    if selectors:
        entry["selectors"] = selectors
    return entry


def load_opml(text: str) -> LoadResult:
    """Import an OPML file; bad outlines are reported in the result, not raised."""
    root = _parse(text)
    entries = [e for e in map(_outline_entry, root.find("body").iter("outline")) if e is not None]
    return sources_from_dicts(entries)


def _outline(body: Any, source: Source) -> None:
    """One source as an outline: feeds as type="rss" for every reader, the rest as links."""
    data = source_to_dict(source)
    attrs = {"text": source.name, "title": source.name}
    if data["kind"] in _FEED_KINDS:
        attrs.update(type="rss", xmlUrl=source.feed_url)
    else:
        attrs.update(type="link", url=source.feed_url)
    attrs["htmlUrl"] = source.homepage
    if source.language:
        attrs["language"] = source.language
    outline = etree.SubElement(body, "outline", attrs)
    for attr, key in _KB_ATTRS.items():
        if key in data:
            value = data[key]
            outline.set(_kb(attr), str(value).lower() if isinstance(value, bool) else str(value))
    for attr, key in _SELECTOR_ATTRS.items():
        if key in data.get("selectors", {}):
            outline.set(_kb(attr), data["selectors"][key])


def dump_opml(sources: Iterable[Source], *, title: str = "kuaibao sources") -> str:
    """Write sources as OPML 2.0 that feed readers understand and load_opml reads back whole."""
    root = etree.Element("opml", {"version": "2.0"}, nsmap={"kb": KB_NS})
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    body = etree.SubElement(root, "body")
    for source in sources:
        _outline(body, source)
    xml: str = etree.tostring(root, pretty_print=True, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml
