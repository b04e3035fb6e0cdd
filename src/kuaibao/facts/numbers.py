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
    MAX_ZH_NUMERAL,
    NUM,
    SP,
    ZH_MAG_RE,
    ZH_MAGNITUDES,
    ZH_NUM,
    parse_english_word,
    parse_number,
    read_figure,
)
from kuaibao.facts.textutil import SpanSet, hedge_around, url_spans
from kuaibao.facts.zh_numerals import ZH_NUMERAL_RUN, read_chinese
from kuaibao.text.normalise import fold_figures

_ZH_NUMERAL = ZH_NUMERAL_RUN
_ZH_RUN = rf"[{_ZH_NUMERAL}]{{1,{MAX_ZH_NUMERAL}}}"
_LONG_EN_MAG = "thousand|million|billion|trillion"
_DIGIT_RE = re.compile(
    rf"(?<![\d.,])(?P<num>{NUM}){SP}(?P<more>多|余)?{SP}"
    rf"(?P<mag>{ZH_MAG_RE}|(?:\s|-)?(?:{_LONG_EN_MAG})\b)?(?P<more2>多|余)?"
)
_CLASSIFIERS = (
    "个|项|家|所|名|位|种|座|台|条|款|架|颗|枚|倍|年|次|大|类|批|轮|方面|层|级|届|支|只|"
    "份|部|套|篇|例|艘|辆|吨|公里|千米|纳米|岁|天|周|小时|分钟|秒|人|处|场|组|亿|万"
)
# A Chinese numeral before a classifier, with a 余/多 qualifier (十余家, 两千多万人); it
# starts at the start of a numeral run (the lookbehind), so a long run is read once.
_ZH_NUM_RE = re.compile(
    rf"(?<![{_ZH_NUMERAL}])(?P<num>[〇零一二两三四五六七八九十廿卅][{_ZH_NUMERAL}]{{0,{MAX_ZH_NUMERAL}}}"
    rf"(?:点[〇零一二三四五六七八九]{{1,12}}(?:万亿|亿|万)?(?![万亿]))?"
    rf"(?:[余多](?:万亿|亿|万)?(?![万亿]))?)(?={_CLASSIFIERS})"
)
_FRACTION_RE = re.compile(rf"(?P<den>(?<!\d)\d{{1,18}}|{ZH_NUM})分之(?P<num>{NUM}|{ZH_NUM})")
_NON_FACT_RES = (
    re.compile(r"^[ \t\u3000]{0,8}[\[【［][^\]】］\n]{1,12}[\]】］]", re.M),  # domain tag
    re.compile(
        r"^[ \t\u3000]{0,8}(?:[一二三四五六七八九十]{1,6}[、．.]"
        r"|[（(][一二三四五六七八九十\d]{1,6}[）)]"
        r"|\d{1,2}[、．]|\d{1,2}\.(?!\d))",
        re.M,
    ),
    re.compile(r"[①-⑳㈠-㈩]|\[\d{1,3}\]"),  # enumerators and citation marks
    re.compile(rf"第[\d{_ZH_NUMERAL}]{{1,{MAX_ZH_NUMERAL}}}"),
)
_EN_WORDS_RE = re.compile(rf"(?i)\b(?P<num>{EN_WORD_RE})(?:[\s-]{{1,3}}(?P<mag>{_LONG_EN_MAG}))?\b")
_FOLD_RE = re.compile(rf"(?i)\b(?P<num>{EN_WORD_RE}|\d{{1,6}})-?fold\b")
_EN_FRACTION_RE = re.compile(
    r"(?i)\b(?:" + "|".join(sorted(EN_FRACTIONS, key=len, reverse=True)) + r")\b"
)
_SOURCE_DIGIT_RE = re.compile(
    rf"(?P<num>{NUM}){SP}(?P<mag>{ZH_MAG_RE}|(?:\s|-)?(?:{EN_MAG_RE})(?![A-Za-z]))?"
)
_SOURCE_ZH_RE = re.compile(
    rf"(?<![{_ZH_NUMERAL}])[〇零一二两三四五六七八九十廿卅]"
    rf"[{_ZH_NUMERAL}]{{0,{MAX_ZH_NUMERAL}}}(?:点[〇零一二三四五六七八九]{{1,12}}(?:万亿|亿|万)?)?"
)


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


def _digit_numbers(text: str, norm: str, skip: SpanSet) -> list[NumberFact]:
    found: list[NumberFact] = []
    for match in _DIGIT_RE.finditer(norm):
        start, end = match.start(), match.end()
        if skip.touches(start, end):
            continue
        literal, mag = match.group("num"), _magnitude(match.group("mag"))
        value, step = read_figure(literal)
        more = "over" if match.group("more") or match.group("more2") else None
        found.append(
            NumberFact(
                text[start:end],
                float(value * mag),
                start,
                end,
                float(step * mag),
                more or hedge_around(text, start, end),
            )
        )
    return found


def _chinese_numbers(text: str, skip: SpanSet) -> list[NumberFact]:
    found: list[NumberFact] = []
    for match in _FRACTION_RE.finditer(text):
        if skip.touches(*match.span()):
            continue
        try:
            den, num = parse_number(match.group("den")), parse_number(match.group("num"))
        except ValueError:
            continue
        if den:
            found.append(
                NumberFact(match.group(0), float(num / den), *match.span(), 0.0, fraction=True)
            )
            skip.add(*match.span())
    for match in _ZH_NUM_RE.finditer(text):
        try:
            reading = read_chinese(match.group("num"))
        except ValueError:
            continue
        if reading.value == 1 or skip.touches(*match.span()):
            continue
        start, end = match.span()
        approx = "over" if reading.more else hedge_around(text, start, end)
        found.append(
            NumberFact(
                match.group(0), float(reading.value), start, end, float(reading.step), approx
            )
        )
    return found


def find_numbers(text: str, *, skip: list[tuple[int, int]] | None = None) -> list[NumberFact]:
    """The plain numbers a (Chinese) draft states, outside ``skip`` and non-fact spans."""
    taken = SpanSet(len(text), [*(skip or []), *non_fact_spans(text)])
    norm = fold_figures(text)
    found = _chinese_numbers(text, taken)
    for fact in found:
        taken.add(fact.start, fact.end)
    found += _digit_numbers(text, norm, taken)
    return sorted(found, key=lambda f: f.start)


def _fraction_values(den: Decimal, num: Decimal) -> list[float]:
    return [float(num / den), float(den)] if den else []


def chinese_value(literal: str) -> float | None:
    """The value of a Chinese numeral (一点五 too), None when it is none."""
    try:
        return float(read_chinese(literal).value)
    except ValueError:
        return None


def source_values(text: str) -> list[float]:
    """Every value a source text states, in digits, words or Chinese numerals.

    A figure with a magnitude counts both as written and scaled (``208 billion`` gives 208
    and 208000000000); fractions give their value and their denominator.
    """
    norm = fold_figures(text)
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
        try:
            den, num = parse_number(match.group("den")), parse_number(match.group("num"))
        except ValueError:
            continue
        values.update(_fraction_values(den, num))
    for match in _SOURCE_ZH_RE.finditer(norm):
        literal = match.group(0)  # 一点五亿 gives 1.5 and 150000000, as 1.5 billion does
        for form in {literal, literal.rstrip("万亿")}:
            value = chinese_value(form)
            if value is not None:
                values.add(value)
    return sorted(values)
