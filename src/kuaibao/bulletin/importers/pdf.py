"""PDF bulletins -> plain text, with poppler's ``pdftotext -layout`` (pypdf as fallback).

``-layout`` is used because it keeps what the text parser needs: paragraph first-line
indents survive as leading spaces, page breaks as form feeds, and, unlike the default
mode, a URL wrapped at a hyphen keeps its hyphen (the default mode "dehyphenates" and
so corrupts URLs). The PDF goes through a temporary file and the tool runs with a
time limit, so a damaged file cannot hang an import; only the first ``MAX_PDF_PAGES``
pages are read.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader

from kuaibao.bulletin.importers.limits import MAX_PDF_PAGES
from kuaibao.errors import ImportFailedError

PDFTOTEXT = "pdftotext"
TIMEOUT_SECONDS = 60.0
_MAGIC = b"%PDF-"


def _check_magic(data: bytes) -> None:
    if _MAGIC not in data[:1024]:
        raise ImportFailedError("not a PDF file (no %PDF- header); check the file's type")


def _no_text() -> ImportFailedError:
    return ImportFailedError(
        "the PDF has no text layer (scanned pages?); run OCR on it first, then import again"
    )


def _run_pdftotext(exe: str, data: bytes, timeout: float) -> str:
    with tempfile.TemporaryDirectory(prefix="kuaibao-pdf-") as tmp:
        source = Path(tmp) / "bulletin.pdf"
        source.write_bytes(data)
        try:
            done = subprocess.run(
                [exe, "-layout", "-l", str(MAX_PDF_PAGES), "-enc", "UTF-8", str(source), "-"],
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise ImportFailedError(
                f"pdftotext did not finish within {timeout:g} s; the PDF may be damaged"
            ) from exc
        except OSError as exc:
            raise ImportFailedError(
                f"cannot run {exe}: {exc}; install poppler-utils (apt-get install poppler-utils)"
            ) from exc
    text = done.stdout.decode("utf-8", "replace")
    complaints = done.stderr.decode("utf-8", "replace").strip().splitlines()
    if done.returncode != 0 or (complaints and not text.strip()):
        detail = complaints[-1] if complaints else f"exit status {done.returncode}"
        raise ImportFailedError(f"pdftotext cannot read this PDF (damaged?): {detail}")
    return text


def _pypdf_text(data: bytes, tool: str) -> str:
    """Fallback when poppler is missing: pypdf's layout mode, pages joined by form feeds."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [
            page.extract_text(extraction_mode="layout") or ""
            for page in list(reader.pages)[:MAX_PDF_PAGES]
        ]
    except Exception as exc:  # pypdf raises many unrelated types on damaged files
        raise ImportFailedError(
            f"{tool} is not installed (install poppler-utils) and pypdf cannot read "
            f"this PDF either: {exc}"
        ) from exc
    text = "\f".join(pages)
    if not text.strip():
        raise ImportFailedError(
            f"{tool} is not installed (install poppler-utils) and pypdf finds no text in "
            "this PDF (damaged, or scanned pages that need OCR)"
        )
    return text


def pdf_to_text(
    data: bytes, *, pdftotext: str = PDFTOTEXT, timeout: float = TIMEOUT_SECONDS
) -> str:
    """The text of a PDF bulletin, laid out as printed; ImportFailedError says why not."""
    _check_magic(data)
    exe = shutil.which(pdftotext)
    text = _run_pdftotext(exe, data, timeout) if exe else _pypdf_text(data, pdftotext)
    if not text.strip():
        raise _no_text()
    return text
