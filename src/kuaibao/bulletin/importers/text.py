"""Parse the plain text of a past bulletin (from PDF, Word or a .txt) into items.

A bulletin is a run of section headings and items. An item starts with ``[领域]标题``,
continues with body paragraphs, and ends with its tail: a contributor line
(``张三、李四 供稿``), source URLs (often wrapped over lines) and ``原文标题：…``.
Everything that fits nowhere is reported in ``unplaced`` with its line numbers;
nothing is guessed into an item.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from kuaibao.bulletin.house import HouseStyle
from kuaibao.bulletin.importers.cleanup import clean_text
from kuaibao.bulletin.importers.contents import is_contents_heading, known_entry
from kuaibao.bulletin.importers.eventdate import first_event_date
from kuaibao.bulletin.importers.lines import (
    URL_FRAGMENT_RE,
    Kind,
    Line,
    classify,
    contributors_of,
    ends_sentence,
    join_wrapped,
    mostly_latin,
    original_title_of,
    section_key,
    title_parts,
    urls_of,
)
from kuaibao.bulletin.importers.masthead import FURNITURE_RE, Masthead, read_masthead
from kuaibao.bulletin.importers.parsed import ParsedBulletin, Unplaced
from kuaibao.bulletin.importers.reflow import Layout, analyse_layout, double_spaced, reflow
from kuaibao.bulletin.textstyle import normalize_body, normalize_title
from kuaibao.classify.taxonomy import Taxonomy
from kuaibao.domain import Item
from kuaibao.text.scripts import is_han_char

__all__ = ["ParsedBulletin", "Unplaced", "parse_bulletin_text"]

MAX_SECTION_CHARS = 20
MAX_TITLE_CONTINUATIONS = 4
_URL_TRAILING = "。，；、：）>」』”’.,;"


@dataclass
class _Draft:
    """An item being read: its lines, before paragraphs and fields are worked out."""

    section: str | None
    tag: str
    title: str
    title_line: Line
    body: list[Line] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    original: list[Line] = field(default_factory=list)  # the 原文标题 line, then candidates
    state: str = "body"


@dataclass
class _Walk:
    """The state of one pass over the content lines (indices count from the walk's start)."""

    drafts: list[_Draft] = field(default_factory=list)
    unplaced: list[int] = field(default_factory=list)
    contents: list[int] = field(default_factory=list)  # lines of a 目录, checked later
    section: str | None = None
    in_contents: bool = False


def _section_finder(taxonomy: Taxonomy | None) -> Callable[[str], str | None]:
    """Canonical section name for a heading line, from the taxonomy or the house default."""
    defaults = HouseStyle().sections

    def find(text: str) -> str | None:
        key = section_key(text)
        if not key or len(key) > MAX_SECTION_CHARS:
            return None
        if taxonomy is not None and (hit := taxonomy.section(key)):
            return hit
        return key if key in defaults else None

    return find


def _tail_line(draft: _Draft, kind: Kind, line: Line, index: int, walk: _Walk) -> None:
    """A line after the title: body text, or part of the contributor/URL/title tail."""
    text = line.text
    if kind is Kind.CONTRIBUTOR:
        draft.contributors.extend(contributors_of(text) or [])
        draft.state = "tail"
    elif kind is Kind.URL:
        draft.urls.extend(urls_of(text) or [])
        draft.state = "urls"
    elif kind is Kind.ORIGINAL_TITLE:
        draft.original = [line]
        draft.state = "original"
    elif draft.state == "body":
        draft.body.append(line)
    elif draft.state == "urls" and draft.urls and URL_FRAGMENT_RE.match(text):
        draft.urls[-1] += text  # a URL wrapped over lines continues without spaces
    elif draft.state == "original":
        draft.original.append(line)
    else:
        walk.unplaced.append(index)


def _walk(lines: list[Line], kinds: list[Kind], find_section: Callable[[str], str | None]) -> _Walk:
    walk = _Walk()
    draft: _Draft | None = None
    for index, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        if kind is Kind.SECTION:
            walk.section, draft = find_section(line.text), None
        elif kind is Kind.TITLE:
            tag, title = title_parts(line.text) or ("", line.text)
            draft = _Draft(walk.section, tag, title, line)
            walk.drafts.append(draft)
            walk.in_contents = False
        elif draft is not None:
            _tail_line(draft, kind, line, index, walk)
        elif not walk.drafts and is_contents_heading(line.text):
            walk.in_contents = True
        elif walk.in_contents:
            walk.contents.append(index)
        else:
            walk.unplaced.append(index)
    return walk


def _continues_title(draft: _Draft, layout: Layout) -> bool:
    """The headline was too long for one line and its end is the first body line."""
    if not draft.body or layout.width <= 0:
        return False
    nxt = draft.body[0]
    full = draft.title_line.width >= layout.width - 6
    short = nxt.width < 0.7 * layout.width and not ends_sentence(nxt.text)
    separate = (nxt.gap_before and layout.blank_breaks) or nxt.indent >= layout.margin + 2
    return full and short and not separate


def _original_title(draft: _Draft, layout: Layout) -> tuple[str | None, list[Line]]:
    """The 原文标题 text, rejoined over wrapped lines, and the lines that do not belong."""
    if not draft.original:
        return None, []
    head, *rest = draft.original
    title = original_title_of(head.text) or ""
    previous = head
    for n, line in enumerate(rest):
        latin = mostly_latin(title)
        fits_script = not is_han_char(line.text[0]) if latin else is_han_char(line.text[0])
        wrapped = previous.width >= 0.75 * layout.width and not ends_sentence(previous.text)
        apart = line.gap_before and not line.page_break_before and not layout.double_spaced
        if n >= MAX_TITLE_CONTINUATIONS or not (fits_script and wrapped) or apart:
            return title or None, rest[n:]
        title, previous = join_wrapped(title, line.text), line
    return title or None, []


def _clean_url(url: str) -> str:
    """Drop punctuation glued to a URL's end; a ")" stays when the URL opened one."""
    while url and (
        url[-1] in _URL_TRAILING or (url[-1] == ")" and url.count(")") > url.count("("))
    ):
        url = url[:-1]
    return url


def _clean_urls(urls: list[str]) -> list[str]:
    return list(dict.fromkeys(url for url in map(_clean_url, urls) if url))


def _build(draft: _Draft, layout: Layout, taxonomy: Taxonomy | None, year: int | None) -> Item:
    title = draft.title
    body_lines = draft.body
    if _continues_title(draft, layout):
        title = join_wrapped(title, body_lines[0].text)
        body_lines = body_lines[1:]
    body = [p for p in (normalize_body(p) for p in reflow(body_lines, layout)) if p]
    original, _ = _original_title(draft, layout)
    domain = (taxonomy.domain(draft.tag) if taxonomy else None) or draft.tag.strip() or None
    return Item(
        title=normalize_title(title),
        body=body,
        domain=domain,
        section=draft.section,
        contributors=list(dict.fromkeys(draft.contributors)),
        source_urls=_clean_urls(draft.urls),
        original_title=original,
        event_date=first_event_date("\n".join(body), year),
    )


def _group(lines: list[Line], indices: list[int]) -> list[Unplaced]:
    """Runs of adjacent leftover lines, reported with their original line numbers."""
    runs: list[list[int]] = []
    for index in sorted(set(indices)):
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return [
        Unplaced(lines[run[0]].number, lines[run[-1]].number, "\n".join(lines[i].text for i in run))
        for run in runs
    ]


def _masthead(lines: list[Line], start: int, headers: list[str]) -> Masthead:
    """The masthead above the first section or item, completed from running headers."""
    head = read_masthead([line.text for line in lines[:start]])
    if head.number is None or head.series is None or head.running_number is None:
        fallback = read_masthead(headers)
        head.series = head.series or fallback.series
        head.number = head.number if head.number is not None else fallback.number
        if head.running_number is None:
            head.running_number = fallback.running_number
        head.year = head.year or fallback.year
    return head


def _start(lines: list[Line], kinds: list[Kind]) -> int:
    """Where the bulletin proper begins: the contents, first section or first item."""
    for i, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        if kind in (Kind.SECTION, Kind.TITLE) or is_contents_heading(line.text):
            return i
    return len(lines)


def parse_bulletin_text(text: str, taxonomy: Taxonomy | None = None) -> ParsedBulletin:
    """Items, masthead and unplaced text of one bulletin's plain text; never raises on junk."""
    cleaned = clean_text(text)
    lines = cleaned.lines
    find_section = _section_finder(taxonomy)
    kinds = [classify(line.text, find_section(line.text) is not None) for line in lines]
    start = _start(lines, kinds)
    head = _masthead(lines, start, cleaned.headers)
    walk = _walk(lines[start:], kinds[start:], find_section)
    layout = analyse_layout([d.body for d in walk.drafts])
    layout = replace(layout, double_spaced=double_spaced(lines))
    items = [_build(d, layout, taxonomy, head.year) for d in walk.drafts]
    titles = {item.title for item in items}
    leftovers = [i for i in range(start) if i not in head.used]
    leftovers += [start + i for i in walk.unplaced]
    leftovers += [
        start + i
        for i in walk.contents
        if not known_entry(lines[start + i].text, titles, find_section)
    ]
    position = {id(line): i for i, line in enumerate(lines)}
    for draft in walk.drafts:
        leftovers += [position[id(x)] for x in _original_title(draft, layout)[1]]
    leftovers = [i for i in leftovers if not FURNITURE_RE.search(lines[i].text)]
    return ParsedBulletin(
        items=items,
        series=head.series,
        year=head.year,
        number=head.number,
        running_number=head.running_number,
        date=head.date,
        unplaced=_group(lines, leftovers),
    )
