"""Importing past bulletins (text, PDF, Word, kuaibao JSON) into items.

Every format is turned into plain text and read by one parser
(`kuaibao.bulletin.importers.text.parse_bulletin_text`); kuaibao's own JSON export is
read losslessly instead. The file's type is taken from its first bytes where they
tell, otherwise from its suffix.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from kuaibao.bulletin.importers.docx import docx_to_text
from kuaibao.bulletin.importers.parsed import ParsedBulletin, Unplaced
from kuaibao.bulletin.importers.pdf import pdf_to_text
from kuaibao.bulletin.importers.text import parse_bulletin_text
from kuaibao.bulletin.jsonio import bulletin_from_json
from kuaibao.classify.taxonomy import Taxonomy
from kuaibao.errors import ImportFailedError, KuaibaoError

__all__ = [
    "ParsedBulletin",
    "Unplaced",
    "decode_text",
    "detect_type",
    "import_bulletin",
    "parse_bulletin_text",
]

TEXT_SUFFIXES = (".txt", ".text", ".md")
SUPPORTED = ".txt, .pdf, .docx and kuaibao .json"


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 as older files use."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailedError(
        "text is neither UTF-8 nor GB18030; save it as UTF-8 text and import again"
    )


def detect_type(path: Path, data: bytes) -> str:
    """``pdf``, ``docx``, ``json`` or ``txt``; ImportFailedError names anything else."""
    suffix = path.suffix.lower()
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if suffix == ".docx" or b"word/" in data[:4096]:
            return "docx"
        raise ImportFailedError(f"{path.name}: a ZIP archive that is not a Word .docx file")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFailedError(f"{path.name}: old binary Word .doc; save it as .docx first")
    if suffix == ".json" or data.lstrip().startswith(b"{"):
        return "json"
    if suffix in (".pdf", ".docx"):
        return suffix[1:]  # the reader will say what is wrong with the content
    if suffix in TEXT_SUFFIXES:
        return "txt"
    raise ImportFailedError(
        f"{path.name}: unsupported file type {suffix or '(no suffix)'!r}; import reads {SUPPORTED}"
    )


def _from_json(data: bytes, path: Path) -> ParsedBulletin:
    try:
        bulletin = bulletin_from_json(decode_text(data))
    except KuaibaoError as exc:
        raise ImportFailedError(f"{path.name}: {exc}") from exc
    return ParsedBulletin(
        items=list(bulletin.items),
        series=bulletin.series,
        year=bulletin.year,
        number=bulletin.number,
        date=bulletin.date,
    )


def import_bulletin(path: Path, taxonomy: Taxonomy | None = None) -> ParsedBulletin:
    """Read one past bulletin file of any supported type into items."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailedError(f"cannot read {path}: {exc.strerror or exc}") from exc
    kind = detect_type(path, data)
    if kind == "json":
        return _from_json(data, path)
    try:
        if kind == "pdf":
            text = pdf_to_text(data)
        elif kind == "docx":
            text = docx_to_text(data)
        else:
            text = decode_text(data)
    except ImportFailedError as exc:
        raise ImportFailedError(f"{path.name}: {exc}") from exc
    return parse_bulletin_text(text, taxonomy)
