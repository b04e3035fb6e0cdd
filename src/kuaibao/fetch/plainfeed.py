"""A fast reader for plain feeds: well-formed RSS 2.0 or Atom 1.0 in UTF-8.

feedparser understands every feed dialect and damaged markup, and pays for it: a few
milliseconds per feed in Python SAX callbacks. Most feeds are plain, though: a channel
of items (or a list of Atom entries) made of the usual elements. This module reads
those with lxml (no DTD, no entities, no network) and returns the entries in the shape
feedparser gives them, with the same values, so one piece of code
(:func:`kuaibao.fetch.feeds.parse_feed`) turns either into FeedEntry objects.

Whatever it does not fully understand — another encoding, ``xml:base`` below the root,
an element it does not know, a repeated field, markup where text belongs, a date in an
unusual form — makes it return None, and the caller hands the document to feedparser.
Being conservative is cheap: a refusal costs one lxml parse, well under a millisecond.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

from lxml import etree

from kuaibao.errors import FeedError
from kuaibao.fetch.dates import MAX_YEAR, MIN_YEAR
from kuaibao.fetch.feedvalues import finish, join_url, repair_query, rss_author_detail, strict_date

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"

# Item children read (value: the field) or known to change nothing we read (None).
# Namespaced ones must use their usual prefix: feedparser dispatches on the prefix
# when it does not know a namespace, so an unusual prefix could mean something else.
_RSS_CHILDREN: dict[str, str | None] = {
    "title": "title", "link": "link", "description": "description", "guid": "guid",
    "pubDate": "published", "author": "author", f"{{{CONTENT_NS}}}encoded": "content",
    f"{{{DC_NS}}}creator": "creator", f"{{{DC_NS}}}date": "updated",
    "category": None, "comments": None, "enclosure": None, "source": None,
    f"{{{DC_NS}}}subject": None,
    "{http://wellformedweb.org/CommentAPI/}commentRss": None,
    "{http://purl.org/rss/1.0/modules/slash/}comments": None,
}  # fmt: skip
_USUAL_PREFIX = {
    CONTENT_NS: "content",
    DC_NS: "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
    "http://purl.org/rss/1.0/modules/slash/": "slash",
}
_ATOM_CHILDREN: dict[str, str | None] = {
    f"{{{ATOM_NS}}}{name}": name
    for name in ("title", "id", "published", "updated", "summary", "content", "author")
} | {f"{{{ATOM_NS}}}category": None}
_ATOM_LINK = f"{{{ATOM_NS}}}link"
_ATOM_AUTHOR_PARTS = {f"{{{ATOM_NS}}}{name}": name for name in ("name", "email", "uri")}
_ATOM_LINK_ATTRIBUTES = frozenset({"rel", "type", "href", "hreflang", "title", "length"})
# Atom text constructs we read as feedparser does; any other type goes to feedparser.
_TEXT_TYPES = {"text": "text/plain", "text/plain": "text/plain", "html": "text/html",
               "text/html": "text/html"}  # fmt: skip
_HTML_LINK_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)
_ENCODING = re.compile(rb"^(?:\xef\xbb\xbf)?<\?xml[^>]*?\sencoding\s*=\s*[\"']([^\"']*)[\"']")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([^\"';\s]+)", re.IGNORECASE)
_BASE_ATTRIBUTE = re.compile(rb"base\s*=")  # a cheap hint; the tree is checked when it hits


class _NotPlainError(FeedError):
    """The document uses something this reader does not handle; feedparser will."""


def read_plain_feed(
    data: bytes, base_url: str, content_type: str = ""
) -> list[dict[str, Any]] | None:
    """Entries of a plain RSS 2.0 or Atom 1.0 feed, shaped as feedparser's; None if not plain.

    ``data`` is the document without its DOCTYPE (see ``feeds.strip_doctype``) and
    ``content_type`` the header as feedparser would see it.
    """
    if not base_url.lower().startswith(("http://", "https://")):
        return None
    if not _is_utf8(data, content_type):
        return None
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None
    try:
        base = _document_base(root, base_url, bool(_BASE_ATTRIBUTE.search(data)))
        if root.tag == "rss":
            return [_rss_item(item, base) for item in _rss_items(root)]
        if root.tag == f"{{{ATOM_NS}}}feed":
            return [_atom_entry(entry, base) for entry in _atom_entries(root)]
    except _NotPlainError:
        return None
    return None


def _is_utf8(data: bytes, content_type: str) -> bool:
    """Whether feedparser would decode the document as UTF-8, as lxml will."""
    declared = _ENCODING.match(data[:256])
    if declared:
        return declared.group(1).lower() in (b"utf-8", b"utf8")
    charset = _CHARSET.search(content_type)
    return charset is None or charset.group(1).lower() in ("utf-8", "utf8")


def _document_base(root: Any, base_url: str, has_base: bool) -> str:
    """The base URI of every entry: the feed URL, or an ``xml:base`` on the root only."""
    if not has_base:
        return base_url
    for element in root.iter():
        attributes = element.attrib
        if element is not root and (XML_BASE in attributes or "base" in attributes):
            raise _NotPlainError("xml:base below the root")
    declared = root.get(XML_BASE) or root.get("base")
    if not declared:
        return base_url
    joined = _join(base_url, declared)
    if not joined.lower().startswith(("http://", "https://")):
        raise _NotPlainError("xml:base is not http(s)")
    return joined


def _rss_items(root: Any) -> list[Any]:
    channel = root.find("channel")
    if channel is None:
        raise _NotPlainError("no channel")
    items = channel.findall("item")
    if sum(1 for _ in root.iter("item")) != len(items):
        raise _NotPlainError("items outside the channel")
    return list(items)


def _rss_item(item: Any, base: str) -> dict[str, Any]:
    """One RSS item as feedparser's entry dict (only the keys ``feeds._entry`` reads)."""
    fields = _fields(item, _RSS_CHILDREN)
    raw: dict[str, Any] = {}
    link, guid = fields.get("link"), fields.get("guid")
    if link is not None:
        _check_attributes(link, ())
        href = repair_query(finish(_join(base, _text(link))))
        raw["link"] = href
        raw["links"] = [{"rel": "alternate", "href": href}]
    if guid is not None:
        is_link = _permalink_flag(guid)
        text = _text(guid)
        raw["id"] = finish(_join(base, text) if is_link == "true" else text)
        if is_link == "true" and link is None:
            raw["link"] = raw["id"]
    for key in ("title", "published", "updated"):
        if key in fields:
            _check_attributes(fields[key], ())
            raw[key] = finish(_text(fields[key], allow_empty=True))
    _add_rss_content(raw, fields)
    _add_dates(raw)
    _add_rss_author(raw, fields)
    return raw


def _permalink_flag(guid: Any) -> str:
    """``isPermaLink`` (feedparser ignores the name's case); "true" when absent."""
    attributes = list(guid.attrib.items())
    if len(attributes) > 1 or any(k.lower() != "ispermalink" for k, _ in attributes):
        raise _NotPlainError("guid attributes")
    return str(attributes[0][1]) if attributes else "true"


def _add_rss_content(raw: dict[str, Any], fields: dict[str, Any]) -> None:
    """``content:encoded`` as HTML content; the description, else the content, as summary."""
    for key in ("description", "content"):
        if key in fields:
            _check_attributes(fields[key], ())
    if "content" in fields:
        value = finish(_text(fields["content"], allow_empty=True))
        raw["content"] = [{"type": "text/html", "value": value}]
        raw["summary"] = value
    if "description" in fields:
        raw["summary"] = finish(_text(fields["description"], allow_empty=True))


def _add_rss_author(raw: dict[str, Any], fields: dict[str, Any]) -> None:
    """``author`` or ``dc:creator``, split into name and e-mail address as feedparser does."""
    present = [fields[key] for key in ("author", "creator") if key in fields]
    if not present:
        return
    if len(present) > 1:
        raise _NotPlainError("two authors")
    _check_attributes(present[0], ())
    value = finish(_text(present[0], allow_empty=True))
    if not value:
        return
    detail = rss_author_detail(value)
    if detail is None:
        raise _NotPlainError("an author feedparser may split differently")
    raw["author"] = value
    if detail:
        raw["author_detail"] = detail


def _atom_entries(root: Any) -> list[Any]:
    entries = root.findall(f"{{{ATOM_NS}}}entry")
    if sum(1 for _ in root.iter(f"{{{ATOM_NS}}}entry")) != len(entries):
        raise _NotPlainError("nested entries")
    return list(entries)


def _atom_entry(entry: Any, base: str) -> dict[str, Any]:
    """One Atom entry as feedparser's entry dict (only the keys ``feeds._entry`` reads)."""
    links = [link for link in entry if link.tag == _ATOM_LINK]
    fields = _fields(entry, _ATOM_CHILDREN, skip=_ATOM_LINK)
    raw: dict[str, Any] = {"links": [_atom_link(link, base) for link in links]}
    if "id" in fields:
        _check_attributes(fields["id"], ())
        raw["id"] = finish(_join(base, _text(fields["id"])))
    html_links = [
        link["href"]
        for link in raw["links"]
        if link["rel"] == "alternate" and link["type"] in _HTML_LINK_TYPES
    ]
    if html_links:
        raw["link"] = html_links[-1]
    elif "id" in raw:
        raw["link"] = raw["id"]
    for key in ("published", "updated"):
        if key in fields:
            _check_attributes(fields[key], ())
            raw[key] = finish(_text(fields[key], allow_empty=True))
    if "title" in fields:
        raw["title"] = _atom_text(fields["title"])[1]
    if "content" in fields:
        kind, value = _atom_text(fields["content"])
        raw["content"] = [{"type": kind, "value": value}]
        raw["summary"] = value
    if "summary" in fields:
        raw["summary"] = _atom_text(fields["summary"])[1]
    if "author" in fields:
        raw.update(_atom_author(fields["author"]))
    _add_dates(raw)
    return raw


def _atom_link(link: Any, base: str) -> dict[str, str]:
    _check_attributes(link, _ATOM_LINK_ATTRIBUTES)
    if len(link) or (link.text or "").strip():
        raise _NotPlainError("a link with content")
    href = link.get("href")
    if not href:
        raise _NotPlainError("a link without href")
    rel = str(link.get("rel", "alternate")).lower()
    kind = link.get("type", "application/atom+xml" if rel == "self" else "text/html")
    return {"rel": rel, "type": str(kind).lower(), "href": _join(base, href)}


def _atom_text(element: Any) -> tuple[str, str]:
    """(mapped type, value) of an Atom text construct in text or escaped-HTML form."""
    _check_attributes(element, ("type",))
    kind = _TEXT_TYPES.get((element.get("type") or "text").lower())
    if kind is None:
        raise _NotPlainError("an Atom text construct of another type")
    return kind, finish(_text(element, allow_empty=True))


def _atom_author(author: Any) -> dict[str, Any]:
    _check_attributes(author, ())
    if (author.text or "").strip():
        raise _NotPlainError("an author with bare text")
    parts = _fields(author, _ATOM_AUTHOR_PARTS)
    values = {key: finish(_text(element, allow_empty=True)) for key, element in parts.items()}
    name, email = values.get("name"), values.get("email")
    if name is not None and not name:
        raise _NotPlainError("an empty author name")
    detail = {key: value for key, value in (("name", name), ("email", email)) if value}
    flat = f"{name} ({email})" if name and email else name or email
    return {"author_detail": detail, "author": flat} if flat else {}


def _fields(parent: Any, known: Mapping[str, str | None], skip: str = "") -> dict[str, Any]:
    """The known children of ``parent`` by field; anything unknown or repeated is refused."""
    found: dict[str, Any] = {}
    for child in parent:
        tag = child.tag
        if tag == skip:
            continue
        if tag not in known:
            raise _NotPlainError(f"element {tag!r}")
        namespace = tag[1:].split("}", 1)[0] if tag.startswith("{") else None
        if namespace in _USUAL_PREFIX and child.prefix != _USUAL_PREFIX[namespace]:
            raise _NotPlainError(f"unusual prefix {child.prefix!r}")
        field = known[tag]
        if field is None:
            if len(child):
                raise _NotPlainError(f"markup inside {tag!r}")
            continue
        if field in found:
            raise _NotPlainError(f"repeated {tag!r}")
        found[field] = child
    return found


def _check_attributes(element: Any, allowed: Collection[str]) -> None:
    for name in element.attrib:
        if name != XML_LANG and name not in allowed:
            raise _NotPlainError(f"attribute {name!r} on {element.tag!r}")


def _text(element: Any, *, allow_empty: bool = False) -> str:
    """The element's text, stripped; markup inside it is not plain."""
    if len(element):
        raise _NotPlainError(f"markup inside {element.tag!r}")
    text = (element.text or "").strip()
    if not text and not allow_empty:
        raise _NotPlainError(f"empty {element.tag!r}")
    return text


def _join(base: str, href: str) -> str:
    joined = join_url(base, href)
    if joined is None:
        raise _NotPlainError(f"unusable URL {href!r}")
    return joined


def _add_dates(raw: dict[str, Any]) -> None:
    """``<key>_parsed`` for the first non-empty date, as feedparser would parse it, or refuse."""
    for key in ("published", "updated"):
        text = raw.get(key)
        if not text:
            continue
        parsed = strict_date(text)
        if parsed is None or not MIN_YEAR <= parsed.tm_year <= MAX_YEAR:
            raise _NotPlainError(f"a date in an unusual form: {text!r}")
        raw[f"{key}_parsed"] = parsed
        return
