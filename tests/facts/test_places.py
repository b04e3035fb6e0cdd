"""Countries, regions and places, including one-character headline forms."""

from __future__ import annotations

import pytest

from kuaibao.errors import ConfigError
from kuaibao.facts.places import default_places, find_places, parse_places


def test_at_least_80_countries_with_unique_codes() -> None:
    places = default_places()
    countries = [p for p in places if len(p.code) == 2 and p.code.isupper()]
    assert len(countries) >= 80
    assert len({p.code for p in places}) == len(places)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The UK and British firms, United Kingdom",
            [("UK", "英国"), ("British", "英国"), ("United Kingdom", "英国")],
        ),
        ("us and US and U.S. policy", [("US", "美国"), ("U.S.", "美国")]),
        ("the European Union and Europe", [("European Union", "欧盟"), ("Europe", "欧洲")]),
        ("Norway and Taiwan", [("Norway", "挪威"), ("Taiwan", "中国台湾")]),
        ("美智库发布报告", [("美", "美国")]),
        ("美DARPA发布项目", [("美", "美国")]),
        ("中美芯片竞争", [("美", "美国")]),
        ("日企新技术", [("日", "日本")]),
        ("精英团队与今日企业", []),
        ("英国政府与欧盟", [("英国", "英国"), ("欧盟", "欧盟")]),
        ("帮助发展中国家", []),
        ("a turkey and Turkey", [("Turkey", "土耳其")]),
    ],
)
def test_find_places(text: str, expected: list[tuple[str, str]]) -> None:
    hits = find_places(text)
    assert [(h.text, h.zh) for h in hits] == expected
    assert all(text[h.start : h.end] == h.text for h in hits)


def test_skip_spans_hide_places_inside_names() -> None:
    text = "Chinese Academy of Sciences and China"
    assert [h.text for h in find_places(text, skip=[(0, 27)])] == ["China"]


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("places: [{code: XX}]", "needs `code` and `zh`"),
        ("places: [{code: XX, zh: 甲}, {code: XX, zh: 乙}]", "duplicate place code"),
        ("countries: []", "top-level `places:` list"),
    ],
)
def test_parse_errors(yaml_text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_places(yaml_text)
