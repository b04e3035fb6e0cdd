from __future__ import annotations

import json
from typing import Any

import pytest

from kuaibao.dedup import RecordError, cluster_json_lines, cluster_records

CALDERA_EN = {
    "id": "gov-1",
    "title": "£185 million for Caldera Semiconductor silicon carbide fab in Newport",
    "text": "The government will provide a £185 million grant to Caldera Semiconductor to "
    "build a silicon carbide fab in Newport, creating 620 jobs.",
    "url": "https://gov.example/news/caldera",
    "published_at": "2026-11-10T09:30:00+00:00",
}
CALDERA_ZH = {
    "id": 17,
    "title": "英国政府向卡尔德拉半导体提供1.85亿英镑资助",
    "text": "英国政府将向卡尔德拉半导体公司（Caldera Semiconductor）提供1.85亿英镑资助，"
    "在纽波特建设碳化硅晶圆厂，创造620个就业岗位。",
    "url": None,
    "published_at": "2026-11-10T20:00:00Z",
}
BATTERY = {
    "id": "b",
    "title": "Qinghe Energy starts sodium-ion mass production",
    "text": "Battery maker Qinghe Energy has begun mass production of sodium-ion cells.",
    "url": "https://news.example/qinghe",
    "published_at": "2026-11-09T10:00:00Z",
}


def test_groups_in_order_of_first_appearance_with_every_id_once() -> None:
    groups = cluster_records([BATTERY, CALDERA_EN, CALDERA_ZH])
    assert groups == [["b"], ["gov-1", 17]]


def test_a_later_record_can_lead_its_group_when_it_appears_first() -> None:
    groups = cluster_records([CALDERA_ZH, BATTERY, CALDERA_EN])
    assert groups == [[17, "gov-1"], ["b"]]


def test_optional_fields_may_be_missing_or_null() -> None:
    assert cluster_records([{"id": 1}, {"id": 2, "title": None, "published_at": None}]) == [
        [1], [2],
    ]  # fmt: skip


def test_json_lines_skip_blank_lines_and_name_bad_ones() -> None:
    lines = [json.dumps(BATTERY), "", json.dumps(CALDERA_EN)]
    assert cluster_json_lines(lines) == [["b"], ["gov-1"]]
    with pytest.raises(RecordError, match=r"^line 3: not valid JSON") as caught:
        cluster_json_lines([json.dumps(BATTERY), "", "{oops"])
    assert caught.value.line == 3


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        ({"title": "no id"}, "'id' must be a non-empty string or an integer"),
        ({"id": True}, "'id' must be"),
        ({"id": ""}, "'id' must be"),
        ({"id": 1, "title": 5}, "'title' must be a string, got int"),
        ({"id": 1, "url": ["x"]}, "'url' must be a string"),
        ({"id": 1, "published_at": "last Tuesday"}, "is not ISO 8601"),
        ({"id": 1, "published_at": 1731230000}, "'published_at' must be an ISO 8601 string"),
        (["id", 1], "expected one JSON object per line"),
    ],
)
def test_invalid_records_are_named_by_line(record: Any, problem: str) -> None:
    with pytest.raises(RecordError, match=problem) as caught:
        cluster_records([BATTERY, record])
    assert str(caught.value).startswith("line 2: ")


def test_a_repeated_id_names_both_lines() -> None:
    with pytest.raises(RecordError, match="line 3: id 'b' already appeared on line 1"):
        cluster_records([BATTERY, CALDERA_EN, BATTERY])
