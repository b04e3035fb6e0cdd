"""Money, percentages and distinctive numbers, normalised so they survive translation.

``£185 million``, ``£185m`` and ``1.85亿英镑`` all become ``money:185000000:GBP``;
``180,000 wafers`` and ``18万片`` both become ``num:180000``. These are the facts an
English source and a Chinese report of the same event share even when no word does.
This is a deliberately small extractor: ``kuaibao.facts`` does the full job when present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
EN_MULT = {
    "trillion": 10**12, "tn": 10**12, "billion": 10**9, "bn": 10**9, "million": 10**6,
    "mn": 10**6, "m": 10**6, "thousand": 10**3, "k": 10**3,
}  # fmt: skip
ZH_MULT = {
    "万亿": 10**12, "千亿": 10**11, "百亿": 10**10, "十亿": 10**9, "亿": 10**8,
    "千万": 10**7, "百万": 10**6, "十万": 10**5, "万": 10**4, "千": 10**3,
}  # fmt: skip
PREFIX_CURRENCY = {
    "us$": "USD", "s$": "SGD", "hk$": "HKD", "a$": "AUD", "c$": "CAD", "$": "USD",
    "£": "GBP", "€": "EUR", "₩": "KRW", "₹": "INR", "rmb": "CNY", "cny": "CNY",
    "usd": "USD", "gbp": "GBP", "eur": "EUR", "jpy": "JPY", "krw": "KRW", "sek": "SEK",
    "chf": "CHF", "inr": "INR", "sgd": "SGD", "hkd": "HKD",
}  # fmt: skip
SUFFIX_CURRENCY = {
    "dollars": "USD", "pounds": "GBP", "euros": "EUR", "yuan": "CNY", "renminbi": "CNY",
    "yen": "JPY", "won": "KRW", "kronor": "SEK", "rupees": "INR", "francs": "CHF",
    "usd": "USD", "gbp": "GBP", "eur": "EUR", "cny": "CNY", "rmb": "CNY", "jpy": "JPY",
    "sek": "SEK",
}  # fmt: skip
ZH_CURRENCY = {
    "元人民币": "CNY", "人民币": "CNY", "美元": "USD", "英镑": "GBP", "欧元": "EUR",
    "日元": "JPY", "韩元": "KRW", "港元": "HKD", "港币": "HKD", "新加坡元": "SGD",
    "新元": "SGD", "瑞典克朗": "SEK", "克朗": "SEK", "卢比": "INR", "瑞士法郎": "CHF",
    "澳元": "AUD", "加元": "CAD", "元": "CNY",
}  # fmt: skip


def _alternatives(words: list[str]) -> str:
    """A regex alternation, longest first so that 'bn' never wins over 'billion'."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_EN_MULT = _alternatives(list(EN_MULT))
_ZH_MULT = _alternatives(list(ZH_MULT))
_WORD_MULT = "trillion|billion|million|thousand"  # bare 'm' or 'k' after a number is a unit
MONEY_PREFIX = re.compile(
    rf"(?<![A-Za-z])(?P<cur>{_alternatives(list(PREFIX_CURRENCY))}|¥)\s?(?P<num>{NUM})"
    rf"(?:\s?(?P<mult>{_EN_MULT})\b|(?P<zmult>{_ZH_MULT}))?",
    re.IGNORECASE,
)
MONEY_SUFFIX = re.compile(
    rf"(?<![A-Za-z0-9.])(?P<num>{NUM})\s?(?:(?P<mult>{_EN_MULT})\s)?"
    rf"(?P<cur>{_alternatives(list(SUFFIX_CURRENCY))})\b",
    re.IGNORECASE,
)
MONEY_ZH = re.compile(
    rf"(?P<num>{NUM})\s?(?P<mult>{_ZH_MULT})?\s?(?P<cur>{_alternatives(list(ZH_CURRENCY))})"
)
PERCENT = re.compile(rf"(?<![A-Za-z0-9.])(?P<num>{NUM})\s?(?:%|％|per ?cent\b|percent\b)", re.I)
NUMBER = re.compile(
    rf"(?<![A-Za-z0-9.])(?P<num>{NUM})(?:\s?(?P<zh>{_ZH_MULT})|\s(?P<en>{_WORD_MULT})\b)?"
    r"(?![A-Za-z0-9])"
)


@dataclass(frozen=True)
class Figure:
    """One normalised figure and where it sits in the text (to find lead figures)."""

    anchor: str
    start: int
    significant_digits: int
    end: int = -1


def to_decimal(number: str, multiplier: int = 1) -> Decimal | None:
    """``'1,234.5'`` times a multiplier, exactly (no float rounding in 1.85亿)."""
    try:
        return Decimal(number.replace(",", "")) * multiplier
    except InvalidOperation:
        return None


def canonical(value: Decimal) -> str:
    """``185000000`` for whole values, ``34.9`` otherwise; never exponent notation."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def significant_digits(value: Decimal) -> int:
    """How specific a number is: 185000000 has 3, 1000 has 1."""
    digits = canonical(value).replace(".", "").lstrip("0").rstrip("0")
    return max(1, len(digits))


def _money(text: str, han: bool) -> list[Figure]:
    found: list[Figure] = []
    for pattern in (MONEY_PREFIX, MONEY_SUFFIX, MONEY_ZH):
        for m in pattern.finditer(text):
            cur = m.group("cur")
            code = _currency(cur, han)
            mult_word = m.group("mult") or m.groupdict().get("zmult")
            mult = 1
            if mult_word:
                mult = ZH_MULT.get(mult_word) or EN_MULT[mult_word.lower()]
            value = to_decimal(m.group("num"), mult)
            if value is None or value <= 0:
                continue
            anchor = f"money:{canonical(value)}:{code}"
            found.append(Figure(anchor, m.start(), significant_digits(value), m.end()))
    return found


def _currency(symbol: str, han: bool) -> str:
    """ISO code of a currency word or sign; ¥ is yuan in Chinese text and yen elsewhere."""
    if symbol == "¥":
        return "CNY" if han else "JPY"
    key = symbol.lower()
    return PREFIX_CURRENCY.get(key) or SUFFIX_CURRENCY.get(key) or ZH_CURRENCY.get(symbol, "XXX")


def money(text: str, *, han: bool = False) -> list[Figure]:
    """Money amounts in text order, each once per position."""
    seen: dict[int, Figure] = {}
    for fig in _money(text, han):
        seen.setdefault(fig.start, fig)
    return sorted(seen.values(), key=lambda f: f.start)


def percentages(text: str) -> list[Figure]:
    """Percentages: ``7%``, ``7 per cent`` and ``7％`` are the same anchor."""
    out = []
    for m in PERCENT.finditer(text):
        value = to_decimal(m.group("num"))
        if value is not None:
            digits = significant_digits(value)
            out.append(Figure(f"pct:{canonical(value)}", m.start(), digits, m.end()))
    return out


def _is_year(raw: str, value: Decimal, scaled: bool) -> bool:
    return not scaled and "," not in raw and "." not in raw and 1900 <= value <= 2100


def numbers(text: str, taken: list[tuple[int, int]]) -> list[Figure]:
    """Distinctive numbers: three or more digits (or scaled by a word), never a year.

    ``taken`` holds spans already read as money or percentages, which are skipped.
    """
    out = []
    for m in NUMBER.finditer(text):
        if any(start <= m.start() < end for start, end in taken):
            continue
        raw = m.group("num")
        word = m.group("zh") or m.group("en")
        mult = (ZH_MULT.get(word) or EN_MULT[word.lower()]) if word else 1
        value = to_decimal(raw, mult)
        if value is None or _is_year(raw, value, bool(word)):
            continue
        digits = len(raw.replace(",", "").replace(".", "").lstrip("0"))
        if digits < 3 and not word:
            continue
        out.append(Figure(f"num:{canonical(value)}", m.start(), significant_digits(value)))
    return out


def figures(text: str, *, han: bool = False) -> list[Figure]:
    """Every money amount, percentage and distinctive number of a text, in order."""
    cash = _money(text, han)
    pct = percentages(text)
    spans = [(f.start, f.end) for f in (*cash, *pct)]
    unique = {f.start: f for f in cash}
    return sorted([*unique.values(), *pct, *numbers(text, spans)], key=lambda f: f.start)
