"""The bulletin layout as plain text lines, shared by every output format.

Every renderer draws the same view (``BulletinView``), so the exact line forms the
importer reads back — ``[领域]标题``, ``张三、李四 供稿``, ``原文标题：…``, the issue line
``2026年第7期（总第131期）`` and the date ``2026年11月20日`` — are defined once, here.
All text from items is untrusted; it is cleaned of characters XML cannot carry, and each
renderer escapes it for its own syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from kuaibao.bulletin.house import HouseStyle
from kuaibao.bulletin.textstyle import normalize_body, normalize_title
from kuaibao.domain import Bulletin, Item
from kuaibao.errors import KuaibaoError

CONTENTS_LABEL = "目录"
CONTRIBUTOR_SUFFIX = "供稿"  # the default form; a house style may print 供稿自
ORIGINAL_TITLE_LABEL = "原文标题："
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_BREAKS = re.compile("[ \t\r\n\f\v\x85\u2028\u2029]+")
_DIGITS = "零一二三四五六七八九"


class RenderError(KuaibaoError):
    """A bulletin cannot be rendered in the requested form."""


@dataclass(frozen=True)
class Link:
    """One source URL; ``linkable`` is false for anything but http(s), shown as text."""

    url: str
    linkable: bool


@dataclass(frozen=True)
class ItemView:
    """One item as the layout prints it."""

    anchor: str
    position: int
    heading: str
    domain: str | None
    title: str
    paragraphs: list[str]
    contributor_line: str | None
    sources: list[Link]
    original_title_line: str | None
    citations: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SectionView:
    """A section heading (``None`` for items filed under no section) and its items."""

    name: str | None
    anchor: str
    contents_label: str | None
    items: list[ItemView]


@dataclass(frozen=True)
class BulletinView:
    """Masthead, sections and footer, in print order."""

    masthead: str
    issue_line: str
    issuing_unit: str
    date_line: str | None
    sections: list[SectionView]
    footer: str | None


def clean(text: str) -> str:
    """Drop characters XML 1.0 cannot hold, so DOCX, Atom and HTML never choke on input."""
    return _XML_INVALID.sub("", text)


def single_line(text: str) -> str:
    """Fold line breaks and runs of spaces into one space (each layout line must stay one
    line), keeping inner ideographic spaces, which house styles use on purpose."""
    return _BREAKS.sub(" ", clean(text)).strip()


def is_web_url(url: str) -> bool:
    """Only absolute http(s) URLs with a host become links; anything else stays text."""
    candidate = url.strip()
    if any(ch.isspace() or ord(ch) < 32 for ch in candidate):
        return False
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def chinese_ordinal(n: int) -> str:
    """1 → 一, 12 → 十二, 23 → 二十三 (section numbers in the contents list)."""
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    return str(n)


def issue_line(bulletin: Bulletin) -> str:
    """``2026年第7期（总第131期）``; the running number only when known.

    An unnumbered (imported) issue shows ``总第131期`` alone when it has a running number,
    else only its year: the date line below names the day.
    """
    running = bulletin.running_number
    if bulletin.number is None:
        return f"总第{running}期" if running is not None else f"{bulletin.year}年"
    line = f"{bulletin.year}年第{bulletin.number}期"
    if running is not None:
        line += f"（总第{running}期）"
    return line


def date_line(when: date | None) -> str | None:
    """``2026年11月20日`` without zero padding, as printed bulletins write it."""
    return f"{when.year}年{when.month}月{when.day}日" if when else None


def item_heading(item: Item) -> str:
    """``[领域]标题``; an item without a domain prints its bare title."""
    title = normalize_title(single_line(item.title))
    domain = single_line(item.domain or "")
    return f"[{domain}]{title}" if domain else title


def contributor_names(item: Item) -> list[str]:
    """The analysts an item credits, as printed (blank names dropped); publishing refuses
    an item with none, so every printed item has a contributor line."""
    return [name for name in (single_line(n) for n in item.contributors) if name]


def contributor_line(item: Item, label: str = CONTRIBUTOR_SUFFIX) -> str | None:
    """``张三、李四 供稿`` (``label`` is the house style's form: 供稿 or 供稿自), or nothing
    when no analyst is named."""
    names = contributor_names(item)
    return f"{'、'.join(names)} {label}" if names else None


def original_title_line(item: Item) -> str | None:
    """``原文标题：…`` when the source's own title is known."""
    title = single_line(item.original_title or "")
    return f"{ORIGINAL_TITLE_LABEL}{title}" if title else None


def item_view(
    item: Item,
    position: int,
    citations: list[str] | None = None,
    contributor_label: str = CONTRIBUTOR_SUFFIX,
) -> ItemView:
    """Lay out one item; ``position`` is its 1-based place in the bulletin."""
    # House style (GB/T 15835 spacing, full-width punctuation) is applied as printed,
    # leaving the analyst's stored text as it was typed.
    paragraphs = [normalize_body(single_line(p)) for p in item.body]
    urls = [single_line(u) for u in item.source_urls]
    return ItemView(
        anchor=f"item-{position}",
        position=position,
        heading=item_heading(item),
        domain=single_line(item.domain or "") or None,
        title=normalize_title(single_line(item.title)),
        paragraphs=[p for p in paragraphs if p],
        contributor_line=contributor_line(item, contributor_label),
        sources=[Link(u, is_web_url(u)) for u in urls if u],
        original_title_line=original_title_line(item),
        citations=citations or [],
    )


def _grouped(bulletin: Bulletin) -> list[tuple[str | None, list[tuple[int, Item]]]]:
    """Unfiled items first (no heading), then each section that has items, in order."""
    numbered = list(enumerate(bulletin.items, start=1))
    groups: list[tuple[str | None, list[tuple[int, Item]]]] = []
    unfiled = [(n, i) for n, i in numbered if not i.section]
    if unfiled:
        groups.append((None, unfiled))
    for name in bulletin.ordered_sections():
        members = [(n, i) for n, i in numbered if i.section == name]
        if members:
            groups.append((name, members))
    return groups


def bulletin_view(
    bulletin: Bulletin, style: HouseStyle, cite: dict[int, list[str]] | None = None
) -> BulletinView:
    """The whole layout; ``cite`` maps item positions to citation lines to print."""
    cite = cite or {}
    sections: list[SectionView] = []
    counter = 0
    for name, members in _grouped(bulletin):
        if name is not None:
            counter += 1
        sections.append(
            SectionView(
                name=single_line(name) if name else None,
                anchor=f"section-{counter}" if name else "section-0",
                contents_label=f"{chinese_ordinal(counter)}、{single_line(name)}" if name else None,
                items=[item_view(i, n, cite.get(n), style.contributor_label) for n, i in members],
            )
        )
    same_series = bulletin.series == style.series
    return BulletinView(
        masthead=single_line(style.masthead if same_series else bulletin.series),
        issue_line=issue_line(bulletin),
        issuing_unit=single_line(bulletin.issuing_unit or style.issuing_unit),
        date_line=date_line(bulletin.date),
        sections=sections,
        footer=single_line(style.footer) or None,
    )
