from __future__ import annotations

from pathlib import Path

import pytest

from kuaibao.bulletin.house import load_house_style, parse_house_style
from kuaibao.errors import ConfigError


def test_default_style_and_override(tmp_path: Path) -> None:
    assert load_house_style().sections[0] == "重点关注"
    (tmp_path / "house_style.yaml").write_text(
        "series: 前沿快讯\nsections: [要闻, 产业]\nfonts: {cjk_serif: Noto Serif CJK TC}\n",
        encoding="utf-8",
    )
    style = load_house_style(tmp_path)
    assert (style.series, style.sections, style.masthead) == (
        "前沿快讯",
        ("要闻", "产业"),
        "前沿快讯",
    )
    assert style.fonts.cjk_serif == "Noto Serif CJK TC"
    assert style.fonts.cjk_sans == "Noto Sans CJK SC"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour: red", "unknown setting"),
        ("sections: 要闻", "list of section names"),
        ("[1, 2]", "mapping"),
        ("fonts: x", "`fonts` must be a mapping"),
        ("contributor_label: 撰稿", "`contributor_label` must be one of 供稿, 供稿自"),
    ],
)
def test_bad_style_files_are_explained(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_house_style(text)


def test_the_contributor_label_is_the_house_styles_choice() -> None:
    assert load_house_style().contributor_label == "供稿"
    assert parse_house_style("contributor_label: 供稿自").contributor_label == "供稿自"
