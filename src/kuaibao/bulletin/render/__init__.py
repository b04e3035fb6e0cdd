"""Render a bulletin: HTML, PDF, DOCX, Markdown, JSON and Atom, all from one layout.

``render(bulletin, fmt, style)`` returns the bytes of one format. Every format follows the
layout of ``layout.py`` (masthead, ``目录``, sections, ``[领域]标题`` items, contributors,
sources, original titles, the distribution line), and the PDF reads back through the
importer; see ``pdf.py`` for the exact printed form.
"""

from __future__ import annotations

from datetime import date

from kuaibao.bulletin.house import HouseStyle
from kuaibao.bulletin.jsonio import bulletin_to_json
from kuaibao.bulletin.render.feed import render_bulletin_feed, render_feed
from kuaibao.bulletin.render.layout import RenderError
from kuaibao.domain import Bulletin

FORMATS: tuple[str, ...] = ("html", "pdf", "docx", "md", "json", "feed")

MEDIA_TYPES: dict[str, str] = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
    "feed": "application/atom+xml",
}

EXTENSIONS: dict[str, str] = {
    "html": "html",
    "pdf": "pdf",
    "docx": "docx",
    "md": "md",
    "json": "json",
    "feed": "atom",
}

__all__ = ["EXTENSIONS", "FORMATS", "MEDIA_TYPES", "RenderError", "render", "render_feed"]


def render(
    bulletin: Bulletin,
    fmt: str,
    style: HouseStyle,
    *,
    citations: bool = False,
    accessed: date | None = None,
) -> bytes:
    """The bulletin in one of FORMATS; ``citations`` (HTML, PDF, DOCX) adds GB/T 7714
    references under items, off by default so printed files import back cleanly."""
    fmt = fmt.lower().lstrip(".")
    if fmt == "html":
        from kuaibao.bulletin.render.html import render_html

        return render_html(bulletin, style, citations=citations, accessed=accessed).encode()
    if fmt == "pdf":
        from kuaibao.bulletin.render.pdf import render_pdf

        return render_pdf(bulletin, style, citations=citations, accessed=accessed)
    if fmt == "docx":
        from kuaibao.bulletin.render.docx import render_docx

        return render_docx(bulletin, style, citations=citations, accessed=accessed)
    if fmt == "md":
        from kuaibao.bulletin.render.markdown import render_markdown

        return render_markdown(bulletin, style).encode()
    if fmt == "json":
        return bulletin_to_json(bulletin).encode()
    if fmt == "feed":
        return render_bulletin_feed(bulletin, style)
    raise RenderError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
