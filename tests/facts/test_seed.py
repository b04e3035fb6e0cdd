"""Spot checks on the real seed bulletin: its figures come out in house style.

The facts asserted here were read off the seed by hand; the seed text itself is not
copied into the project.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kuaibao.bulletin.importers.text import parse_bulletin_text
from kuaibao.domain import Item
from kuaibao.facts.check import check_draft
from kuaibao.facts.extract import extract_facts

SEED = Path("/work/shared/seeds/000_dbc9ab053260726e.txt")


@pytest.fixture(scope="module")
def items() -> list[Item]:
    if not SEED.is_file():
        pytest.skip(f"seed bulletin not found at {SEED}")
    return parse_bulletin_text(SEED.read_text(encoding="utf-8")).items


def test_thirteen_items(items: list[Item]) -> None:
    assert len(items) == 13


def test_first_date_of_each_body_is_the_event_date(items: list[Item]) -> None:
    for item in items:
        dates = extract_facts("\n".join(item.body)).dates
        assert dates and dates[0].iso == item.event_date, item.title


@pytest.mark.parametrize(
    ("index", "domain", "money"),
    [
        (0, "半导体", {"200亿美元", "300亿美元", "4亿美元", "520亿美元", "400亿美元"}),
        (1, "信息技术", {"10亿英镑", "4.79亿英镑", "700万英镑", "1.69亿英镑", "450万英镑"}),
        (4, "半导体", {"3500万英镑", "2200万英镑"}),
        (
            7,
            "人工智能",
            {
                "154亿美元",
                "114亿美元",
                "40亿美元",
                "6500万美元",
                "5000万美元",
                "880万美元",
                "300万美元",
            },
        ),
        (10, "半导体", {"100日元"}),
    ],
)
def test_amounts_in_house_style(
    items: list[Item], index: int, domain: str, money: set[str]
) -> None:
    item = items[index]
    assert item.domain == domain
    found = {m.zh for m in extract_facts("\n".join(item.body)).money}
    assert money <= found


def test_percentages_and_organisations(items: list[Item]) -> None:
    first = extract_facts("\n".join(items[0].body))
    assert {"8%", "80%", "90%"} <= {p.zh for p in first.percentages}
    assert "Center for Strategic and International Studies" in {
        o.canonical for o in first.organisations
    }
    strategy = extract_facts("\n".join(items[2].body))
    assert "Office of Science and Technology Policy" in {
        o.canonical for o in strategy.organisations
    }


def test_check_catches_the_missing_magnitude_against_the_original_title(
    items: list[Item],
) -> None:
    # The body of the skills-package item drops 亿 from the amount its headline states.
    item = items[1]
    assert item.original_title is not None
    result = check_draft(item.original_title, item.body[0])
    money = [u for u in result.unsupported if u.kind == "money"]
    assert [u.text for u in money] == ["11英镑"]
