from __future__ import annotations

import json
from datetime import date

import pytest

from kuaibao.bulletin.jsonio import BulletinFormatError, bulletin_from_json, bulletin_to_json
from kuaibao.domain import Bulletin, BulletinState, Item, ItemState


def sample() -> Bulletin:
    return Bulletin(
        series="科技快报",
        year=2026,
        number=7,
        running_number=131,
        date=date(2026, 11, 20),
        editor="王编",
        issuing_unit="某研究中心",
        sections=["重点关注", "产业动态"],
        state=BulletinState.PUBLISHED,
        items=[
            Item(
                title="甲",
                body=["第一段。", "第二段。"],
                domain="半导体",
                section="重点关注",
                contributors=["张三", "李四"],
                source_urls=["https://a.example/1"],
                original_title="A one",
                event_date="2026-11",
                state=ItemState.PUBLISHED,
            ),
            Item(title="乙", body=["正文。"], domain="能源", section="新栏目"),
        ],
    )


def test_round_trip_is_lossless_and_keeps_chinese_readable() -> None:
    text = bulletin_to_json(sample())
    assert "科技快报" in text
    back = bulletin_from_json(text)
    assert back.items == sample().items
    assert back.sections == ["重点关注", "产业动态", "新栏目"]
    assert (back.series, back.number, back.running_number, back.date, back.state) == (
        "科技快报",
        7,
        131,
        date(2026, 11, 20),
        BulletinState.PUBLISHED,
    )


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="other"), "not a kuaibao bulletin"),
        (lambda d: d.update(version=99), "unsupported export version"),
        (lambda d: d["items"][0].update(title=""), "items\\[0\\] has no title"),
        (lambda d: d["items"][1].update(source_urls="x"), "items\\[1\\].source_urls"),
        (lambda d: d.update(date="20-11-2026"), "bad date"),
        (lambda d: d.update(number="7"), "number must be a whole number"),
    ],
)
def test_damaged_exports_name_the_field(mutate, message) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(bulletin_to_json(sample()))
    mutate(data)
    with pytest.raises(BulletinFormatError, match=message):
        bulletin_from_json(json.dumps(data))


def test_not_json_at_all() -> None:
    with pytest.raises(BulletinFormatError, match="not valid JSON"):
        bulletin_from_json("\x00garbage")
