"""The masthead of a past bulletin: series name, year, issue number and date.

A bulletin's first page carries lines like ``科技快报`` / ``2024年第12期（总第156期）`` /
``科技信息研究中心　2024年3月25日``, and its running header often repeats the first
two. Only these facts (with the running number 总第N期) are read; lines that are
clearly masthead furniture (issuing unit with the date, "内部资料", distribution lists)
are consumed so they are not reported as unplaced text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from kuaibao.text.scripts import is_han_char

_ISSUE_RE = re.compile(
    r"(?:(?P<year>\d{4})\s*年\s*)?(?<!总)第\s*(?P<num>\d{1,4}|[〇零一二三四五六七八九十百]{1,5})\s*期"
)
_RUNNING_RE = re.compile(r"[（(]?\s*总\s*第\s*(?P<num>\d{1,5})\s*期\s*[）)]?")
_DATE_RE = re.compile(
    r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    r"|(?P<y2>\d{4})[-./](?P<m2>\d{1,2})[-./](?P<d2>\d{1,2})"
)
FURNITURE_RE = re.compile(
    r"^(?:报送|抄送|分送|发送|印发|编辑|责任编辑|审核|审校|签发|主编|主办|编印|承办|联系电话)"
    r"\s*[：:]|内部资料|注意保存|仅供参考|内部刊物"
)
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}
_MAX_SERIES_CHARS = 16
_UNIT_ENDINGS = ("中心", "研究所", "研究院", "大学", "学院", "委员会", "部", "局", "处", "室")


@dataclass
class Masthead:
    """What the masthead states; ``used`` holds the indices of the lines it came from."""

    series: str | None = None
    year: int | None = None
    number: int | None = None
    running_number: int | None = None
    date: date | None = None
    used: set[int] = field(default_factory=set)


def chinese_number(text: str) -> int | None:
    """``12``, ``十二`` or ``一百零五`` as an int (issue numbers are small)."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current or None


def _date_in(text: str) -> tuple[date, re.Match[str]] | None:
    for match in _DATE_RE.finditer(text):
        y, m, d = (match.group(k) or match.group(k + "2") for k in ("y", "m", "d"))
        try:
            return date(int(y), int(m), int(d)), match
        except ValueError:
            continue
    return None


def _series_name(text: str) -> str | None:
    """A short Han-only name: what a series title line looks like."""
    name = re.sub(r"[\s《》【】“”]", "", text)
    if 2 <= len(name) <= _MAX_SERIES_CHARS and all(is_han_char(c) for c in name):
        return name
    return None


def _read_issue(head: Masthead, i: int, text: str, texts: list[str]) -> None:
    match = _ISSUE_RE.search(text)
    if not match or head.number is not None:
        return
    head.number = chinese_number(match.group("num"))
    if match.group("year"):
        head.year = int(match.group("year"))
    head.used.add(i)
    before = _series_name(text[: match.start()])
    if before:
        head.series = head.series or before


def _read_date(head: Masthead, i: int, text: str) -> None:
    found = _date_in(text)
    if not found or head.date is not None:
        return
    head.date, match = found
    rest = (text[: match.start()] + text[match.end() :]).strip()
    if len(rest) <= 24 and not re.search(r"[。，；！？]", rest):
        head.used.add(i)  # the issuing unit and the date share a line


def _read_running(head: Masthead, text: str) -> None:
    """``总第345期`` (the number across years), wherever the masthead prints it."""
    match = _RUNNING_RE.search(text)
    if match and head.running_number is None:
        head.running_number = int(match.group("num"))


def read_masthead(texts: list[str]) -> Masthead:
    """Series, year, numbers and date from the lines before the first section or item."""
    head = Masthead()
    for i, text in enumerate(texts):
        _read_issue(head, i, text, texts)
        _read_running(head, text)
        _read_date(head, i, text)
        if _RUNNING_RE.fullmatch(text.strip()) or FURNITURE_RE.search(text):
            head.used.add(i)
    if head.series is None and head.number is not None:
        for i, text in enumerate(texts):
            name = _series_name(text)
            if i not in head.used and name and not name.endswith(_UNIT_ENDINGS):
                head.series = name  # the first short name line: the series title
                head.used.add(i)
                break
    if head.year is None and head.date is not None:
        head.year = head.date.year
    return head
