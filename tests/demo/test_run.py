"""The whole demo pipeline: sample web → crawl → drafts → published bulletin → files."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import html as lxml_html

from kuaibao.config import FetchSettings, Settings
from kuaibao.demo.run import MAX_ITEMS, run_demo
from kuaibao.demo.web import SampleWeb
from kuaibao.domain import BulletinState
from kuaibao.store import Store


def test_demo_crawls_compiles_and_renders(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, fetch=FetchSettings(per_host_rate=100.0))
    store = Store(f"sqlite:///{tmp_path / 'kuaibao.db'}")
    with SampleWeb() as web:
        result = run_demo(store, settings, web)
        articles = web.articles()
    store.close()
    expected = sum(1 for a in articles if a.robots_allowed)
    assert len(result.documents) == expected
    assert result.cold.total("stored") == expected and result.warm.total("stored") == 0
    assert {o.status for o in result.warm.sources} == {"not_modified"}
    bulletin = result.bulletin
    assert bulletin.state is BulletinState.PUBLISHED
    assert 4 <= len(bulletin.items) <= MAX_ITEMS
    sections = [i.section for i in bulletin.items]
    assert sections[0] == "重点关注"
    order = bulletin.ordered_sections()
    assert [order.index(s) for s in sections if s] == sorted(order.index(s) for s in sections if s)
    assert result.outputs["pdf"].read_bytes().startswith(b"%PDF")
    assert zipfile.is_zipfile(result.outputs["docx"])
    page = lxml_html.fromstring(result.outputs["html"].read_bytes()).text_content()
    assert all(item.title in page for item in bulletin.items)
