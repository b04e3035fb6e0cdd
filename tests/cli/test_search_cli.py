"""`kuaibao search` over imported items and crawled documents, as scripts call it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from kuaibao.bulletin.jsonio import bulletin_to_json
from kuaibao.domain import Bulletin, BulletinState, Document, Item
from kuaibao.store import Store
from tests.support import cli


def _archive(tmp_path: Path) -> None:
    cli.init(tmp_path)
    export = tmp_path / "past.json"
    bulletin = Bulletin(
        series="科技快报",
        year=2026,
        number=3,
        state=BulletinState.PUBLISHED,
        sections=["前沿研究动态", "产业动态"],
        items=[
            Item(
                title="研究团队演示纠错量子计算机",
                body=["2026年5月，团队完成了量子计算实验。"],
                domain="量子技术",
                section="前沿研究动态",
                event_date="2026-05",
            ),
            Item(
                title="某公司发布新款固态电池",
                body=["2026年6月，该公司宣布电池量产。"],
                domain="能源",
                section="产业动态",
                event_date="2026-06",
            ),
        ],
    )
    export.write_text(bulletin_to_json(bulletin), encoding="utf-8")
    cli.run("bulletin", "import", str(export), "--data-dir", str(tmp_path))
    store = Store(cli.sqlite_url(tmp_path))
    store.documents.add(
        Document(
            url="https://ex.org/q",
            canonical_url="https://ex.org/q",
            title="Photonic quantum computing start-up opens a factory",
            text="The company will build quantum computers in a new plant.",
            content_hash="b" * 64,
            fetched_at=datetime(2026, 7, 1, tzinfo=UTC),
            published_at=datetime(2026, 7, 1, tzinfo=UTC),
        )
    )
    store.close()


def test_search_contract_chinese_english_and_filters(tmp_path: Path) -> None:
    _archive(tmp_path)
    hits = cli.run_json("search", "量子计算", "--json", "--data-dir", str(tmp_path))
    assert hits and hits[0]["kind"] == "item" and "量子计算" in hits[0]["title"]
    assert all({"kind", "id", "title", "snippet", "score"} <= set(h) for h in hits)
    english = cli.run_json(
        "search", "quantum computers", "--exact", "--json", "--data-dir", str(tmp_path)
    )
    assert [h["kind"] for h in english] == ["document"]  # indexed on first search (catch-up)
    # Without --exact the words' Chinese counterparts (量子, 计算机) find the item too,
    # after the match of the words as typed.
    both = cli.run_json("search", "quantum computers", "--json", "--data-dir", str(tmp_path))
    assert [h["kind"] for h in both] == ["document", "item"]
    shown = cli.run("search", "quantum", "--data-dir", str(tmp_path)).stdout
    assert "also searched: 量子" in shown
    only_items = cli.run_json(
        "search", "电池", "--domain", "能源", "--json", "--data-dir", str(tmp_path)
    )
    assert [h["title"] for h in only_items] == ["某公司发布新款固态电池"]
    none = cli.run_json(
        "search", "电池", "--until", "2026-05-31", "--json", "--data-dir", str(tmp_path)
    )
    assert none == []


def test_hostile_query_is_just_words(tmp_path: Path) -> None:
    _archive(tmp_path)
    out = cli.run("search", 'NEAR(" * ^ : ) OR', "--json", "--data-dir", str(tmp_path))
    assert isinstance(json.loads(out.stdout), list)


def test_edited_items_are_found_by_their_new_text(store: Store) -> None:
    from dataclasses import replace

    item = store.items.add(Item(title="旧标题", body=["原始正文。"]), now=datetime.now(UTC))
    assert [h.id for h in store.search.search("旧标题")] == [item.id]
    store.items.update(replace(item, title="新的标题内容"), now=datetime.now(UTC))
    assert store.search.search("旧标题") == []
    assert [h.id for h in store.search.search("新的标题内容")] == [item.id]
