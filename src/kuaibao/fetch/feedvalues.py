"""The finishing touches feedparser puts on feed values, for readers that must match it.

:mod:`kuaibao.fetch.plainfeed` reads plain feeds without feedparser but promises the
same values; these are the small conventions that promise rests on: how text is
cleaned, how links are resolved and repaired, which dates both read alike, and how an
RSS author is split into name and address. Where feedparser's result cannot be
predicted cheaply, a function returns None and the caller leaves the feed to it.
"""

from __future__ import annotations

import contextlib
import functools
import re
import time
import urllib.parse
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_SLASHES_AFTER_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)(/*)")
_BROKEN_QUERY = re.compile(r"&([A-Za-z0-9_]+);")
_RFC822 = re.compile(
    r"^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s*)?\d{1,2}\s+"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s+"
    r"(?:[+-]\d{4}|GMT|UTC?|Z|[ECMP][SD]T)$"
)
_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
# The address shapes feedparser's own pattern finds whole (its top-level domains have
# two to four letters); anything else is left to feedparser.
_EMAIL = r"[A-Za-z0-9_.+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,4}"
_EMAIL_ONLY = re.compile(rf"^{_EMAIL}$")
_EMAIL_THEN_NAME = re.compile(rf"^{_EMAIL}\s*\((?P<name>[^()@<>]*[^()@<>\s][^()@<>]*)\)$")
_NAME_THEN_EMAIL = re.compile(rf"^(?P<name>[^()@<>]*[^()@<>\s])\s*<{_EMAIL}>$")
# C1 control characters that were meant as Windows-1252 punctuation.
_CP1252 = {
    code: bytes([code]).decode("cp1252")
    for code in range(0x80, 0xA0)
    if code not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def finish(text: str) -> str:
    """feedparser's last touch on every value: UTF-8 read as Latin-1 undone, C1 as cp1252."""
    if text.isascii():
        return text
    with contextlib.suppress(UnicodeError):
        text = text.encode("iso-8859-1").decode("utf-8")
    return text.translate(_CP1252)


@functools.lru_cache(maxsize=4096)
def join_url(base: str, href: str) -> str | None:
    """feedparser's URL resolution (extra slashes after the scheme dropped); None if unusable."""
    if ":///" in href:
        href = _SLASHES_AFTER_SCHEME.sub(r"\1", href)
    try:
        return urllib.parse.urljoin(base, href) or None
    except ValueError:
        return None


def repair_query(href: str) -> str:
    """feedparser's repair of ``?a=1&b;=2`` (query ampersands read as entities) in links."""
    if "&" not in href:
        return href
    return _BROKEN_QUERY.sub(r"&\g<1>", href.replace("&amp;", "&"))


def strict_date(text: str) -> time.struct_time | None:
    """RFC 822 with a zone, or ISO 8601 / W3C-DTF, in UTC: the forms both readers agree on."""
    try:
        if _RFC822.match(text):
            value = parsedate_to_datetime(text)
        elif _ISO.match(text):
            value = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
        else:
            return None
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).utctimetuple()


def rss_author_detail(value: str) -> dict[str, str] | None:
    """The name feedparser finds in an RSS author ("a@b.org (Name)", "Name <a@b.org>").

    ``{}`` when the value is only an address, None when feedparser's split of it
    cannot be predicted.
    """
    if "@" not in value:
        return {"name": value}
    with_name = _EMAIL_THEN_NAME.match(value) or _NAME_THEN_EMAIL.match(value)
    if with_name:
        return {"name": with_name.group("name").strip()}
    return {} if _EMAIL_ONLY.match(value) else None
