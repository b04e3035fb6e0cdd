"""`kuaibao bulletin …` as scripts call it: import the seed, compile, publish, render."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.support import cli

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_dbc9ab053260726e.txt"
KEYS = {"section", "domain", "title", "body", "contributors", "source_urls", "original_title",
        "event_date"}  # fmt: skip


@pytest.fixture
def seed() -> Path:
    if not SEED.is_file():
        pytest.skip(f"the seed bulletin is not at {SEED} (../shared beside the repository)")
    return SEED


def test_import_seed_then_list(seed: Path, tmp_path: Path) -> None:
    cli.init(tmp_path)
    items = cli.run_json("bulletin", "import", str(seed), "--json", "--data-dir", str(tmp_path))
    assert len(items) == 13
    assert all(set(i) >= KEYS for i in items)
    assert [i["section"] for i in items].count("科技政策与科研计划") == 7
    assert all(i["event_date"] and i["event_date"].startswith("2024") for i in items)
    listed = cli.run_json("bulletin", "list", "--json", "--data-dir", str(tmp_path))
    assert [(b["items"], b["state"], b["series"]) for b in listed] == [
        (13, "published", "科技快报")
    ]
    assert {"id", "number", "date"} <= set(listed[0])


def test_compile_publish_render_every_format(seed: Path, tmp_path: Path) -> None:
    d = ["--data-dir", str(tmp_path)]
    cli.init(tmp_path)
    imported = cli.run_json("bulletin", "import", str(seed), "--json", *d)
    new = cli.run_json("bulletin", "new", "--date", "2026-11-20", "--json", *d)
    assert (new["year"], new["number"], new["state"]) == (2026, 1, "open")
    ids = [str(i["id"]) for i in imported[:4]]
    refused = cli.run("bulletin", "add", str(new["id"]), *ids, *d, check=False)
    assert refused.returncode == 1 and "only approved items" in refused.stderr
    cli.run("bulletin", "add", str(new["id"]), *ids, "--any-state", *d)
    cli.run("bulletin", "order", str(new["id"]), ids[3], *d)
    shown = cli.run_json("bulletin", "show", str(new["id"]), "--json", *d)
    assert [str(i["id"]) for i in shown["item_list"]] == [ids[0], ids[3], ids[1], ids[2]]
    cli.run("bulletin", "publish", str(new["id"]), *d)
    for fmt in ("html", "pdf", "docx", "md", "json", "feed"):
        out = tmp_path / f"out.{fmt}"
        cli.run("bulletin", "render", str(new["id"]), "--format", fmt, "--output", str(out), *d)
        assert out.stat().st_size > 500, fmt
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
    assert zipfile.is_zipfile(tmp_path / "out.docx")
    assert imported[0]["title"] in (tmp_path / "out.md").read_text(encoding="utf-8")
    again = cli.run("bulletin", "add", str(new["id"]), ids[0], *d, check=False)
    assert again.returncode == 1 and "published" in again.stderr


def test_unknown_file_type_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "x.bin"
    junk.write_bytes(b"\x00\x01\x02 not a bulletin")
    proc = cli.run("bulletin", "import", str(junk), "--data-dir", str(tmp_path), check=False)
    assert proc.returncode == 1
    assert "error" in proc.stderr.lower()


def test_the_seed_imports_unnumbered_and_the_first_new_issue_is_number_one(
    seed: Path, tmp_path: Path
) -> None:
    cli.init(tmp_path)
    d = ["--data-dir", str(tmp_path)]
    proc = cli.run("bulletin", "import", str(seed), *d)
    assert "stored unnumbered" in proc.stdout and "None" not in proc.stdout
    listed = cli.run_json("bulletin", "list", "--json", *d)
    assert [(b["number"], b["running_number"]) for b in listed] == [(None, None)]
    assert "None" not in cli.run("bulletin", "list", *d).stdout
    new = cli.run_json("bulletin", "new", "--date", "2026-11-20", "--json", *d)
    assert (new["number"], new["running_number"]) == (1, 1)


def test_given_numbers_are_kept_and_the_next_issue_continues_them(
    seed: Path, tmp_path: Path
) -> None:
    cli.init(tmp_path)
    d = ["--data-dir", str(tmp_path)]
    given = ["--number", "12", "--running-number", "345", "--date", "2024-03-20"]
    cli.run("bulletin", "import", str(seed), *given, "--series", "科技快报", *d)
    (issue,) = cli.run_json("bulletin", "list", "--json", *d)
    assert (issue["year"], issue["number"], issue["running_number"], issue["date"]) == (
        2024,
        12,
        345,
        "2024-03-20",
    )
    again = cli.run("bulletin", "import", str(seed), *given, *d, check=False)
    assert again.returncode == 1 and "already in the archive" in again.stderr
    new = cli.run("bulletin", "new", "--date", "2024-03-27", *d)
    assert "2024年第13期" in new.stdout and "总第346期" in new.stdout


def test_junk_is_refused_and_nothing_is_stored(tmp_path: Path) -> None:
    cli.init(tmp_path)
    d = ["--data-dir", str(tmp_path)]
    junk = Path(__file__).resolve().parents[1] / "bulletin" / "junk"
    for name in ("newsletter_zh.txt", "newsletter_tagged_zh.txt", "README.md", "random.txt"):
        proc = cli.run("bulletin", "import", str(junk / name), "--json", *d, check=False)
        assert proc.returncode == 1, name
        assert name in proc.stderr and "Traceback" not in proc.stderr
    assert cli.run_json("bulletin", "list", "--json", *d) == []
    assert cli.run_json("items", "list", "--json", *d) == []
    new = cli.run_json("bulletin", "new", "--date", "2026-11-20", "--json", *d)
    assert (new["number"], new["running_number"]) == (1, 1)
