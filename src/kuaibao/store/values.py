"""What a text column can hold, the same on SQLite and PostgreSQL.

Everything the crawl writes comes from the web, and the two backends disagree about it:
PostgreSQL refuses a NUL character in text and a value longer than its ``VARCHAR(n)``,
SQLite takes both; neither driver can encode a lone surrogate (what ``surrogateescape``
leaves from undecodable bytes). One refused value aborts its whole transaction — a batch
of documents, a batch of the fetch log. So every text column the crawl writes passes
through the column types here (see ``models``), which make the value storable:

* NUL is dropped and lone surrogates become U+FFFD, in every column;
* plain bounded columns (an author, an error kind) are cut to their width;
* URL columns are never cut into a different URL: an over-long one is stored as a
  marked key (:func:`url_key`) that names it unambiguously. The document repository
  refuses to store a *document* under an over-long URL (it records a rejection), and the
  source repository refuses such a source, so the key form only stands in for URLs in
  logs, rejections and caches, where it matches the same URL the next time.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from sqlalchemy import String, Text, TypeDecorator
from sqlalchemy.engine import Dialect

MAX_URL_CHARS = 2000  # the width of every URL column
_SURROGATE = re.compile("[\ud800-\udfff]")
_KEY_MARK = " [url too long: "


def clean_text(value: str) -> str:
    """``value`` without NUL characters and with lone surrogates replaced by U+FFFD."""
    if "\x00" in value:
        value = value.replace("\x00", "")
    return _SURROGATE.sub("\ufffd", value)


def url_too_long(url: str) -> bool:
    """Whether ``url`` is wider than the URL columns."""
    return len(url) > MAX_URL_CHARS


def url_key(url: str) -> str:
    """``url`` itself when it fits a URL column; else its start, its length and a SHA-256.

    Deterministic, so the same over-long URL always finds its rejection or log row again;
    marked, so nobody mistakes it for a URL that could be fetched.
    """
    url = clean_text(url)
    if not url_too_long(url):
        return url
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
    tail = f"{_KEY_MARK}{len(url)} chars, sha256 {digest}]"
    return url[: MAX_URL_CHARS - len(tail)] + tail


class CleanText(TypeDecorator[str]):
    """Unbounded text, made storable on both backends."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return clean_text(value) if isinstance(value, str) else value


class CleanString(TypeDecorator[str]):
    """A ``VARCHAR(n)`` made storable on both backends: cleaned, then cut to ``n``."""

    impl = String
    cache_ok = True

    def __init__(self, length: int) -> None:
        super().__init__(length)
        self.length = length

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return clean_text(value)[: self.length] if isinstance(value, str) else value


class UrlString(TypeDecorator[str]):
    """A URL column: cleaned, and an over-long URL replaced by its :func:`url_key`."""

    impl = String(MAX_URL_CHARS)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return url_key(value) if isinstance(value, str) else value
