"""Each field parser accepts the spellings people write and explains what it expected."""

from __future__ import annotations

import pytest

from kuaibao.domain import ListingSelectors, OrgType, SourceKind
from kuaibao.sources.fields import (
    FieldValueError,
    describe,
    parse_bool,
    parse_country,
    parse_interval,
    parse_kind,
    parse_language,
    parse_name,
    parse_org_type,
    parse_region,
    parse_selectors,
    parse_tier,
    parse_timezone,
    parse_url,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("rss", SourceKind.RSS),
        ("RSS2", SourceKind.RSS),
        ("rss 2.0", SourceKind.RSS),
        ("Atom", SourceKind.ATOM),
        ("json", SourceKind.JSON_FEED),
        ("JSON Feed", SourceKind.JSON_FEED),
        ("json-feed", SourceKind.JSON_FEED),
        ("jsonfeed", SourceKind.JSON_FEED),
        ("sitemap", SourceKind.SITEMAP),
        ("listing", SourceKind.HTML),
        ("HTML listing", SourceKind.HTML),
        ("html_listing", SourceKind.HTML),
        (SourceKind.ATOM, SourceKind.ATOM),
    ],
)
def test_kind_aliases(raw: object, expected: SourceKind) -> None:
    assert parse_kind(raw) is expected


@pytest.mark.parametrize("raw", ["podcast", "", 3, None, ["rss"]])
def test_kind_rejects_unknown_and_lists_choices(raw: object) -> None:
    with pytest.raises(FieldValueError, match="rss, atom, jsonfeed, sitemap, html"):
        parse_kind(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("think tank", OrgType.THINK_TANK),
        ("Think-Tank", OrgType.THINK_TANK),
        ("think_tank", OrgType.THINK_TANK),
        ("government", OrgType.GOVERNMENT),
        ("Laboratory", OrgType.LAB),
        ("funding agency", OrgType.AGENCY),
        ("aggregator", OrgType.AGGREGATOR),
    ],
)
def test_org_type_aliases(raw: str, expected: OrgType) -> None:
    assert parse_org_type(raw) is expected


def test_org_type_rejects_unknown() -> None:
    with pytest.raises(FieldValueError, match="think_tank") as info:
        parse_org_type("blog")
    assert "'blog'" in str(info.value)


@pytest.mark.parametrize(("raw", "expected"), [(1, 1), (2, 2), (3, 3), ("2", 2)])
def test_tier_accepts_one_to_three(raw: object, expected: int) -> None:
    assert parse_tier(raw) == expected


@pytest.mark.parametrize("raw", [0, 4, -1, True, 1.5, "first", None])
def test_tier_rejects_others_and_explains_scale(raw: object) -> None:
    with pytest.raises(FieldValueError, match="primary official source"):
        parse_tier(raw)


@pytest.mark.parametrize(
    ("raw", "minutes"),
    [
        (5, 5),
        (60, 60),
        (90.0, 90),
        ("45", 45),
        ("30m", 30),
        ("30 min", 30),
        ("2h", 120),
        ("1d", 1440),
        ("1h30m", 90),
        ("1d 12h", 2160),
        (" 2H ", 120),
    ],
)
def test_interval_accepts_minutes_and_durations(raw: object, minutes: int) -> None:
    assert parse_interval(raw) == minutes


@pytest.mark.parametrize("raw", ["soon", "", "2 weeks", "h", True, 7.5, None, [30]])
def test_interval_rejects_unreadable_values(raw: object) -> None:
    with pytest.raises(FieldValueError, match="'30m', '2h' or '1d'"):
        parse_interval(raw)


@pytest.mark.parametrize("raw", [4, "3m", 0, -10, "31d"])
def test_interval_enforces_bounds(raw: object) -> None:
    with pytest.raises(FieldValueError, match="between 5 minutes and 30 days"):
        parse_interval(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("US", "US"), ("cn", "CN"), (" jp ", "JP"), ("EU", "EU"), ("int", "INT"), ("UK", "GB")],
)
def test_country_accepts_iso_and_regions(raw: str, expected: str) -> None:
    assert parse_country(raw) == expected


@pytest.mark.parametrize("raw", ["USA", "XX", "China", "", 86])
def test_country_rejects_non_codes(raw: object) -> None:
    with pytest.raises(FieldValueError, match="ISO 3166-1 alpha-2"):
        parse_country(raw)


def test_country_explains_the_yaml_norway_problem() -> None:
    with pytest.raises(FieldValueError, match=r'quote the code, e\.g\. country: "NO"'):
        parse_country(False)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("en", "en"),
        ("ZH", "zh"),
        ("zh-hans", "zh-Hans"),
        ("zh_CN", "zh-CN"),
        ("pt-br", "pt-BR"),
        ("zh-Hant-TW", "zh-Hant-TW"),
        ("es-419", "es-419"),
        ("fil", "fil"),
    ],
)
def test_language_normalises_tags(raw: str, expected: str) -> None:
    assert parse_language(raw) == expected


@pytest.mark.parametrize("raw", ["english", "e", "en-", "zh-Hans-China", "", 1])
def test_language_rejects_non_tags(raw: object) -> None:
    with pytest.raises(FieldValueError, match="language tag"):
        parse_language(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "https://www.nsf.gov/rss/rss_www_news.xml",
        "http://127.0.0.1:8080/feed",
        "HTTPS://Example.org",
    ],
)
def test_url_accepts_http_and_https(raw: str) -> None:
    assert parse_url(f"  {raw} ") == raw


@pytest.mark.parametrize(
    "raw",
    [
        "ftp://example.org/feed",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "/relative/feed.xml",
        "https://",
        "https://exa mple.org/",
        "https://example.org:99999/",
        "https://example.org/\nfeed",
        "",
        42,
    ],
)
def test_url_rejects_other_schemes_and_junk(raw: object) -> None:
    with pytest.raises(FieldValueError, match="absolute http:// or https:// URL"):
        parse_url(raw)


def test_url_refuses_embedded_credentials() -> None:
    with pytest.raises(FieldValueError, match="user name or password"):
        parse_url("https://user:secret@example.org/feed")


def test_name_is_trimmed_and_must_be_one_line() -> None:
    assert parse_name("  科技日报  ") == "科技日报"
    for bad in ("", "   ", "two\nlines", "x" * 201, 7):
        with pytest.raises(FieldValueError):
            parse_name(bad)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(True, True), (False, False), ("yes", True), ("False", False), ("on", True), (0, False)],
)
def test_bool_accepts_yaml_and_opml_spellings(raw: object, expected: bool) -> None:
    assert parse_bool(raw) is expected


@pytest.mark.parametrize("raw", ["maybe", 2, None, []])
def test_bool_rejects_others(raw: object) -> None:
    with pytest.raises(FieldValueError, match="true or false"):
        parse_bool(raw)


def test_selectors_from_mapping_and_string() -> None:
    full = parse_selectors({"item": "ul.list li", "title": "a", "date": "span.date"})
    assert full == ListingSelectors(item="ul.list li", link="a[href]", title="a", date="span.date")
    assert parse_selectors("article") == ListingSelectors(item="article")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"title": "a"}, "needs an 'item' selector"),
        ({"item": "li", "heading": "h2"}, "unknown keys heading"),
        ({"item": "li[["}, "not a valid CSS selector"),
        ({"item": "li", "date": ""}, "non-empty CSS selector"),
        (["li"], "must be a mapping"),
    ],
)
def test_selectors_reject_bad_shapes(raw: object, message: str) -> None:
    with pytest.raises(FieldValueError, match=message):
        parse_selectors(raw)


def test_describe_never_renders_containers() -> None:
    nested: list[object] = []
    nested.append(nested)
    assert describe(nested) == "a list"
    assert describe("x" * 500).endswith("...'")
    assert len(describe("x" * 500)) < 70


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Asia/Shanghai", "Asia/Shanghai"), ("america/new_york", "America/New_York"),
     ("UTC", "UTC"), (" Europe/London", "Europe/London")],
)  # fmt: skip
def test_timezone_accepts_iana_names(value: str, expected: str) -> None:
    assert parse_timezone(value) == expected


@pytest.mark.parametrize(
    ("value", "words"),
    [("CST", "ambiguous"), ("Beijing", "IANA time zone"), (8, "got 8"), ("UTC+8", "IANA")],
)  # fmt: skip
def test_timezone_refuses_abbreviations_offsets_and_non_text(value: object, words: str) -> None:
    with pytest.raises(FieldValueError, match=words):
        parse_timezone(value)


@pytest.mark.parametrize("value", ["云岚省", " 广东省深圳市 ", "北京市", "新疆维吾尔自治区"])
def test_region_accepts_chinese_province_and_city_names(value: str) -> None:
    assert parse_region(value) == value.strip()


@pytest.mark.parametrize("value", ["Guangdong", "云岚", "", "云岚省\n岚州市", 8, "省" * 65])
def test_region_refuses_what_is_not_a_chinese_place_name(value: object) -> None:
    with pytest.raises(FieldValueError, match=r"云岚省|64"):
        parse_region(value)
