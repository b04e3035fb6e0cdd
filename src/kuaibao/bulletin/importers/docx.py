"""Word (.docx) bulletins -> plain text that the one text parser reads.

Each Word paragraph becomes one line with a blank line after it, so the parser sees
unwrapped paragraphs separated by blank lines (no width guessing needed). Table
cells are read in order, and a paragraph that is nothing but a link to a web page
yields the link's address, since bulletins often print "原文链接" as linked text.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph

from kuaibao.bulletin.importers.limits import check_docx_archive
from kuaibao.errors import ImportFailedError


def _link_address(paragraph: Paragraph) -> str | None:
    """The address when the paragraph is a single hyperlink to a web page."""
    parts = [
        p for p in paragraph.iter_inner_content() if isinstance(p, Hyperlink) or p.text.strip()
    ]
    if len(parts) != 1 or not isinstance(parts[0], Hyperlink):
        return None
    address = parts[0].url or ""
    return address if address.startswith(("http://", "https://")) else None


def _paragraph_text(paragraph: Paragraph) -> str:
    text = paragraph.text.replace("\t", " ").strip()
    address = _link_address(paragraph)
    if address and not text.startswith(("http://", "https://")):
        return address
    return text


def _table_paragraphs(table: Table) -> Iterator[Paragraph]:
    seen: list[Any] = []  # cell elements; kept alive so identity comparisons hold
    for row in table.rows:
        for cell in row.cells:
            if any(cell._tc is done for done in seen):  # merged cells repeat per column
                continue
            seen.append(cell._tc)
            yield from cell.paragraphs


def _paragraphs(document: Any) -> Iterator[Paragraph]:
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            yield from _table_paragraphs(block)
        else:
            yield block


def docx_to_text(data: bytes) -> str:
    """The paragraphs of a .docx in order, one per line, blank lines between."""
    check_docx_archive(data)  # before python-docx unpacks every part into memory
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, SyntaxError, PackageNotFoundError) as exc:
        raise ImportFailedError(
            f"not a readable Word .docx file ({exc}); save it again as .docx from Word"
        ) from exc
    texts = (_paragraph_text(p) for p in _paragraphs(document))
    return "\n\n".join(t for t in texts if t) + "\n"
