"""HTML listing pages ("Press releases", "最新动态") as FeedEntry lists, via CSS selectors.

Sites without a feed or sitemap still list their news on a page. ``ListingSelectors``
say where: ``item`` picks one element per article and ``link``, ``title`` and ``date``
are looked up inside it. When a source is added without selectors,
``guess_listing_selectors`` proposes some from the page's repeated structure, and
keeps only a guess that, when applied, really yields distinct article links.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cssselect import SelectorError
from lxml import etree
from lxml import html as lxml_html
from lxml.cssselect import CSSSelector

from kuaibao import phrases
from kuaibao.domain import FeedEntry, ListingSelectors
from kuaibao.errors import FeedError
from kuaibao.fetch.dates import parse_date
from kuaibao.fetch.entries import MAX_TITLE_CHARS, absolute_http_url, plain_text, unique_entries
from kuaibao.fetch.zones import DateContext
from kuaibao.sites import site_of
from kuaibao.text.scripts import HAN, HANGUL, KANA

MAX_ENTRIES = 500
MIN_GUESSED_ITEMS = 3

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "menu"})
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_IDENT = re.compile(r"^-?[A-Za-z_][A-Za-z0-9_-]*$")
_CJK = re.compile(f"[{KANA}{HAN}{HANGUL}]")
_BOILERPLATE = frozenset(
    {"read more", "continue reading", "learn more", "more", "details", "view all",
     "更多", "阅读全文", "查看详情", "详情", "详细", "more news"}
)  # fmt: skip

Finder = Callable[[Any], list[Any]]
# Telling whether an element holds a date: ages ("3小时前") count, whenever read.
_ANY_FETCH = DateContext(now=datetime(2020, 1, 1, tzinfo=UTC))


@dataclass(frozen=True)
class _Compiled:
    item: Finder
    link: Finder
    title: Finder | None
    date: Finder | None


def parse_listing(
    html: str,
    base_url: str,
    selectors: ListingSelectors,
    *,
    max_entries: int = MAX_ENTRIES,
    context: DateContext | None = None,
) -> list[FeedEntry]:
    """One entry per ``selectors.item`` element that holds an http(s) link, in page order.

    ``context`` is the source's zone and the fetch time: listing pages print dates
    without a zone, and often as ages ("3小时前", "2 hours ago").
    """
    compiled = _compile(selectors)
    root = parse_html(html, base_url)
    return _entries(root, compiled, page_base(root, base_url), max_entries, context)


def _compile(selectors: ListingSelectors) -> _Compiled:
    return _Compiled(
        item=_selector(selectors.item, "item"),
        link=_selector(selectors.link or "a[href]", "link"),
        title=_selector(selectors.title, "title") if selectors.title else None,
        date=_selector(selectors.date, "date") if selectors.date else None,
    )


def _selector(css: str, role: str) -> Finder:
    """Compile one selector, naming it and its role when it is not valid CSS."""
    try:
        if not css.strip():
            raise SelectorError("the selector is empty")
        return CSSSelector(css, translator="html")  # type: ignore[no-any-return]
    except SelectorError as exc:
        raise FeedError(phrases.LISTING_SELECTOR(css=repr(css), role=role, detail=exc)) from exc


def parse_html(html: str, base_url: str) -> Any:
    """Parse a page with lxml.html; FeedError when there is nothing to parse."""
    text = _XML_DECLARATION.sub("", html.replace("\x00", ""), count=1)
    if not text.strip():
        raise FeedError(phrases.LISTING_EMPTY(url=base_url))
    try:
        return lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise FeedError(phrases.LISTING_UNPARSABLE(url=base_url, detail=exc)) from exc


def page_base(root: Any, base_url: str) -> str:
    """The page's own ``<base href>`` when it has a usable one, else the URL it came from."""
    for base in root.iter("base"):
        resolved = absolute_http_url(base.get("href"), base_url)
        if resolved:
            return resolved
    return base_url


def _entries(
    root: Any, compiled: _Compiled, base: str, max_entries: int, context: DateContext | None
) -> list[FeedEntry]:
    found = (_entry(item, compiled, base, context) for item in compiled.item(root))
    return unique_entries((entry for entry in found if entry is not None), max_entries)


def _entry(
    item: Any, compiled: _Compiled, base: str, context: DateContext | None
) -> FeedEntry | None:
    link = _link_element(item, compiled.link)
    url = absolute_http_url(link.get("href"), base) if link is not None else None
    if link is None or url is None:
        return None
    title_element = _first(compiled.title(item)) if compiled.title else None
    title = _title_text(title_element if title_element is not None else link)
    if not plain_text(title) and title_element is None:
        title = _title_text(item, headings_only=True) or link.get("title")
    date_element = _first(compiled.date(item)) if compiled.date else _first(item.iter("time"))
    return FeedEntry(
        url=url,
        title=plain_text(title, MAX_TITLE_CHARS),
        published_at=_element_date(date_element, context),
    )


def _link_element(item: Any, finder: Finder) -> Any:
    """The element carrying the href: the match itself, or the first link inside it."""
    match = _first(finder(item))
    if match is None or match.get("href") is not None:
        return match
    return next((a for a in match.iter("a") if a.get("href") is not None), None)


def _title_text(element: Any, *, headings_only: bool = False) -> str | None:
    """A heading inside the element when there is one (card links wrap whole teasers)."""
    heading = next(element.iter(*_HEADINGS), None)
    if heading is not None:
        return str(heading.text_content())
    return None if headings_only else str(element.text_content())


def _element_date(element: Any, context: DateContext | None) -> datetime | None:
    if element is None:
        return None
    for attribute in ("datetime", "content", "title"):
        found = parse_date(element.get(attribute), context)
        if found is not None:
            return found
    return parse_date(str(element.text_content()), context)


def _first(elements: Sequence[Any] | Iterator[Any]) -> Any:
    return next(iter(elements), None)


# --- guessing selectors -------------------------------------------------------------


@dataclass
class _Group:
    """Sibling elements of one tag under one parent, each holding one article link."""

    parent: Any
    members: list[Any]
    urls: list[str]
    score: float


def guess_listing_selectors(html: str, base_url: str) -> ListingSelectors | None:
    """Propose selectors for a listing page from its repeated article blocks, or None."""
    try:
        root = parse_html(html, base_url)
    except FeedError:
        return None
    base = page_base(root, base_url)
    groups = sorted(_groups(root, base), key=lambda group: group.score, reverse=True)
    for group in groups[:10]:
        selectors = _selectors_for(group, root, base)
        if selectors is not None:
            return selectors
    return None


def _groups(root: Any, base: str) -> Iterator[_Group]:
    site = site_of(base)
    for parent in root.iter():
        if not isinstance(parent.tag, str) or _in_chrome(parent):
            continue
        by_tag: dict[str, list[Any]] = {}
        for child in parent:
            if isinstance(child.tag, str) and child.tag not in ("script", "style", "option"):
                by_tag.setdefault(child.tag, []).append(child)
        for siblings in by_tag.values():
            if len(siblings) >= MIN_GUESSED_ITEMS:
                group = _group(parent, siblings, base, site)
                if group is not None:
                    yield group


def _group(parent: Any, siblings: list[Any], base: str, site: str | None) -> _Group | None:
    members: list[Any] = []
    urls: list[str] = []
    text_length = 0
    same_site = 0
    for sibling in siblings:
        links = _article_links(sibling, base)
        if not links or len(links) > 2:
            continue
        members.append(sibling)
        urls.append(links[0][0])
        text_length += min(len(links[0][1]), 120)
        same_site += _same_site(links[0][0], site)
    if len(members) < MIN_GUESSED_ITEMS or len(members) < 0.6 * len(siblings):
        return None
    if len(set(urls)) < len(urls) * 0.8:
        return None
    score = text_length * (1.0 if same_site * 2 >= len(members) else 0.5)
    return _Group(parent=parent, members=members, urls=urls, score=score)


def _article_links(element: Any, base: str) -> list[tuple[str, str]]:
    """Distinct (url, text) of links whose text reads like a headline."""
    found: dict[str, str] = {}
    for anchor in element.iter("a"):
        url = absolute_http_url(anchor.get("href"), base)
        text = plain_text(_title_text(anchor)) or ""
        if url and _headline_like(text) and url.rstrip("/") != base.rstrip("/"):
            found.setdefault(url, text)
    return list(found.items())


def _headline_like(text: str) -> bool:
    if text.lower().strip(" .…›»>") in _BOILERPLATE:
        return False
    return len(_CJK.findall(text)) >= 5 or (len(text) >= 15 and len(text.split()) >= 3)


def _same_site(url: str, site: str | None) -> int:
    return int(site is not None and site_of(url) == site)


def _in_chrome(element: Any) -> bool:
    """True inside navigation, headers, footers, sidebars and forms."""
    for node in (element, *element.iterancestors()):
        if node.tag in _CHROME_TAGS or node.get("role") in ("navigation", "banner"):
            return True
    return False


def _selectors_for(group: _Group, root: Any, base: str) -> ListingSelectors | None:
    """The first selector set that, applied to the page, finds this group's links."""
    for item in _item_selectors(group):
        for link in _link_selectors(group):
            selectors = ListingSelectors(item=item, link=link, date=_date_selector(group))
            entries = _entries(root, _compile(selectors), base, MAX_ENTRIES, None)
            urls = {entry.url for entry in entries}
            hits = sum(url in urls for url in group.urls)
            if hits >= 0.8 * len(group.urls) and len(entries) <= 2 * len(group.urls):
                return selectors
    return None


def _item_selectors(group: _Group) -> Iterator[str]:
    """``parent > item``, then with more ancestors in front, up to one with an id."""
    child = _simple_selector(group.members, use_id=False)
    chain: list[str] = []
    for ancestor in (group.parent, *group.parent.iterancestors()):
        chain.insert(0, _simple_selector([ancestor]))
        yield " ".join([*chain[:-1], f"{chain[-1]} > {child}"])
        if chain[0].startswith("#") or ancestor.tag in ("html", "body") or len(chain) >= 4:
            break


def _link_selectors(group: _Group) -> Iterator[str]:
    """The article link inside a common heading first, since teasers often hold others."""
    headings = Counter(_heading_with_link(member) for member in group.members)
    heading, count = headings.most_common(1)[0]
    if heading and count == len(group.members):
        yield f"{heading} a[href]"
    yield "a[href]"


def _heading_with_link(member: Any) -> str | None:
    for heading in member.iter(*_HEADINGS):
        if heading.find(".//a[@href]") is not None:
            return str(heading.tag)
    return None


def _date_selector(group: _Group) -> str | None:
    """A common selector for a dated element when items carry dates outside <time>."""
    if all(next(member.iter("time"), None) is not None for member in group.members):
        return None
    found = Counter(_dated_element_selector(member) for member in group.members)
    selector, count = found.most_common(1)[0]
    return selector if selector and count * 2 >= len(group.members) else None


def _dated_element_selector(member: Any) -> str | None:
    for element in member.iter():
        if not isinstance(element.tag, str) or element.tag == "a" or len(element) > 0:
            continue
        text = element.text_content()
        if len(text) < 60 and parse_date(text, _ANY_FETCH) is not None:
            return _simple_selector([element], use_id=False)
    return None


def _simple_selector(elements: Sequence[Any], *, use_id: bool = True) -> str:
    """``#id`` for a single element with a clean id, else its tag and shared classes."""
    first = elements[0]
    element_id = first.get("id") or ""
    if use_id and len(elements) == 1 and _IDENT.match(element_id):
        return f"#{element_id}"
    shared = set(first.get("class", "").split())
    for element in elements[1:]:
        shared &= set(element.get("class", "").split())
    classes = sorted(name for name in shared if _IDENT.match(name))
    return str(first.tag) + "".join(f".{name}" for name in classes)
