"""The context's catalogs: each read once per file version (and, for the gazetteer with
the glossary's names, per glossary)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from kuaibao.classify.taxonomy import TAXONOMY_FILE
from kuaibao.config import load_settings
from kuaibao.facts.gazetteer import GAZETTEER_FILE
from kuaibao.pipeline.context import Context, file_version
from kuaibao.store import Store


def _context(tmp_path: Path) -> Context:
    url = f"sqlite:///{tmp_path / 'k.db'}"
    return Context(load_settings(data_dir=tmp_path, database_url=url, environ={}), Store(url))


def test_the_taxonomy_is_read_again_only_when_its_file_changes(tmp_path: Path) -> None:
    ctx = _context(tmp_path)
    try:
        packaged = ctx.catalogs.taxonomy()
        assert ctx.catalogs.taxonomy() is packaged
        text = (resources.files("kuaibao.classify") / "taxonomy.yaml").read_text("utf-8")
        own = tmp_path / TAXONOMY_FILE
        own.write_text(text, encoding="utf-8")
        os.utime(own, ns=(1_000_000_000, 1_000_000_000))
        edited = ctx.catalogs.taxonomy()
        assert edited is not packaged and ctx.catalogs.taxonomy() is edited
        assert edited.domain_names == packaged.domain_names
        os.utime(own, ns=(2_000_000_000, 2_000_000_000))
        assert ctx.catalogs.taxonomy() is not edited
        own.unlink()  # back to the packaged one
        assert ctx.catalogs.taxonomy().domain_names == packaged.domain_names
        assert file_version(own) is None
    finally:
        ctx.store.close()


def test_the_data_dirs_gazetteer_is_read_over_the_packaged_one(tmp_path: Path) -> None:
    ctx = _context(tmp_path)
    try:
        packaged = ctx.catalogs.gazetteer()
        assert ctx.catalogs.gazetteer() is packaged
        assert not packaged.find("Office of Orbital Studies")
        (tmp_path / GAZETTEER_FILE).write_text(
            "entries:\n- zh: 轨道研究办公室\n  en: [Office of Orbital Studies]\n  kind: agency\n",
            encoding="utf-8",
        )
        own = ctx.catalogs.gazetteer()
        assert own is not packaged
        assert [m.text for m in own.find("the Office of Orbital Studies said")]
    finally:
        ctx.store.close()


def test_the_gazetteer_grows_with_the_glossary(tmp_path: Path) -> None:
    ctx = _context(tmp_path)
    try:
        before = ctx.catalogs.named_gazetteer()
        assert ctx.catalogs.named_gazetteer() is before
        ctx.store.glossary.add_pairs(
            [("Office of Orbital Studies", "轨道研究办公室", None)], now=datetime.now(UTC)
        )
        after = ctx.catalogs.named_gazetteer()
        assert after is not before and ctx.catalogs.named_gazetteer() is after
        assert ctx.catalogs.glossary() == {"Office of Orbital Studies": "轨道研究办公室"}
        assert ctx.catalogs.gazetteer() is before  # classification's gazetteer is unchanged
    finally:
        ctx.store.close()
