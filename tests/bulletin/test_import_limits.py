"""Hostile files are refused by size and shape before they cost memory or a traceback."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import pytest

from kuaibao.bulletin.importers import TooLargeError, import_bulletin
from kuaibao.bulletin.importers.limits import (
    MAX_DOCX_ENTRIES,
    MAX_FILE_BYTES,
    MAX_JSON_DEPTH,
    json_depth,
)


def test_a_json_nested_100k_deep_is_refused_without_a_recursion_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"format": "kuaibao-bulletin", "x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(TooLargeError, match=f"over the limit of {MAX_JSON_DEPTH}"):
        import_bulletin(path)


def test_json_depth_ignores_brackets_inside_strings() -> None:
    assert json_depth('{"a": "[[[[{{{{", "b": [1, {"c": "\\"]]]"}]}') == 3
    assert json_depth("[]") == 1
    assert json_depth('"no containers"') == 0


def _docx_with(extra: dict[str, bytes]) -> bytes:
    """A real Word file with extra parts added to its zip."""
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("正文")
    document.save(buffer)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        for name, data in extra.items():
            dst.writestr(name, data)
    return out.getvalue()


def test_a_docx_zip_bomb_is_refused_from_its_directory(tmp_path: Path) -> None:
    bomb = _docx_with({"word/media/padding.bin": bytes(120_000_000)})
    assert len(bomb) < 1_000_000  # zeros compress a thousandfold
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb)
    with pytest.raises(TooLargeError, match="zip bomb"):
        import_bulletin(path)


def test_a_docx_with_too_many_parts_is_refused(tmp_path: Path) -> None:
    parts = {f"word/media/p{n}.bin": b"" for n in range(MAX_DOCX_ENTRIES + 1)}
    path = tmp_path / "many.docx"
    path.write_bytes(_docx_with(parts))
    with pytest.raises(TooLargeError, match="parts"):
        import_bulletin(path)


@pytest.mark.parametrize("suffix", [".txt", ".pdf", ".docx", ".json"])
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, suffix: str
) -> None:
    """A sparse 200 MB file: refused from its size, so the test never allocates 200 MB."""
    path = tmp_path / f"huge{suffix}"
    head = {".pdf": b"%PDF-1.7\n", ".docx": b"PK\x03\x04", ".json": b"{"}.get(suffix, b"x")
    with path.open("wb") as out:
        out.write(head)
        out.truncate(200_000_000)
    with pytest.raises(TooLargeError, match="nothing was imported"):
        import_bulletin(path)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_file_without_a_size_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    """A device or pipe reports no size; reading stops one byte past the limit."""
    path = tmp_path / "endless.txt"
    os.symlink("/dev/zero", path)
    with pytest.raises(TooLargeError, match=f"larger than {MAX_FILE_BYTES['txt'] / 1e6:g} MB"):
        import_bulletin(path)
