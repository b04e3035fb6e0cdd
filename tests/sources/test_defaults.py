"""The bundled default registry is large, valid, varied and round-trips."""

from __future__ import annotations

from collections import Counter

from kuaibao.domain import OrgType, SourceKind
from kuaibao.sources import default_sources, dump_opml, dump_yaml, load_opml, load_yaml
from kuaibao.sources.defaults import default_registry_text
from kuaibao.sources.registry import url_key


def test_defaults_load_without_errors() -> None:
    result = load_yaml(default_registry_text())
    assert result.errors == []
    assert len(result.sources) >= 45


def test_defaults_are_fresh_objects_each_call() -> None:
    first, second = default_sources(), default_sources()
    assert first == second
    first[0].enabled = False
    assert default_sources()[0].enabled is True


def test_defaults_have_unique_feed_urls_and_names() -> None:
    sources = default_sources()
    assert len({url_key(s.feed_url) for s in sources}) == len(sources)
    assert len({s.name for s in sources}) == len(sources)


def test_defaults_are_varied() -> None:
    sources = default_sources()
    countries = {s.country for s in sources if s.country}
    assert len(countries) >= 8, countries
    required = {
        OrgType.GOVERNMENT,
        OrgType.AGENCY,
        OrgType.THINK_TANK,
        OrgType.LAB,
        OrgType.JOURNAL,
        OrgType.PARLIAMENT,
        OrgType.MEDIA,
        OrgType.AGGREGATOR,
    }
    assert required <= {s.org_type for s in sources}
    chinese = [s for s in sources if (s.language or "").split("-")[0] == "zh"]
    assert len(chinese) >= 3
    tiers = Counter(s.tier for s in sources)
    assert tiers[1] >= 15, tiers


def test_defaults_are_complete_and_safe() -> None:
    for s in default_sources():
        assert s.enabled, s.name
        assert not s.allow_private, s.name
        assert s.country is None or s.country.isupper(), s.name
        assert s.org_type is not None, s.name
        assert s.language, s.name
        assert s.feed_url.startswith("https://"), s.name
        assert s.poll_interval_minutes >= 30, s.name
        assert s.selectors is None or s.kind is SourceKind.HTML, s.name


def test_defaults_round_trip_through_both_formats() -> None:
    sources = default_sources()
    assert load_yaml(dump_yaml(sources)).sources == sources
    assert load_opml(dump_opml(sources)).sources == sources
