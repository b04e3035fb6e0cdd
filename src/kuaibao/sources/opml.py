"""Read and write the OPML 2.0 form of the source registry.

Feeds are ``<outline type="rss" xmlUrl=… htmlUrl=… text=… title=…>`` as every feed
reader expects. What only kuaibao knows (kind, country, tier, …) travels as attributes
in the ``kb:`` namespace, so a round trip keeps everything while other readers ignore
it. Listing pages and sitemaps, which other readers cannot poll, are written as
``type="link"`` outlines with ``url=`` and ``kb:kind``. Tags are written as folders
(the first tag) and exactly in ``kb:tags``.

Files exported by real readers are often not well-formed XML: a bare ``&`` or an HTML
entity (``&nbsp;``) in a title, a stray ``<``. One such title must not cost the whole
file, so parsing falls back to repairing those three faults and then to lxml's
recovering parser, and says what it repaired or skipped in the result's warnings.

On import, folders become tags (a feed in two folders is one source with both tags),
and an outline without ``htmlUrl`` (or with an empty one) has no homepage: the site
root of a feed host is a guess, often wrong (``feeds.feedburner.com``).
Parsing never loads DTDs, never touches the network, and refuses entity declarations.
"""

from __future__ import annotations

import codecs
import html.entities
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from kuaibao.domain import Source
from kuaibao.errors import SourceError
from kuaibao.sources.fields import FieldValueError, parse_language
from kuaibao.sources.registry import (
    LoadResult,
    SourceEntryError,
    source_to_dict,
    sources_from_dicts,
    url_key,
)

KB_NS = "urn:kuaibao:opml:1"
MAX_OPML_CHARS = 10_000_000

# kb: attribute <-> registry key, for everything plain OPML has no attribute for.
_KB_ATTRS = {
    "kind": "kind",
    "country": "country",
    "timezone": "timezone",
    "region": "region",
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
_DECLARED_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_ENTITY = re.compile(r"&(#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)?")
_STRAY_LT = re.compile(r"<(?![A-Za-z_/!?])")
_START_TAG = re.compile(
    r"""<([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(/?)>"""
)
_ATTR_VALUE = re.compile(r"""(=\s*)("[^"]*"|'[^']*')""")
MAX_WARNINGS = 20


def _kb(name: str) -> str:
    return f"{{{KB_NS}}}{name}"


def _decode(data: bytes | str) -> str:
    """Text of the file, honouring a BOM or the XML declaration's encoding (Latin-1 files)."""
    if isinstance(data, str):
        return data
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    declared = _DECLARED_ENCODING.match(data[:200])
    encoding = "utf-8"
    if declared:
        try:
            encoding = codecs.lookup(declared.group(1).decode("ascii")).name
        except LookupError:
            encoding = "utf-8"
    return data.decode(encoding, errors="replace")


def _entity(match: re.Match[str]) -> str:
    """An XML entity kept, an HTML one made a character reference, a bare & escaped."""
    ref = match.group(1)
    if ref is None:
        return "&amp;"
    name = ref[:-1]
    if ref.startswith("#") or name in _XML_ENTITIES:
        return match.group(0)
    char = html.entities.html5.get(ref)
    return "".join(f"&#{ord(c)};" for c in char) if char else f"&amp;{ref}"


def _escape_value(match: re.Match[str]) -> str:
    value = match.group(2)
    return (
        match.group(1)
        + value[0]
        + value[1:-1].replace("<", "&lt;").replace(">", "&gt;")
        + value[-1]
    )


def _start_tag(match: re.Match[str]) -> str:
    return _ATTR_VALUE.sub(_escape_value, match.group(0))


def repair(text: str) -> str:
    """Fix what real exports get wrong: bare ``&``, HTML entities and a ``<`` in text.

    A ``<`` or ``>`` inside a quoted attribute value is escaped, and so is a ``<`` that
    cannot start markup (``a < b``). Well-formed input comes back unchanged.
    """
    text = _ENTITY.sub(_entity, text)
    text = _START_TAG.sub(_start_tag, text)
    return _STRAY_LT.sub("&lt;", text)


def _parser(*, recover: bool) -> Any:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
        remove_comments=True,
        recover=recover,
    )


def _log(errors: Iterable[Any]) -> list[str]:
    return [f"line {e.line}: {e.message}" for e in errors]


def _parse(data: bytes | str) -> tuple[Any, list[str]]:
    """The <opml> root and warnings naming what had to be repaired or was skipped."""
    text = _decode(data)
    if len(text) > MAX_OPML_CHARS:
        raise SourceError(f"OPML file is larger than {MAX_OPML_CHARS} characters")
    if _DTD_SUBSET.search(text):
        raise SourceError(
            "OPML file declares a DTD or entities, which are refused (they can "
            "expand to huge or private content); remove the <!DOCTYPE …[…]> part"
        )
    # lxml refuses str input that carries an encoding declaration; the text is decoded.
    body = _DECLARATION.sub("", text.lstrip("\ufeff"), count=1)
    warnings: list[str] = []
    first = ""
    try:
        root = etree.fromstring(body, _parser(recover=False))
    except etree.XMLSyntaxError as exc:
        first = f"line {exc.lineno}: {exc.msg}"
        warnings.append(
            f"the file is not well-formed XML ({first}); bare '&', HTML entities and "
            "stray '<' were repaired"
        )
        try:
            root = etree.fromstring(repair(body), _parser(recover=False))
        except etree.XMLSyntaxError:
            parser = _parser(recover=True)
            root = etree.fromstring(repair(body), parser)
            skipped = _log(parser.error_log)
            warnings.append(
                f"{len(skipped)} more problem(s) the reader skipped over; outlines on "
                "these lines may be missing: " + "; ".join(skipped[:MAX_WARNINGS])
            )
    if root is None:
        raise SourceError(f"OPML file is not well-formed XML and nothing could be read ({first})")
    if root.tag != "opml" or root.find("body") is None:
        raise SourceError(f"not an OPML file: expected <opml> with a <body>, got <{root.tag}>")
    return root, warnings


def _attrs(outline: Any) -> dict[str, str]:
    """Plain attributes keyed case-insensitively (exporters disagree on xmlUrl's case)."""
    return {str(k).lower(): str(v) for k, v in outline.attrib.items() if not str(k).startswith("{")}


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


def _label(outline: Any) -> str:
    plain = _attrs(outline)
    return " ".join((plain.get("text") or plain.get("title") or "").split())


def _categories(value: str | None) -> list[str]:
    """OPML 2.0 ``category``: comma-separated, slash-delimited paths; every segment a tag."""
    return [
        seg.strip() for path in (value or "").split(",") for seg in path.split("/") if seg.strip()
    ]


def _kb_tags(outline: Any) -> list[str] | None:
    raw = outline.get(_kb("tags"))
    if raw is None:
        return None
    try:
        tags = json.loads(raw)
    except ValueError:
        return [raw]
    return [str(t) for t in tags] if isinstance(tags, list) else [str(tags)]


def _outline_entry(outline: Any, folders: list[str]) -> dict[str, Any] | None:
    """The registry entry an outline describes, or None for folders and plain links."""
    plain = _attrs(outline)
    kind = outline.get(_kb("kind"))
    feed = plain.get("xmlurl")
    if feed is None and kind is not None and kind.strip().lower() not in _FEED_KINDS:
        feed = plain.get("url")
    if feed is None:
        return None
    entry: dict[str, Any] = {"feed_url": feed, "kind": kind or "rss"}
    name = _label(outline)
    entry["homepage"] = plain.get("htmlurl", "").strip() or None
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
    exact = _kb_tags(outline)
    tags = exact if exact is not None else [*folders, *_categories(plain.get("category"))]
    if tags:
        entry["tags"] = tags
    return entry


def _walk(parent: Any, folders: list[str]) -> Iterator[tuple[dict[str, Any], int | None]]:
    """Feed entries with their line, in document order; an outline holding outlines is a
    folder."""
    for outline in parent.iterchildren("outline"):
        entry = _outline_entry(outline, folders)
        if entry is not None:
            yield entry, outline.sourceline
        label = _label(outline)
        yield from _walk(outline, [*folders, label] if label and entry is None else folders)


def _key(url: object) -> str:
    try:
        return url_key(str(url))
    except ValueError:
        return str(url)


def _merge(
    entries: Iterable[tuple[dict[str, Any], int | None]],
) -> list[tuple[dict[str, Any], int | None]]:
    """One entry per feed URL: the first listing wins, later ones add their folders.

    Readers list a feed once per folder it is filed in; that is one source, not a repeat.
    """
    merged: dict[str, tuple[dict[str, Any], int | None]] = {}
    for entry, line in entries:
        first, _ = merged.setdefault(_key(entry["feed_url"]), (entry, line))
        if first is not entry and entry.get("tags"):
            first["tags"] = [*first.get("tags", []), *entry["tags"]]
    return list(merged.values())


def _with_line(error: SourceEntryError, lines: list[int | None]) -> SourceEntryError:
    """The error pointing at the outline's line, since positions shift when repeats merge."""
    index = error.index
    line = lines[index - 1] if index is not None and 0 < index <= len(lines) else None
    if line is None:
        return error
    return SourceEntryError(
        f"{error.problem} (outline on line {line})",
        index=index,
        name=error.name,
        field=error.field,
    )


def load_opml(data: bytes | str) -> LoadResult:
    """Import an OPML file; bad outlines are reported in the result, not raised.

    Pass the file's bytes when you have them, so its declared encoding is honoured.
    """
    root, warnings = _parse(data)
    merged = _merge(_walk(root.find("body"), []))
    loaded = sources_from_dicts(entry for entry, _ in merged)
    lines = [line for _, line in merged]
    if warnings and not loaded.sources and not loaded.errors:
        raise SourceError(
            "OPML file is not well-formed XML and no feed could be read from it: " + warnings[-1]
        )
    errors = [_with_line(e, lines) for e in loaded.errors]
    return LoadResult(sources=loaded.sources, errors=errors, warnings=warnings)


def _outline(parent: Any, source: Source) -> None:
    """One source as an outline: feeds as type="rss" for every reader, the rest as links."""
    data = source_to_dict(source)
    attrs = {"text": source.name, "title": source.name}
    if data["kind"] in _FEED_KINDS:
        attrs.update(type="rss", xmlUrl=source.feed_url)
    else:
        attrs.update(type="link", url=source.feed_url)
    if source.homepage:
        attrs["htmlUrl"] = source.homepage
    if source.language:
        attrs["language"] = source.language
    if source.tags:
        attrs["category"] = ",".join("/" + t.replace("/", " ") for t in source.tags)
    outline = etree.SubElement(parent, "outline", attrs)
    if source.tags:
        outline.set(_kb("tags"), json.dumps(list(source.tags), ensure_ascii=False))
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
    folders: dict[str, Any] = {}
    for source in sources:
        if not source.tags:
            _outline(body, source)
            continue
        name = source.tags[0]
        if name not in folders:
            folders[name] = etree.SubElement(body, "outline", {"text": name, "title": name})
        _outline(folders[name], source)
    xml: str = etree.tostring(root, pretty_print=True, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml
