"""Sums of money in English and Chinese text, with amount, currency and 万/亿 form.

``£1.1 billion`` → 1100000000 GBP ``11亿英镑``; ``520亿美元`` → 52000000000 USD. A bare
``¥`` is read as yen or yuan from the words around it; a bare ``$`` as US dollars.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kuaibao.facts.currencies import (
    YEN_SIGNS,
    all_en_words,
    all_signs,
    all_zh_words,
    by_sign,
    by_word,
    zh_money,
)
from kuaibao.facts.model import MoneyFact
from kuaibao.facts.numerals import (
    EN_MAGNITUDES,
    NUM,
    SP,
    ZH_MAG_RE,
    ZH_MAGNITUDES,
    ZH_NUM,
    format_zh_amount,
    read_figure,
)
from kuaibao.facts.textutil import SpanSet, hedge_around
from kuaibao.facts.zh_numerals import ZH_NUMERAL_RUN
from kuaibao.text.normalise import fold_figures
from kuaibao.text.scripts import count_han

_SIGNS = "|".join(re.escape(s) for s in all_signs())
_LONG_MAG = "thousand|million|billion|trillion|lakh|crore|bln|mln|trn|bn|mn|tn"
_MAG = rf"(?:(?:[\s-]?(?P<mag>{_LONG_MAG})|(?P<mag1>[mbk]))(?![A-Za-z]))"
_PREFIX_RE = re.compile(rf"(?<![A-Za-z])(?P<sign>{_SIGNS})\s?(?P<num>{NUM}){_MAG}?")
_RANGE_RE = re.compile(
    rf"(?<![A-Za-z])(?P<sign>{_SIGNS})\s?(?P<lo>{NUM}){SP}(?P<conn>-|–|to|and){SP}"
    rf"(?P<sign2>{_SIGNS})?\s?(?P<num>{NUM}){_MAG}?"
)
_EN_WORDS = "|".join(re.escape(w) for w in all_en_words())
_SUFFIX_RE = re.compile(
    rf"(?<![A-Za-z0-9.,])(?P<num>{NUM})(?:[\s-]?(?P<mag>{_LONG_MAG}))?\s(?i:(?P<word>{_EN_WORDS}))"
    r"(?![A-Za-z])"
)
_ZH_WORDS = "|".join(re.escape(w) for w in all_zh_words())
_ZH_NUM = rf"{NUM}|{ZH_NUM}"
_ZH_RE = re.compile(
    rf"(?P<pre>人民币|新台币|港币)?{SP}(?P<num>{_ZH_NUM}){SP}(?P<more>多|余)?{SP}"
    rf"(?P<mag>{ZH_MAG_RE})?{SP}(?P<more2>多|余)?{SP}(?P<word>{_ZH_WORDS})(?P<post>人民币)?"
)
_ZH_LOWER_RE = re.compile(rf"(?P<num>{NUM}){SP}(?P<mag>{ZH_MAG_RE})?{SP}(?:到|至|-|–|~|～|—){SP}$")
_YEN_HINTS = ("yen", "japan", "tokyo", "日本", "日元")
_YUAN_HINTS = ("yuan", "renminbi", "rmb", "china", "chinese", "beijing", "中国", "人民币")


def _vote(window: str) -> str | None:
    low = window.lower()
    yen = sum(low.count(h) for h in _YEN_HINTS)
    yuan = sum(low.count(h) for h in _YUAN_HINTS)
    if yen == yuan:
        return None
    return "JPY" if yen > yuan else "CNY"


@lru_cache(maxsize=8)
def _whole_text_vote(text: str) -> str:
    """The whole text's verdict, once per text (not once per ¥, which is quadratic)."""
    vote = _vote(text)
    if vote is not None:
        return vote
    han = count_han(text)
    return "CNY" if han > len(text) / 3 else "JPY"


def _yen_or_yuan(text: str, at: int) -> str:
    """JPY or CNY for a bare ¥: nearby words first, then the whole text, then the script."""
    return _vote(text[max(0, at - 200) : at + 200]) or _whole_text_vote(text)


def _en_magnitude(match: re.Match[str]) -> int:
    mag = match.groupdict().get("mag") or match.groupdict().get("mag1")
    return EN_MAGNITUDES[mag.lower()] if mag else 1


def _sign_currency(sign: str, text: str, at: int) -> tuple[str, bool]:
    """The currency code a sign names and whether the sign alone decided it."""
    if sign in YEN_SIGNS:
        return _yen_or_yuan(text, at), True
    if sign == "$":
        return "USD", True
    currency = by_sign(sign)
    assert currency is not None, sign
    return currency.code, False


def _fact(
    text: str,
    span: tuple[int, int],
    literal: str,
    magnitude: int,
    code: str,
    *,
    approx: str | None = None,
    sign_only: bool = False,
) -> MoneyFact | None:
    try:
        value, step = read_figure(literal)
    except ValueError:
        return None
    amount = value * magnitude
    start, end = span
    return MoneyFact(
        text=text[start:end],
        amount=float(amount),
        currency=code,
        zh=zh_money(format_zh_amount(amount), code),
        start=start,
        end=end,
        step=float(step * magnitude),
        approx=approx or hedge_around(text, start, end),
        sign_only=sign_only,
    )


def _ranges(text: str, norm: str) -> list[MoneyFact]:
    """``$20-30 billion`` and ``$20 to $30 billion``: both ends, sharing the magnitude."""
    found: list[MoneyFact] = []
    for match in _RANGE_RE.finditer(norm):
        has_mag = bool(match.group("mag") or match.group("mag1"))
        if not (has_mag or match.group("sign2") or match.group("conn") in "-–"):
            continue
        code, sign_only = _sign_currency(match.group("sign"), norm, match.start())
        magnitude = _en_magnitude(match)
        low = _fact(
            text,
            (match.start(), match.end("lo")),
            match.group("lo"),
            magnitude,
            code,
            sign_only=sign_only,
        )
        start = match.start("sign2") if match.group("sign2") else match.start("num")
        high = _fact(
            text, (start, match.end()), match.group("num"), magnitude, code, sign_only=sign_only
        )
        found.extend(f for f in (low, high) if f is not None)
    return found


def _english(text: str, norm: str, taken: SpanSet) -> list[MoneyFact]:
    found: list[MoneyFact] = []
    for match in _PREFIX_RE.finditer(norm):
        if taken.touches(*match.span()):
            continue
        code, sign_only = _sign_currency(match.group("sign"), norm, match.start())
        fact = _fact(
            text, match.span(), match.group("num"), _en_magnitude(match), code, sign_only=sign_only
        )
        if fact is not None:
            found.append(fact)
            taken.add(*match.span())
    for match in _SUFFIX_RE.finditer(norm):
        currency = by_word(match.group("word"))
        if currency is None or taken.touches(*match.span()):
            continue
        if currency.needs_magnitude and not match.group("mag"):
            continue
        fact = _fact(text, match.span(), match.group("num"), _en_magnitude(match), currency.code)
        if fact is not None:
            found.append(fact)
            taken.add(*match.span())
    return found


def _zh_lower_bound(text: str, norm: str, main: MoneyFact, mag: int) -> MoneyFact | None:
    """The lower end of ``200到300亿美元`` / ``200亿至300亿美元``."""
    match = _ZH_LOWER_RE.search(norm, max(0, main.start - 24), main.start)
    if match is None or (match.start() > 0 and norm[match.start() - 1].isdigit()):
        return None
    own = ZH_MAGNITUDES[match.group("mag")] if match.group("mag") else mag
    return _fact(
        text,
        (match.start(), match.end("mag") if match.group("mag") else match.end("num")),
        match.group("num"),
        own,
        main.currency,
    )


def _chinese_ok(norm: str, match: re.Match[str]) -> bool:
    """Reject 数十亿 (vague), 二元 (not money), digits glued to Latin text, ordinals."""
    start = match.start("num")
    before = norm[start - 1] if start else " "
    if before in "数几上好第" or (before.isascii() and (before.isalnum() or before == ".")):
        return False
    literal = match.group("num")
    numeral = literal[0] in ZH_NUMERAL_RUN
    unit = match.group("mag") or "万" in literal or "亿" in literal
    return not (numeral and not unit and match.group("word") in ("元", "人民币"))


def _chinese(text: str, norm: str, taken: SpanSet) -> list[MoneyFact]:
    found: list[MoneyFact] = []
    for match in _ZH_RE.finditer(norm):
        if taken.touches(*match.span()) or not _chinese_ok(norm, match):
            continue
        currency = by_word(match.group("post") or match.group("word"))
        if currency is None:
            continue
        mag = ZH_MAGNITUDES[match.group("mag")] if match.group("mag") else 1
        more = "over" if match.group("more") or match.group("more2") else None
        start = match.start("pre") if match.group("pre") else match.start("num")
        fact = _fact(
            text, (start, match.end()), match.group("num"), mag, currency.code, approx=more
        )
        if fact is None:
            continue
        lower = _zh_lower_bound(text, norm, fact, mag)
        for item in (lower, fact):
            if item is not None and not taken.touches(item.start, item.end):
                found.append(item)
                taken.add(item.start, item.end)
    return found


def find_money(text: str) -> list[MoneyFact]:
    """Every sum of money in ``text`` (English or Chinese), in text order."""
    norm = fold_figures(text)
    found = _ranges(text, norm)
    taken = SpanSet(len(text), ((f.start, f.end) for f in found))
    found += _english(text, norm, taken)
    found += _chinese(text, norm, taken)
    return sorted(found, key=lambda f: f.start)
