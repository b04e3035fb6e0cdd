"""PDF reports -> Extracted, with pypdf: text of every page, title from metadata.

Think-tank and agency reports often come as PDF only. Text is read page by page up to
a page and character cap, so a 900-page annex cannot stall a crawl. PDFs locked with
an empty user password (common: "no copying" flags) are opened; real passwords are not
guessed.
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from typing import Any

from pypdf import PdfReader

from kuaibao.errors import ExtractionError
from kuaibao.extract.dates import to_utc
from kuaibao.extract.extracted import Extracted

MAX_PAGES = 200
MAX_CHARS = 500_000
MIN_TEXT_CHARS = 40
MAX_TITLE_CHARS = 300

# Titles that tools write instead of the author's ("Microsoft Word - draft3.docx").
_JUNK_TITLE = re.compile(
    r"^(untitled|microsoft (word|powerpoint) - .*|.*\.(docx?|pdf|indd|pptx?|rtf|tex))$", re.I
)
_BLANKS = re.compile(r"[ \t\u00a0]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def extract_pdf(body: bytes, url: str) -> Extracted:
    """Extract the text and metadata of a PDF, or raise ExtractionError saying why not."""
    if not body.strip():
        raise ExtractionError(f"PDF is empty: no bytes in {url}", reason="empty")
    reader = _open(body, url)
    text = _read_text(reader, url)
    if len(text) < MIN_TEXT_CHARS:
        raise ExtractionError(
            f"text too short: {len(text)} chars in PDF {url} (scanned images need OCR)",
            reason="too_short",
        )
    info = _info(reader)
    return Extracted(
        title=_title(info.get("title"), text),
        text=text,
        published_at=_date(info.get("creation_date")),
        author=_clean_field(info.get("author")),
        language=None,
        canonical_url=None,
    )


def _open(body: bytes, url: str) -> PdfReader:
    """Open the PDF, unlocking it when the user password is empty."""
    try:
        reader = PdfReader(io.BytesIO(body), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError(f"PDF is encrypted with a password: {url}", reason="encrypted")
        _ = len(reader.pages)
    except ExtractionError:
        raise
    except Exception as exc:  # pypdf raises many types (PdfReadError, KeyError, …) on bad files
        message = f"PDF is corrupt or unreadable: {url} ({exc})"
        raise ExtractionError(message, reason="corrupt") from exc
    return reader


def _read_text(reader: PdfReader, url: str) -> str:
    """Text of the first ``MAX_PAGES`` pages, capped at ``MAX_CHARS``."""
    chunks: list[str] = []
    total = 0
    try:
        for page in reader.pages[:MAX_PAGES]:
            chunk = _tidy(page.extract_text() or "")
            chunks.append(chunk)
            total += len(chunk)
            if total >= MAX_CHARS:
                break
    except Exception as exc:  # pypdf fails in many ways on damaged content streams
        if not chunks:
            message = f"PDF is corrupt or unreadable: {url} ({exc})"
            raise ExtractionError(message, reason="corrupt") from exc
    return "\n".join(chunk for chunk in chunks if chunk)[:MAX_CHARS]


def _info(reader: PdfReader) -> dict[str, Any]:
    """The document information dictionary's useful fields (empty when unreadable)."""
    try:
        meta = reader.metadata
        if meta is None:
            return {}
        return {"title": meta.title, "author": meta.author, "creation_date": meta.creation_date}
    except Exception:  # broken info dictionaries are common and never fatal
        return {}


def _title(raw: Any, text: str) -> str:
    """The metadata title unless a tool wrote it, else the first line of text."""
    title = _clean_field(raw)
    if title and not _JUNK_TITLE.match(title):
        return title
    return text.split("\n", 1)[0].strip()[:MAX_TITLE_CHARS]


def _date(raw: Any) -> datetime | None:
    """The creation date in UTC, when pypdf could read one."""
    return to_utc(raw) if isinstance(raw, datetime) else None


def _clean_field(raw: Any) -> str | None:
    """A metadata string with whitespace collapsed, or ``None``."""
    if not isinstance(raw, str):
        return None
    cleaned = " ".join(raw.split())[:MAX_TITLE_CHARS]
    return cleaned or None


def _tidy(text: str) -> str:
    """Collapse runs of blanks and of empty lines that PDF layout leaves behind."""
    lines = (_BLANKS.sub(" ", line).strip() for line in text.splitlines())
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()
