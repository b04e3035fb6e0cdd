"""Small text helpers shared by the fact finders: offsets-preserving folding and hedges.

Every finder works on a copy of the input with the same length as the input, so that the
spans it reports are spans of the original text (full-width digits and signs fold with
:func:`kuaibao.text.normalise.fold_figures`, which keeps lengths too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_FOLD_PUNCT = {"’": "'", "‘": "'", "‐": "-", "‑": "-", "\u00a0": " "}

# Bounded like every finder pattern (see ``numerals``): a URL of up to 2,000 characters
# (longer ones are marked in pieces), an address with RFC 5321's 64-character local part
# and at most eight labels of 63. Unbounded, ``a@`` after a long word is quadratic.
URL_RE = re.compile(
    r"(?:https?|ftp)://\S{1,2000}|www\.\S{1,2000}"
    r"|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}"
)

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


def _replace_each(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """``text.translate`` for one-character pairs whose targets are no sources; looking
    for each character in C is several times faster than translating every character."""
    for old, new in pairs:
        if old in text:
            text = text.replace(old, new)
    return text


# Every character ``str.isspace`` accepts (Unicode 15), folded to a plain space.
_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_FOLD_PAIRS = tuple({**{c: " " for c in _SPACES if c != " "}, **_FOLD_PUNCT}.items())
# ``str.lower`` is not one-to-one on these: İ becomes two characters, and Σ depends on
# its neighbours (final ς); texts holding them take the character-by-character path.
_LOWER_SPECIAL = ("\u0130", "\u03a3")


def fold(text: str) -> str:
    """Lower-case with one-to-one characters (keeps offsets) for case-insensitive lookups."""
    if not any(special in text for special in _LOWER_SPECIAL):
        return _replace_each(text, _FOLD_PAIRS).lower()  # the same result, in C
    return _fold_chars(text)


def _fold_chars(text: str) -> str:
    """``fold`` one character at a time: the reference the fast path must agree with."""
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


class SpanSet:
    """Spans claimed in a text, asked "does ``[start, end)`` touch one?" many times.

    ``overlaps`` walks every span, so a finder asking it once per hit is quadratic in the
    hits (10,000 sums in a page: 10^8 comparisons). Here each character covered is one
    byte, and a question costs the length of the span asked about. Empty spans cover no
    character and touch nothing (the finders never produce them).
    """

    def __init__(self, length: int, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._mask = bytearray(max(length, 0))
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        """Claim ``[start, end)`` (clipped to the text)."""
        start, end = max(start, 0), min(end, len(self._mask))
        if end > start:
            self._mask[start:end] = b"\x01" * (end - start)

    def touches(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` shares a character with a claimed span."""
        return self._mask.find(1, max(start, 0), max(end, 0)) != -1
