"""An Atom 1.0 feed of published bulletins: one entry per item, for readers and mail digests.

Entry ids are stable URNs built from series, year, issue number and the item's place in
the issue (published issues never change), so readers do not show an item twice; a
correction (a later revision of the issue) replaces the issue's entries under the same
ids, with a later ``updated``. The feed is built with lxml, which escapes everything; item
bodies go in as escaped HTML paragraphs.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import quote

from lxml import etree

from kuaibao.bulletin.house import HouseStyle
from kuaibao.bulletin.render.layout import ItemView, bulletin_view, single_line
from kuaibao.domain import Bulletin, BulletinState
from kuaibao.issue import issue_key, issue_order

ATOM = "http://www.w3.org/2005/Atom"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _aware(moment: datetime) -> datetime:
    """Naive datetimes from the store are UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _timestamp(moment: datetime) -> str:
    """RFC 3339 in UTC with a ``Z``."""
    return _aware(moment).astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def issued_at(bulletin: Bulletin) -> datetime:
    """When an issue came out: its publication time, else its date, else New Year."""
    if bulletin.published_at:
        return bulletin.published_at
    if bulletin.date:
        return datetime(bulletin.date.year, bulletin.date.month, bulletin.date.day, tzinfo=UTC)
    return datetime(bulletin.year, 1, 1, tzinfo=UTC)


def as_uri(url: str) -> str:
    """Percent-encode what an Atom ``href`` (an IRI) cannot hold: ``<>"`` and friends."""
    return quote(url, safe="!#$%&'()*+,/:;=?@[]~")


def series_id(series: str, base_url: str) -> str:
    return base_url + quote(series, safe="")


def entry_id(bulletin: Bulletin, position: int, base_url: str) -> str:
    """``urn:kuaibao:<series>:2026:7:3``; ``/`` separates parts under an http base.

    An unnumbered issue uses its date (or stored id) where the number would be.
    """
    sep = ":" if base_url.endswith(":") else "/"
    issue: object = bulletin.number
    if issue is None:
        issue = bulletin.date.isoformat() if bulletin.date else f"id{bulletin.id or 0}"
    parts = (bulletin.year, issue, position)
    return series_id(bulletin.series, base_url) + "".join(f"{sep}{p}" for p in parts)


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _entry(feed: etree._Element, bulletin: Bulletin, view: ItemView, base_url: str) -> None:
    """One item: title ``[领域]标题``, contributors as authors, sources as links."""
    item = bulletin.items[view.position - 1]
    entry = _sub(feed, "entry")
    _sub(entry, "id", entry_id(bulletin, view.position, base_url))
    _sub(entry, "title", view.heading)
    _sub(entry, "updated", _timestamp(item.updated_at or issued_at(bulletin)))
    _sub(entry, "published", _timestamp(issued_at(bulletin)))
    for name in filter(None, (single_line(n) for n in item.contributors)):
        _sub(_sub(entry, "author"), "name", name)
    links = [as_uri(s.url) for s in view.sources if s.linkable]
    for index, url in enumerate(links):
        _sub(entry, "link", rel="alternate" if index == 0 else "related", href=url)
    if view.domain:
        _sub(entry, "category", term=view.domain)
    if item.section and single_line(item.section):
        _sub(entry, "category", term=single_line(item.section), scheme=f"{base_url}section")
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in view.paragraphs)
    if view.original_title_line:
        paragraphs += f"<p>{html.escape(view.original_title_line)}</p>"
    _sub(entry, "content", paragraphs, type="html")


def latest_revisions(bulletins: Iterable[Bulletin]) -> list[Bulletin]:
    """One bulletin per issue, its latest revision (a correction replaces the entries of
    the issue it corrects: same ids, newer content), newest issue first."""
    every = list(bulletins)
    latest: dict[tuple[str, int, int | None, int | None], Bulletin] = {}
    for bulletin in every:
        key = issue_key(bulletin, every)
        if key not in latest or bulletin.revision > latest[key].revision:
            latest[key] = bulletin
    return sorted(latest.values(), key=issue_order, reverse=True)


def _build(bulletins: Iterable[Bulletin], style: HouseStyle, base_url: str) -> bytes:
    issues = latest_revisions(bulletins)
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", "zh-CN")
    _sub(feed, "id", series_id(style.series, base_url))
    _sub(feed, "title", single_line(style.masthead or style.series))
    times = [issued_at(b) for b in issues]
    times += [i.updated_at for b in issues for i in b.items if i.updated_at]
    _sub(feed, "updated", _timestamp(max((_aware(t) for t in times), default=_EPOCH)))
    _sub(_sub(feed, "author"), "name", single_line(style.issuing_unit))
    _sub(feed, "generator", "kuaibao")
    for bulletin in issues:
        view = bulletin_view(bulletin, style)
        for section in view.sections:
            for item in section.items:
                _entry(feed, bulletin, item, base_url)
    return bytes(etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True))


def render_feed(
    bulletins: list[Bulletin], style: HouseStyle, *, base_url: str = "urn:kuaibao:"
) -> bytes:
    """Atom for the items of the published bulletins among ``bulletins``, newest issue first."""
    return _build((b for b in bulletins if b.state is BulletinState.PUBLISHED), style, base_url)


def render_bulletin_feed(
    bulletin: Bulletin, style: HouseStyle, *, base_url: str = "urn:kuaibao:"
) -> bytes:
    """Atom for one bulletin whatever its state (an explicit request, e.g. a preview)."""
    return _build([bulletin], style, base_url)
