"""Character classes: one Han range, and what it says about characters and texts."""

from __future__ import annotations

import re

import pytest

from kuaibao.text.scripts import (
    CJK_SYMBOLS,
    FULLWIDTH_FORMS,
    HAN,
    HANGUL,
    KANA,
    count_han,
    han_share,
    has_han,
    is_all_han,
    is_han_char,
)


@pytest.mark.parametrize(
    ("char", "expected"),
    [
        ("中", True),
        ("〇", True),  # U+3007, a Han numeral (二〇二四年)
        ("㐀", True),  # extension A
        ("\uf900", True),  # compatibility block
        ("𠀀", True),  # extension B, plane 2
        ("\U00030000", True),  # extension G, plane 3
        ("a", False),
        ("，", False),
        ("、", False),
        ("あ", False),
        ("한", False),
        ("", False),
        ("中文", False),  # two characters are not one character
    ],
)
def test_is_han_char(char: str, expected: bool) -> None:
    assert is_han_char(char) is expected


def test_every_character_agrees_with_unicodes_han_blocks() -> None:
    """The class is exactly the blocks named in its comment, checked character by character."""
    blocks = [(0x3007, 0x3007), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)]
    blocks.append((0x20000, 0x3FFFF))
    for code in range(0x3000, 0x40000, 7):
        if 0xD800 <= code < 0xE000:
            continue
        inside = any(low <= code <= high for low, high in blocks)
        assert is_han_char(chr(code)) is inside, hex(code)


def test_text_level_questions() -> None:
    assert has_han("NSF 资助") and not has_han("NSF grant")
    assert count_han("二〇二四年 AI 𠀀") == 6
    assert is_all_han("量子") and not is_all_han("量子x") and not is_all_han("")
    assert han_share("量子 computing") == pytest.approx(2 / 11)
    assert han_share("123 ，。") == 0.0


def test_fragments_compose_into_classes() -> None:
    cjk = re.compile(f"[{KANA}{HAN}{HANGUL}]")
    assert [c for c in "日本語のテキスト한국어 text" if cjk.match(c)] == list(
        "日本語のテキスト한국어"
    )
    wide = re.compile(f"[{CJK_SYMBOLS}{FULLWIDTH_FORMS}]")
    assert all(wide.match(c) for c in "、。《》「」，：？！（）ＡＩ２０％￥\u3000")
    assert not any(wide.match(c) for c in ",.:?!()AI20%¥ 中")
