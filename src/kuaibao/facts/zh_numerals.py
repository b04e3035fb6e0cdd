"""Chinese numerals, read through cn2an, with the precision and qualifier they carry.

Every Chinese figure the fact finders meet goes through ``read_chinese``: 一千二百万,
三万亿, 一点五亿, mixes of digits and units (3千万, 1.5万亿), the colloquial 两, 廿 and 卅,
零, 半, and the 余/多 that make 两千余万 "more than twenty million". cn2an (maintained,
and it knows that 一万二 is 12000 and 二〇二四 is 2024) reads the integer part; this module
adds what cn2an leaves out: a decimal part before a trailing unit (一点五亿, which cn2an
refuses), the qualifiers, and the step (the size of the last significant unit) that lets
the checker accept the rounding a hedged figure allows.

Literals longer than ``MAX_LITERAL`` characters are refused: no figure is that long, and
the bound keeps the work per literal small whatever a page holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

MAX_LITERAL = 32
# The characters of a Chinese numeral (units included) and the qualifiers inside one.
ZH_DIGIT_CHARS = "〇零一二两三四五六七八九"
ZH_UNIT_CHARS = "十百千万亿"
ZH_NUMERAL_RUN = ZH_DIGIT_CHARS + ZH_UNIT_CHARS + "廿卅"
QUALIFIERS = "余多"

# A trailing unit after digits or a decimal part: 3千万, 1.5万亿, 一点五亿.
UNIT_SUFFIXES: dict[str, int] = {
    "万亿": 10**12,
    "千亿": 10**11,
    "百亿": 10**10,
    "十亿": 10**9,
    "亿": 10**8,
    "千万": 10**7,
    "百万": 10**6,
    "十万": 10**5,
    "万": 10**4,
    "千": 10**3,
    "百": 10**2,
    "十": 10,
    "": 1,
}
_DIGIT_VALUES = {c: n for n, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_COLLOQUIAL = (("卅", "三十"), ("卌", "四十"))
_SUFFIX = "|".join(sorted((s for s in UNIT_SUFFIXES if s), key=len, reverse=True))
_DIGITS_RE = re.compile(
    rf"(?P<num>\d{{1,18}}(?:,\d{{3}}){{0,6}}(?:\.\d{{1,12}})?)(?P<unit>{_SUFFIX})?"
)
_POINT_RE = re.compile(
    rf"(?P<int>[{ZH_NUMERAL_RUN}]{{1,24}})点(?P<frac>[{ZH_DIGIT_CHARS}]{{1,12}})(?P<unit>{_SUFFIX})?"
)


@dataclass(frozen=True)
class Reading:
    """A figure's value, the size of its last significant unit, and a 余/多 qualifier.

    ``more`` means the true figure is at least ``value`` and below ``value + step``
    (两千余万: from 20 to 30 million), the way the checker models 700多万.
    """

    value: Decimal
    step: Decimal
    more: bool = False


def _trailing_zeros_step(value: int) -> Decimal:
    """The last significant unit of an integer: 12000000 → 1000000, 105 → 1, 0 → 1."""
    if value == 0:
        return Decimal(1)
    zeros = len(str(value)) - len(str(value).rstrip("0"))
    return Decimal(1).scaleb(zeros)


def _digit_step(literal: str) -> Decimal:
    digits = literal.replace(",", "")
    if "." in digits:
        return Decimal(1).scaleb(-len(digits.split(".", 1)[1]))
    stripped = digits.rstrip("0")
    return Decimal(1).scaleb(len(digits) - len(stripped)) if stripped else Decimal(1)


def _cn2an_int(text: str) -> int:
    """An integer Chinese numeral through cn2an; ValueError when it is none."""
    import cn2an  # type: ignore[import-untyped]  # 0.4 s to import: only when needed

    for old, new in _COLLOQUIAL:
        text = text.replace(old, new)
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise ValueError(f"not a Chinese numeral: {text!r}") from exc
    if not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            return int(value)
        raise ValueError(f"not a whole Chinese numeral: {text!r}")
    return value


def _read_plain(text: str) -> Reading:
    """A figure without qualifier: digits (with a unit), a Chinese decimal, or a numeral."""
    if text == "半":
        return Reading(Decimal("0.5"), Decimal("0.5"))
    digits = _DIGITS_RE.fullmatch(text)
    if digits is not None:
        unit = UNIT_SUFFIXES[digits.group("unit") or ""]
        literal = digits.group("num")
        try:
            value = Decimal(literal.replace(",", ""))
        except InvalidOperation as exc:  # pragma: no cover - the pattern admits digits only
            raise ValueError(f"not a number: {text!r}") from exc
        return Reading(value * unit, _digit_step(literal) * unit)
    point = _POINT_RE.fullmatch(text)
    if point is not None:
        unit = UNIT_SUFFIXES[point.group("unit") or ""]
        whole = _cn2an_int(point.group("int"))
        frac = "".join(str(_DIGIT_VALUES[c]) for c in point.group("frac"))
        value = Decimal(f"{whole}.{frac}")
        return Reading(value * unit, Decimal(1).scaleb(-len(frac)) * unit)
    if any(c.isascii() for c in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    whole = _cn2an_int(text)
    if len(text) > 1 and all(c in _DIGIT_VALUES for c in text):
        return Reading(Decimal(whole), Decimal(1))  # 二〇二四: read digit by digit
    return Reading(Decimal(whole), _trailing_zeros_step(whole))


def read_chinese(literal: str) -> Reading:
    """Read one Chinese (or mixed) figure; raises ValueError when it is not one.

    ``两千余万`` → 20000000, step 10000000, more; ``一点五亿`` → 150000000, step 10000000;
    ``3千万`` → 30000000; ``廿五`` → 25; ``半`` → 0.5.
    """
    text = literal.strip()
    if not text or len(text) > MAX_LITERAL:
        raise ValueError(f"not a figure: {literal[:MAX_LITERAL]!r}")
    reading = _read_cached(text)
    if reading is None:
        raise ValueError(f"not a figure: {literal!r}")
    return reading


@lru_cache(maxsize=4096)
def _read_cached(text: str) -> Reading | None:
    """Texts repeat the same few numerals (三, 十二, 两千); cn2an takes ~20 µs a call."""
    try:
        return _read(text)
    except ValueError:
        return None


def _read(text: str) -> Reading:
    marks = [i for i, c in enumerate(text) if c in QUALIFIERS]
    if not marks:
        return _read_plain(text)
    at = marks[0]
    head, tail = text[:at], text[at + 1 :]
    if len(marks) > 1 or not head or tail not in UNIT_SUFFIXES:
        raise ValueError(f"not a figure: {text!r}")
    base = _read_plain(head)
    unit = UNIT_SUFFIXES[tail]
    return Reading(base.value * unit, base.step * unit, more=True)


def chinese_int(literal: str) -> int | None:
    """A whole Chinese numeral as an int (一百二十 → 120), None when it is not one."""
    try:
        reading = read_chinese(literal)
    except ValueError:
        return None
    if reading.more or reading.value != reading.value.to_integral_value():
        return None
    return int(reading.value)
