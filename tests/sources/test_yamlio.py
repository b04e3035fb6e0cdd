"""The YAML registry round-trips, isolates bad entries and refuses hostile documents."""

from __future__ import annotations

import time

import pytest
import yaml

from kuaibao.domain import ListingSelectors, OrgType, Source, SourceKind
from kuaibao.errors import SourceError
from kuaibao.sources.yamlio import dump_yaml, load_yaml

SOURCES = [
    Source(
        name="UK DSIT",
        homepage="https://www.gov.uk/",
        kind=SourceKind.ATOM,
        feed_url="https://www.gov.uk/government/organisations/"
        "department-for-science-innovation-and-technology.atom",
        country="GB",
        org_type=OrgType.GOVERNMENT,
        tier=1,
        language="en",
        poll_interval_minutes=60,
        timezone="Asia/Hong_Kong",
    ),
    Source(
        name="科技部 科技部工作",
        homepage="https://www.most.gov.cn/",
        kind=SourceKind.HTML,
        feed_url="https://www.most.gov.cn/kjbgz/",
        country="CN",
        org_type=OrgType.GOVERNMENT,
        tier=1,
        language="zh",
        poll_interval_minutes=180,
        selectors=ListingSelectors(item="ul.list li", title="a", date="span"),
    ),
    Source(
        name="Norway's Research Council",
        homepage="https://www.forskningsradet.no/",
        kind=SourceKind.SITEMAP,
        feed_url="https://www.forskningsradet.no/sitemap.xml",
        country="NO",
        language="no",
        enabled=False,
        allow_private=True,
        fetch_articles=False,
        tier=3,
        poll_interval_minutes=1440,
    ),
    Source(
        name="A feed from another reader",
        homepage=None,
        kind=SourceKind.RSS,
        feed_url="https://feeds.example.org/quantum",
        tags=("量子技术", "Weekly reading"),
    ),
]


def test_round_trip_keeps_every_field() -> None:
    result = load_yaml(dump_yaml(SOURCES))
    assert result.ok
    assert result.sources == SOURCES


def test_tags_are_written_as_a_list_and_no_homepage_is_left_out() -> None:
    doc = yaml.safe_load(dump_yaml(SOURCES[-1:]))
    (entry,) = doc["sources"]
    assert entry["tags"] == ["量子技术", "Weekly reading"]
    assert "homepage" not in entry


def test_dump_is_stable_and_keeps_chinese_as_utf8() -> None:
    text = dump_yaml(SOURCES)
    assert text == dump_yaml(load_yaml(text).sources)
    assert "科技部 科技部工作" in text
    assert "\\u" not in text
    first = text.index("- name: UK DSIT")
    assert (
        text.index("feed_url:", first) < text.index("homepage:", first) < text.index("kind:", first)
    )


def test_dump_quotes_values_yaml_would_misread() -> None:
    """NO (Norway) and no (Norwegian) must survive as text, not turn into false."""
    doc = yaml.safe_load(dump_yaml(SOURCES))
    assert doc["sources"][2]["country"] == "NO"
    assert doc["sources"][2]["language"] == "no"


def test_hand_written_file_with_aliases_and_durations() -> None:
    text = """
sources:
  - name: Phys.org
    url: https://phys.org/rss-feed/
    site: https://phys.org/
    kind: RSS2
    org: aggregator
    interval: 30m
  - name: 中国科学院
    feed_url: https://www.cas.cn/yw/
    homepage: https://www.cas.cn/
    kind: listing
    poll_interval: 3h
    selectors: ul.list li
"""
    result = load_yaml(text)
    assert result.ok, result.errors
    phys, cas = result.sources
    assert (phys.kind, phys.org_type, phys.poll_interval_minutes) == (
        SourceKind.RSS,
        OrgType.AGGREGATOR,
        30,
    )
    assert (cas.kind, cas.poll_interval_minutes) == (SourceKind.HTML, 180)
    assert cas.selectors == ListingSelectors(item="ul.list li")


def test_one_bad_entry_does_not_stop_the_others() -> None:
    text = """
sources:
  - {name: A, feed_url: "https://a.example/feed", homepage: "https://a.example/", kind: rss}
  - {name: B, feed_url: "https://b.example/feed", homepage: "https://b.example/", kind: rss,
     tier: 5}
  - {name: C, feed_url: "https://c.example/feed", homepage: "https://c.example/", kind: atom}
"""
    result = load_yaml(text)
    assert [s.name for s in result.sources] == ["A", "C"]
    (err,) = result.errors
    assert (err.index, err.name, err.field) == (2, "B", "tier")
    assert "source #2 ('B'): field 'tier'" in str(err)


def test_unquoted_norway_gets_a_hint() -> None:
    text = (
        "sources:\n  - {name: N, feed_url: 'https://n.example/f', "
        "homepage: 'https://n.example/', kind: rss, country: NO}\n"
    )
    (err,) = load_yaml(text).errors
    assert err.field == "country"
    assert "quote the code" in str(err)


@pytest.mark.parametrize(
    "text",
    [
        "sources:\n  - !!python/object/apply:os.system ['echo pwned']\n",
        "sources:\n  - !!python/object:kuaibao.domain.Source {name: x}\n",
        "!!python/name:os.system\n",
        "sources:\n  - !!python/module:os {}\n",
    ],
)
def test_hostile_tags_are_refused(text: str) -> None:
    with pytest.raises(SourceError, match="not valid plain YAML"):
        load_yaml(text)


def test_alias_bomb_is_reported_without_expanding_it() -> None:
    """Nine levels of ten-fold aliases would print as 10**9 items if an error showed them."""
    lines = ["sources:", "  - name: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"  - name: &a{level} [{refs}]")
    started = time.monotonic()
    result = load_yaml("\n".join(lines) + "\n")
    assert time.monotonic() - started < 2
    assert result.sources == []
    assert len(result.errors) == 10
    assert all(e.field == "name" and "got a list" in str(e) for e in result.errors)
    assert max(len(str(e)) for e in result.errors) < 200


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- name: x\n", "mapping with a 'sources' list"),
        ("feeds: []\n", "mapping with a 'sources' list"),
        ("sources: []\nextra: 1\n", "unknown top-level keys extra"),
        ("sources: {name: x}\n", "must be a list"),
        ("sources: [\n", "not valid plain YAML at line"),
    ],
)
def test_bad_top_level_shapes_raise(text: str, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        load_yaml(text)


@pytest.mark.parametrize("text", ["", "# nothing yet\n", "sources:\n"])
def test_empty_registry_loads_as_empty(text: str) -> None:
    result = load_yaml(text)
    assert result.ok
    assert result.sources == []
