"""A Chinese report rewritten into bulletin form: named places, dated events, bounded length.

A provincial department writes for its own readers: 我省, 本市, 省科技厅, 近日, 11月10日. A
bulletin is read elsewhere and later, so it names the province and city (from the source's
registry ``region``), gives every date its year, and puts the date first. House style for
relative dates: 今天/今日 is the publication date; 近日, 日前, 昨日, 本周 and the like are the
publication's month (``2026年10月``), since the day they stand for is not known and the
month is what the bulletin can vouch for. A year-less date takes the publication's year,
or the year before when it would fall more than half a year after the publication.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from kuaibao.draft.offline.sentences import sentence_spans
from kuaibao.text.scripts import HAN
from kuaibao.text.zh_dates import ZH_RELATIVE_YEARS, format_date_zh

BULLETIN_MAX = 400  # characters of body, the seed bulletin's band is 200–400
FOCUS, FOCUS_MAX = "重点关注", 800  # the editorial section's items run longer
_PROVINCE_RE = re.compile(r"^(.+?(?:省|自治区|特别行政区))")
_CITY_RE = re.compile(r"([^省区]+?(?:市|州|盟|地区))$")
_OWN_PROVINCE_RE = re.compile(r"我省|本省|全省")
_OWN_CITY_RE = re.compile(r"我市|本市|全市")
_BARE_PROVINCE_RE = re.compile(
    rf"(?:(?<![{HAN}])|(?<=[经由与和及向对据]))省(?=[{HAN}])(?!内|外|级|市)"
)
_TODAY_RE = re.compile(r"今天|今日")
_RECENT_RE = re.compile(r"近日|日前|昨日|昨天|前日|本周|近期")
_LEADING_TIME_RE = re.compile(r"^(?:近日|日前|今天|今日|昨日|昨天|前日|本周|近期)[，,]?")
_YEARLESS_RE = re.compile(r"(?<![年\d])(\d{1,2})月(\d{1,2})日")
_STARTS_DATED_RE = re.compile(r"^\d{4}年\d{1,2}月(?:\d{1,2}日)?[，,]")
_REPORTER_RE = re.compile(
    r"记者从(?P<org>[^，。；]{2,30}?)获悉，该(?:实验室|研究所|研究院|大学|中心|公司|企业|单位|机构|院|所)"
)


def region_parts(region: str | None) -> tuple[str, str]:
    """(province, city) of a registry region: ``云岚省岚州市`` → (云岚省, 岚州市),
    ``北京市`` → ('', 北京市); '' for a part it does not name."""
    if not region:
        return "", ""
    province_match = _PROVINCE_RE.match(region)
    province = province_match.group(1) if province_match else ""
    rest = region[len(province) :]
    city_match = _CITY_RE.search(rest)
    return province, city_match.group(1) if city_match else ""


def with_region(text: str, region: str | None) -> str:
    """我省/本省/全省 and a bare 省 prefix (省科技厅) as the province; 我市/本市/全市 as the
    city."""
    province, city = region_parts(region)
    if province:
        text = _OWN_PROVINCE_RE.sub(province, text)
        text = _BARE_PROVINCE_RE.sub(province, text)
    if city:
        text = _OWN_CITY_RE.sub(city, text)
    return text


def _year_for(month: int, day: int, published: date) -> int:
    try:
        stated = date(published.year, month, day)
    except ValueError:
        return published.year
    return published.year - 1 if (stated - published).days > 183 else published.year


def with_years(text: str, published: date | None) -> str:
    """Every year-less date (11月10日) with its year."""
    if published is None:
        return text

    def dated(match: re.Match[str]) -> str:
        month, day = int(match.group(1)), int(match.group(2))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return match.group(0)
        return f"{_year_for(month, day, published)}年{match.group(0)}"

    return _YEARLESS_RE.sub(dated, text)


def _month(published: date) -> str:
    return f"{published.year}年{published.month}月"


def relative_date(word: str, published: date) -> str:
    """The house-style date a relative time word stands for."""
    return format_date_zh(published) if _TODAY_RE.fullmatch(word) else _month(published)


def dated_lead(paragraph: str, published: date | None) -> str:
    """The lead paragraph opening with its date: a relative word in its first sentence is
    taken out and its date put first (近日，X发布 → 2026年10月，X发布); other relative words
    become dates in place. A paragraph already opening with a full date keeps it."""
    if published is None:
        return paragraph
    paragraph = _REPORTER_RE.sub(lambda m: m.group("org"), paragraph)
    spans = sentence_spans(paragraph)
    first_end = spans[0][1] if spans else len(paragraph)
    first, rest = paragraph[:first_end], paragraph[first_end:]
    found = _RECENT_RE.search(first) or _TODAY_RE.search(first)
    if found is not None and not _STARTS_DATED_RE.match(first):
        when = relative_date(found.group(0), published)
        first = _LEADING_TIME_RE.sub("", first, count=1)
        if found.group(0) in first:
            first = first.replace(found.group(0), "", 1)
        first = f"{when}，{first}"
    return with_relative_years(first, published) + in_place(rest, published)


_RELATIVE_YEAR_RE = re.compile("|".join(ZH_RELATIVE_YEARS))


def with_relative_years(text: str, published: date | None) -> str:
    """去年/今年/明年 as the years they are for the report's date (去年 → 2025年)."""
    if published is None:
        return text
    return _RELATIVE_YEAR_RE.sub(
        lambda m: f"{published.year + ZH_RELATIVE_YEARS[m.group(0)]}年", text
    )


def in_place(text: str, published: date | None) -> str:
    """Relative time words replaced by their dates where they stand."""
    if published is None:
        return text
    text = _TODAY_RE.sub(format_date_zh(published), text)
    return with_relative_years(_RECENT_RE.sub(_month(published), text), published)


def trimmed(paragraphs: Sequence[str], limit: int = BULLETIN_MAX) -> list[str]:
    """Whole paragraphs while they fit in ``limit`` characters, the last cut at a sentence
    end; the first paragraph is kept (cut) even when it alone is too long."""
    kept: list[str] = []
    used = 0
    for paragraph in paragraphs:
        if used + len(paragraph) <= limit:
            kept.append(paragraph)
            used += len(paragraph)
            continue
        ends = [e for _, e in sentence_spans(paragraph) if used + e <= limit]
        if ends:
            kept.append(paragraph[: ends[-1]])
        elif not kept:
            kept.append(paragraph)
        break
    return kept


def bulletin_form(
    title: str,
    paragraphs: Sequence[str],
    region: str | None,
    published: date | None,
    limit: int = BULLETIN_MAX,
) -> tuple[str, list[str]]:
    """A Chinese report's headline and leading paragraphs in bulletin form."""
    title = with_relative_years(with_years(with_region(title, region), published), published)
    for word in ("近日", "日前"):
        title = title.replace(word, "")
    body = [with_years(with_region(p, region), published) for p in paragraphs]
    if body:
        body = [dated_lead(body[0], published), *(in_place(p, published) for p in body[1:])]
    return title, trimmed(body, limit)
