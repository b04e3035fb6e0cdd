"""Numbers as written in English and Chinese, and the 万/亿 form the bulletin prints.

Values are computed with ``Decimal`` so that ``£4.79 billion`` is exactly 4790000000 and
``4.79亿`` exactly 479000000; floats only appear at the edges. Chinese numerals are read
by ``zh_numerals`` (over cn2an); ``read_figure`` is the one entry for digits and numerals.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from kuaibao.facts.zh_numerals import (
    ZH_DIGIT_CHARS,
    ZH_NUMERAL_RUN,
    chinese_int,
    read_chinese,
)

# Every repetition in the finders' patterns is bounded, so that the work a pattern does
# at one place in a text is bounded too and a scan is linear in the text's length
# (``\d+`` retried at each digit of a 20,000-digit run is quadratic). These bounds are far
# beyond any figure: 18 digits before the point, 12 after, six thousands groups, 24
# Chinese numeral characters, a few spaces between a figure and its unit.
MAX_DIGITS = 18
MAX_DECIMALS = 12
MAX_ZH_NUMERAL = 24
SP = r"\s{0,3}"
_FRAC = rf"(?:\.\d{{1,{MAX_DECIMALS}}})?"
# One number as digits: 1,100,000 / 52 / 4.79 (commas only in thousands groups). It
# starts and ends at a digit run's ends, so a longer run holds no number at all.
NUM = rf"(?<!\d)(?:\d{{1,3}}(?:,\d{{3}}){{1,6}}{_FRAC}|\d{{1,{MAX_DIGITS}}}{_FRAC})(?![\d])"
# One Chinese numeral, units included, with a decimal part: 一千二百万, 一点五, 廿五.
ZH_NUM = (
    rf"(?<![{ZH_NUMERAL_RUN}])[{ZH_NUMERAL_RUN}]{{1,{MAX_ZH_NUMERAL}}}"
    rf"(?:点[{ZH_DIGIT_CHARS}]{{1,{MAX_DECIMALS}}})?"
)

EN_MAGNITUDES: dict[str, int] = {
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "m": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "bln": 10**9,
    "b": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
    "trn": 10**12,
    "lakh": 10**5,
    "crore": 10**7,
}
ZH_MAGNITUDES: dict[str, int] = {
    "万亿": 10**12,
    "千亿": 10**11,
    "百亿": 10**10,
    "十亿": 10**9,
    "亿": 10**8,
    "千万": 10**7,
    "百万": 10**6,
    "万": 10**4,
    "千": 10**3,
}
# Longest first, so that 万亿 wins over 万 and billion over b.
EN_MAG_RE = "|".join(sorted(EN_MAGNITUDES, key=len, reverse=True))
# 千 before a unit is the unit's metric prefix, not a thousand: 550千克 is 550 kg and
# 300千米 is 300 km, so a bare 千 magnitude must not be followed by one of these.
METRIC_PREFIXED = "克|米|瓦|帕|焦|赫|伏|卡|兆|比特|字节|吨"
ZH_MAG_RE = "|".join(
    f"{m}(?!{METRIC_PREFIXED})" if m == "千" else m
    for m in sorted(ZH_MAGNITUDES, key=len, reverse=True)
)

ZH_NUMERAL_CHARS = "〇零一二两三四五六七八九十百千"

EN_WORDS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "both": 2,
    "twice": 2,
    "double": 2,
    "doubled": 2,
    "triple": 3,
    "tripled": 3,
    "quadruple": 4,
    "quadrupled": 4,
    "thousand": 1000,
}
EN_FRACTIONS: dict[str, Decimal] = {
    "half": Decimal("0.5"),
    "quarter": Decimal("0.25"),
    "a third": Decimal(1) / 3,
    "one third": Decimal(1) / 3,
    "one-third": Decimal(1) / 3,
    "two thirds": Decimal(2) / 3,
    "two-thirds": Decimal(2) / 3,
    "three quarters": Decimal("0.75"),
    "three-quarters": Decimal("0.75"),
}
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
EN_WORD_RE = (
    rf"(?:{'|'.join(_TENS)})-(?:{'|'.join(_UNITS)})"
    rf"|{'|'.join(sorted(EN_WORDS, key=len, reverse=True))}"
)


def parse_decimal(literal: str) -> Decimal:
    """``1,100.5`` → Decimal('1100.5'); raises ValueError on anything else."""
    try:
        return Decimal(literal.replace(",", "").strip())
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {literal!r}") from exc


def literal_step(literal: str) -> Decimal:
    """The size of the last significant digit as written: ``520`` → 10, ``4.79`` → 0.01."""
    digits = literal.replace(",", "").strip()
    if "." in digits:
        return Decimal(1).scaleb(-len(digits.split(".", 1)[1]))
    stripped = digits.rstrip("0")
    return Decimal(1).scaleb(len(digits) - len(stripped)) if stripped else Decimal(1)


def parse_english_word(word: str) -> int | None:
    """``seven`` → 7, ``twenty-five`` → 25, ``a dozen`` → 12; None if not a number word."""
    word = word.lower().strip()
    if word.startswith("a "):
        word = word[2:]
    if "-" in word:
        tens, _, unit = word.partition("-")
        if tens in _TENS and unit in _UNITS:
            return EN_WORDS[tens] + EN_WORDS[unit]
        return None
    return EN_WORDS.get(word)


def parse_chinese_int(text: str) -> int | None:
    """Chinese numerals as an integer: 一百二十 → 120, 两千 → 2000, 二〇二四 → 2024."""
    return chinese_int(text)


def read_figure(literal: str) -> tuple[Decimal, Decimal]:
    """A figure's value and the size of its last significant unit, digits or Chinese:
    ``4.79`` → (4.79, 0.01), ``一点五亿`` → (150000000, 10000000); ValueError otherwise."""
    if literal.isascii():
        return parse_decimal(literal), literal_step(literal)
    reading = read_chinese(literal)
    return reading.value, reading.step


def parse_number(literal: str) -> Decimal:
    """Digits or Chinese numerals; raises ValueError when the literal is neither."""
    return read_figure(literal)[0]


def trim(value: Decimal, places: int = 2) -> str:
    """At most ``places`` decimals, no trailing zeros, never an exponent."""
    quantum = Decimal(1).scaleb(-places)
    text = format(value.quantize(quantum, rounding=ROUND_HALF_UP), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_zh_amount(value: Decimal | float | int) -> str:
    """The 万/亿 form of a number: 5.2e10 → 520亿, 3.5e7 → 3500万, 1.2e12 → 1.2万亿."""
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    for size, name in ((Decimal(10**12), "万亿"), (Decimal(10**8), "亿"), (Decimal(10**4), "万")):
        if amount >= size:
            return trim(amount / size) + name
    return trim(amount)
