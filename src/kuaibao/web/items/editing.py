"""The item editor's pure parts: form text ↔ item fields, and fact spans marked in a draft.

The fact check reports spans in ``title + "\\n" + body`` (``draft.review.draft_text``); the
editor shows the title and the body apart, so ``split_marks`` moves each span into the
field it belongs to. ``highlight`` builds the marked text from escaped pieces only: the
draft was typed by a person but much of it comes from crawled pages, so nothing in it may
become markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from markupsafe import Markup, escape

from kuaibao import phrases
from kuaibao.domain import Item
from kuaibao.errors import KuaibaoError
from kuaibao.web.core.templating import is_http_url

MAX_TITLE = 300
MAX_BODY = 20_000
MAX_LINE = 1_000  # original title, one contributor, one URL
MAX_LIST = 50  # contributors or source URLs

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NAME_SPLIT = re.compile(r"[、,，;；\n]+")
_EVENT_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

Mark = tuple[int, int, str]  # start, end, kind


class EditRejectedError(KuaibaoError):
    """An edit that cannot be saved as typed (the message says which field and why)."""


def normalise_newlines(text: str) -> str:
    """Browsers send textareas with CRLF; offsets are counted on LF-only text."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def paragraphs(body: str) -> list[str]:
    """The body as typed → paragraphs: one per line, blank lines dropped."""
    return [line.strip() for line in normalise_newlines(body).split("\n") if line.strip()]


def body_text(body: Sequence[str]) -> str:
    """Paragraphs → the textarea's text (a blank line between paragraphs, for reading)."""
    return "\n\n".join(body)


def names(text: str) -> list[str]:
    """Contributors as typed (``张三、李四`` or ``Zhang San, Li Si``) → names, in order."""
    return list(dict.fromkeys(n.strip() for n in _NAME_SPLIT.split(text) if n.strip()))


def url_lines(text: str) -> list[str]:
    """Source URLs, one per line (or separated by spaces), in order, without repeats."""
    return list(dict.fromkeys(normalise_newlines(text).split()))


def clean_event_date(value: str) -> str | None:
    """``2024``, ``2024-03`` or ``2024-03-15`` (the precision the text gives); empty → None."""
    value = value.strip()
    if not value:
        return None
    match = _EVENT_DATE.match(value)
    if match is None:
        raise EditRejectedError(phrases.EVENT_DATE_FORM(value=repr(value)))
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        date(year or 1, month or 1, day or 1)
    except ValueError as exc:
        raise EditRejectedError(phrases.EVENT_DATE_UNREAL(value=repr(value))) from exc
    return value


@dataclass(frozen=True)
class ItemFields:
    """The editable fields of an item, as the editor (form or JSON) gives them."""

    title: str
    body: list[str]
    domain: str | None
    section: str | None
    contributors: list[str]
    source_urls: list[str]
    original_title: str | None
    event_date: str | None

    @classmethod
    def of(cls, item: Item) -> ItemFields:
        return cls(
            title=item.title,
            body=list(item.body),
            domain=item.domain,
            section=item.section,
            contributors=list(item.contributors),
            source_urls=list(item.source_urls),
            original_title=item.original_title,
            event_date=item.event_date,
        )

    def apply(self, item: Item) -> Item:
        """``item`` with these fields (id, version, state, documents and notes kept)."""
        return replace(
            item,
            title=self.title,
            body=list(self.body),
            domain=self.domain,
            section=self.section,
            contributors=list(self.contributors),
            source_urls=list(self.source_urls),
            original_title=self.original_title,
            event_date=self.event_date,
        )


def _line(value: str | None, what: str, limit: int = MAX_LINE) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if _CONTROL.search(value) or "\n" in value or "\r" in value:
        raise EditRejectedError(phrases.NOT_ONE_LINE(what=what))
    if len(value) > limit:
        raise EditRejectedError(phrases.LINE_TOO_LONG(what=what, limit=limit))
    return value or None


def validate(
    fields: ItemFields, *, domains: Iterable[str | None], sections: Iterable[str | None]
) -> ItemFields:
    """The fields cleaned, or ``EditRejectedError`` naming the first problem.

    ``domains`` and ``sections`` are the values the item may take: the taxonomy's, plus
    whatever the item already has (an imported item may use an older label).
    """
    title = _line(fields.title, "the title", MAX_TITLE)
    if not title:
        raise EditRejectedError(phrases.TITLE_EMPTY())
    body = [p.strip() for p in fields.body if p.strip()]
    if any(_CONTROL.search(p) for p in body):
        raise EditRejectedError(phrases.BODY_CONTROL())
    if sum(len(p) for p in body) > MAX_BODY:
        raise EditRejectedError(phrases.BODY_TOO_LONG(limit=MAX_BODY))
    domain = _line(fields.domain, "the domain")
    if domain not in set(domains):
        raise EditRejectedError(phrases.UNKNOWN_DOMAIN(value=repr(domain)))
    section = _line(fields.section, "the section")
    if section not in set(sections):
        raise EditRejectedError(phrases.UNKNOWN_SECTION(value=repr(section)))
    contributors = [c for c in (_line(n, "a contributor") for n in fields.contributors) if c]
    urls = [u for u in (_line(n, "a source URL") for n in fields.source_urls) if u]
    if len(contributors) > MAX_LIST or len(urls) > MAX_LIST:
        raise EditRejectedError(phrases.TOO_MANY_LINES(contributors=MAX_LIST, urls=MAX_LIST))
    bad = [u for u in urls if not is_http_url(u)]
    if bad:
        raise EditRejectedError(phrases.BAD_SOURCE_URL(value=repr(bad[0])))
    return ItemFields(
        title=title,
        body=body,
        domain=domain,
        section=section,
        contributors=list(dict.fromkeys(contributors)),
        source_urls=list(dict.fromkeys(urls)),
        original_title=_line(fields.original_title, "the original title"),
        event_date=clean_event_date(fields.event_date or ""),
    )


def split_marks(title: str, marks: Iterable[Mark]) -> tuple[list[Mark], list[Mark]]:
    """Spans in ``title + "\\n" + body`` → (spans in the title, spans in the body).

    A span that crosses the line between them is cut at it, so each field shows its part.
    """
    cut = len(title)
    in_title: list[Mark] = []
    in_body: list[Mark] = []
    for start, end, kind in marks:
        if start < cut:
            in_title.append((start, min(end, cut), kind))
        if end > cut + 1:
            in_body.append((max(start - cut - 1, 0), end - cut - 1, kind))
    return in_title, in_body


def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` escaped, with each span wrapped in ``<mark class="fact fact-KIND">``.

    Spans are clipped to the text; one that overlaps an earlier span is skipped, so the
    result is always well-formed. The kind becomes a class name only if it is a plain word.
    """
    pieces: list[Markup] = []
    at = 0
    for start, end, kind in sorted(marks, key=lambda m: (m[0], m[1])):
        start, end = max(start, 0), min(end, len(text))
        if start < at or start >= end:
            continue
        css = kind if re.fullmatch(r"[a-z]+", kind) else "other"
        pieces.append(escape(text[at:start]))
        pieces.append(
            Markup('<mark class="fact fact-{}" title="{}">{}</mark>').format(
                css, kind, text[start:end]
            )
        )
        at = end
    pieces.append(escape(text[at:]))
    return Markup("").join(pieces)
