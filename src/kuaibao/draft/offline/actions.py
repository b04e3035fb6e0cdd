"""What an actor did: action verbs in English and Chinese text and their Chinese forms.

Each action belongs to a class that decides how a draft phrases it: ``fund`` takes an
amount (投资11亿英镑支持……), ``announce`` becomes 宣布投入 with an amount and 公布 with an
object, the others take an object (发布《……》, 签署……). Words before the verb give its
tense (will → 将, plans to → 计划) or a negation, which the writer never turns into a
positive statement. The verbs and their Chinese forms are the table in ``verbs.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kuaibao.draft.offline.tables import default_verbs

FUND, ANNOUNCE, PUBLISH, LAUNCH, PROPOSE, DEAL, APPROVE, OTHER = (
    "fund",
    "announce",
    "publish",
    "launch",
    "propose",
    "deal",
    "approve",
    "other",
)
RECEIVE, RAISE, EFFECT, RESULT, REPORT, CHANGE, RECORD = (
    "receive",
    "raise",
    "effect",
    "result",
    "report",
    "change",
    "record",
)


@dataclass(frozen=True)
class Action:
    """One action: its Chinese verb, class, English forms and Chinese spellings."""

    zh: str
    kind: str
    en: tuple[str, ...]
    zh_forms: tuple[str, ...] = ()


KINDS = frozenset(
    {FUND, ANNOUNCE, PUBLISH, LAUNCH, PROPOSE, DEAL, APPROVE, OTHER}
    | {RECEIVE, RAISE, EFFECT, RESULT, REPORT, CHANGE, RECORD}
)
# The verbs are data (verbs.yaml), in order: where two share an English form, the first wins.
ACTIONS: tuple[Action, ...] = tuple(
    Action(row.zh, row.kind, row.en, row.zh_forms) for row in default_verbs(KINDS).actions
)
# "reveal how …" reports a finding (揭示), "reveal a plan" an announcement (公布).
_FINDING_AFTER_RE = re.compile(r"(?i)^\s+(?:how|that|what|why|whether|where|when)\b")
_RECORD_RE = re.compile(
    r"(?i)(?<![A-Za-z-])sets?\s+(?:a\s+)?(?:new\s+)?(?:(?:certified|world)\s+)*record(?![A-Za-z-])"
)
_AGREE_RE = re.compile(r"(?i)\b(?:agreed|agrees|agree|agreeing)\s+to\s+$")
_MODAL_RE = re.compile(r"(?i)\b(can|could)\s+$")
_BY_AFTER_RE = re.compile(r"(?i)^\s+by\b")
_PARTICIPLES = frozenset({"built", "shown", "found", "sold", "won", "bought", "made", "led"})

_FUTURE_RE = re.compile(
    r"(?i)\b(?:will|shall|is to|are to|is set to|are set to|is expected to|are expected to|"
    r"would|is going to|are going to|to)\s+(?:\w+ly\s+)?$"
)
_PLAN_RE = re.compile(
    r"(?i)\b(?:plans? to|planned to|planning to|intends? to|aims? to|seeks? to|"
    r"wants? to|hopes? to|proposes? to|proposed to|plans to)\s+(?:\w+ly\s+)?$"
)
_NEGATION_RE = re.compile(
    r"(?i)\b(?:not|n't|never|no longer|refused to|refuses to|declined to|declines to|"
    r"failed to|fails to|without|rather than|instead of)\s+(?:\w+\s+)?$"
)
# A determiner before the word makes it a noun: "the launch", "a call for proposals".
_NOUN_RE = re.compile(
    r"(?i)\b(?:the|a|an|this|that|these|those|its|their|his|her|our|new|latest|recent|"
    r"first|initial|final|annual|major|total|public|official|commercial|planned|expected|"
    r"formal|full|global|wider)\s+$"
)
_PASSIVE_RE = re.compile(r"(?i)\b(?:is|are|was|were|been|be|being)\s+(?:\w+ly\s+)?$")
_ZH_FUTURE = ("将", "将会", "即将", "拟")
_ZH_PLAN = ("计划", "准备", "打算")
_ZH_NEGATION = ("未", "不", "没有", "并未", "尚未", "拒绝")


@dataclass(frozen=True)
class ActionHit:
    """One action in a text: span, Chinese verb, class, tense (将/计划/""), passive."""

    start: int
    end: int
    zh: str
    kind: str
    tense: str = ""
    passive: bool = False


@lru_cache(maxsize=1)
def _en_pattern() -> tuple[re.Pattern[str], dict[str, Action]]:
    by_form: dict[str, Action] = {}
    for action in ACTIONS:
        for form in action.en:
            by_form.setdefault(form.lower(), action)
    names = sorted(by_form, key=len, reverse=True)
    alternation = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    return re.compile(rf"(?i)(?<![A-Za-z-])(?:{alternation})(?![A-Za-z-])"), by_form


@lru_cache(maxsize=1)
def _zh_pattern() -> tuple[re.Pattern[str], dict[str, Action]]:
    by_form: dict[str, Action] = {}
    for action in ACTIONS:
        for form in action.zh_forms:
            by_form.setdefault(form, action)
    names = sorted(by_form, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names)), by_form


def _tense(before: str) -> str:
    """计划/同意/将/可/可能 from the words before a verb, or ''."""
    if _PLAN_RE.search(before):
        return "计划"
    if _AGREE_RE.search(before):
        return "同意"
    if _FUTURE_RE.search(before):
        return "将"
    modal = _MODAL_RE.search(before)
    if modal:
        return "可" if modal.group(1).lower() == "can" else "可能"
    return ""


def _en_hits(text: str) -> list[ActionHit]:
    pattern, by_form = _en_pattern()
    hits: list[ActionHit] = []
    for match in pattern.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        if _NEGATION_RE.search(before) or _NOUN_RE.search(before):
            continue
        word = " ".join(match.group(0).lower().split())
        action = by_form[word]
        participle = word.endswith("ed") or word in _PARTICIPLES
        passive = participle and (
            bool(_PASSIVE_RE.search(before)) or bool(_BY_AFTER_RE.match(text[match.end() :]))
        )
        zh, kind = action.zh, action.kind
        if zh == "公布" and _FINDING_AFTER_RE.match(text[match.end() : match.end() + 12]):
            zh, kind = "揭示", RESULT
        hits.append(ActionHit(match.start(), match.end(), zh, kind, _tense(before), passive))
    for match in _RECORD_RE.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        if not _NEGATION_RE.search(before):
            hits.append(ActionHit(match.start(), match.end(), "创下纪录", RECORD, _tense(before)))
    return sorted(hits, key=lambda h: h.start)


def _zh_hits(text: str) -> list[ActionHit]:
    pattern, by_form = _zh_pattern()
    hits: list[ActionHit] = []
    for match in pattern.finditer(text):
        before = text[max(0, match.start() - 4) : match.start()]
        if before.endswith(_ZH_NEGATION):
            continue
        action = by_form[match.group(0)]
        tense = "将" if before.endswith(_ZH_FUTURE) else "计划" if before.endswith(_ZH_PLAN) else ""
        hits.append(ActionHit(match.start(), match.end(), action.zh, action.kind, tense))
    return hits


def find_actions(text: str, *, chinese: bool = False) -> list[ActionHit]:
    """Every (non-negated) action verb in ``text``, in text order."""
    return _zh_hits(text) if chinese else _en_hits(text)
