"""A bulletin as an A4 PDF: the HTML page printed by WeasyPrint, CJK fonts embedded.

The PDF must read back through ``pdftotext`` and the importer, so the page keeps each
layout element on its own line and adds nothing inside those lines:

* page 1: the series name, ``2026年第7期（总第131期）``, the issuing unit and the date
  (one row, unit left and date right; ``pdftotext`` may give one line or two), then a
  line ``目录`` and the contents. Every contents line ends in a dot leader and a page
  number: numbered section lines (``一、重点关注........2``, so they never equal a real
  section heading) and bare item titles without ``[领域]`` (``标题........3``). Lines are
  shrunk to fit, so each stays one line. The body starts on a new page, so the
  contents are every line from ``目录`` up to the page that opens with the first bare
  section heading; each contents line matches ``[.]{3,} *[0-9]+$`` (a long contents list
  continues over further pages, each with its lone page-number line).
* the body: section headings; per item ``[领域]标题``, paragraphs (wrapped, first line
  indented), ``张三、李四 供稿``, one URL per line, ``原文标题：…``; the footer line last.
  Headings, URLs and original titles are shrunk to stay on one line (``fitting.py``); a
  URL too long even then is cut into lines that concatenate back to it, never after a
  ``-`` (which pdftotext would swallow) and never before ``http``.
* page numbers only, centred at the foot of every page (a lone number line per page in
  ``pdftotext`` output); no running headers.

Fonts come from the house style and are found through fontconfig; WeasyPrint embeds
subsets of them. Subsetting the 20 MB Noto CJK faces is the slow part: with HarfBuzz's
subsetter (Debian ``libharfbuzz-subset0``) a 60-item issue prints in about 2.5 s on two
cores, with WeasyPrint's fontTools fallback it takes over 10 s — see
``fast_font_subsetting``. External resources are never fetched.
"""

from __future__ import annotations

from datetime import date

import weasyprint
from weasyprint.urls import URLFetcher

from kuaibao.bulletin.house import HouseStyle
from kuaibao.bulletin.render.html import render_html
from kuaibao.bulletin.render.layout import RenderError
from kuaibao.domain import Bulletin


def fast_font_subsetting() -> bool:
    """Whether WeasyPrint found HarfBuzz's subsetter (else PDFs take several times longer)."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    return harfbuzz_subset is not None and bool(harfbuzz.hb_version_atleast(4, 1, 0))


def html_to_pdf(page: str) -> bytes:
    """Print an HTML page to PDF bytes, refusing every external fetch."""
    fetcher = URLFetcher(allowed_protocols=())
    try:
        document = weasyprint.HTML(string=page, url_fetcher=fetcher, media_type="print")
        result = document.write_pdf()
    except Exception as exc:  # WeasyPrint raises many unrelated types
        raise RenderError(f"WeasyPrint could not print the bulletin: {exc}") from exc
    if not isinstance(result, bytes):
        raise RenderError("WeasyPrint returned no PDF data")
    return result


def render_pdf(
    bulletin: Bulletin,
    style: HouseStyle,
    *,
    citations: bool = False,
    accessed: date | None = None,
) -> bytes:
    """The bulletin as PDF; keep ``citations`` off for files that must import back."""
    return html_to_pdf(render_html(bulletin, style, citations=citations, accessed=accessed))
