"""What the draft-quality benchmark checks in one draft: pure functions of its text.

Each function answers one question a Chinese editor asks of an item, with a definition
narrow enough to test:

* ``actors_named``: every labelled actor appears in one of its acceptable full forms, and
  no bare actor word comes before the first of them (``bare_actor_words``; after an actor
  is named, a bare word refers back to it): 政府 with no country, region or
  organisation right before it (英国政府, 江苏省政府, 美国联邦政府, 各国政府 are fine; 政府
  in a list of sectors, 政府、企业和高校, or in 政府间 is not an actor), and 研究人员,
  研究团队, 科研人员, 科研团队, 科学家 opening a clause (at the start of a paragraph or
  right after punctuation), where a reader cannot tell whose researchers they are.
* ``carries_key_figure``: one acceptable form of the story's key figure is in the title or
  body (whitespace ignored).
* ``figure_dumps``: the marker phrases the old offline writer used (文中还提及 …), or a run
  of three or more *bare figure segments* joined only by 、，；, or ; that opens its
  sentence or follows a colon. A bare figure segment is a stretch between separators of at
  most 12 characters holding an Arabic digit and no verb of ``VERBS`` (so "投入10亿英镑，
  其中6亿英镑用于研发" is a sentence, "10亿英镑；6亿英镑；约7%" is a dump).
* ``body_chars`` and ``LengthBand``: the body's characters without whitespace (title and
  供稿 line not counted), and the band a section's items fall in (``length_bands``).
* ``local_leftovers``: for Chinese sources, what a provincial site writes and a bulletin
  must not: 我省/本市 and their kind, relative dates (近日, 日前, 今年 …) and dates without
  a year (11月10日 not preceded by 年).
* ``title_repeats_lead``: the title, without punctuation and whitespace, occurs word for
  word in the first body paragraph.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kuaibao.facts.places import default_places

FOCUS = "重点关注"
DUMP_MARKERS = ("文中还提及", "文中提及", "原文还提及", "相关数字")
VERBS = (
    "用于", "投入", "提供", "资助", "达到", "增长", "增加", "下降", "降低", "提高", "支持",
    "建设", "获得", "筹集", "融资", "占", "为", "是", "将", "拨款", "投资", "设立", "超过",
)  # fmt: skip
SEPARATORS = "、，；;,"
MAX_FIGURE_SEGMENT = 12
MIN_DUMP_RUN = 3
RESEARCHER_WORDS = ("研究人员", "研究团队", "科研人员", "科研团队", "科学家")
LOCAL_WORDS = (
    "我省", "本省", "全省", "我市", "本市", "全市", "我区", "本区", "我县", "本县",
    "近日", "日前", "今年", "去年", "明年", "今日", "昨日", "今天", "昨天",
)  # fmt: skip
GOVERNMENT_QUALIFIERS = ("联邦", "中央", "地方", "州", "自治区", "特区", "人民", "各级")
GROUP_WORDS = ("各国", "两国", "多国", "该国", "三国", "本国", "各地", "该省", "该市")
ORG_SUFFIXES = ("省", "市", "县", "区", "州", "盟", "国")

_PUNCT_RE = re.compile(r"[\s\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\u2018-\u201f!-/:-@\[-`{-~·—…]")
_SPACE_RE = re.compile(r"\s+")
_SENTENCE_RE = re.compile(r"[^。！？!?]+")
_DIGIT_RE = re.compile(r"[0-9０-９]")
_YEARLESS_RE = re.compile(
    r"(?<![年\d０-９])(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})日"
)
_CLAUSE_START = "，。；：！？、“”（(,;:!?\n"


def compact(text: str) -> str:
    """Text without whitespace (PDF text and drafts space figures differently)."""
    return _SPACE_RE.sub("", text)


def draft_text(title: str, body: Sequence[str]) -> str:
    """The printed part of a draft, as the fact check reads it."""
    return "\n".join([title, *body])


@lru_cache(maxsize=1)
def place_names() -> tuple[str, ...]:
    """Chinese place names (countries, regions, cities), longest first."""
    names = {n for p in default_places() for n in (p.zh, *p.zh_aliases)}
    return tuple(sorted(names, key=len, reverse=True))


def _names_a_place(before: str) -> bool:
    if before.endswith(GROUP_WORDS) or before.endswith(place_names()):
        return True
    # 江苏省, 苏州市, 海淀区: a place the gazetteer lacks, named by its own suffix
    return len(before) >= 2 and before.endswith(ORG_SUFFIXES) and _is_han(before[-2])


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _government_named(before: str) -> bool:
    """Whether the text right before 政府 names whose government it is (美国联邦政府)."""
    candidates = [before]
    for qualifier in GOVERNMENT_QUALIFIERS:
        if before.endswith(qualifier) and len(before) > len(qualifier):
            candidates.append(before[: -len(qualifier)])
    return any(_names_a_place(c) for c in candidates)


def first_named(text: str, actors: Iterable[Sequence[str]]) -> int:
    """Where the draft first names one of the labelled actors (``len(text)`` if never)."""
    found = [text.find(f) for forms in actors for f in forms]
    return min((at for at in found if at >= 0), default=len(text))


def bare_actor_words(text: str, actors: Iterable[Sequence[str]] = ()) -> list[str]:
    """Each bare 政府 / 研究人员 … before the first named actor, with some context.

    After a labelled actor is named, 政府 or 研究人员 refer back to it, as Chinese prose
    does; before that (or in a draft naming none) a reader cannot tell whose they are.
    """
    until = first_named(text, actors)
    found = []
    for match in re.finditer("政府", text[:until]):
        start, end = match.span()
        before, after = text[max(0, start - 12) : start], text[end : end + 1]
        listed = after == "、" or before.endswith("、")
        if after == "间" or listed or _government_named(before):
            continue
        found.append(_context(text, start, end))
    for word in RESEARCHER_WORDS:
        for match in re.finditer(word, text[:until]):
            start = match.start()
            if start == 0 or text[start - 1] in _CLAUSE_START:
                found.append(_context(text, start, match.end()))
    return found


def _context(text: str, start: int, end: int) -> str:
    return " ".join(text[max(0, start - 6) : end + 4].split())


def missing_actors(text: str, actors: Iterable[Sequence[str]]) -> list[str]:
    """The actors (by their first acceptable form) that no acceptable form names."""
    flat = compact(text)
    return [forms[0] for forms in actors if not any(compact(f) in flat for f in forms)]


def actors_named(text: str, actors: Iterable[Sequence[str]]) -> bool:
    """Every labelled actor named in full, and no bare actor word."""
    actors = list(actors)
    return not missing_actors(text, actors) and not bare_actor_words(text, actors)


def carries_key_figure(text: str, forms: Sequence[str]) -> bool:
    """One acceptable form of the key figure occurs in the text."""
    flat = compact(text)
    return any(compact(f) in flat for f in forms)


def _bare_figure(segment: str) -> bool:
    flat = compact(segment)
    return (
        0 < len(flat) <= MAX_FIGURE_SEGMENT
        and _DIGIT_RE.search(flat) is not None
        and not any(v in flat for v in VERBS)
    )


def _dump_runs(sentence: str) -> list[str]:
    runs = []
    for part in re.split(r"[：:]", sentence):  # a run may follow a colon
        segments = [s for s in re.split(f"[{SEPARATORS}]", part)]
        count = 0
        for segment in segments:
            if not _bare_figure(segment):
                break
            count += 1
        if count >= MIN_DUMP_RUN:
            runs.append("、".join(compact(s) for s in segments[:count]))
    return runs


def figure_dumps(text: str) -> list[str]:
    """The figure dumps in ``text`` (marker phrases and bare runs); see the module doc."""
    found = [m for m in DUMP_MARKERS if m in text]
    for paragraph in text.split("\n"):
        for sentence in _SENTENCE_RE.findall(paragraph):
            found.extend(_dump_runs(sentence))
    return found


def body_chars(body: Sequence[str]) -> int:
    """Characters of the body without whitespace: the length the band is about."""
    return sum(len(compact(p)) for p in body)


@dataclass(frozen=True)
class LengthBand:
    """The body lengths a section's items fall in (inclusive)."""

    low: int
    high: int
    how: str

    def holds(self, chars: int) -> bool:
        return self.low <= chars <= self.high


def length_bands(lengths: dict[str, list[int]]) -> dict[str, LengthBand]:
    """Bands from an archive's body lengths per section: the ordinary sections share one.

    Ordinary sections (all but 重点关注) are pooled, since one issue holds few items of
    each: the band is their 10th to 90th percentile (``statistics.quantiles``, inclusive
    method). 重点关注 items are longer and rare (one an issue): their band runs from the
    ordinary band's top to 1.25 times the longest focus item (or, with five or more focus
    items, their own 10th to 90th percentile).
    """
    ordinary = sorted(n for s, ns in lengths.items() if s != FOCUS for n in ns)
    focus = sorted(lengths.get(FOCUS, []))
    if len(ordinary) < 2:
        raise ValueError("need at least two ordinary items to compute a length band")
    deciles = statistics.quantiles(ordinary, n=10, method="inclusive")
    band = LengthBand(
        round(deciles[0]), round(deciles[-1]),
        f"10th–90th percentile of {len(ordinary)} ordinary items",
    )  # fmt: skip
    if len(focus) >= 5:
        fd = statistics.quantiles(focus, n=10, method="inclusive")
        focus_band = LengthBand(
            round(fd[0]), round(fd[-1]), f"10th–90th percentile of {len(focus)} focus items"
        )
    elif focus:
        focus_band = LengthBand(
            band.high, round(1.25 * focus[-1]),
            f"ordinary 90th percentile to 1.25 × the longest of {len(focus)} focus item(s)",
        )  # fmt: skip
    else:
        focus_band = LengthBand(band.high, 3 * band.high, "no focus item: up to 3 × ordinary")
    bands = {section: band for section in lengths if section != FOCUS}
    bands[FOCUS] = focus_band
    return bands


def local_leftovers(text: str) -> list[str]:
    """Provincial-site wording left in a draft: 我省/本市 …, relative and year-less dates."""
    found = [w for w in LOCAL_WORDS if w in text]
    found.extend(m.group(0) for m in _YEARLESS_RE.finditer(compact(text)))
    return found


def _letters(text: str) -> str:
    return _PUNCT_RE.sub("", text)


def title_repeats_lead(title: str, body: Sequence[str]) -> bool:
    """The title (punctuation and spaces aside) occurs word for word in the first paragraph."""
    head = _letters(title)
    return bool(head) and bool(body) and head in _letters(body[0])
