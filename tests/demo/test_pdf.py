"""The hand-written PDF is a real PDF: pypdf opens it and reads the text back."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from kuaibao.demo.pdf import LINES_PER_PAGE, build_pdf, layout

WHEN = datetime(2026, 11, 18, 14, 0, tzinfo=UTC)


def test_text_round_trips_through_pypdf() -> None:
    paragraphs = ["Demand (firm power) hit 52 gigawatts; costs rose 19 percent to $310 billion."]
    data = build_pdf("Compute and Power", "M. Lindqvist", paragraphs, WHEN)
    assert data.startswith(b"%PDF-1.4")
    assert data.rstrip().endswith(b"%%EOF")
    reader = PdfReader(io.BytesIO(data), strict=True)
    text = reader.pages[0].extract_text()
    assert "Compute and Power" in text
    assert "(firm power)" in text
    assert "$310 billion" in text
    assert reader.metadata is not None
    assert reader.metadata.title == "Compute and Power"
    assert reader.metadata.author == "M. Lindqvist"


def test_long_reports_span_several_pages() -> None:
    paragraphs = [f"Paragraph {n} " + "word " * 60 for n in range(40)]
    pages = layout("Long report", paragraphs)
    assert len(pages) > 1
    assert all(len(page) <= LINES_PER_PAGE for page in pages)
    reader = PdfReader(io.BytesIO(build_pdf("Long report", "A", paragraphs, WHEN)), strict=True)
    assert len(reader.pages) == len(pages)
    assert "Paragraph 39" in reader.pages[-1].extract_text()


def test_backslashes_survive() -> None:
    data = build_pdf("Paths", "A", ["C:\\data\\report"], WHEN)
    text = PdfReader(io.BytesIO(data), strict=True).pages[0].extract_text()
    assert "C:\\data\\report" in text


def test_non_ascii_text_is_refused() -> None:
    with pytest.raises(ValueError, match="ASCII"):
        build_pdf("Budget", "A", ["£1.1 billion"], WHEN)
