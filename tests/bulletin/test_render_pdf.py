"""PDF output read back the way the importer reads it: pdftotext, pdffonts, pdftoppm."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest

from kuaibao.bulletin.house import HouseStyle
from kuaibao.bulletin.render import render
from kuaibao.bulletin.render.layout import item_heading
from kuaibao.bulletin.render.pdf import render_pdf
from kuaibao.domain import Bulletin, Item
from tests.bulletin.render_samples import LONG_URL, STYLE, items, sample

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdftoppm")),
    reason="needs poppler-utils (pdftotext, pdffonts, pdftoppm)",
)

LEADER_LINE = re.compile(r"\.{3,}\s*\d+$")
GLYPHS = "测绘星河量子晶圆"  # eight distinct characters, the masthead of the glyph test


def run(*args: str | Path) -> bytes:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True).stdout


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "bulletin.pdf"
    path.write_bytes(render_pdf(sample(), STYLE))
    return path


@pytest.fixture(scope="module")
def pages(pdf_path: Path) -> list[list[str]]:
    """pdftotext output: pages (split at form feeds) of stripped, non-blank lines."""
    text = run("pdftotext", "-enc", "UTF-8", pdf_path, "-").decode("utf-8")
    chunks = text.split("\f")
    return [
        [ln.strip() for ln in chunk.splitlines() if ln.strip()] for chunk in chunks if chunk.strip()
    ]


def test_text_layer_has_every_layout_line_in_its_form(pages: list[list[str]]) -> None:
    lines = [ln for page in pages for ln in page]
    assert lines[:2] == ["科技快报", "2026年第7期（总第131期）"]
    assert "星河科技信息研究所" in " ".join(lines[2:4]) and "2026年11月20日" in " ".join(lines[2:4])
    assert lines[4] == "目录"
    for item in items():
        assert item_heading(item) in lines
        assert f"{'、'.join(item.contributors)} 供稿" in lines
        if item.original_title:
            assert f"原文标题：{item.original_title}" in lines
        for url in item.source_urls:
            assert url == LONG_URL or url in lines
    body = "".join(lines)
    assert all(p in body for i in items() for p in i.body)
    assert (
        "报送：所领导及各业务处室" in lines[-2] + lines[-1] or "报送：所领导及各业务处室" in lines
    )


def test_long_url_is_cut_into_lines_that_join_back(pages: list[list[str]]) -> None:
    lines = [ln for page in pages for ln in page]
    start = next(n for n, ln in enumerate(lines) if LONG_URL.startswith(ln) and len(ln) > 30)
    joined = ""
    for line in lines[start:]:
        joined += line
        if len(joined) >= len(LONG_URL):
            break
    assert joined == LONG_URL
    assert start + 1 < len(lines) and not lines[start].endswith("-")


def test_contents_page_then_body_with_page_numbers(pages: list[list[str]]) -> None:
    first = pages[0]
    contents = first[first.index("目录") + 1 : -1]
    assert len(contents) == len(items()) + 3
    assert all(LEADER_LINE.search(line) for line in contents), contents
    assert contents[0].startswith("一、重点关注")
    assert contents[1].startswith("某国发布量子信息科学十年路线图")
    assert pages[1][0] == "重点关注"  # the body starts on a new page
    assert [page[-1] for page in pages] == [str(n) for n in range(1, len(pages) + 1)]


def test_cjk_fonts_are_embedded(pdf_path: Path) -> None:
    report = run("pdffonts", pdf_path).decode()
    rows = [row.split() for row in report.splitlines()[2:]]
    cjk = [row for row in rows if "CJK" in row[0]]
    assert any("Noto-Serif-CJK-SC" in row[0] for row in cjk)
    assert cjk and all(row[-5] == "yes" for row in cjk)  # the "emb" column


def test_source_urls_are_clickable(pdf_path: Path) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf_path.read_bytes()))
    uris = set()
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and action.get("/S") == "/URI":
                uris.add(str(action["/URI"]))
    assert uris == {u for i in items() for u in i.source_urls}


# --- glyph test: every character is drawn, none is a missing-glyph box ---------------


def read_pgm(data: bytes) -> list[bytes]:
    """Rows of a binary (P5) 8-bit PGM, as pdftoppm -gray writes it."""
    tokens: list[bytes] = []
    pos = 0
    while len(tokens) < 4:
        match = re.compile(rb"\s*(#[^\n]*\n\s*)*(\S+)").match(data, pos)
        assert match, "bad PGM header"
        tokens.append(match.group(2))
        pos = match.end()
    magic, width, height, maxval = tokens[0], int(tokens[1]), int(tokens[2]), int(tokens[3])
    assert magic == b"P5" and maxval == 255
    pixels = data[pos + 1 :]
    return [pixels[r * width : (r + 1) * width] for r in range(height)]


def first_text_line_cells(rows: list[bytes], count: int, dark: int = 160) -> list[list[bytes]]:
    """Cut the first band of ink from the top into ``count`` equal character cells."""
    inked = [any(v < dark for v in row) for row in rows]
    top = inked.index(True)
    bottom = top
    while bottom < len(rows) and inked[bottom]:
        bottom += 1
    band = rows[top:bottom]
    columns = [x for x in range(len(band[0])) if any(row[x] < dark for row in band)]
    left, right = columns[0], columns[-1] + 1
    width = (right - left) / count
    cells = []
    for n in range(count):
        x0, x1 = round(left + n * width), round(left + (n + 1) * width)
        cells.append([bytes(1 if v < dark else 0 for v in row[x0:x1]) for row in band])
    return cells


def ink(cell: list[bytes]) -> float:
    return sum(sum(row) for row in cell) / sum(len(row) for row in cell)


def difference(a: list[bytes], b: list[bytes], reach: int = 2) -> float:
    """Share of pixels that differ between two cells at their best alignment (shifts up
    to ``reach`` pixels), so the same shape drawn at another sub-pixel offset matches."""
    height, width = min(len(a), len(b)), min(len(a[0]), len(b[0]))
    best = 1.0
    for dy in range(-reach, reach + 1):
        for dx in range(-reach, reach + 1):
            ys = range(max(0, -dy), min(height, height - dy))
            xs = range(max(0, -dx), min(width, width - dx))
            differ = sum(1 for y in ys for x in xs if a[y][x] != b[y + dy][x + dx])
            best = min(best, differ / (len(ys) * len(xs)))
    return best


def distinct_glyphs(cells: list[list[bytes]]) -> bool:
    """Every cell inked and unlike every other: tofu boxes would all look the same."""
    if any(ink(cell) < 0.05 for cell in cells):
        return False
    return all(difference(a, b) > 0.1 for n, a in enumerate(cells) for b in cells[n + 1 :])


def test_glyph_check_catches_identical_boxes() -> None:
    box = [b"\x00" * 2 + b"\xff" * 16 + b"\x00" * 2] * 3 + [b"\x00" * 20] * 14 + [b"\xff" * 20] * 3
    rows = [b"\xff" * 200] * 5 + [b"\xff" * 20 + box[r] * 8 + b"\xff" * 20 for r in range(20)]
    rows += [b"\xff" * 200] * 5
    cells = first_text_line_cells(rows, 8)
    assert len(cells) == 8 and all(ink(c) > 0.5 for c in cells)
    assert not distinct_glyphs(cells)


@pytest.mark.parametrize(
    ("masthead", "distinct"),
    [(GLYPHS, True), (GLYPHS[:-1] + GLYPHS[0], False)],  # a repeat must be caught
)
def test_cjk_characters_are_drawn_as_distinct_glyphs(
    tmp_path: Path, masthead: str, distinct: bool
) -> None:
    style = HouseStyle(series=masthead, masthead=masthead, issuing_unit="测试单位", footer="")
    bulletin = Bulletin(
        series=masthead, year=2026, number=1, items=[Item(title="短讯", body=["正文。"])]
    )
    pdf = tmp_path / "glyphs.pdf"
    pdf.write_bytes(render(bulletin, "pdf", style))
    assert pdf.read_bytes().startswith(b"%PDF")
    run("pdftoppm", "-r", "50", "-gray", "-f", "1", "-l", "1", pdf, tmp_path / "page")
    (image,) = tmp_path.glob("page*.pgm")
    cells = first_text_line_cells(read_pgm(image.read_bytes()), len(masthead))
    assert distinct_glyphs(cells) is distinct
