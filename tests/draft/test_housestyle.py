"""House-style faults the fact check cannot see: each rule flags its fault and spares
the printable forms around it."""

from __future__ import annotations

import pytest

from kuaibao.draft.housestyle import FaultKind, style_faults


def kinds(text: str) -> list[tuple[FaultKind, str]]:
    return [(f.kind, f.text) for f in style_faults(text)]


@pytest.mark.parametrize(
    "text",
    [
        "2026年3月12日，英国政府宣布投资10亿英镑。政府表示将于2027年启动。",
        "江苏省政府发布规划。",
        "来自政府、企业和高校的代表出席。",
        "政府间气候变化专门委员会发布报告。",
        "哈佛大学研究人员在《自然》发表论文。研究人员指出，该方法可推广。",
        "2026年11月10日，云岚省科技厅发布通知。",
    ],
)
def test_printable_text_has_no_fault(text: str) -> None:
    assert style_faults(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026年3月12日，政府宣布投资10亿英镑。", [(FaultKind.BARE_ACTOR, "政府")]),
        ("研究人员开发了一种新型电池。", [(FaultKind.BARE_ACTOR, "研究人员")]),
        ("我省发布量子科技专项。", [(FaultKind.LOCAL_PLACE, "我省")]),
        ("我国首颗卫星发射成功。", [(FaultKind.LOCAL_PLACE, "我国")]),
        ("近日，云岚省发布规划。", [(FaultKind.RELATIVE_DATE, "近日")]),
        ("云岚省于11月10日发布规划。", [(FaultKind.YEARLESS_DATE, "11月10日")]),
        ("英国投资10亿英镑。文中还提及：6亿英镑；约7%。", [(FaultKind.LIST, "文中还提及")]),
    ],
)
def test_each_fault_is_found_with_its_words(
    text: str, expected: list[tuple[FaultKind, str]]
) -> None:
    assert kinds(text) == expected


def test_spans_point_at_the_words_in_order() -> None:
    text = "近日，政府宣布，我省将于11月10日启动。"
    faults = style_faults(text)
    assert [text[f.start : f.end] for f in faults] == ["近日", "政府", "我省", "11月10日"]


def test_a_bare_word_after_the_actor_is_named_refers_back() -> None:
    assert kinds("政府宣布计划。英国政府表示，政府将投资。") == [(FaultKind.BARE_ACTOR, "政府")]
