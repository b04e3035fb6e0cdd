"""A tiny PDF writer: enough to serve a real, text-extractable report without extra packages.

The output is a classic PDF 1.4 file with one Helvetica (a standard base font, so nothing
is embedded) text stream per page and a correct cross-reference table, which any reader
and ``pypdf`` can open and extract text from.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import UTC, datetime

LINE_WIDTH = 88
LINES_PER_PAGE = 48
FONT_SIZE = 11
LEADING = 15
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def _pdf_string(text: str) -> str:
    """Escape a literal string so parentheses and backslashes survive."""
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def layout(title: str, paragraphs: Sequence[str]) -> list[list[str]]:
    """Wrap the title and paragraphs into pages of lines, a blank line between paragraphs."""
    lines = [*textwrap.wrap(title, LINE_WIDTH), ""]
    for paragraph in paragraphs:
        lines.extend(textwrap.wrap(paragraph, LINE_WIDTH))
        lines.append("")
    return [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]


def _page_stream(lines: Sequence[str]) -> bytes:
    """Draw lines top-down with ``T*`` so extractors see one text line per output line."""
    ops = ["BT", f"/F1 {FONT_SIZE} Tf", f"{LEADING} TL", "72 750 Td"]
    ops.extend(f"{_pdf_string(line)} Tj T*" for line in lines)
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def _pdf_date(when: datetime) -> str:
    """Format a date as the PDF ``D:YYYYMMDDHHmmSSZ`` form in UTC."""
    return when.astimezone(UTC).strftime("D:%Y%m%d%H%M%SZ")


def _objects(title: str, author: str, created: datetime, pages: list[list[str]]) -> list[bytes]:
    """Catalog, page tree, pages with their streams, the font, then the info dictionary."""
    count = len(pages)
    font_id = 3 + 2 * count
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(count))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
    ]
    for i, lines in enumerate(pages):
        stream = _page_stream(lines)
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> /Contents {4 + 2 * i} 0 R >>".encode()
        )
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objs.append(FONT)
    info = (
        f"<< /Title {_pdf_string(title)} /Author {_pdf_string(author)} "
        f"/Producer (kuaibao demo) /CreationDate ({_pdf_date(created)}) >>"
    )
    objs.append(info.encode("latin-1"))
    return objs


def build_pdf(title: str, author: str, paragraphs: Sequence[str], created: datetime) -> bytes:
    """Render a report as PDF bytes whose text ``pypdf`` can extract line by line."""
    text = [title, author, *paragraphs]
    if not all(part.isascii() for part in text):
        raise ValueError("build_pdf only handles ASCII text (Helvetica, no embedded font)")
    objs = _objects(title, author, created, layout(title, paragraphs))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_at = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /Info {len(objs)} 0 R >>\n"
        f"startxref\n{xref_at}\n%%EOF\n"
    ).encode()
    return bytes(out)
