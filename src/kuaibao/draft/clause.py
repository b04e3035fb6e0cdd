"""Who did what to what, for how much: one clause read from one source sentence.

A clause is built only from what the fact finders and the lexicons located in the
sentence — the actor is a gazetteer organisation, a name the source marks as an
organisation (kept in its spelling), a country named as subject, a research team or the
publisher of a cited report; the amount a money fact; the object a gazetteer programme or
law or lexicon terms; a thing may be the subject of a result or change ("Launch prices
fell 18%") — so a draft rendered from it states nothing its source does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kuaibao.draft.actions import (
    ANNOUNCE,
    APPROVE,
    CHANGE,
    DEAL,
    EFFECT,
    FUND,
    OTHER,
    PROPOSE,
    PUBLISH,
    RECEIVE,
    RECORD,
    REPORT,
    RESULT,
    ActionHit,
)
from kuaibao.draft.attribution import attribution
from kuaibao.draft.lexicon import TermHit
from kuaibao.draft.parts import Actor, Sentence, actor_of, together
from kuaibao.draft.subject import (
    RESEARCHERS,
    researcher_subject,
    subject_phrase,
    team_members,
    team_of,
)
from kuaibao.facts.model import MoneyFact, OrgFact, PercentFact, PlaceFact

__all__ = ["Actor", "Amount", "Clause", "Sentence", "actor_of", "build_clause", "group_amounts"]

NAMED_KINDS = frozenset({"programme", "law", "strategy", "event"})
PROGRAMME_HEADS = frozenset(
    {"计划", "项目", "基金", "战略", "中心", "研究中心", "行动计划", "路线图", "竞赛", "任务"}
)
_GOVERNMENT_RE = re.compile(r"(?i)^(?:'s)?\s*(?:federal\s+|national\s+)?government\b|^政府")
_PLACE_SUBJECT_GAP_RE = re.compile(r"^[^,，;；:：()（）]{0,25}$")
_PRONOUN_GAP_RE = re.compile(r"^\s*(?:[A-Za-z']+\s+){0,3}$")  # "The agency will also fund"
_PRONOUN_RE = re.compile(
    r"(?i)^(?:the (?:agency|department|ministry|council|company|organi[sz]ation|"
    r"foundation|institute|university|government|funder|office|commission|laboratory|lab|"
    r"firm|group|body|regulator))\b|^(?:该|其|这家|这所)"
)
_AND_RE = re.compile(r"(?i)^\s*(?:,\s*)?(?:and|&)\s+(?:the\s+)?$|^\s*[、和与及]\s*$")
_JOIN_RE = re.compile(
    r"(?i)^(?:\s*,?\s*(?:and|or|&)\s+(?:an?\s+|the\s+)?|\s*,\s*|\s*/\s*|[、和与及])$"
)
_HEAD_AFTER_RE = re.compile(
    r"(?i)^[\s-]*(?:(?!(?:in|for|to|of|on|with|at|by|from|and|or)\b)[A-Za-z]+[\s-]+)?$"
)
_HEAD_BEFORE_RE = re.compile(
    r"(?i)^\s+(?:on|in|into|for|of|about|to|around|covering|addressing)\s+(?:the\s+)?$"
)
_VERB_HEAD_RE = re.compile(
    r"(?i)^\s*(?:(?:a|an|the|its|their|new|first|latest)\s+){0,3}(?:\s*\([^)]*\))?\s*$"
)
_RECIPIENT_RE = re.compile(r"(?i)\bto\s+(?:the\s+)?(?:[A-Z][\w]*-based\s+)?$|向$|给$")
_PARTNER_RE = re.compile(r"(?i)\bwith\s+(?:the\s+)?$|^\s*与$")
_BASIS_RE = re.compile(r"(?i)\b(?:under|through|via|from)\s+(?:the\s+)?$|根据$|依据$")
_BY_RE = re.compile(r"(?i)\s+by\s+(?:the\s+)?")
_AMOUNT_GAP_RE = re.compile(r"(?i)^\s*(?:(?:a|an|the|another|an additional|additional)\s+)?$")
_WORTH_RE = re.compile(r"(?i)\b(?:worth|valued at|value of|costing)\s+(?:up to\s+)?$|价值$")
_PASSIVE_GAP_RE = re.compile(r"^\s*(?:in\s+\w+\s+)?$")
_RANGE_GAP_RE = re.compile(r"(?i)^\s*(?:-|–|—|to|and|至|到|~|～)\s*$")
_EACH_RE = re.compile(r"(?i)^\s*(?:each|apiece)\b|^\s*(?:per year|a year|annually|per annum|每年)")
HEDGES = {"over": "超过", "about": "约", "under": "不超过"}
_AGENT_GAP_RE = re.compile(r"(?i)^\s+by\s+(?:the\s+|a\s+|an\s+)?(?:[A-Za-z-]+\s+){0,2}?$")
_PLACE_BODY_RE = re.compile(
    r"(?i)^['’]s\s+(?:[a-z]+\s+){0,2}(?:ministry|department|agency|regulator|office)\b"
    r"(?:\s+(?:has|have|will|is|plans|said))?\s*$"
)
_TARGET_GAP_RE = re.compile(
    r"(?i)^\s+(?:(?:a|an|the|its)\s+)?"
    r"(?:(?!(?:with|to|for|in|of|from|by|on|at|and|or)\b)[a-z-]+\s+){0,3}$"
)
_PURPOSE_RE = re.compile(r"(?i)\bto\s+(?:[a-z]+\s+and\s+)?$")
_PRICE_RE = re.compile(r"(?i)\bfor\s+(?:about\s+|around\s+|some\s+)?$")
_SOURCE_RE = re.compile(r"(?i)\bfrom\s+(?:the\s+)?(?:[a-z]+\s+){0,3}(?:of\s+(?:the\s+)?)?[A-Z]")
_NOUN_AFTER_RE = re.compile(
    r"(?i)^\s*(?:\([^)]{0,40}\)\s*)?(?:[A-Za-z-]+\s+){0,2}?"
    r"(grant|subsidy|award|contract|deal|agreement|funding)s?\b"
)
_AMOUNT_NOUNS = {
    "grant": "资助",
    "subsidy": "资助",
    "award": "资助",
    "funding": "资助",
    "contract": "合同",
    "deal": "协议",
    "agreement": "协议",
}
_ATTRIBUTIVE_RE = re.compile(
    r"(?i)^\s*(?:\([^)]{0,40}\)\s*)?(?!(?:in|to|for|from|under|over|into|on|of|by|with|at|and|"
    r"or|as|per|a|an|the|each|apiece|this|next|last|between|toward|towards|through|across|"
    r"will|would|is|was|has|have|had|a year|annually|in total)\b)[A-Za-z]"
)
_NEAR_OBJECT_KINDS = frozenset({RESULT, OTHER})
_NEAR_GAP_RE = re.compile(
    r"(?i)^\s*(?:(?!(?:on|in|at|with|from|for|by|to|into|of|that|which|while|after|before)\b)"
    r"[\w,.'’-]+\s+){0,5}$"
)
_THING_KINDS = frozenset({EFFECT, CHANGE, RECORD})  # rules take effect, prices fall
_CLOSE_KINDS = frozenset({RESULT, REPORT})  # "…, where it finds" is not Congress finding
_CLOSE_GAP_RE = re.compile(
    r"(?i)^(?:(?!(?:that|which|where|who|when|while|but|because|it|they|and)\b)[\w'’-]+\s+|,?\s+)"
    r"{0,5}$"
)
_IN_DEAL_RE = re.compile(r"(?i)\bin\s+(?:a|an)?\s*$")
_THAT_RE = re.compile(r"(?i)^\s+that\b")
_DEAL_WORTH_RE = re.compile(r"(?i)\b(?:deal|agreement|transaction)\s+(?:worth|valued)\b")
_HOW_RE = re.compile(r"(?i)^\s+(?:how|why)\b")
_CHANGE_GAP_RE = re.compile(
    r"(?i)^(?:[^,;.]{0,60}?\bby\s+(?:an?\s+average\s+of\s+|about\s+|around\s+|up\s+to\s+)?"
    r"|\s*(?:by\s+)?(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+)?)$"
)
_RECORD_OF_RE = re.compile(r"(?i)^\s+of\s+$")
_EFFICIENCY_RE = re.compile(r"(?i)^\s+(?:conversion\s+)?efficiency\b")
_VENUE_RE = re.compile(r"(?i)^\s+(?:in|to|into|before)\s+(?:the\s+)?$")
_TRAILING_AFTER_RE = re.compile(
    r"(?i)^\s*(?:today|yesterday|this week|on\s+\w+(?:\s+\d+)?(?:,?\s+\d{4})?|"
    r"[A-Z][a-z]+day)?\s*(?:[,.;]|$)"
)
PURPOSE_VERBS = frozenset({"建设", "扩大", "新增", "研发", "部署", "清除", "建造", "运行"})
# A document verb needs a document: 发布人工智能 says nothing, 发布人工智能相关文件 does.
_BARE_TERM_NOUNS = {PUBLISH: "相关文件", PROPOSE: "相关举措", APPROVE: "相关事项"}
_HEAD_ENDING_TEXT = (
    "计划 项目 战略 路线图 报告 框架 指南 标准 规则 法规 法案 政策 白皮书 倡议 举措 方案 "
    "文件 立法 评估 研究 中心 协议 备忘录 合同 关系"
)
_HEAD_ENDINGS = tuple(_HEAD_ENDING_TEXT.split())


@dataclass(frozen=True)
class Amount:
    """A sum as the draft prints it, and the facts it comes from."""

    zh: str
    facts: tuple[MoneyFact, ...]


@dataclass(frozen=True)
class Clause:
    """One sentence's actor, action, amount and object, each optional."""

    actor: Actor | None = None
    verb: str = ""
    kind: str = ""
    tense: str = ""
    passive: bool = False
    amount: Amount | None = None
    amount_follows: bool = False  # the amount is the verb's object: 批准20亿欧元
    amount_worth: bool = False  # the amount is what the object is worth: 价值29亿美元的……
    obj: str = ""
    programme_like: bool = False  # the object can take the amount as attribute
    bare_head: bool = False  # the object is only a head noun (计划), no term
    basis: str = ""  # the law a grant is made under: 根据《芯片和科学法案》
    recipient: Actor | None = None
    percentages: tuple[PercentFact, ...] = ()
    subject: str = ""  # a thing as subject when no organisation acts: 探空火箭实验
    purpose: str = ""  # what the money or deal is for: 建设 (用于建设……)
    amount_noun: str = ""  # what the sum is: 资助 (a grant), 合同 (a contract)
    amount_price: bool = False  # the sum is a price: 以3.1亿美元收购……
    amount_attr: bool = False  # the sum sizes the object: 18亿美元先进封装工厂
    amount_source: bool = False  # the object is where the money comes from: 从……拨付
    change: str = ""  # the percentage a change or record verb states: 62%
    change_measure: str = ""  # what the record measures: 效率
    venue: Actor | None = None  # where a bill was introduced: 英国下议院
    finding: bool = False  # "reveal how …": the object is a mechanism
    clausal: bool = False  # "have shown that …": the object is a clause no term can give

    def merged(self, fallback: Clause) -> Clause:
        """This clause with its empty parts taken from ``fallback``.

        A clause with a thing as subject keeps it: an organisation from another sentence
        is not made the doer of this sentence's verb.
        """
        verb: Clause = self if self.verb else fallback
        amount = self if self.amount else fallback
        obj: Clause = self
        if not self.clausal and (
            not self.obj or (self.bare_head and fallback.obj.endswith(self.obj))
        ):
            obj = fallback
        actor = self.actor or (None if self.subject else fallback.actor)
        return replace(
            self,
            actor=actor,
            verb=verb.verb,
            kind=verb.kind,
            tense=verb.tense,
            passive=verb.passive and not actor,
            amount=amount.amount,
            amount_follows=amount.amount_follows,
            amount_worth=amount.amount_worth,
            amount_noun=amount.amount_noun,
            amount_price=amount.amount_price,
            amount_attr=amount.amount_attr,
            amount_source=amount.amount_source,
            obj=obj.obj,
            programme_like=obj.programme_like,
            bare_head=obj.bare_head,
            purpose=obj.purpose if obj.obj else verb.purpose,
            finding=obj.finding,
            basis=self.basis or fallback.basis,
            recipient=_other(self.recipient or fallback.recipient, actor),
            subject=self.subject or (fallback.subject if not actor else ""),
            change=verb.change,
            change_measure=verb.change_measure,
            venue=verb.venue,
        )


def _other(recipient: Actor | None, actor: Actor | None) -> Actor | None:
    """The recipient or partner, unless the actor already names it."""
    if recipient is None or (actor is not None and set(recipient.keys) <= set(actor.keys)):
        return None
    return recipient


def money_zh(fact: MoneyFact, upper: MoneyFact | None = None) -> str:
    """``11亿英镑``, ``超过11亿英镑``, or a range ``200亿至300亿美元``."""
    if upper is not None:
        currency = upper.zh[len(_number_part(upper.zh)) :]
        return f"{fact.zh.removesuffix(currency)}至{upper.zh}"
    return HEDGES.get(fact.approx or "", "") + fact.zh


def _number_part(zh: str) -> str:
    match = re.match(r"[\d.]+(?:万亿|亿|万)?", zh)
    return match.group(0) if match else ""


def _qualified(zh: str, after: str) -> str:
    """``各3500万英镑`` for "£35 million each", ``每年……`` for "a year"."""
    match = _EACH_RE.match(after[:16])
    if match is None:
        return zh
    return ("各" if match.group(0).strip().lower() in ("each", "apiece") else "每年") + zh


def group_amounts(money: list[MoneyFact], text: str) -> list[Amount]:
    """Sums as printed, the two ends of a range (``$20-30 billion``) as one."""
    amounts: list[Amount] = []
    index = 0
    while index < len(money):
        first = money[index]
        second = money[index + 1] if index + 1 < len(money) else None
        if (
            second is not None
            and second.currency == first.currency
            and _RANGE_GAP_RE.match(text[first.end : second.start])
        ):
            amounts.append(Amount(money_zh(first, second), (first, second)))
            index += 2
            continue
        amounts.append(Amount(_qualified(money_zh(first), text[first.end :]), (first,)))
        index += 1
    return amounts


def _actor(org: OrgFact, members: list[OrgFact]) -> Actor:
    """An organisation as actor; one where researchers work acts as its team."""
    if any(m.start == org.start for m in members):
        return team_of([org]) or actor_of(org)
    return actor_of(org)


def _actor_before(orgs: list[OrgFact], at: int, text: str, members: list[OrgFact]) -> Actor | None:
    """The organisation nearest before ``at``, joined with one before it by "and"."""
    before = [o for o in orgs if o.end <= at]
    if not before:
        return None
    actor = _actor(before[-1], members)
    if len(before) > 1 and _AND_RE.match(text[before[-2].end : before[-1].start]):
        other = _actor(before[-2], members)
        if other.keys != actor.keys:
            return together(other, actor)
    return actor


def _agent(sentence: Sentence, orgs: list[OrgFact], action: ActionHit) -> OrgFact | None:
    """Who did a passive verb: "published by the Meridian Institute", "developed by the
    Dutch company Lodestar Therapeutics"."""
    for org in orgs:
        if org.start >= action.end and _AGENT_GAP_RE.match(sentence.text[action.end : org.start]):
            return org
    return None


def _pick_action(
    sentence: Sentence, orgs: list[OrgFact], inherit: Actor | None, team: Actor | None
) -> tuple[ActionHit | None, Actor | None]:
    """The main action and its actor: the first action an organisation stands before."""
    text = sentence.text
    members = team_members(sentence)
    if researcher_subject(sentence):
        researchers = team_of(members) or team or RESEARCHERS
        for action in sentence.actions:
            if not action.passive:
                return action, researchers
    for action in sentence.actions:
        if action.kind in _THING_KINDS:
            continue
        if action.passive:
            agent = _agent(sentence, orgs, action)
            if agent is not None:
                return replace(action, passive=False), _actor(agent, members)
            continue
        near = orgs
        if action.kind in _CLOSE_KINDS:
            near = [o for o in orgs if _CLOSE_GAP_RE.match(text[o.end : action.start])]
        actor = _actor_before(near, action.start, text, members)
        if actor is not None:
            return action, actor
    for action in sentence.actions:
        if action.passive or action.kind in _THING_KINDS:
            continue
        place = _place_subject(sentence, action)
        if place is not None:
            return action, place
        pronoun = _PRONOUN_RE.match(sentence.words)
        gap = text[sentence.start + pronoun.end() : action.start] if pronoun else ""
        if inherit is not None and pronoun and _PRONOUN_GAP_RE.match(gap):
            return action, inherit
    for action in sentence.actions:
        return action, None
    return None, None


def _place_subject(sentence: Sentence, action: ActionHit) -> Actor | None:
    """A country as subject: ``The UK government will …`` or ``Japan will …``."""
    text = sentence.text
    for place in sentence.facts.places:
        if place.end > action.start:
            break
        lead = text[sentence.start : place.start].strip().lower()
        gap = text[place.end : action.start]
        if lead not in ("", "the") or not _PLACE_SUBJECT_GAP_RE.match(gap):
            continue
        if _GOVERNMENT_RE.match(gap):
            return Actor(f"{place.zh}政府", f"{place.zh}政府", (f"{place.code}:government",))
        if gap.strip().lower() in ("", "will", "has", "have", "is", "to", "将", "已"):
            return _place_actor(place)
        if _PLACE_BODY_RE.match(gap):  # "South Korea's science ministry has announced"
            return _place_actor(place)
    return None


def _place_actor(place: PlaceFact) -> Actor:
    return Actor(place.zh, place.zh, (place.code,))


def _terms_object(sentence: Sentence, after: int, head: TermHit | None) -> tuple[str, bool]:
    """Joined terms (量子计算和量子传感) with their head noun (研究中心), if any."""
    terms = [t for t in sentence.terms if t.start >= after]
    if not terms and head is None:  # a bare "announced £1.1 billion" is about the story's terms
        terms = sentence.terms
    if not terms:
        return "", False
    text = sentence.text
    chosen = [terms[0]]
    for term in terms[1:]:
        if len(chosen) == 3 or not _JOIN_RE.match(text[chosen[-1].end : term.start]):
            break
        if term.zh not in (c.zh for c in chosen):
            chosen.append(term)
    names = [c.zh for c in chosen]
    joined = names[0] if len(names) == 1 else "、".join(names[:-1]) + "和" + names[-1]
    noun = head.zh if head else _head_for(sentence, chosen[0], chosen[-1])
    if noun and not joined.endswith(noun):
        return joined + noun, noun in PROGRAMME_HEADS
    return joined, False


def _head_for(sentence: Sentence, first: TermHit, last: TermHit) -> str:
    text = sentence.text
    for head in sentence.heads:
        if head.start >= last.end and _HEAD_AFTER_RE.match(text[last.end : head.start]):
            return head.zh
        if head.end <= first.start and _HEAD_BEFORE_RE.match(text[head.end : first.start]):
            return head.zh
    return ""


def _verb_head(sentence: Sentence, action: ActionHit | None) -> TermHit | None:
    """The noun a document or deal verb takes: "signed an agreement", "released a report"."""
    if action is None or action.kind in (FUND, ANNOUNCE):
        return None
    for head in sentence.heads:
        if head.start >= action.end:
            gap = sentence.text[action.end : head.start]
            for money in sentence.facts.money:  # "signed a $640 million contract"
                if action.end <= money.start and money.end <= head.start:
                    gap = gap.replace(money.text, " ")
            return head if _VERB_HEAD_RE.match(gap) else None
    return None


def _named(sentence: Sentence, after: int, kinds: frozenset[str]) -> OrgFact | None:
    named = [o for o in sentence.facts.organisations if o.kind in kinds]
    return next((o for o in named if o.start >= after), named[0] if named else None)


def _has_head(obj: str) -> bool:
    return obj.endswith(_HEAD_ENDINGS)


def _target(sentence: Sentence, orgs: list[OrgFact], action: ActionHit) -> OrgFact | None:
    """The organisation a deal is about: "agreed to buy Lumira Photonics", "acquire Keyward"."""
    if action.zh != "收购":
        return None
    for org in orgs:
        if org.start >= action.end:
            return org if _TARGET_GAP_RE.match(sentence.text[action.end : org.start]) else None
    return None


def _object(
    sentence: Sentence,
    action: ActionHit | None,
    *,
    amount_follows: bool = False,
    after: int | None = None,
) -> tuple[str, bool, bool]:
    """The object, whether it is programme-like, and whether it is a bare head noun."""
    if after is None:
        after = action.end if action else sentence.start
    kind = action.kind if action else ""
    # What a grant supports is a programme, not the law it is made under.
    funds = kind in (FUND, RECEIVE)
    named = _named(sentence, after, NAMED_KINDS - {"law"} if funds else NAMED_KINDS)
    verb_head = _verb_head(sentence, action)
    terms, programme_like = _terms_object(sentence, after, verb_head)
    first_term = next((t.start for t in sentence.terms if t.start >= after), None)
    named_first = named is not None and first_term is not None and after <= named.start < first_term
    if named is not None and (kind != FUND or not terms or named_first):
        return named.zh, True, False
    if terms and kind in _BARE_TERM_NOUNS and not _has_head(terms) and not amount_follows:
        return terms + _BARE_TERM_NOUNS[kind], False, False
    if kind in _NEAR_OBJECT_KINDS and not _near(sentence, after):
        return "", False, False  # "fabricated devices on a wafer": the wafer is not the object
    if terms:
        return terms, programme_like, False
    if action is not None and kind not in (FUND, ANNOUNCE):
        heads = [verb_head] if verb_head else [h for h in sentence.heads if h.start >= after]
        if heads:
            return heads[0].zh, heads[0].zh in PROGRAMME_HEADS, True
    return "", False, False


def _near(sentence: Sentence, after: int) -> bool:
    """The first term or named object after ``after`` follows the verb directly (no
    preposition, a few words at most, sums aside)."""
    starts = [t.start for t in [*sentence.terms, *sentence.heads] if t.start >= after]
    starts += [o.start for o in sentence.facts.organisations if o.start >= after]
    if not starts:
        return False
    gap = sentence.text[after : min(starts)]
    for money in sentence.facts.money:
        gap = gap.replace(money.text, " ")
    return bool(_NEAR_GAP_RE.match(gap))


def _purpose(sentence: Sentence, action: ActionHit) -> ActionHit | None:
    """What the money is for: "to build …", "to capture and remove …" (用于建设……)."""
    text = sentence.text
    for later in sentence.actions:
        if later.start <= action.end or later.start - action.end > 120:
            continue
        if later.zh in PURPOSE_VERBS and _PURPOSE_RE.search(text[later.start - 24 : later.start]):
            return later
    return None


def _change(sentence: Sentence, action: ActionHit) -> tuple[str, str, str]:
    """The percentage a change or record verb states ("cuts … by 62%"), 平均 or 效率, and
    what changed when the verb takes an object ("cuts LDL cholesterol by 62%")."""
    text = sentence.text
    for pct in sentence.facts.percentages:
        if pct.start < action.end:
            continue
        gap = text[action.end : pct.start]
        hedge = HEDGES.get(pct.approx or "", "")
        if action.kind == RECORD and _RECORD_OF_RE.match(gap):
            measure = "效率" if _EFFICIENCY_RE.match(text[pct.end : pct.end + 24]) else ""
            return hedge + pct.zh, measure, ""
        if action.kind == CHANGE and _CHANGE_GAP_RE.match(gap):
            changed = [t for t in sentence.terms if action.end <= t.start and t.end <= pct.start]
            measure = "平均" if "average" in gap.lower() else ""
            return hedge + pct.zh, measure, changed[0].zh if changed else ""
        break
    return "", "", ""


def _amount_noun(sentence: Sentence, amount: Amount) -> str:
    """What a sum is, from the noun right after it: a grant (资助), a contract (合同)."""
    match = _NOUN_AFTER_RE.match(sentence.text[amount.facts[-1].end : amount.facts[-1].end + 60])
    return _AMOUNT_NOUNS[match.group(1).lower()] if match else ""


def _venue(sentence: Sentence, orgs: list[OrgFact], action: ActionHit) -> Actor | None:
    """Where a bill was introduced: "introduced in the House of Commons"."""
    for org in orgs:
        if org.start >= action.end:
            gap = sentence.text[action.end : org.start]
            return actor_of(org) if _VENUE_RE.match(gap) else None
    return None


def _trailing(sentence: Sentence, action: ActionHit) -> bool:
    """ "…, the government announced today": the attribution follows what was announced."""
    if action.kind != ANNOUNCE:
        return False
    after = sentence.text[action.end : sentence.end]
    before = sentence.text[sentence.start : action.start]
    return bool(_TRAILING_AFTER_RE.match(after)) and "," in before


def _combined(sentence: Sentence, action: ActionHit) -> ActionHit:
    """``announced plans to invest`` reads as one funding action: 宣布计划投资."""
    if action.kind not in (ANNOUNCE, PROPOSE):
        return action
    for later in sentence.actions:
        if later.start > action.end and later.kind == FUND and later.start - action.end < 60:
            verb = f"{action.zh}{later.tense}{later.zh}"
            return ActionHit(action.start, later.end, verb, FUND, action.tense)
    return action


def _recipient(sentence: Sentence, orgs: list[OrgFact], action: ActionHit) -> Actor | None:
    """Who a grant goes to ("awarded $1.5 billion to GlobalFoundries"), or a deal's partner
    ("signed an agreement with JST")."""
    pattern = {FUND: _RECIPIENT_RE, DEAL: _PARTNER_RE}.get(action.kind)
    if pattern is None:
        return None
    for org in orgs:
        if org.start > action.end and pattern.search(sentence.text[action.end : org.start]):
            return actor_of(org)
    return None


def _basis(sentence: Sentence, action: ActionHit) -> str:
    """The law a grant is made under: "under the CHIPS and Science Act"."""
    if action.kind not in (FUND, RECEIVE):
        return ""
    for org in sentence.facts.organisations:
        if org.kind == "law" and _BASIS_RE.search(
            sentence.text[max(0, org.start - 12) : org.start]
        ):
            return org.zh
    return ""


def _headline_passive(sentence: Sentence, action: ActionHit, actor: Actor | None) -> bool:
    """ "£50 million awarded for …": a sum right before a past participle, no actor."""
    if action.passive or actor is not None or action.kind != FUND:
        return action.passive
    if not sentence.text[action.start : action.end].lower().endswith("ed"):
        return False
    return any(
        m.end <= action.start and _PASSIVE_GAP_RE.match(sentence.text[m.end : action.start])
        for m in sentence.facts.money
    )


def _no_action(sentence: Sentence, orgs: list[OrgFact]) -> Clause:
    obj, programme_like, bare = _object(sentence, None)
    return Clause(
        actor=actor_of(orgs[0]) if orgs else None,
        amount=next(iter(group_amounts(sentence.facts.money[:2], sentence.text)), None),
        obj=obj,
        programme_like=programme_like,
        bare_head=bare,
        percentages=tuple(sentence.facts.percentages),
    )


def _report(sentence: Sentence, action: ActionHit | None, actor: Actor | None) -> Clause | None:
    """The report a sentence cites, as the clause, when no one else clearly acts."""
    report = attribution(sentence)
    if report is None:
        return None
    other = actor is not None and action is not None and actor.keys != report.actor.keys
    if (
        other
        and action is not None
        and (action.kind not in (PUBLISH, ANNOUNCE) or action.start < report.start)
    ):
        return None
    return Clause(actor=report.actor, verb="发布", kind=PUBLISH, obj=report.obj)


def build_clause(
    sentence: Sentence,
    *,
    inherit: Actor | None = None,
    team: Actor | None = None,
    headline: bool = False,
) -> Clause:
    """The clause one sentence supports; parts the sentence lacks stay empty.

    ``inherit`` is who "it" or "the agency" stands for, ``team`` who "researchers" are;
    ``headline`` reads a participle with no auxiliary as passive ("Bill introduced").
    """
    orgs = [o for o in sentence.organisations() if o.kind not in NAMED_KINDS]
    action, actor = _pick_action(sentence, orgs, inherit, team)
    report = _report(sentence, action, actor)
    if report is not None:
        return report
    if action is None:
        return _no_action(sentence, orgs)
    text = sentence.text
    trailing = _trailing(sentence, action)
    if not trailing:
        action = _combined(sentence, action)
    if headline and actor is None and _participle(text[action.start : action.end]):
        action = replace(action, passive=True)
    money = [m for m in sentence.facts.money if m.start >= action.start]
    if action.passive:  # "£50 million (was) awarded for …"; what follows is not the sum
        money = [m for m in sentence.facts.money if m.end <= action.start]
    elif not money and actor is None:
        money = sentence.facts.money
    if trailing:
        money = [m for m in sentence.facts.money if m.end <= action.start] or money
    amount = next(iter(group_amounts(money[:2], text)), None)
    recipient = _other(_recipient(sentence, orgs, action), actor)
    follows = (
        amount is not None
        and amount.facts[0].start >= action.end
        and bool(_AMOUNT_GAP_RE.match(text[action.end : amount.facts[0].start]))
    )
    purpose = _purpose(sentence, action)
    target = _target(sentence, orgs, action)
    start = sentence.start if trailing else (purpose.end if purpose else action.end)
    obj, programme_like, bare = _object(sentence, action, amount_follows=follows, after=start)
    if target is not None:
        obj, programme_like, bare = actor_of(target).full, False, False
    clausal = action.kind in (RESULT, PROPOSE) and bool(
        _THAT_RE.match(text[action.end : action.end + 8])
    )
    if (trailing and amount is None) or clausal:
        obj, programme_like, bare = "", False, False  # what was said or found is a clause
    at = amount.facts[0].start if amount else 0
    worth = amount is not None and bool(_WORTH_RE.search(text[max(0, at - 24) : at]))
    change, measure, changed = _change(sentence, action)
    if action.kind == CHANGE:
        obj, programme_like, bare = changed, False, False
    noun = _amount_noun(sentence, amount) if amount else ""
    if (worth and _DEAL_WORTH_RE.search(text[max(0, at - 40) : at])) or (
        noun == "协议" and _IN_DEAL_RE.search(text[max(0, at - 8) : at])
    ):
        noun = "交易"
    subject = "" if actor else subject_phrase(sentence, action.start)
    return Clause(
        actor=actor,
        verb=action.zh,
        kind=action.kind,
        tense=action.tense,
        passive=_headline_passive(sentence, action, actor),
        amount=amount,
        amount_follows=follows,
        amount_worth=worth,
        obj=obj,
        programme_like=programme_like,
        bare_head=bare,
        basis=_basis(sentence, action),
        recipient=recipient,
        percentages=tuple(sentence.facts.percentages),
        subject=subject,
        purpose=purpose.zh if purpose and obj else "",
        amount_noun=noun,
        amount_price=amount is not None and bool(_PRICE_RE.search(text[max(0, at - 16) : at])),
        amount_attr=amount is not None and _attributive(sentence, amount, start),
        amount_source=trailing and bool(_SOURCE_RE.search(text[sentence.start : action.start])),
        change=change,
        change_measure=measure,
        venue=_venue(sentence, orgs, action) if action.passive else None,
        finding=bool(_HOW_RE.match(text[action.end : action.end + 10])),
        clausal=clausal,
    )


def _participle(word: str) -> bool:
    return word.lower().endswith("ed") or word.lower() in ("built", "shown", "found", "sold")


def _attributive(sentence: Sentence, amount: Amount, after: int) -> bool:
    """ "a $1.8 billion advanced packaging plant": the sum sizes the object after it (and
    not "orders reactors in a $7.4 billion project", where it comes after the object)."""
    end = amount.facts[-1].end
    first = min(
        (t.start for t in [*sentence.terms, *sentence.heads] if t.start >= after), default=0
    )
    return end <= first and bool(_ATTRIBUTIVE_RE.match(sentence.text[end : end + 60]))
