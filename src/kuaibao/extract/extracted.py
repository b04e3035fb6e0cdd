"""The common result of every extractor (HTML, PDF) before it becomes a Document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Extracted:
    """Main text and metadata of one fetched page or file.

    ``text`` holds one paragraph (or list item, or table row) per line, lines separated
    by a single ``"\\n"``; PDF text keeps the layout's line breaks instead.
    ``published_at`` is timezone-aware (UTC) when known.
    ``canonical_url`` is set only when the page names a same-site http(s) canonical link.
    """

    title: str
    text: str
    published_at: datetime | None
    author: str | None
    language: str | None
    canonical_url: str | None
