"""Chinese reports: their own headline (without a site name) and leading paragraphs.

A Chinese source is already in the bulletin's language, so its draft keeps the source's
words rather than rebuilding them from facts.
"""

from __future__ import annotations

import re

from kuaibao.draft.offline.render import TITLE_MAX
from kuaibao.draft.offline.sentences import sentence_spans
from kuaibao.text.scripts import HAN, count_han

ZH_PARAGRAPHS, ZH_PARAGRAPH_CHARS, ZH_MIN_HAN = 6, 300, 15  # the writer trims to its band
_SITE_SUFFIX_RE = re.compile(r"(?:\s[-–|｜]\s|_|｜|\|)\s*[^-–|｜_]{1,16}$")
_ZH_TIME_RE = re.compile(rf"近日|日前|目前|当地时间|据悉|(?<=[{HAN}])于(?=\d)")
_ZH_DATE_ONLY_RE = re.compile(r"[\d年月日号\s]+")
_META_RE = re.compile(r"^\s*(?:来源|发布时间|发布日期|作者|编辑|责任编辑|浏览次数|字号|【)")


def clean_title(title: str) -> str:
    """A Chinese headline without the site name some pages append (``…_新华网``)."""
    stripped = title.strip()
    cut = _SITE_SUFFIX_RE.sub("", stripped)
    return cut if len(cut) >= 8 else stripped


def first_clause(sentence: str) -> str:
    """A Chinese lead's first clause without its time words, as a headline (or '')."""
    for part in re.split(r"[，。；！？]", sentence):
        clause = _ZH_TIME_RE.sub("", part).strip()
        if clause and not _ZH_DATE_ONLY_RE.fullmatch(clause):
            return clause if ZH_MIN_HAN // 2 <= len(clause) <= TITLE_MAX else ""
    return ""


def leading_paragraphs(body: str) -> list[str]:
    """The first real paragraphs of a Chinese report, cut at a sentence end."""
    kept: list[str] = []
    for line in body.split("\n"):
        paragraph = line.strip()
        if _META_RE.match(paragraph) or count_han(paragraph) < ZH_MIN_HAN:
            continue
        spans = sentence_spans(paragraph)
        end = spans[0][1] if spans else len(paragraph)
        for _, sentence_end in spans[1:]:
            if sentence_end > ZH_PARAGRAPH_CHARS:
                break
            end = sentence_end
        kept.append(paragraph[:end])
        if len(kept) == ZH_PARAGRAPHS:
            break
    return kept
