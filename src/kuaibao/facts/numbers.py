"""Plain numbers: the ones a draft states (``65个``, ``2080亿个``, ``三家``) and every value a
source text contains, so that a draft's numbers can be traced to its source.

List markers (``一、``, ``（1）``, ``①``), ordinals (``第三``), a leading domain tag
(``[半导体]``) and URLs are not facts and are reported by ``non_fact_spans``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from kuaibao.facts.model import NumberFact
from kuaibao.facts.numerals import (
    EN_FRACTIONS,
    EN_MAG_RE,
    EN_MAGNITUDES,
    EN_WORD_RE,
    NUM,
    ZH_MAG_RE,
    ZH_MAGNITUDES,
    literal_step,
    parse_chinese_int,
    parse_english_word,
    parse_number,
)
from kuaibao.facts.textutil import hedge_around, normalize_width, overlaps, url_spans

_ZH_NUMERAL = "〇零一二两三四五六七八九十百千万亿"
_LONG_EN_MAG = "thousand|million|billion|trillion"
_DIGIT_RE = re.compile(
    rf"(?<![\d.,])(?P<num>{NUM})\s*(?P<more>多|余)?\s*"
    rf"(?P<mag>{ZH_MAG_RE}|(?:\s|-)?(?:{_LONG_EN_MAG})\b)?(?P<more2>多|余)?"
)
_CLASSIFIERS = (
    "个|项|家|所|名|位|种|座|台|条|款|架|颗|枚|倍|年|次|大|类|批|轮|方面|层|级|届|支|只|"
    "份|部|套|篇|例|艘|辆|吨|公里|千米|纳米|岁|天|周|小时|分钟|秒|人|处|场|组|亿|万"
)
_ZH_NUM_RE = re.compile(rf"(?P<num>[〇零一二两三四五六七八九十][{_ZH_NUMERAL}]*)(?={_CLASSIFIERS})")
_FRACTION_RE = re.compile(
    rf"(?P<den>\d+|[{_ZH_NUMERAL}]+)分之(?P<num>\d+(?:\.\d+)?|[{_ZH_NUMERAL}]+)"
)
_NON_FACT_RES = (
    re.compile(r"^[ \t\u3000]*[\[【［][^\]】］\n]{1,12}[\]】］]", re.M),  # domain tag
    re.compile(
        r"^[ \t\u3000]*(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]"
        r"|\d{1,2}[、．]|\d{1,2}\.(?!\d))",
        re.M,
    ),
    re.compile(r"[①-⑳㈠-㈩]|\[\d{1,3}\]"),  # enumerators and citation marks
    re.compile(rf"第[\d{_ZH_NUMERAL}]+"),
)
_EN_WORDS_RE = re.compile(rf"(?i)\b(?P<num>{EN_WORD_RE})(?:[\s-]+(?P<mag>{_LONG_EN_MAG}))?\b")
_FOLD_RE = re.compile(rf"(?i)\b(?P<num>{EN_WORD_RE}|\d+)-?fold\b")
_EN_FRACTION_RE = re.compile(
    r"(?i)\b(?:" + "|".join(sorted(EN_FRACTIONS, key=len, reverse=True)) + r")\b"
)
_SOURCE_DIGIT_RE = re.compile(
    rf"(?P<num>{NUM})\s*(?P<mag>{ZH_MAG_RE}|(?:\s|-)?(?:{EN_MAG_RE})(?![A-Za-z]))?"
)
_SOURCE_ZH_RE = re.compile(rf"[〇零一二两三四五六七八九十][{_ZH_NUMERAL}]*")


def non_fact_spans(text: str) -> list[tuple[int, int]]:
    """Spans that look like numbers but are not facts: markers, ordinals, tags, URLs."""
    spans = url_spans(text)
    for pattern in _NON_FACT_RES:
        spans += [m.span() for m in pattern.finditer(text)]
    return spans


def _magnitude(mag: str | None) -> int:
    if not mag:
        return 1
    mag = mag.strip(" -").lower()
    return ZH_MAGNITUDES.get(mag) or EN_MAGNITUDES.get(mag, 1)


def _digit_numbers(text: str, norm: str, skip: list[tuple[int, int]]) -> list[NumberFact]:
    found: list[NumberFact] = []
    for match in _DIGIT_RE.finditer(norm):
        start, end = match.start(), match.end()
        if overlaps(start, end, skip):
            continue
        literal, mag = match.group("num"), _magnitude(match.group("mag"))
        value = parse_number(literal) * mag
        more = "over" if match.group("more") or match.group("more2") else None
        found.append(
            NumberFact(
                text[start:end],
                float(value),
                start,
                end,
                float(literal_step(literal) * mag),
                more or hedge_around(text, start, end),
            )
        )
    return found


def _chinese_numbers(text: str, skip: list[tuple[int, int]]) -> list[NumberFact]:
    found: list[NumberFact] = []
    for match in _FRACTION_RE.finditer(text):
        if overlaps(*match.span(), skip):
            continue
        den, num = parse_number(match.group("den")), parse_number(match.group("num"))
        if den:
            found.append(
                NumberFact(match.group(0), float(num / den), *match.span(), 0.0, fraction=True)
            )
            skip = [*skip, match.span()]
    for match in _ZH_NUM_RE.finditer(text):
        value = parse_chinese_int(match.group("num"))
        if value is None or value == 1 or overlaps(*match.span(), skip):
            continue
        start, end = match.span()
        found.append(
            NumberFact(
                match.group(0), float(value), start, end, 1.0, hedge_around(text, start, end)
            )
        )
    return found


def find_numbers(text: str, *, skip: list[tuple[int, int]] | None = None) -> list[NumberFact]:
    """The plain numbers a (Chinese) draft states, outside ``skip`` and non-fact spans."""
    skip = [*(skip or []), *non_fact_spans(text)]
    norm = normalize_width(text)
    found = _chinese_numbers(text, list(skip))
    found += _digit_numbers(text, norm, skip + [(f.start, f.end) for f in found])
    return sorted(found, key=lambda f: f.start)


def _fraction_values(den: Decimal, num: Decimal) -> list[float]:
    return [float(num / den), float(den)] if den else []


def source_values(text: str) -> list[float]:
    """Every value a source text states, in digits, words or Chinese numerals.

    A figure with a magnitude counts both as written and scaled (``208 billion`` gives 208
    and 208000000000); fractions give their value and their denominator.
    """
    norm = normalize_width(text)
    values: set[float] = set()
    for match in _SOURCE_DIGIT_RE.finditer(norm):
        number = parse_number(match.group("num"))
        values |= {float(number), float(number * _magnitude(match.group("mag")))}
    for match in _EN_WORDS_RE.finditer(norm):
        word = parse_english_word(match.group("num"))
        if word is not None:
            values |= {float(word), float(word * _magnitude(match.group("mag")))}
    for match in _FOLD_RE.finditer(norm):
        literal = match.group("num")
        word = parse_english_word(literal) if not literal.isdigit() else int(literal)
        if word is not None:
            values.add(float(word))
    values |= {float(EN_FRACTIONS[m.group(0).lower()]) for m in _EN_FRACTION_RE.finditer(norm)}
    for match in _FRACTION_RE.finditer(norm):
        den, num = parse_number(match.group("den")), parse_number(match.group("num"))
        values.update(_fraction_values(den, num))
    for match in _SOURCE_ZH_RE.finditer(norm):
        value = parse_chinese_int(match.group(0))
        if value is not None:
            values.add(float(value))
    return sorted(values)
