"""Size and shape limits checked before an imported file is read in full.

A bulletin is tens of kilobytes of text, a PDF or Word file a few megabytes. Files far
beyond that are refused before they cost memory: a 200 MB text, a DOCX whose parts
unpack to gigabytes (a zip bomb: the sizes in the archive's directory are checked, and
Python's zip reader never returns more than those sizes), a JSON nested 100,000 deep
(which would overflow the parser's recursion), a PDF of thousands of pages.
Messages are in Chinese and English, and say what the limit is.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import BinaryIO

from kuaibao.errors import ImportFailedError

MB = 1_000_000
MAX_FILE_BYTES = {"txt": 5 * MB, "json": 5 * MB, "pdf": 50 * MB, "docx": 30 * MB}
MAX_DOCX_UNPACKED_BYTES = 100 * MB
MAX_DOCX_ENTRIES = 2_000
MAX_JSON_DEPTH = 64
MAX_PDF_PAGES = 300
MAX_TEXT_CHARS = 5 * MB
HEAD_BYTES = 4096

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_BRACKET = re.compile(r"[\[\]{}]")


class TooLargeError(ImportFailedError):
    """The file exceeds a limit; nothing was read beyond what the check needed."""


def _mb(n: int) -> str:
    return f"{n / MB:g} MB"


def read_head(stream: BinaryIO) -> bytes:
    """The first bytes, enough to tell the file's type."""
    return stream.read(HEAD_BYTES)


def read_rest(stream: BinaryIO, head: bytes, kind: str, name: str) -> bytes:
    """The whole file, refused as soon as it passes the limit for its type."""
    limit = MAX_FILE_BYTES[kind]
    data = head + stream.read(limit + 1 - len(head))
    if len(data) > limit:
        raise TooLargeError(
            f"{name}: 文件超过 {_mb(limit)}，不像一期快报，未导入。/ the file is larger than "
            f"{_mb(limit)} ({kind}), far more than one bulletin; nothing was imported."
        )
    return data


def check_size_on_disk(path: Path, kind: str) -> None:
    """Refuse by the size the file system reports, before reading (when it reports one)."""
    try:
        size = path.stat().st_size
    except OSError:
        return
    limit = MAX_FILE_BYTES[kind]
    if size > limit:
        raise TooLargeError(
            f"{path.name}: 文件大小 {_mb(size)} 超过上限 {_mb(limit)}，未导入。/ the file is "
            f"{_mb(size)}, over the {_mb(limit)} limit for {kind} files; nothing was imported."
        )


def check_docx_archive(data: bytes) -> None:
    """Entry count and unpacked size from the zip directory, before Word parts are read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ImportFailedError(
            f"not a readable Word .docx file ({exc}); save it again as .docx from Word"
        ) from exc
    if len(entries) > MAX_DOCX_ENTRIES:
        raise TooLargeError(
            f"DOCX 压缩包含 {len(entries)} 个部件，超过上限 {MAX_DOCX_ENTRIES}，未导入。/ the "
            f".docx holds {len(entries)} parts, over the limit of {MAX_DOCX_ENTRIES}; "
            "nothing was imported."
        )
    unpacked = sum(e.file_size for e in entries)
    if unpacked > MAX_DOCX_UNPACKED_BYTES:
        raise TooLargeError(
            f"DOCX 解压后为 {_mb(unpacked)}，超过上限 {_mb(MAX_DOCX_UNPACKED_BYTES)}"
            f"（压缩炸弹？），未导入。/ the .docx unpacks to {_mb(unpacked)}, over the "
            f"{_mb(MAX_DOCX_UNPACKED_BYTES)} limit (a zip bomb?); nothing was imported."
        )


def json_depth(text: str) -> int:
    """How deep arrays and objects nest, brackets inside strings not counted."""
    depth = deepest = 0
    for match in _JSON_BRACKET.finditer(_JSON_STRING.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def check_json_depth(text: str) -> None:
    depth = json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise TooLargeError(
            f"JSON 嵌套 {depth} 层，超过上限 {MAX_JSON_DEPTH}，不是快报导出文件。/ the JSON "
            f"nests {depth} levels deep, over the limit of {MAX_JSON_DEPTH}; a kuaibao "
            "export nests four."
        )


def check_text_size(text: str) -> None:
    """Text extracted from a PDF: a bulletin is far below this."""
    if len(text) > MAX_TEXT_CHARS:
        raise TooLargeError(
            f"提取出的文字超过 {MAX_TEXT_CHARS} 个字符，不像一期快报，未导入。/ the extracted "
            f"text is over {MAX_TEXT_CHARS} characters, far more than one bulletin; nothing "
            "was imported."
        )
