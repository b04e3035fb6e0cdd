"""Currencies: ISO code, Chinese name as bulletins print it, and how texts write them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Currency:
    """One currency and its spellings: signs before the amount, words after it."""

    code: str
    zh: str
    signs: tuple[str, ...] = ()
    en_words: tuple[str, ...] = ()
    zh_words: tuple[str, ...] = ()
    needs_magnitude: bool = False  # "won" and "rand" are also ordinary words


CURRENCIES: tuple[Currency, ...] = (
    Currency(
        "USD",
        "美元",
        ("US$", "U.S.$", "USD"),
        ("US dollars", "U.S. dollars", "dollars", "dollar", "USD"),
        ("美元", "美金"),
    ),
    Currency(
        "GBP",
        "英镑",
        ("£", "GBP"),
        ("pounds sterling", "pounds", "pound", "sterling", "GBP"),
        ("英镑",),
    ),
    Currency("EUR", "欧元", ("€", "EUR"), ("euros", "euro", "EUR"), ("欧元",)),
    Currency("JPY", "日元", ("JP¥", "JPY"), ("yen", "JPY"), ("日元",)),
    Currency(
        "CNY", "元", ("CN¥", "RMB", "CNY"), ("yuan", "renminbi", "RMB", "CNY"), ("人民币", "元")
    ),
    Currency("KRW", "韩元", ("₩", "KRW"), ("won", "KRW"), ("韩元",), needs_magnitude=True),
    Currency(
        "SGD", "新加坡元", ("S$", "SG$", "SGD"), ("Singapore dollars", "SGD"), ("新加坡元", "新元")
    ),
    Currency("CHF", "瑞士法郎", ("CHF",), ("Swiss francs", "francs", "CHF"), ("瑞士法郎", "法郎")),
    Currency(
        "CAD", "加元", ("C$", "CA$", "CAD"), ("Canadian dollars", "CAD"), ("加拿大元", "加元")
    ),
    Currency(
        "AUD", "澳元", ("A$", "AU$", "AUD"), ("Australian dollars", "AUD"), ("澳大利亚元", "澳元")
    ),
    Currency("INR", "印度卢比", ("₹", "Rs.", "Rs", "INR"), ("rupees", "INR"), ("印度卢比", "卢比")),
    Currency(
        "SEK", "瑞典克朗", ("SEK",), ("Swedish kronor", "kronor", "krona", "SEK"), ("瑞典克朗",)
    ),
    Currency("NOK", "挪威克朗", ("NOK",), ("Norwegian kroner", "NOK"), ("挪威克朗",)),
    Currency("DKK", "丹麦克朗", ("DKK",), ("Danish kroner", "DKK"), ("丹麦克朗",)),
    Currency("HKD", "港元", ("HK$", "HKD"), ("Hong Kong dollars", "HKD"), ("港元", "港币")),
    Currency(
        "TWD",
        "新台币",
        ("NT$", "TWD"),
        ("New Taiwan dollars", "Taiwan dollars", "TWD"),
        ("新台币",),
    ),
    Currency("NZD", "新西兰元", ("NZ$", "NZD"), ("New Zealand dollars", "NZD"), ("新西兰元",)),
    Currency("RUB", "卢布", ("₽", "RUB"), ("roubles", "rubles", "RUB"), ("卢布",)),
    Currency("BRL", "巴西雷亚尔", ("R$", "BRL"), ("reais", "BRL"), ("巴西雷亚尔", "雷亚尔")),
    Currency(
        "ILS",
        "以色列新谢克尔",
        ("₪", "ILS"),
        ("shekels", "ILS"),
        ("以色列新谢克尔", "新谢克尔", "谢克尔"),
    ),
    Currency(
        "ZAR", "南非兰特", ("ZAR",), ("rand", "ZAR"), ("南非兰特", "兰特"), needs_magnitude=True
    ),
    Currency("AED", "阿联酋迪拉姆", ("AED",), ("dirhams", "AED"), ("阿联酋迪拉姆", "迪拉姆")),
    Currency("SAR", "沙特里亚尔", ("SAR",), ("riyals", "SAR"), ("沙特里亚尔", "里亚尔")),
)

BY_CODE: dict[str, Currency] = {c.code: c for c in CURRENCIES}
# Dollars written with a bare "$" may be any of these; "$" alone is read as USD.
DOLLAR_CODES = frozenset({"USD", "AUD", "CAD", "SGD", "HKD", "NZD", "TWD"})
# "¥" alone is yen or yuan; the text around it decides.
YEN_SIGNS = ("¥", "￥")


def by_sign(sign: str) -> Currency | None:
    """The currency a sign or code before an amount names (``S$`` → SGD)."""
    for currency in CURRENCIES:
        if sign in currency.signs:
            return currency
    return None


@lru_cache(maxsize=512)
def by_word(word: str) -> Currency | None:
    """The currency a word after an amount names (``yen`` → JPY, ``英镑`` → GBP); cached,
    since a page asks for the same few words once per sum."""
    low = word.lower()
    for currency in CURRENCIES:
        if low in (w.lower() for w in currency.en_words) or word in currency.zh_words:
            return currency
    return None


def zh_money(amount_zh: str, code: str) -> str:
    """``520亿`` + USD → ``520亿美元``; CNY prints as ``3.5亿元``."""
    return f"{amount_zh}{BY_CODE[code].zh}"


def all_signs() -> list[str]:
    """Every sign and code, longest first, for building the money regexes."""
    signs = {s for c in CURRENCIES for s in c.signs} | {"$", *YEN_SIGNS}
    return sorted(signs, key=len, reverse=True)


def all_en_words() -> list[str]:
    """English currency words, longest first (``US dollars`` before ``dollars``)."""
    return sorted({w for c in CURRENCIES for w in c.en_words}, key=len, reverse=True)


def all_zh_words() -> list[str]:
    """Chinese currency names, longest first (``新加坡元`` before ``元``)."""
    return sorted({w for c in CURRENCIES for w in c.zh_words}, key=len, reverse=True)
