"""Plain numbers in drafts, non-fact spans, and the values a source states."""

from __future__ import annotations

import pytest

from kuaibao.facts.numbers import find_numbers, non_fact_spans, source_values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("英国65个博士培训中心", [("65", 65.0)]),
        ("共同资助3个中心", [("3", 3.0)]),
        ("五大主要设备商中的三家", [("五", 5.0), ("三", 3.0)]),
        ("约2080亿个晶体管", [("2080亿", 2.08e11)]),
        ("1.8万亿个参数", [("1.8万亿", 1.8e12)]),
        ("8000个GPU和15兆瓦", [("8000", 8000.0), ("15", 15.0)]),
        ("120多个国家", [("120多", 120.0)]),
        ("降至约四分之一", [("四分之一", 0.25)]),
        ("两个创新中心", [("两", 2.0)]),
        ("一种方法，一个中心", []),
        ("第一个目标，第3期", []),
        ("①新材料；②新工具", []),
        ("见 https://example.org/2024/5", []),
        ("[半导体]标题", []),
    ],
)
def test_find_numbers(text: str, expected: list[tuple[str, float]]) -> None:
    hits = find_numbers(text)
    assert [(h.text, h.value) for h in hits] == expected
    assert all(text[h.start : h.end] == h.text for h in hits)


def test_hedges_on_numbers() -> None:
    [over] = find_numbers("覆盖120多个国家")
    assert (over.approx, over.step) == ("over", 10.0)
    [about] = find_numbers("约2080亿个")
    assert about.approx == "about"
    [fraction] = find_numbers("四分之一")
    assert fraction.fraction


def test_markers_and_tags_are_non_facts() -> None:
    text = "[量子技术]标题\n一、背景\n（1）设备\n(2)设计\n3. 市场\n第三个目标"
    covered = "".join(text[s:e] for s, e in sorted(non_fact_spans(text)))
    for marker in ("[量子技术]", "一、", "（1）", "(2)", "3.", "第三"):
        assert marker in covered


def test_source_values_cover_digits_words_and_magnitudes() -> None:
    values = source_values(
        "Around 208 billion transistors, a 1.8-trillion-parameter model, 8,000 GPUs, "
        "fourfold gains, a quarter of the cost, three of the five biggest, a dozen, "
        "twenty-five sites, 十二个中心, 三分之一"
    )
    for value in (208.0, 2.08e11, 1.8e12, 8000.0, 4.0, 0.25, 3.0, 5.0, 12.0, 25.0):
        assert value in values
    assert any(abs(v - 1 / 3) < 1e-9 for v in values)
    assert 7.0 not in values
