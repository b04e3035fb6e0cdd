"""Registry entries become validated Sources; bad ones name the entry and the field."""

from __future__ import annotations

from typing import Any

import pytest

from kuaibao.domain import ListingSelectors, OrgType, Source, SourceKind
from kuaibao.errors import SourceError
from kuaibao.sources.registry import (
    SourceEntryError,
    source_from_dict,
    source_to_dict,
    sources_from_dicts,
    url_key,
)


def entry(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": "NSF News",
        "homepage": "https://www.nsf.gov/",
        "feed_url": "https://www.nsf.gov/rss/rss_www_news.xml",
        "kind": "rss",
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def test_minimal_entry_gets_domain_defaults() -> None:
    source = source_from_dict(entry())
    assert source == Source(
        name="NSF News",
        homepage="https://www.nsf.gov/",
        kind=SourceKind.RSS,
        feed_url="https://www.nsf.gov/rss/rss_www_news.xml",
    )
    assert (source.tier, source.poll_interval_minutes, source.enabled) == (2, 60, True)
    assert (source.allow_private, source.fetch_articles) == (False, True)


def test_full_entry_with_aliases_is_normalised() -> None:
    source = source_from_dict(
        entry(
            kind="html listing",
            org="think tank",
            country="us",
            tier="1",
            lang="zh_cn",
            poll_interval="2h",
            enabled="no",
            allow_private=True,
            fetch_articles=False,
            selectors={"item": "li.news"},
        )
    )
    assert source.kind is SourceKind.HTML
    assert source.org_type is OrgType.THINK_TANK
    assert (source.country, source.tier, source.language) == ("US", 1, "zh-CN")
    assert source.poll_interval_minutes == 120
    assert (source.enabled, source.allow_private, source.fetch_articles) == (False, True, False)
    assert source.selectors == ListingSelectors(item="li.news")


@pytest.mark.parametrize("missing", ["name", "feed_url", "kind"])
def test_required_fields(missing: str) -> None:
    with pytest.raises(SourceEntryError, match=f"field '{missing}' is required") as info:
        source_from_dict(entry(**{missing: None}), index=4)
    assert info.value.field == missing
    assert info.value.index == 4


@pytest.mark.parametrize("homepage", [None, "", "  "])
def test_homepage_is_optional_and_empty_means_none(homepage: str | None) -> None:
    source = source_from_dict(entry(homepage=homepage))
    assert source.homepage is None
    assert "homepage" not in source_to_dict(source)
    assert source_from_dict(source_to_dict(source)) == source


def test_tags_are_read_trimmed_and_deduplicated_case_insensitively() -> None:
    source = source_from_dict(entry(tags=[" AI ", "Policy", "ai", "量子  技术"]))
    assert source.tags == ("AI", "Policy", "量子 技术")
    assert source_to_dict(source)["tags"] == ["AI", "Policy", "量子 技术"]
    assert source_from_dict(entry(tag="Space")).tags == ("Space",)


@pytest.mark.parametrize("tags", [[""], ["a,b"], [3], {"a": 1}, ["x" * 61]])
def test_bad_tags_are_refused_with_the_field_named(tags: object) -> None:
    with pytest.raises(SourceEntryError) as info:
        source_from_dict(entry(tags=tags), index=2)
    assert info.value.field == "tags"


def test_error_names_entry_index_name_field_and_expectation() -> None:
    with pytest.raises(SourceEntryError) as info:
        source_from_dict(entry(name="Nature", tier=7), index=3)
    err = info.value
    assert (err.index, err.name, err.field) == (3, "Nature", "tier")
    assert str(err).startswith("source #3 ('Nature'): field 'tier' must be 1")
    assert "got 7" in str(err)


def test_unknown_key_is_refused_with_the_allowed_list() -> None:
    with pytest.raises(SourceEntryError, match=r"unknown key 'feed_ur'.*poll_interval_minutes"):
        source_from_dict(entry(feed_ur="https://x.org/"))


def test_same_field_twice_under_aliases_is_refused() -> None:
    with pytest.raises(SourceEntryError, match=r"given twice \(as 'feed_url' and 'url'\)"):
        source_from_dict(entry(url="https://www.nsf.gov/other.xml"))


def test_non_mapping_entry_is_refused() -> None:
    with pytest.raises(SourceEntryError, match=r"source #2: must be a mapping.*got 'nsf'"):
        source_from_dict("nsf", index=2)


def test_selectors_only_apply_to_html() -> None:
    with pytest.raises(SourceEntryError, match="only applies to kind 'html'") as info:
        source_from_dict(entry(kind="rss", selectors={"item": "li"}))
    assert info.value.field == "selectors"


def test_html_without_selectors_is_allowed_for_guessing() -> None:
    source = source_from_dict(entry(kind="html", feed_url="https://www.most.gov.cn/kjbgz/"))
    assert source.kind is SourceKind.HTML
    assert source.selectors is None


def test_to_dict_is_stable_and_round_trips() -> None:
    original = Source(
        name="中国科学院",
        homepage="https://www.cas.cn/",
        kind=SourceKind.HTML,
        feed_url="https://www.cas.cn/yw/",
        id=17,
        country="CN",
        org_type=OrgType.LAB,
        tier=1,
        language="zh",
        poll_interval_minutes=180,
        selectors=ListingSelectors(item="ul.list li", title="a"),
    )
    data = source_to_dict(original)
    assert list(data) == [
        "name",
        "feed_url",
        "homepage",
        "kind",
        "country",
        "org_type",
        "tier",
        "language",
        "poll_interval_minutes",
        "selectors",
        "enabled",
        "allow_private",
        "fetch_articles",
    ]
    assert data["selectors"] == {"item": "ul.list li", "link": "a[href]", "title": "a"}
    assert "id" not in data
    back = source_from_dict(data)
    original.id = None
    assert back == original


def test_many_entries_keep_good_ones_and_report_bad_ones() -> None:
    result = sources_from_dicts(
        [
            entry(),
            entry(name="Broken", feed_url="ftp://example.org/feed"),
            "not a mapping",
            entry(name="Nature", feed_url="https://www.nature.com/nature.rss"),
        ]
    )
    assert [s.name for s in result.sources] == ["NSF News", "Nature"]
    assert [(e.index, e.field) for e in result.errors] == [(2, "feed_url"), (3, None)]
    assert not result.ok


def test_repeated_feed_url_is_reported_on_the_later_entry() -> None:
    result = sources_from_dicts(
        [
            entry(),
            entry(name="NSF again", feed_url="HTTPS://WWW.NSF.GOV/rss/rss_www_news.xml"),
        ]
    )
    assert len(result.sources) == 1
    (err,) = result.errors
    assert (err.index, err.field) == (2, "feed_url")
    assert "source #1 ('NSF News')" in str(err)


def test_sources_or_raise_lists_every_error() -> None:
    result = sources_from_dicts([entry(tier=9), entry(name="B", kind="podcast")])
    with pytest.raises(SourceError, match="2 invalid source entries") as info:
        result.sources_or_raise()
    assert "source #1" in str(info.value)
    assert "source #2 ('B')" in str(info.value)
    assert sources_from_dicts([entry()]).sources_or_raise()[0].name == "NSF News"


def test_url_key_ignores_case_of_scheme_and_host_only() -> None:
    assert url_key("HTTPS://Example.ORG/Feed") == url_key("https://example.org/Feed")
    assert url_key("https://example.org/Feed") != url_key("https://example.org/feed")
    assert url_key("https://example.org") == url_key("https://example.org/")


def test_timezone_field_with_its_aliases_and_a_clear_error() -> None:
    base = {"name": "x", "homepage": "https://x.example/", "kind": "rss",
            "feed_url": "https://x.example/feed"}  # fmt: skip
    assert source_from_dict({**base, "tz": "asia/shanghai"}).timezone == "Asia/Shanghai"
    assert source_from_dict({**base, "time_zone": "UTC"}).timezone == "UTC"
    assert source_from_dict(base).timezone is None
    with pytest.raises(SourceError, match=r"timezone.*IANA"):
        source_from_dict({**base, "timezone": "PST"})
