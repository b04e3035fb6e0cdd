"""Chinese house style (GB/T 15835 usage): spacing and punctuation as the bulletin prints them.

Bulletin text arrives from PDFs, Word files and machine drafts with stray spaces
(``超 11 亿英镑``), half-width punctuation in Chinese sentences and full-width digits.
These pure functions bring it to the one form the bulletin prints, without touching
URLs, decimal numbers or the spaces between Latin words. Which characters are Han and
how full-width forms fold are text facts, in :mod:`kuaibao.text`; the date form is
:func:`kuaibao.text.zh_dates.format_date_zh`.
"""

from __future__ import annotations

import re

from kuaibao.text.normalise import fold_width
from kuaibao.text.scripts import HAN, ZH_PUNCTUATION, is_han_char

_TIGHT_RE = re.compile(f"[{HAN}{re.escape(ZH_PUNCTUATION)}]")
_URL_CHARS = f"[^\\s{HAN}{re.escape(ZH_PUNCTUATION)}“”‘’]+"
_URL_RE = re.compile(
    rf"(?:https?|ftp)://{_URL_CHARS}|www\.[A-Za-z0-9-]+\.{_URL_CHARS}"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
_SPACES_RE = re.compile(r"[ \t\r\n\u00a0\u2002-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH_RE = re.compile("[\u200b-\u200d\u2060\ufeff]")
_PLACEHOLDER_BASE = 0xF0000  # supplementary private use: never in real bulletin text
_PLACEHOLDER_RE = re.compile("[\U000f0000-\U000ffffd]")
_HALF_TO_FULL = {",": "，", ".": "。", ":": "：", ";": "；", "?": "？", "!": "！"}


def _is_tight(char: str | None) -> bool:
    """Han or full-width punctuation: neighbours that take no space in Chinese text."""
    return char is not None and _TIGHT_RE.fullmatch(char) is not None


def _protect_urls(text: str) -> tuple[str, list[str]]:
    """Swap URLs and e-mail addresses for private-use placeholders so no rule edits them."""
    found: list[str] = []

    def keep(match: re.Match[str]) -> str:
        url = match.group(0)
        cut = len(url)
        while cut and (
            url[cut - 1] in ".,;:!?'\""
            or (url[cut - 1] == ")" and url.count(")", 0, cut) > url.count("(", 0, cut))
        ):
            cut -= 1
        found.append(url[:cut])
        return chr(_PLACEHOLDER_BASE + len(found) - 1) + url[cut:]

    return _URL_RE.sub(keep, text), found


def _restore_urls(text: str, found: list[str]) -> str:
    if not found:
        return text
    return _PLACEHOLDER_RE.sub(lambda m: found[ord(m.group(0)) - _PLACEHOLDER_BASE], text)


def _neighbours(chars: list[str], i: int) -> tuple[str | None, str | None]:
    """The nearest non-space characters before and after position ``i``."""
    before, after = i - 1, i + 1
    while before >= 0 and chars[before] == " ":
        before -= 1
    while after < len(chars) and chars[after] == " ":
        after += 1
    return (
        chars[before] if before >= 0 else None,
        chars[after] if after < len(chars) else None,
    )


def _convert_mark(char: str, prev: str | None, nxt: str | None) -> str:
    """The full-width form of one half-width mark when its context is Chinese."""
    han_prev, han_next = _is_tight(prev), _is_tight(nxt)
    if char == ",":
        digits = prev is not None and nxt is not None and prev.isdigit() and nxt.isdigit()
        return "，" if (han_prev or han_next) and not digits else char
    if char == ".":
        latin_next = nxt is not None and ((nxt.isascii() and nxt.isalnum()) or nxt == ".")
        return "。" if han_prev and prev != "." and not latin_next else char
    if char == ":":
        after_digit = prev is not None and prev.isdigit()
        return "：" if han_prev or (han_next and not after_digit) else char
    return _HALF_TO_FULL[char] if han_prev or han_next else char


def _convert_parens(chars: list[str]) -> None:
    """Make a ``( … )`` pair full-width when it sits in or holds Chinese text."""
    stack: list[int] = []
    for i, char in enumerate(chars):
        if char == "(":
            stack.append(i)
        elif char == ")" and stack:
            start = stack.pop()
            before, _ = _neighbours(chars, start)
            _, after = _neighbours(chars, i)
            inside = any(is_han_char(c) for c in chars[start + 1 : i])
            if inside or _is_tight(before) or _is_tight(after):
                chars[start], chars[i] = "（", "）"


def _convert_punctuation(text: str) -> str:
    chars = list(text)
    _convert_parens(chars)
    for i, char in enumerate(chars):
        if char in _HALF_TO_FULL:
            before = chars[i - 1] if i else ""
            after = chars[i + 1] if i + 1 < len(chars) else ""
            if char == "." and "." in (before, after):
                continue  # an ellipsis or "..." run stays as written
            prev, nxt = _neighbours(chars, i)
            chars[i] = _convert_mark(char, prev, nxt)
    return "".join(chars)


def _drop_spaces(text: str) -> str:
    """Remove each space that has Han or Chinese punctuation on either side."""
    out: list[str] = []
    for i, char in enumerate(text):
        if char == " ":
            prev = out[-1] if out else None
            nxt = text[i + 1] if i + 1 < len(text) else None
            if _is_tight(prev) or _is_tight(nxt):
                continue
        out.append(char)
    return "".join(out)


def normalize_body(text: str) -> str:
    """One paragraph in house style: no stray spaces, Chinese punctuation, ASCII digits."""
    text = _ZERO_WIDTH_RE.sub("", text)
    text = fold_width(text)
    text = _SPACES_RE.sub(" ", text).strip()
    text = _PLACEHOLDER_RE.sub("", text)  # so that restoring URLs cannot misfire
    text, urls = _protect_urls(text)
    text = _drop_spaces(_convert_punctuation(text))
    return _restore_urls(text, urls)


def normalize_title(text: str) -> str:
    """A headline in house style; headlines carry no closing full stop."""
    title = normalize_body(text)
    while title.endswith(("。", ".")) and not title.endswith(("..", "……")):
        title = title[:-1].rstrip()
    return title
