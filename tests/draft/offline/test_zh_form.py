"""Chinese reports in bulletin form: the province for 我省, years for dates, 近日 as a date."""

from __future__ import annotations

from datetime import date

import pytest

from kuaibao.draft.offline.zh_form import (
    bulletin_form,
    dated_lead,
    region_parts,
    trimmed,
    with_region,
    with_relative_years,
    with_years,
)

PUBLISHED = date(2026, 11, 11)


@pytest.mark.parametrize(
    ("region", "parts"),
    [
        ("云岚省岚州市", ("云岚省", "岚州市")),
        ("云岚省", ("云岚省", "")),
        ("北京市", ("", "北京市")),
        ("新疆维吾尔自治区乌鲁木齐市", ("新疆维吾尔自治区", "乌鲁木齐市")),
        (None, ("", "")),
    ],
)
def test_region_splits_into_province_and_city(region: str | None, parts: tuple[str, str]) -> None:
    assert region_parts(region) == parts


def test_own_province_and_city_words_name_the_place() -> None:
    text = (
        "我省出台措施，全省算力规模提升，省科技厅、省发展改革委联合印发，经省政府审议；"
        "本市同步实施。"
    )
    assert with_region(text, "云岚省岚州市") == (
        "云岚省出台措施，云岚省算力规模提升，云岚省科技厅、云岚省发展改革委联合印发，"
        "经云岚省政府审议；岚州市同步实施。"
    )
    assert with_region("在省内实现量产", "云岚省") == "在省内实现量产"  # 省内 stays
    assert with_region(text, None) == text  # no region: nothing is guessed


def test_year_less_dates_take_the_publication_year_or_the_one_before() -> None:
    assert with_years("11月10日，会议召开", PUBLISHED) == "2026年11月10日，会议召开"
    assert with_years("2026年10月1日起施行", PUBLISHED) == "2026年10月1日起施行"
    assert with_years("12月28日发布", date(2027, 1, 5)) == "2026年12月28日发布"
    assert with_years("11月10日", None) == "11月10日"


def test_a_relative_word_in_the_lead_becomes_the_date_in_front() -> None:
    lead = "记者从云岚省量子信息实验室获悉，该实验室研究团队近日在现网光纤上实现了密钥分发。"
    assert dated_lead(lead, PUBLISHED) == (
        "2026年11月，云岚省量子信息实验室研究团队在现网光纤上实现了密钥分发。"
    )
    assert dated_lead("今天，X印发方案。", PUBLISHED) == "2026年11月11日，X印发方案。"
    dated = "2026年11月10日，X印发方案。近日Y也发布了细则。"
    assert dated_lead(dated, PUBLISHED) == "2026年11月10日，X印发方案。2026年11月Y也发布了细则。"


def test_trimmed_keeps_whole_sentences_within_the_band() -> None:
    first, second = "甲" * 150 + "。", "乙" * 100 + "。" + "丙" * 200 + "。"
    kept = trimmed([first, second])
    assert kept == [first, "乙" * 100 + "。"]
    assert sum(map(len, kept)) <= 400
    assert trimmed(["丁" * 500 + "。"]) == ["丁" * 500 + "。"]  # a lead is never dropped


def test_bulletin_form_rewrites_title_and_body() -> None:
    title, body = bulletin_form(
        "我省出台若干措施 11月1日起施行", ["近日，省科技厅印发《措施》。", "本省企业可申报。"],
        "云岚省", PUBLISHED,
    )  # fmt: skip
    assert title == "云岚省出台若干措施 2026年11月1日起施行"
    assert body == ["2026年11月，云岚省科技厅印发《措施》。", "云岚省企业可申报。"]


def test_relative_years_become_the_years_they_stand_for() -> None:
    published = date(2026, 11, 3)
    text = "去年全省产值增长12%，今年将新建3个中心，明年投入运行。"
    assert with_relative_years(text, published) == (
        "2025年全省产值增长12%，2026年将新建3个中心，2027年投入运行。"
    )
    assert with_relative_years(text, None) == text


def test_a_lead_keeps_no_relative_year() -> None:
    lead = dated_lead("近日，省科技厅发布通知，今年安排资金2亿元。", date(2026, 11, 3))
    assert "今年" not in lead and "2026年安排资金2亿元" in lead
