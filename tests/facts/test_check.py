"""The fact-consistency check and the ``kuaibao check --json`` contract."""

from __future__ import annotations

from datetime import date

import pytest

from kuaibao.facts.check import check_draft, check_request, quantity_supported

SOURCE = (
    "WASHINGTON, March 15, 2024 - The White House Office of Science and Technology Policy "
    "(OSTP) released a strategy. The CHIPS and Science Act provides $52 billion. TSMC holds "
    "62 per cent of the market. The UK will invest £1.1 billion in 65 Centres for Doctoral "
    "Training; three centres get more than £7 million."
)


def test_faithful_draft_is_ok() -> None:
    draft = (
        "2024年3月15日，美国白宫科技政策办公室（OSTP）发布战略。《芯片和科学法案》提供520亿"
        "美元。台积电占62%的市场。英国将投资11亿英镑支持65个博士培训中心，其中3个中心获得"
        "700多万英镑。"
    )
    result = check_draft(SOURCE, draft)
    assert result.as_dict() == {"ok": True, "unsupported": []}


@pytest.mark.parametrize(
    ("draft", "text", "kind"),
    [
        ("2024年3月16日发布。", "2024年3月16日", "date"),
        ("美国国家科学基金会发布战略。", "美国国家科学基金会", "organisation"),
        ("提供250亿美元。", "250亿美元", "money"),
        ("提供520亿欧元。", "520亿欧元", "money"),
        ("提供52亿美元。", "52亿美元", "money"),
        ("占26%的市场。", "26%", "percentage"),
        ("支持56个博士培训中心。", "56", "number"),
        ("支持六个中心。", "六", "number"),
        ("2024年4月发布。", "2024年4月", "date"),
        ("2023年发布。", "2023年", "date"),
    ],
)
def test_one_planted_error(draft: str, text: str, kind: str) -> None:
    result = check_draft(SOURCE, draft)
    assert not result.ok
    [flag] = result.unsupported
    assert (flag.text, flag.kind) == (text, kind)
    assert draft[flag.start : flag.end] == text


def test_spans_point_into_the_draft_in_order() -> None:
    draft = "一、背景\n2024年3月16日，英国投资35亿英镑，占90%。"
    result = check_draft(SOURCE, draft)
    assert [u.text for u in result.unsupported] == ["2024年3月16日", "35亿英镑", "90%"]
    for flag in result.unsupported:
        assert draft[flag.start : flag.end] == flag.text


@pytest.mark.parametrize(
    ("value", "step", "approx", "source", "ok"),
    [
        (52e9, 1e9, None, 52e9, True),
        (52e9, 1e9, None, 52.4e9, False),
        (400e8, 100e8, "about", 396e8, True),
        (400e8, 100e8, "about", 360e8, False),
        (11e8, 1e8, "over", 11.3e8, True),
        (11e8, 1e8, "over", 12e8, False),
        (7e6, 1e6, "over", 7.4e6, True),
        (100, 100, "under", 99, True),
        (100, 100, "under", 101, False),
    ],
)
def test_quantity_tolerance(
    value: float, step: float, approx: str | None, source: float, ok: bool
) -> None:
    assert quantity_supported(value, step, approx, source) is ok


def test_check_request_contract() -> None:
    answer = check_request(
        {
            "source": "The agency unveiled a programme.",
            "draft": "2024年3月11日，该机构推出项目。",
            "published": "2024-03-11",
        }
    )
    assert answer == {"ok": True, "unsupported": []}
    answer = check_request(
        {"source": "The agency unveiled a programme.", "draft": "2024年3月11日，该机构推出项目。"}
    )
    assert answer["ok"] is False
    assert answer["unsupported"] == [
        {"text": "2024年3月11日", "start": 0, "end": 10, "kind": "date"}
    ]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"draft": "x"}, "expected JSON"),
        ({"source": 1, "draft": "x"}, "expected JSON"),
        ({"source": "a", "draft": "b", "published": "March"}, "ISO date"),
    ],
)
def test_check_request_rejects_bad_input(payload: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_request(payload)


@pytest.mark.parametrize(
    ("source", "draft"),
    [
        ("The probe weighs about 550 kilograms.", "探测器重约550千克。"),
        ("It spans a 300-kilometre fibre link.", "该链路长300千米。"),
        ("The array delivers 20 kilowatts.", "阵列输出20千瓦。"),
        ("The firm employs 3,000 staff.", "该公司有3千名员工。"),
    ],
)
def test_metric_prefix_is_not_a_thousand(source: str, draft: str) -> None:
    """千 before a unit (千克, 千米, 千瓦) prefixes the unit; before a noun it multiplies."""
    assert check_draft(source, draft).ok


def test_metric_prefix_does_not_hide_a_wrong_figure() -> None:
    result = check_draft("The probe weighs about 550 kilograms.", "探测器重约650千克。")
    assert [u.text for u in result.unsupported] == ["650"]


@pytest.mark.parametrize(
    ("source", "draft"),
    [
        ("Output doubled compared with last year.", "产量较2025年翻番。"),
        ("The mission will launch next year.", "该任务将于2027年发射。"),
        ("去年产量翻番。", "2025年产量翻番。"),
        ("明年投入运行。", "2027年投入运行。"),
    ],
)
def test_relative_year_written_out_is_supported(source: str, draft: str) -> None:
    """A draft turns 去年/last year into the year, as house style asks."""
    assert check_draft(source, draft, published=date(2026, 5, 1)).ok


def test_relative_year_needs_the_publication_date_and_the_word() -> None:
    assert not check_draft("Output doubled.", "产量较2025年翻番。", published=date(2026, 5, 1)).ok
    assert not check_draft("Output doubled compared with last year.", "产量较2025年翻番。").ok
    assert not check_draft(
        "Output doubled compared with last year.", "产量较2024年翻番。", published=date(2026, 5, 1)
    ).ok
