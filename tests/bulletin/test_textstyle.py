from __future__ import annotations

import pytest

from kuaibao.bulletin.textstyle import normalize_body, normalize_title


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # stray spaces between Han and digits, Latin words, percent signs
        ("投资超 11 亿英镑", "投资超11亿英镑"),
        ("2024 年 3 月 15 日，发布", "2024年3月15日，发布"),
        ("成本降低 75%", "成本降低75%"),
        ("美 DARPA 发布新项目", "美DARPA发布新项目"),
        ("发布新一代 AI GPU 芯片", "发布新一代AI GPU芯片"),
        ("采用 Blackwell B200 GPU 架构", "采用Blackwell B200 GPU架构"),
        ("研究 团队 表示", "研究团队表示"),
        ("《自然》 期刊 ， 发表", "《自然》期刊，发表"),
        # half-width punctuation in Chinese context becomes full-width
        ("增长迅速,预计明年翻番.", "增长迅速，预计明年翻番。"),
        ("主要包括:材料;器件;工艺", "主要包括：材料；器件；工艺"),
        ("真的吗?是的!", "真的吗？是的！"),
        ("办公室 (OSTP) 发布", "办公室（OSTP）发布"),
        ("(1)半导体设备", "（1）半导体设备"),
        # but not in numbers, Latin phrases, times or URLs
        ("共 1,000 人参加", "共1,000人参加"),
        ("增长 3.5 倍", "增长3.5倍"),
        ("会议于 10:30 开始", "会议于10:30开始"),
        (
            "the Micro (architecture) planning, he said.",
            "the Micro (architecture) planning, he said.",
        ),
        ("详见 https://a.example.org/x,y?z=1.html 。", "详见https://a.example.org/x,y?z=1.html。"),
        ("见(https://a.example.org/p_(1))。", "见（https://a.example.org/p_(1)）。"),
        ("联系 info@example.org ,谢谢", "联系info@example.org，谢谢"),
        ("U.S. 政府", "U.S.政府"),
        ("他说...好吧", "他说...好吧"),
        # full-width digits and letters become ASCII; odd spaces collapse
        ("２０２４年ＡＩ大会", "2024年AI大会"),
        ("人工\u3000智能\u00a0技术", "人工智能技术"),
        ("  前后空白  ", "前后空白"),
        ("", ""),
    ],
)
def test_normalize_body(raw: str, expected: str) -> None:
    assert normalize_body(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("英国政府投资超 11 亿英镑促进人才培养", "英国政府投资超11亿英镑促进人才培养"),
        ("苹果推出后量子加密协议 PQ3", "苹果推出后量子加密协议PQ3"),
        ("某国发布新战略。", "某国发布新战略"),
        ("某国发布新战略.", "某国发布新战略"),
        ("“量子龙卷风”首次模拟黑洞", "“量子龙卷风”首次模拟黑洞"),
        ("某机构发布报告……", "某机构发布报告……"),
    ],
)
def test_normalize_title(raw: str, expected: str) -> None:
    assert normalize_title(raw) == expected


def test_full_width_currency_signs_and_decimal_points_fold_with_the_digits() -> None:
    """The one width table (kuaibao.text.normalise) holds ＄￡￥．; house style used to
    leave them full-width between ASCII digits (＄5．5亿)."""
    assert normalize_body("投资＄５．５亿，约￥３０亿") == "投资$5.5亿，约¥30亿"
    assert normalize_body("完成测试．") == "完成测试。"
