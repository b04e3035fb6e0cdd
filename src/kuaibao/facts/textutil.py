"""Small text helpers shared by the fact finders: offsets-preserving folding and hedges.

Every finder works on a copy of the input with the same length as the input, so that the
spans it reports are spans of the original text.
"""

from __future__ import annotations

import re

# Full-width digits and signs become ASCII one for one (offsets stay the same).
_WIDTH = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "％": "%",
        "＄": "$",
        "￡": "£",
        "￥": "¥",
        "．": ".",
    }
)
_FOLD_PUNCT = {"’": "'", "‘": "'", "‐": "-", "‑": "-", "\u00a0": " "}

URL_RE = re.compile(r"(?:https?|ftp)://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# Hedges a Chinese (or English) draft puts next to a figure, grouped by what they allow.
_ABOUT_BEFORE = (
    "大约",
    "约合",
    "约为",
    "将近",
    "接近",
    "大概",
    "约",
    "近",
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
)
_OVER_BEFORE = (
    "超过",
    "多于",
    "高于",
    "至少",
    "不少于",
    "逾",
    "超",
    "more than",
    "over",
    "above",
    "at least",
)
_UNDER_BEFORE = (
    "不超过",
    "不到",
    "不足",
    "少于",
    "低于",
    "至多",
    "less than",
    "under",
    "below",
    "up to",
)
_AFTER = {"左右": "about", "上下": "about", "以上": "over", "以下": "under", "以内": "under"}


def normalize_width(text: str) -> str:
    """Full-width digits and signs as ASCII, same length, so regexes see one form."""
    return text.translate(_WIDTH)


def fold(text: str) -> str:
    """Lower-case with one-to-one characters (keeps offsets) for case-insensitive lookups."""
    out: list[str] = []
    for char in text:
        char = _FOLD_PUNCT.get(char, char)
        if char.isspace():
            out.append(" ")
            continue
        low = char.lower()
        out.append(low if len(low) == 1 else char)
    return "".join(out)


def is_ascii_alnum(char: str) -> bool:
    """Latin letters and digits: the characters a word boundary is drawn against."""
    return len(char) == 1 and char.isascii() and char.isalnum()


def ascii_bounded(text: str, start: int, end: int) -> bool:
    """True when the span neither starts nor ends inside a Latin word or number."""
    if start > 0 and is_ascii_alnum(text[start]) and is_ascii_alnum(text[start - 1]):
        return False
    return not (end < len(text) and is_ascii_alnum(text[end - 1]) and is_ascii_alnum(text[end]))


def hedge_around(text: str, start: int, end: int) -> str | None:
    """``about``, ``over`` or ``under`` if a hedge word sits right before or after a figure."""
    before = text[max(0, start - 16) : start].rstrip()
    low = before.lower()
    for words, kind in ((_UNDER_BEFORE, "under"), (_OVER_BEFORE, "over"), (_ABOUT_BEFORE, "about")):
        for word in words:
            if low.endswith(word) and (
                not word.isascii() or len(low) == len(word) or not low[-len(word) - 1].isalpha()
            ):
                return kind
    after = text[end : end + 4].lstrip()
    for word, kind in _AFTER.items():
        if after.startswith(word):
            return kind
    return None


def url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs and e-mail addresses, whose digits are not facts."""
    return [m.span() for m in URL_RE.finditer(text)]


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """True when ``[start, end)`` touches any of ``spans``."""
    return any(start < s_end and s_start < end for s_start, s_end in spans)
