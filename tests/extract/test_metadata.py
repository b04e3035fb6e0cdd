"""read_metadata: what a page declares about itself."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from lxml.html import document_fromstring

from kuaibao.extract.metadata import normalize_language_tag, read_metadata
from kuaibao.fetch.zones import date_context


def _page(head: str, body: str = "<p>text</p>", html_attrs: str = "") -> str:
    return f"<html {html_attrs}><head>{head}</head><body>{body}</body></html>"


def test_open_graph_and_article_tags() -> None:
    html = _page(
        '<meta property="og:title" content=" Chips  Act  Funding ">'
        '<meta property="article:published_time" content="2024-03-05T08:00:00+01:00">'
        '<meta name="author" content="By Jane Doe">'
        '<link rel="canonical" href="/news/chips">'
        "<title>Chips Act Funding | Example News</title>",
        "<h1>Chips Act Funding</h1><p>text</p>",
        'lang="en-US"',
    )
    meta = read_metadata(document_fromstring(html))
    assert meta.title == "Chips Act Funding"
    assert meta.document_title == "Chips Act Funding | Example News"
    assert meta.headings == ("Chips Act Funding",)
    assert meta.published_at == datetime(2024, 3, 5, 7, 0, tzinfo=UTC)
    assert meta.author == "Jane Doe"
    assert meta.canonical == "/news/chips"
    assert meta.language == "en"


def test_json_ld_article_fills_title_date_and_authors() -> None:
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Example"},
            {
                "@type": ["NewsArticle"],
                "headline": "Fusion record",
                "datePublished": "2023-12-24",
                "author": [{"@type": "Person", "name": "A. Author"}, {"name": "B. Author"}],
            },
        ],
    }
    html = _page(f'<script type="application/ld+json">{json.dumps(data)}</script>')
    meta = read_metadata(document_fromstring(html))
    assert meta.title == "Fusion record"
    assert meta.published_at == datetime(2023, 12, 24, tzinfo=UTC)
    assert meta.author == "A. Author, B. Author"


def test_broken_json_ld_is_ignored() -> None:
    html = _page(
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
        '<script type="application/ld+json">' + "[" * 5000 + "]" * 5000 + "</script>"
    )
    meta = read_metadata(document_fromstring(html))
    assert meta.title is None


def test_time_element_marked_as_published_wins_over_first() -> None:
    html = _page(
        "",
        '<time datetime="2020-01-01">site launch</time>'
        '<time class="entry-published" datetime="2024-07-08T09:10:00Z">July 8</time>',
    )
    meta = read_metadata(document_fromstring(html))
    assert meta.published_at == datetime(2024, 7, 8, 9, 10, tzinfo=UTC)


def test_first_time_element_when_none_is_marked() -> None:
    html = _page("", '<p>x</p><time datetime="2022-02-02T02:02:02Z">then</time>')
    meta = read_metadata(document_fromstring(html))
    assert meta.published_at == datetime(2022, 2, 2, 2, 2, 2, tzinfo=UTC)


def test_author_that_is_a_url_is_not_a_name() -> None:
    html = _page('<meta property="article:author" content="https://facebook.com/someone">')
    assert read_metadata(document_fromstring(html)).author is None


def test_canonical_rel_with_several_tokens_and_case() -> None:
    html = _page('<link rel="alternate"  href="/feed"><link REL="Canonical nofollow" href="x">')
    assert read_metadata(document_fromstring(html)).canonical == "x"


def test_language_from_content_language_or_og_locale() -> None:
    html = _page('<meta property="og:locale" content="zh_CN">')
    assert read_metadata(document_fromstring(html)).language == "zh"


def test_empty_head_gives_empty_metadata() -> None:
    meta = read_metadata(document_fromstring("<html><body><p>x</p></body></html>"))
    assert (meta.title, meta.published_at, meta.author, meta.canonical) == (None,) * 4


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("zh-Hans-CN", "zh"), ("en_GB", "en"), ("DE", "de"), ("fil", "fil"), ("", None),
     ("x", None), ("english", None), ("12", None), (None, None)],
)  # fmt: skip
def test_normalize_language_tag(tag: str | None, expected: str | None) -> None:
    assert normalize_language_tag(tag) == expected


def test_a_page_date_without_a_zone_is_in_the_sources_zone() -> None:
    html = _page(
        '<meta property="article:published_time" content="2024-03-12 08:30:00">',
        '<time datetime="2024-03-11 09:00">',
    )
    tree = document_fromstring(html)
    beijing = read_metadata(tree, date_context(None, "CN")).published_at
    assert beijing == datetime(2024, 3, 12, 0, 30, tzinfo=UTC)
    assert read_metadata(tree).published_at == datetime(2024, 3, 12, 8, 30, tzinfo=UTC)
    marked_only = document_fromstring(_page("", '<time datetime="2024-03-11 09:00">x</time>'))
    paris = read_metadata(marked_only, date_context("Europe/Paris", "CN")).published_at
    assert paris == datetime(2024, 3, 11, 8, 0, tzinfo=UTC)


def test_a_relative_page_date_counts_back_from_the_fetch() -> None:
    tree = document_fromstring(_page("", '<time class="published">昨天 10:30</time><p>x</p>'))
    fetched = datetime(2024, 3, 12, 4, 0, tzinfo=UTC)  # noon in Beijing
    found = read_metadata(tree, date_context(None, "CN", fetched)).published_at
    assert found == datetime(2024, 3, 11, 2, 30, tzinfo=UTC)
    assert read_metadata(tree).published_at is None  # no fetch time: no date
