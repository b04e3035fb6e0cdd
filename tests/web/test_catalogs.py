"""The web app's taxonomy and gazetteer: read once per file version and glossary."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from kuaibao.classify.taxonomy import TAXONOMY_FILE
from kuaibao.config import load_settings
from kuaibao.store import Store
from kuaibao.web.catalogs import gazetteer_for, taxonomy_for


def test_the_taxonomy_is_read_again_only_when_its_file_changes(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, environ={})
    packaged = taxonomy_for(settings)
    assert taxonomy_for(settings) is packaged
    text = (resources.files("kuaibao.classify") / "taxonomy.yaml").read_text("utf-8")
    own = tmp_path / TAXONOMY_FILE
    own.write_text(text, encoding="utf-8")
    os.utime(own, ns=(1_000_000_000, 1_000_000_000))
    edited = taxonomy_for(settings)
    assert edited is not packaged and taxonomy_for(settings) is edited
    assert edited.domain_names == packaged.domain_names
    os.utime(own, ns=(2_000_000_000, 2_000_000_000))
    assert taxonomy_for(settings) is not edited


def test_the_gazetteer_grows_with_the_glossary(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'k.db'}"
    settings = load_settings(data_dir=tmp_path, database_url=url, environ={})
    store = Store(url)
    try:
        before = gazetteer_for(store, settings)
        assert gazetteer_for(store, settings) is before
        store.glossary.add_pairs(
            [("Office of Orbital Studies", "轨道研究办公室", None)], now=datetime.now(UTC)
        )
        after = gazetteer_for(store, settings)
        assert after is not before and gazetteer_for(store, settings) is after
    finally:
        store.close()
