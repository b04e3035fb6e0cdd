"""Importing past bulletins (text, PDF, Word, kuaibao JSON) into items.

Every format is turned into plain text and read by one parser
(`kuaibao.bulletin.importers.text.parse_bulletin_text`); kuaibao's own JSON export is
read losslessly instead. The file's type is taken from its first bytes where they
tell, otherwise from its suffix.

Every import is checked twice before anything is stored: against size limits before the
file is read in full (``limits``), and against what makes a text a bulletin
(``acceptance``) once it is parsed. Either refusal raises an ImportFailedError.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from kuaibao.bulletin.importers.acceptance import NotABulletinError, check_bulletin
from kuaibao.bulletin.importers.docx import docx_to_text
from kuaibao.bulletin.importers.limits import (
    TooLargeError,
    check_json_depth,
    check_size_on_disk,
    check_text_size,
    read_head,
    read_rest,
)
from kuaibao.bulletin.importers.parsed import ParsedBulletin, Unplaced
from kuaibao.bulletin.importers.pdf import pdf_to_text
from kuaibao.bulletin.importers.text import parse_bulletin_text
from kuaibao.bulletin.jsonio import bulletin_from_json
from kuaibao.classify.taxonomy import Taxonomy
from kuaibao.errors import ImportFailedError, KuaibaoError

__all__ = [
    "NotABulletinError",
    "ParsedBulletin",
    "TooLargeError",
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
        text = decode_text(data)
        check_json_depth(text)
        bulletin = bulletin_from_json(text)
    except KuaibaoError as exc:
        kind = type(exc) if isinstance(exc, ImportFailedError) else ImportFailedError
        raise kind(f"{path.name}: {exc}") from exc
    return ParsedBulletin(
        items=list(bulletin.items),
        series=bulletin.series,
        year=bulletin.year,
        number=bulletin.number,
        running_number=bulletin.running_number,
        date=bulletin.date,
    )


def _read(path: Path) -> tuple[str, bytes]:
    """The file's type and bytes, refused by size before it is read in full."""
    try:
        with path.open("rb") as stream:
            head = read_head(stream)
            kind = detect_type(path, head)
            check_size_on_disk(path, kind)
            return kind, read_rest(stream, head, kind, path.name)
    except OSError as exc:
        raise ImportFailedError(f"cannot read {path}: {exc.strerror or exc}") from exc


def read_bulletin(path: Path, taxonomy: Taxonomy | None = None) -> ParsedBulletin:
    """Read one past bulletin file of any supported type into items, without judging it."""
    kind, data = _read(path)
    if kind == "json":
        return _from_json(data, path)
    try:
        if kind == "pdf":
            text = pdf_to_text(data)
        elif kind == "docx":
            text = docx_to_text(data)
        else:
            text = decode_text(data)
        check_text_size(text)
    except ImportFailedError as exc:
        raise type(exc)(f"{path.name}: {exc}") from exc
    return parse_bulletin_text(text, taxonomy)


def import_bulletin(path: Path, taxonomy: Taxonomy | None = None) -> ParsedBulletin:
    """Read one past bulletin file and refuse it unless it is a bulletin (see acceptance)."""
    parsed = read_bulletin(path, taxonomy)
    check_bulletin(parsed, path.name)
    return parsed
