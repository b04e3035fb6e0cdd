"""The bundled demo content loads, is big and varied enough, and rejects broken files."""

from __future__ import annotations

import re
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from kuaibao.demo.content import CATEGORIES, DOMAINS, DRAFTS_PREFIX, SiteContent, load_sites
from kuaibao.domain import SourceKind
from kuaibao.errors import SourceError

CJK = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")


@pytest.fixture(scope="module")
def sites() -> list[SiteContent]:
    return load_sites()


def test_there_are_enough_sites_and_articles(sites: list[SiteContent]) -> None:
    assert len(sites) >= 6
    assert sum(len(s.articles) for s in sites) >= 45


def test_every_domain_and_category_is_covered(sites: list[SiteContent]) -> None:
    articles = [a for s in sites for a in s.articles]
    assert {a.domain for a in articles} == set(DOMAINS)
    assert {a.category for a in articles} == set(CATEGORIES)
    per_domain = Counter(a.domain for a in articles)
    assert min(per_domain.values()) >= 4, per_domain


def test_every_announcement_kind_is_present(sites: list[SiteContent]) -> None:
    kinds = {s.kind for s in sites}
    assert {SourceKind.RSS, SourceKind.ATOM, SourceKind.SITEMAP, SourceKind.HTML} <= kinds
    assert SourceKind.JSON_FEED in kinds


def test_articles_have_news_length(sites: list[SiteContent]) -> None:
    for site in sites:
        for article in site.articles:
            body = " ".join(article.paragraphs)
            if site.language.startswith("zh"):
                assert 300 <= len(CJK.findall(body)) <= 900, article.slug
            else:
                assert 150 <= len(body.split()) <= 400, article.slug


def test_articles_carry_concrete_figures(sites: list[SiteContent]) -> None:
    money = re.compile(r"[£$€¥₩]\s?\d|\d(?:\.\d+)?\s?(?:亿元|万元|billion|million)|SEK \d|S\$\d")
    for site in sites:
        for article in site.articles:
            body = " ".join(article.paragraphs)
            assert re.search(r"\b20\d\d\b|20\d\d年", body), article.slug
            assert money.search(body) or "%" in body, article.slug


def test_dates_fall_in_2026_and_carry_timezones(sites: list[SiteContent]) -> None:
    for site in sites:
        for article in site.articles:
            assert article.published.year == 2026
            assert article.published.utcoffset() is not None


def test_one_story_is_told_by_two_sites_in_different_words(sites: list[SiteContent]) -> None:
    shared = [(s.key, a) for s in sites for a in s.articles if a.story == "caldera-fab-grant"]
    assert len(shared) == 2
    (key_a, first), (key_b, second) = shared
    assert key_a != key_b
    assert first.title != second.title
    assert first.paragraphs[0] != second.paragraphs[0]
    assert "185" in first.title
    assert "185" in second.title


def test_chinese_site_needs_more_than_gb2312(sites: list[SiteContent]) -> None:
    (site,) = [s for s in sites if s.language.startswith("zh")]
    assert site.encoding == "gb18030"
    assert site.header_charset == "gb2312"
    text = "".join(p for a in site.articles for p in a.paragraphs)
    with pytest.raises(UnicodeEncodeError):
        text.encode("gb2312")
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")
    assert text.encode("gb18030").decode("gb18030") == text


def test_drafts_live_under_a_disallowed_path(sites: list[SiteContent]) -> None:
    drafts = [(s, a) for s in sites for a in s.articles if a.draft]
    assert drafts
    for site, article in drafts:
        assert article.path.startswith(DRAFTS_PREFIX)
        assert DRAFTS_PREFIX in site.robots_disallow
        assert any(not a.draft for a in site.articles)


def test_one_site_offers_an_ascii_pdf_report(sites: list[SiteContent]) -> None:
    reports = [s.report for s in sites if s.report]
    assert len(reports) == 1
    assert reports[0].path.endswith(".pdf")
    assert all(p.isascii() for p in reports[0].paragraphs)


def test_some_feed_links_carry_tracking(sites: list[SiteContent]) -> None:
    assert sum(a.tracking for s in sites for a in s.articles) >= 3


def test_broken_yaml_is_a_source_error(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("key: [unclosed\n", encoding="utf-8")
    with pytest.raises(SourceError, match="not valid YAML"):
        load_sites(tmp_path)


def test_missing_field_names_the_field(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text("key: x\nname: X\n", encoding="utf-8")
    with pytest.raises(SourceError, match="'chrome'"):
        load_sites(tmp_path)


def test_unknown_domain_is_rejected(tmp_path: Path) -> None:
    original = resources.files("kuaibao.demo").joinpath("content", "07_helix_pulse.yaml")
    text = original.read_text(encoding="utf-8").replace("domain: biotech", "domain: cooking", 1)
    (tmp_path / "site.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match="cooking"):
        load_sites(tmp_path)


def test_dates_without_timezone_are_rejected(tmp_path: Path) -> None:
    original = resources.files("kuaibao.demo").joinpath("content", "07_helix_pulse.yaml")
    text = original.read_text(encoding="utf-8")
    text = text.replace('"2026-11-09T08:00:00+08:00"', '"2026-11-09T08:00:00"', 1)
    (tmp_path / "site.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match="no timezone"):
        load_sites(tmp_path)
