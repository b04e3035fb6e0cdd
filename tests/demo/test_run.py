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

    # Built from ranked stories: the two-site story is one item citing both reports.
    assert result.stories.documents == expected
    assert result.stories.new_stories == expected - 1
    merged = [d for d in result.drafted if d.story.size > 1]
    assert len(merged) == 1
    urls = merged[0].item.source_urls
    assert len(urls) == 2 and all("caldera" in u for u in urls)
    # Every draft was checked; what the check passed was approved and published.
    assert all(d.check is not None for d in result.drafted)
    assert {d.item.id for d in result.drafted if d.approved} == {i.id for i in bulletin.items}
    assert sum(d.approved for d in result.drafted) >= 0.8 * len(result.drafted)
    # Drafts are Chinese: titles carry Han characters and keep the original title.
    assert all(any("\u4e00" <= c <= "\u9fff" for c in i.title) for i in bulletin.items)
    assert all(i.original_title for i in bulletin.items)
    assert [r.score for r in result.ranked] == sorted(
        (r.score for r in result.ranked), reverse=True
    )
