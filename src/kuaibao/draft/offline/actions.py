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
        _forms("mobilise", "mobilises", "mobilised", "mobilize", "mobilizes", "mobilized"),
        ("筹集",),
    ),
    Action("融资", RAISE, _forms("raise", "raises", "raised", "raising"), ("融资",)),
    Action(
        "获得",
        RECEIVE,
        _forms("won", "wins", "secured", "secures", "received", "receives", "lands", "landed"),
        ("获得",),
    ),
    Action("授予", FUND, _forms("grant", "granted"), ()),
    Action("宣布", ANNOUNCE, _forms("announce", "announces", "announced", "announcing"), ("宣布",)),
    Action("公布", ANNOUNCE, _forms("reveal", "reveals", "revealed"), ("公布",)),
    Action("确认", ANNOUNCE, _forms("confirm", "confirms", "confirmed"), ("确认",)),
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
    Action(
        "收购", DEAL, _forms("acquire", "acquires", "acquired", "buy", "buys", "bought"), ("收购",)
    ),
    Action("出售", DEAL, _forms("sell", "sells", "sold"), ("出售",)),
    Action("订购", DEAL, _forms("ordered", "orders"), ("订购",)),
    Action("授权", DEAL, _forms("license", "licenses", "licensed", "licence", "licences"), ()),
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
    Action("运行", OTHER, _forms("operate", "operated", "runs", "ran"), ("运行",)),
    Action("交换", OTHER, _forms("exchanged", "exchange"), ()),
    Action("窃取", OTHER, _forms("steal", "steals", "stole"), ("窃取",)),
    Action("清除", OTHER, _forms("remove", "removes", "removed"), ("清除",)),
    Action(
        "新增",
        OTHER,
        _forms(
            "add",
        ),
        (),
    ),
    Action("支持", OTHER, _forms("backs", "back", "support", "supports"), ()),
    Action("扩大至三倍", OTHER, _forms("triple", "triples", "tripled"), ()),
    Action(
        "正式生效",
        EFFECT,
        _forms(
            "come into force",
            "comes into force",
            "came into force",
            "enter into force",
            "enters into force",
            "entered into force",
            "take effect",
            "takes effect",
            "took effect",
        ),
        ("正式生效", "起施行", "正式施行"),
    ),
    Action("发现", RESULT, _forms("found", "finds", "discovered", "discovers", "identified"), ()),
    Action("探测到", RESULT, _forms("detected", "detects"), ("探测到",)),
    Action(
        "观测到",
        RESULT,
        _forms(
            "observed",
        ),
        ("观测到",),
    ),
    Action("证明", RESULT, _forms("shown", "showed"), ("证明",)),
    Action("研制出", RESULT, _forms("built", "created", "fabricated", "engineered"), ("研制出",)),
    Action(
        "开发出",
        RESULT,
        _forms(
            "developed",
        ),
        ("开发出",),
    ),
    Action(
        "报告",
        REPORT,
        _forms(
            "reported",
        ),
        (),
    ),
    Action("降低", CHANGE, _forms("cut", "cuts", "lowered", "lowers", "reduced", "reduces"), ()),
    Action("下降", CHANGE, _forms("fell", "falls", "dropped", "drops", "declined"), ("下降",)),
    Action("增长", CHANGE, _forms("rose", "rises", "grew", "grows", "increased", "jumped"), ()),
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
