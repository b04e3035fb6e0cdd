"""House-style faults in a Chinese draft that the fact check cannot see.

The fact check asks whether each figure, date and name can be traced to the sources. A
draft can pass it and still not be printable: 政府 with no country in front of it, 我省 left
from a provincial website, 近日 or 11月10日 where the bulletin prints the full date, a list
of figures or organisations instead of a sentence. An editor fixes these by hand; the LLM
writer's repair round sends them back to the model, and the item check lists them.

The rules are narrow on purpose, so a fault found is a fault a reader would mark:

* ``bare_actor``: 政府/议会/国会 or a researcher word (研究人员, 研究团队, 科研人员, 科研团队,
  科学家) that opens a clause (start of a paragraph or after punctuation) before any
  qualified mention of its kind (英国政府, 哈佛大学研究人员) — once the actor is named, a
  bare word refers back to it. 政府 in a list of sectors (政府、企业) or in 政府间 is no actor.
* ``local_place``: 我省, 本市, 我国 and their kind: the reader is not in that province.
* ``relative_date``: 近日, 日前, 今天, 去年 … : the reader reads the bulletin later.
* ``yearless_date``: 11月10日 with no year before it.
* ``list``: the marker phrases of a figure or organisation list (文中还提及 …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["FaultKind", "StyleFault", "style_faults"]


class FaultKind(StrEnum):
    """What kind of house-style fault; each has its own phrase for the editor."""

    BARE_ACTOR = "bare_actor"
    LOCAL_PLACE = "local_place"
    RELATIVE_DATE = "relative_date"
    YEARLESS_DATE = "yearless_date"
    LIST = "list"


@dataclass(frozen=True)
class StyleFault:
    """One fault: its kind and where it is in the text checked."""

    kind: FaultKind
    start: int
    end: int
    text: str


GOVERNMENT_WORDS = ("政府", "议会", "国会")
RESEARCHER_WORDS = ("研究人员", "研究团队", "科研人员", "科研团队", "科学家")
LOCAL_PLACES = ("我省", "本省", "我市", "本市", "我区", "本区", "我县", "本县", "我国", "我州")
RELATIVE_DATES = (
    "近日", "日前", "前不久", "今天", "今日", "昨天", "昨日", "本周", "上周", "下周",
    "本月", "上月", "下月", "今年", "去年", "明年", "前年", "后年",
)  # fmt: skip
LIST_MARKERS = ("文中还提及", "文中提及", "原文还提及", "报道涉及")
_OPENERS = "，。；：、！？“”‘’（）《》—…,.;:!?()\"' \n\t\u3000"

_ACTOR_RE = re.compile("|".join((*GOVERNMENT_WORDS, *RESEARCHER_WORDS)))
_LOCAL_RE = re.compile("|".join(LOCAL_PLACES))
_RELATIVE_RE = re.compile("|".join(sorted(RELATIVE_DATES, key=len, reverse=True)))
_YEARLESS_RE = re.compile(r"(?<![年\d])(?:[1-9]|1[0-2])月(?:[1-9]|[12]\d|3[01])日")
_LIST_RE = re.compile("|".join(LIST_MARKERS))


def _kind_of(word: str) -> str:
    return "government" if word in GOVERNMENT_WORDS else "researchers"


def _bare_actors(text: str) -> list[StyleFault]:
    named: set[str] = set()
    found = []
    for match in _ACTOR_RE.finditer(text):
        word, start = match.group(), match.start()
        kind = _kind_of(word)
        before = text[start - 1] if start else "\n"
        after = text[match.end() : match.end() + 1]
        if word == "政府" and (after in ("、", "间") or before == "、"):
            continue  # a sector in a list, or 政府间: not an actor
        if before not in _OPENERS:
            named.add(kind)  # qualified: 英国政府, 哈佛大学研究人员
        elif kind not in named:
            found.append(StyleFault(FaultKind.BARE_ACTOR, start, match.end(), word))
    return found


def _matches(pattern: re.Pattern[str], kind: FaultKind, text: str) -> list[StyleFault]:
    return [StyleFault(kind, m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def style_faults(text: str) -> list[StyleFault]:
    """The house-style faults of ``text`` (a draft's title and body), in text order."""
    found = [
        *_bare_actors(text),
        *_matches(_LOCAL_RE, FaultKind.LOCAL_PLACE, text),
        *_matches(_RELATIVE_RE, FaultKind.RELATIVE_DATE, text),
        *_matches(_YEARLESS_RE, FaultKind.YEARLESS_DATE, text),
        *_matches(_LIST_RE, FaultKind.LIST, text),
    ]
    return sorted(found, key=lambda f: (f.start, f.end))
