"""Character classes: which script a character is written in, as regex fragments and tests.

Deciding "is this Chinese?" happens in the fact finders, the writers, dedup, search,
language detection and the bulletin importers. It used to be answered with four different
Han ranges, so a rare character (㐀, 𠀀) or 〇 was Chinese to one stage and a Latin word
to the next. Every stage now asks this module.

The fragments are bare ranges (no brackets) so they compose into larger classes:
``f"[{HAN}{CJK_SYMBOLS}]"``.
"""

from __future__ import annotations

import re
from typing import Final

# Han ideographs: 〇 (U+3007, a Han numeral), extension A, the unified block, the
# compatibility block, and planes 2 and 3, which Unicode reserves for ideographs
# (extensions B to H and the compatibility supplement).
HAN: Final = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
# Hiragana and katakana: their presence tells Japanese from Chinese.
KANA: Final = "\u3040-\u30ff"
# Hangul syllables: Korean.
HANGUL: Final = "\uac00-\ud7af"
# CJK symbols and punctuation: the ideographic space, 、。〈〉《》「」【】〔〕 and the like.
CJK_SYMBOLS: Final = "\u3000-\u303f"
# Half-width and full-width forms: ，：；？！（）, full-width digits and letters, ￥.
FULLWIDTH_FORMS: Final = "\uff00-\uffef"
# Full-width punctuation that takes no space next to it in Chinese text.
ZH_PUNCTUATION: Final = "，。、；：？！（）《》〈〉「」『』【】〔〕…—～·"

HAN_CHAR_RE: Final = re.compile(f"[{HAN}]")
HAN_RUN_RE: Final = re.compile(f"[{HAN}]+")


def is_han_char(char: str) -> bool:
    """True for exactly one Han ideograph (an empty string or two characters are not)."""
    return len(char) == 1 and HAN_CHAR_RE.match(char) is not None


def has_han(text: str) -> bool:
    """True when any character of ``text`` is Han."""
    return HAN_CHAR_RE.search(text) is not None


def is_all_han(text: str) -> bool:
    """True for a non-empty text made only of Han ideographs (a Chinese word or token)."""
    return HAN_RUN_RE.fullmatch(text) is not None


def count_han(text: str) -> int:
    """How many Han ideographs ``text`` holds."""
    return len(HAN_CHAR_RE.findall(text))


def han_share(text: str) -> float:
    """Han ideographs per letter (``str.isalpha``): how much of a text is Chinese.

    Callers choose the sample and the threshold (0.3 is usual: Chinese with English
    names in it stays Chinese). 〇 counts as Han but is not alphabetic, so a text made
    of 〇 alone could pass 1.0; no real text does.
    """
    letters = sum(map(str.isalpha, text))
    return count_han(text) / letters if letters else 0.0
