"""The rule that tells a bulletin from other texts, measured on both sides.

Accepted: the seed bulletin, the demo archive, and a sample issue rendered to every
format the importer reads (the importer tests' own bulletins pass through the same
check in ``import_bulletin``). Refused: junk written for this test — ``junk/`` was used
while the rule was set, ``junk_heldout/`` was written afterwards and never tuned on.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from kuaibao.bulletin.importers import NotABulletinError, import_bulletin
from kuaibao.bulletin.importers.acceptance import Verdict, judge
from kuaibao.bulletin.importers.parsed import ParsedBulletin
from kuaibao.bulletin.render import EXTENSIONS, render
from kuaibao.classify.taxonomy import load_taxonomy
from kuaibao.domain import Item
from kuaibao.errors import ImportFailedError
from tests.bulletin.render_samples import STYLE, sample

HERE = Path(__file__).parent
SEED = HERE.parents[2] / "shared" / "seeds" / "000_dbc9ab053260726e.txt"
DEMO_ARCHIVE = HERE.parents[1] / "src" / "kuaibao" / "demo" / "archive" / "2026-01.json"
TUNING = sorted((HERE / "junk").iterdir())
HELD_OUT = sorted((HERE / "junk_heldout").iterdir())


def _refused(path: Path) -> str:
    with pytest.raises(ImportFailedError) as info:
        import_bulletin(path, load_taxonomy())
    return str(info.value)


@pytest.mark.parametrize("path", TUNING, ids=lambda p: p.name)
def test_junk_used_for_tuning_is_refused(path: Path) -> None:
    assert path.name in _refused(path)


@pytest.mark.parametrize("path", HELD_OUT, ids=lambda p: p.name)
def test_held_out_junk_is_refused_as_not_a_bulletin(path: Path) -> None:
    message = _refused(path)
    assert "不是快报" in message and "not a bulletin" in message


def test_an_empty_pdf_and_an_empty_docx_are_refused(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    pdf = tmp_path / "empty.pdf"
    with pdf.open("wb") as out:
        writer.write(out)
    assert "no text layer" in _refused(pdf)
    empty = tmp_path / "empty.docx"
    docx.Document().save(str(empty))
    with pytest.raises(NotABulletinError):
        import_bulletin(empty)
    letter = tmp_path / "letter.docx"
    document = docx.Document()
    document.add_paragraph("尊敬的各位同事：")
    document.add_paragraph("下周一上午九点在三楼会议室召开全所大会，请准时参加。")
    document.save(str(letter))
    with pytest.raises(NotABulletinError):
        import_bulletin(letter)


def test_the_seed_and_the_demo_archive_are_accepted() -> None:
    if not SEED.is_file():
        pytest.skip(f"seed bulletin not present at {SEED} (it lives in ../shared)")
    assert len(import_bulletin(SEED, load_taxonomy()).items) == 13
    assert import_bulletin(DEMO_ARCHIVE).items


@pytest.mark.parametrize("fmt", ["md", "json", "docx", "pdf"])
def test_a_rendered_issue_reads_back_as_a_bulletin_in_every_format(
    fmt: str, tmp_path: Path
) -> None:
    bulletin = sample()
    path = tmp_path / f"issue.{EXTENSIONS[fmt]}"
    path.write_bytes(render(bulletin, fmt, STYLE))
    parsed = import_bulletin(path, load_taxonomy())
    assert len(parsed.items) == len(bulletin.items)


def test_an_unnumbered_issue_without_analysts_still_reads_back(tmp_path: Path) -> None:
    """No header, no 供稿: two complete items carry it."""
    bulletin = sample()
    bare = [replace(i, contributors=[], original_title=None) for i in bulletin.items]
    data = render(replace(bulletin, number=None, running_number=None, items=bare), "md", STYLE)
    assert b"None" not in data
    path = tmp_path / "issue.md"
    path.write_bytes(data)
    parsed = import_bulletin(path, load_taxonomy())
    assert (len(parsed.items), parsed.number, parsed.running_number) == (len(bare), None, None)


def _item(
    *, url: bool = True, body: str = "某机构发布了一份很长的报告，提出十项建议。", who: bool = False
) -> Item:
    return Item(
        title="某机构发布报告",
        body=[body],
        source_urls=["https://a.example/r"] if url else [],
        contributors=["张三"] if who else [],
    )


@pytest.mark.parametrize(
    ("items", "number", "accepted"),
    [
        ([], None, False),
        ([], 3, False),  # a header alone is a cover page, not an issue
        ([_item()], None, False),  # one item, nobody's: a reposted article
        ([_item(who=True)], None, True),
        ([_item(), _item()], None, True),
        ([_item(), _item(), _item(url=False), _item(url=False), _item(url=False)], None, False),
        ([_item(url=False)], 3, True),  # the header vouches for an item without its URL
        ([_item(url=False, body="短。")], 3, False),
        ([_item(body="短。", who=True)], None, False),
    ],
)
def test_the_rule(items: list[Item], number: int | None, accepted: bool) -> None:
    verdict = judge(ParsedBulletin(items=items, number=number))
    assert isinstance(verdict, Verdict)
    assert verdict.accepted is accepted
