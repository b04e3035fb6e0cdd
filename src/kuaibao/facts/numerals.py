"""Numbers as written in English and Chinese, and the 万/亿 form the bulletin prints.

Values are computed with ``Decimal`` so that ``£4.79 billion`` is exactly 4790000000 and
``4.79亿`` exactly 479000000; floats only appear at the edges.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# One number as digits: 1,100,000 / 52 / 4.79 (commas only in thousands groups).
NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

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
ZH_MAG_RE = "|".join(sorted(ZH_MAGNITUDES, key=len, reverse=True))

ZH_DIGITS: dict[str, int] = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10**4, "亿": 10**8}
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


def _parse_zh_section(text: str) -> int | None:
    """A Chinese numeral below 10000: 三千五百, 十二, 一百零五."""
    total, digit = 0, None
    for char in text:
        if char in ZH_DIGITS:
            digit = ZH_DIGITS[char]
        elif char in _ZH_UNITS:
            total += (1 if digit is None else digit) * _ZH_UNITS[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def parse_chinese_int(text: str) -> int | None:
    """Chinese numerals as an integer: 一百二十 → 120, 两千 → 2000, 二〇二四 → 2024."""
    if not text:
        return None
    if all(c in ZH_DIGITS for c in text) and len(text) > 1:
        return int("".join(str(ZH_DIGITS[c]) for c in text))  # read digit by digit
    total, rest = 0, text
    for big_char, big in sorted(_ZH_BIG.items(), key=lambda kv: -kv[1]):
        if big_char in rest:
            head, _, rest = rest.partition(big_char)
            value = _parse_zh_section(head) if head else 1
            if value is None:
                return None
            total += value * big
    tail = _parse_zh_section(rest) if rest else 0
    return None if tail is None else total + tail


def parse_number(literal: str) -> Decimal:
    """Digits or Chinese numerals; raises ValueError when the literal is neither."""
    if any(c in ZH_NUMERAL_CHARS for c in literal):
        value = parse_chinese_int(literal)
        if value is None:
            raise ValueError(f"not a Chinese numeral: {literal!r}")
        return Decimal(value)
    return parse_decimal(literal)


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
