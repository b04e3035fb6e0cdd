from __future__ import annotations

import re
from datetime import UTC, datetime

import feedparser
from lxml import etree

from kuaibao.bulletin.render import render
from kuaibao.bulletin.render.feed import ATOM, entry_id, render_feed
from kuaibao.domain import BulletinState
from tests.bulletin.render_samples import EVIL_TEXT, STYLE, evil, items, sample

NS = {"a": ATOM}
RFC3339_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def test_one_entry_per_item_of_published_bulletins_only() -> None:
    published, draft = sample(number=7), sample(BulletinState.OPEN, number=8)
    older = sample(number=6)
    parsed = feedparser.parse(render_feed([older, draft, published], STYLE))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "科技快报"
    assert len(parsed.entries) == 2 * len(items())
    ids = [e.id for e in parsed.entries]
    assert len(set(ids)) == len(ids)
    assert ids[0] == "urn:kuaibao:%E7%A7%91%E6%8A%80%E5%BF%AB%E6%8A%A5:2026:7:1"
    assert ids[len(items())].endswith(":2026:6:1")  # newest issue first
    assert not [i for i in ids if ":2026:8:" in i]


def test_entry_fields() -> None:
    parsed = feedparser.parse(render_feed([sample()], STYLE))
    entry = parsed.entries[2]
    assert entry.title == "[人工智能]欧洲研究联盟发布开放多语种基础模型"
    assert [a.name for a in entry.authors] == ["赵六", "钱七", "孙八"]
    assert [(link.rel, link.href) for link in entry.links] == [
        ("alternate", "https://ec.europa.eu/newsroom/fictional-open-model"),
        ("related", "https://lab.example.net/blog/model"),
    ]
    assert entry.link == "https://ec.europa.eu/newsroom/fictional-open-model"
    assert [t.term for t in entry.tags] == ["人工智能", "前沿研究动态"]
    assert entry.updated_parsed[:5] == (2026, 11, 20, 9, 30)
    assert "<p>该联盟称，新模型覆盖二十四种语言" in entry.content[0].value
    assert parsed.feed.author == "星河科技信息研究所"


def test_ids_are_stable_and_times_are_rfc3339() -> None:
    first, second = render_feed([sample()], STYLE), render_feed([sample()], STYLE)
    assert first == second
    root = etree.fromstring(first)
    stamps = root.xpath("//a:updated/text() | //a:published/text()", namespaces=NS)
    assert stamps and all(RFC3339_UTC.match(s) for s in stamps)
    assert entry_id(sample(), 3, "https://bulletins.example/") == (
        "https://bulletins.example/%E7%A7%91%E6%8A%80%E5%BF%AB%E6%8A%A5/2026/7/3"
    )


def test_item_update_time_wins_and_naive_times_are_utc() -> None:
    bulletin = sample()
    bulletin.items[0].updated_at = datetime(2026, 11, 21, 8, 0)  # naive: UTC
    root = etree.fromstring(render_feed([bulletin], STYLE))
    assert root.findtext("a:updated", namespaces=NS) == "2026-11-21T08:00:00Z"
    first = root.find("a:entry", NS)
    assert first.findtext("a:updated", namespaces=NS) == "2026-11-21T08:00:00Z"
    assert first.findtext("a:published", namespaces=NS) == "2026-11-20T09:30:00Z"


def test_a_correction_replaces_the_entries_of_the_issue_it_corrects() -> None:
    original, correction = sample(), sample()
    correction.revision = 2
    correction.published_at = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
    correction.items[0].title = "某国发布量子信息科学十年路线图（更正）"
    parsed = feedparser.parse(render_feed([correction, original], STYLE))
    assert len(parsed.entries) == len(items())
    first = parsed.entries[0]
    assert first.id.endswith(":2026:7:1")
    assert first.title == "[量子]某国发布量子信息科学十年路线图（更正）"
    assert first.updated_parsed[:3] == (2026, 11, 22)


def test_empty_feed_is_valid() -> None:
    parsed = feedparser.parse(render_feed([sample(BulletinState.OPEN)], STYLE))
    assert not parsed.bozo
    assert parsed.entries == []
    assert parsed.feed.updated == "1970-01-01T00:00:00Z"


def test_render_feed_of_one_bulletin_whatever_its_state() -> None:
    open_issue = sample(BulletinState.OPEN)
    parsed = feedparser.parse(render(open_issue, "feed", STYLE))
    assert len(parsed.entries) == len(items())
    assert parsed.entries[0].updated_parsed[:3] == (2026, 11, 20)


def test_hostile_text_is_escaped_html_in_the_content() -> None:
    bulletin = evil()
    bulletin.published_at = datetime(2026, 11, 20, tzinfo=UTC)
    root = etree.fromstring(render_feed([bulletin], STYLE))
    entry = root.find("a:entry", NS)
    html = entry.findtext("a:content", namespaces=NS)
    assert entry.find("a:content", NS).get("type") == "html"
    assert "<script" not in html and "&lt;script&gt;" in html
    assert entry.findtext("a:title", namespaces=NS) == f"[安全<b>]恶意标题{EVIL_TEXT}"
    hrefs = [link.get("href") for link in entry.findall("a:link", NS)]
    assert hrefs == ["https://ok.example/p?a=1&b=%3C2%3E%22x"]
