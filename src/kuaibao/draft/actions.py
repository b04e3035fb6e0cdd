"""What an actor did: action verbs in English and Chinese text and their Chinese forms.

Each action belongs to a class that decides how a draft phrases it: ``fund`` takes an
amount (投资11亿英镑支持……), ``announce`` becomes 宣布投入 with an amount and 公布 with an
object, the others take an object (发布《……》, 签署……). Words before the verb give its
tense (will → 将, plans to → 计划) or a negation, which the writer never turns into a
positive statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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


@dataclass(frozen=True)
class Action:
    """One action: its Chinese verb, class, English forms and Chinese spellings."""

    zh: str
    kind: str
    en: tuple[str, ...]
    zh_forms: tuple[str, ...] = ()


def _forms(*words: str) -> tuple[str, ...]:
    return words


# English forms are listed in full: a generated "funding" or "issues" would match nouns.
ACTIONS: tuple[Action, ...] = (
    Action("投资", FUND, _forms("invest", "invests", "invested", "investing"), ("投资",)),
    Action("资助", FUND, _forms("award", "awards", "awarded", "awarding"), ("资助", "授予")),
    Action("资助", FUND, _forms("fund", "funds", "funded"), ()),
    Action("拨款", FUND, _forms("allocate", "allocates", "allocated", "allocating"), ("拨款",)),
    Action(
        "承诺投入",
        FUND,
        _forms("commit", "commits", "committed", "pledge", "pledges", "pledged"),
        ("承诺投入",),
    ),
    Action("提供", FUND, _forms("provide", "provides", "provided", "providing"), ("提供",)),
    Action("投入", FUND, _forms("spend", "spends", "inject", "injects", "injected"), ("投入",)),
    Action("出资", FUND, _forms("contribute", "contributes", "contributed"), ("出资",)),
    Action(
        "筹集",
        FUND,
        _forms("mobilise", "mobilises", "mobilised", "mobilize", "mobilizes", "mobilized", "raise"),
        ("筹集",),
    ),
    Action("授予", FUND, _forms("grant", "granted"), ()),
    Action("宣布", ANNOUNCE, _forms("announce", "announces", "announced", "announcing"), ("宣布",)),
    Action("公布", ANNOUNCE, _forms("reveal", "reveals", "revealed"), ("公布",)),
    Action(
        "启动",
        LAUNCH,
        _forms("launch", "launches", "launched", "launching", "kick off", "kicks off"),
        ("启动",),
    ),
    Action(
        "推出",
        LAUNCH,
        _forms(
            "unveil",
            "unveils",
            "unveiled",
            "introduce",
            "introduces",
            "introduced",
            "roll out",
            "rolls out",
            "rolled out",
            "debut",
            "debuts",
            "debuted",
        ),
        ("推出",),
    ),
    Action(
        "成立",
        LAUNCH,
        _forms("establish", "establishes", "established", "set up", "sets up"),
        ("成立", "设立"),
    ),
    Action("开放", LAUNCH, _forms("opens", "opened"), ("开放", "开通")),
    Action(
        "发布",
        PUBLISH,
        _forms(
            "publish",
            "publishes",
            "published",
            "publishing",
            "release",
            "releases",
            "released",
            "issued",
        ),
        ("发布", "印发", "出台", "发表"),
    ),
    Action(
        "提出",
        PROPOSE,
        _forms(
            "propose",
            "proposes",
            "proposed",
            "set out",
            "sets out",
            "outline",
            "outlines",
            "outlined",
        ),
        ("提出",),
    ),
    Action(
        "建议",
        PROPOSE,
        _forms("recommend", "recommends", "recommended", "urges", "urged"),
        ("建议",),
    ),
    Action("呼吁", PROPOSE, _forms("call for", "calls for", "called for"), ("呼吁",)),
    Action("警告", PROPOSE, _forms("warn", "warns", "warned"), ("警告",)),
    Action("签署", DEAL, _forms("sign", "signs", "signed", "signing"), ("签署", "签订")),
    Action("收购", DEAL, _forms("acquire", "acquires", "acquired", "buys", "bought"), ("收购",)),
    Action(
        "选定", DEAL, _forms("select", "selects", "selected", "chooses", "chose"), ("选定", "遴选")
    ),
    Action(
        "批准",
        APPROVE,
        _forms("approve", "approves", "approved", "authorise", "authorises", "authorised"),
        ("批准",),
    ),
    Action("授权", APPROVE, _forms("authorize", "authorizes", "authorized"), ("授权",)),
    Action("通过", APPROVE, _forms("passed", "adopt", "adopts", "adopted"), ("通过",)),
    Action("颁布", APPROVE, _forms("enact", "enacts", "enacted"), ("颁布",)),
    Action("禁止", APPROVE, _forms("ban", "bans", "banned", "prohibit", "prohibits"), ("禁止",)),
    Action("限制", APPROVE, _forms("restrict", "restricts", "restricted"), ("限制",)),
    Action("更新", APPROVE, _forms("update", "updates", "updated"), ("更新",)),
    Action("扩大", OTHER, _forms("expand", "expands", "expanded", "extend", "extends"), ("扩大",)),
    Action("建设", OTHER, _forms("build", "builds", "construct", "constructs"), ("建设", "建造")),
    Action("部署", OTHER, _forms("deploy", "deploys", "deployed"), ("部署",)),
    Action(
        "展示", OTHER, _forms("demonstrate", "demonstrates", "demonstrated", "showcase"), ("展示",)
    ),
    Action("实现", OTHER, _forms("achieve", "achieves", "achieved"), ("实现",)),
    Action("完成", OTHER, _forms("complete", "completes", "completed"), ("完成",)),
    Action("研发", OTHER, _forms("develop", "develops"), ("研发", "研制", "开发")),
)

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
    r"first|initial|final|annual|major)\s+$"
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


def _en_hits(text: str) -> list[ActionHit]:
    pattern, by_form = _en_pattern()
    hits: list[ActionHit] = []
    for match in pattern.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        if _NEGATION_RE.search(before) or _NOUN_RE.search(before):
            continue
        action = by_form[" ".join(match.group(0).lower().split())]
        tense = "计划" if _PLAN_RE.search(before) else "将" if _FUTURE_RE.search(before) else ""
        passive = bool(_PASSIVE_RE.search(before)) and match.group(0).lower().endswith("ed")
        hits.append(ActionHit(match.start(), match.end(), action.zh, action.kind, tense, passive))
    return hits


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
