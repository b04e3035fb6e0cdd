"""Who did what to what, for how much: one clause read from one source sentence.

A clause is built only from what the fact finders and the lexicons located in the
sentence — the actor is a gazetteer organisation (or a country named as subject), the
amount a money fact, the object a gazetteer programme or law or lexicon terms — so a
draft rendered from it states nothing its source does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kuaibao.draft.actions import ANNOUNCE, APPROVE, DEAL, FUND, PROPOSE, PUBLISH, ActionHit
from kuaibao.draft.lexicon import TermHit
from kuaibao.facts.model import Facts, MoneyFact, OrgFact, PercentFact, PlaceFact

NAMED_KINDS = frozenset({"programme", "law", "strategy", "event"})
PROGRAMME_HEADS = frozenset(
    {"计划", "项目", "基金", "战略", "中心", "研究中心", "行动计划", "路线图", "竞赛", "任务"}
)
_PAREN_RE = re.compile(r"[（(][^（）()]*[）)]$")
_GOVERNMENT_RE = re.compile(r"(?i)^(?:'s)?\s*(?:federal\s+|national\s+)?government\b|^政府")
_PLACE_SUBJECT_GAP_RE = re.compile(r"^[^,，;；:：()（）]{0,25}$")
_PRONOUN_RE = re.compile(
    r"(?i)^(?:it|they|the (?:agency|department|ministry|council|company|organi[sz]ation|"
    r"foundation|institute|university|government|funder|office|commission|laboratory|lab|"
    r"firm|group|body|regulator))\b|^(?:该|其|这家|这所)"
)
_AND_RE = re.compile(r"(?i)^\s*(?:,\s*)?(?:and|&)\s+(?:the\s+)?$|^\s*[、和与及]\s*$")
_JOIN_RE = re.compile(r"(?i)^(?:\s*,?\s*(?:and|or|&)\s+|\s*,\s*|\s*/\s*|[、和与及])$")
_HEAD_AFTER_RE = re.compile(r"^[\s-]*(?:[A-Za-z]+[\s-]+)?$")
_HEAD_BEFORE_RE = re.compile(
    r"(?i)^\s+(?:on|in|into|for|of|about|to|around|covering|addressing)\s+(?:the\s+)?$"
)
_VERB_HEAD_RE = re.compile(r"(?i)^\s*(?:(?:a|an|the|its|their|new|first|latest)\s+){0,3}$")
_RECIPIENT_RE = re.compile(r"(?i)\bto\s+(?:the\s+)?$|向$|给$")
_PARTNER_RE = re.compile(r"(?i)\bwith\s+(?:the\s+)?$|^\s*与$")
_BASIS_RE = re.compile(r"(?i)\b(?:under|through|via|from)\s+(?:the\s+)?$|根据$|依据$")
_BY_RE = re.compile(r"(?i)\s+by\s+(?:the\s+)?")
_AMOUNT_GAP_RE = re.compile(r"(?i)^\s*(?:(?:a|an|the|another|an additional|additional)\s+)?$")
_WORTH_RE = re.compile(r"(?i)\b(?:worth|valued at|value of|costing)\s+(?:up to\s+)?$|价值$")
_PASSIVE_GAP_RE = re.compile(r"^\s*(?:in\s+\w+\s+)?$")
_RANGE_GAP_RE = re.compile(r"(?i)^\s*(?:-|–|—|to|and|至|到|~|～)\s*$")
_EACH_RE = re.compile(r"(?i)^\s*(?:each|apiece)\b|^\s*(?:per year|a year|annually|per annum|每年)")
HEDGES = {"over": "超过", "about": "约", "under": "不超过"}
# A document verb needs a document: 发布人工智能 says nothing, 发布人工智能相关文件 does.
_BARE_TERM_NOUNS = {PUBLISH: "相关文件", PROPOSE: "相关举措", APPROVE: "相关事项"}
_HEAD_ENDING_TEXT = (
    "计划 项目 战略 路线图 报告 框架 指南 标准 规则 法规 法案 政策 白皮书 倡议 举措 方案 "
    "文件 立法 评估 研究 中心 协议 备忘录 合同 关系"
)
_HEAD_ENDINGS = tuple(_HEAD_ENDING_TEXT.split())


@dataclass(frozen=True)
class Actor:
    """Who acted: the full Chinese name for a first mention, the short one after."""

    full: str
    short: str
    keys: tuple[str, ...]


def actor_of(org: OrgFact) -> Actor:
    """The actor an organisation names: ``英国研究与创新署（UKRI）`` / ``英国研究与创新署``."""
    return Actor(org.zh, _PAREN_RE.sub("", org.zh) or org.zh, (org.canonical,))


def _together(first: Actor, second: Actor) -> Actor:
    """``A与B``: two organisations acting jointly."""
    return Actor(
        f"{first.full}与{second.full}", f"{first.short}与{second.short}", first.keys + second.keys
    )


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

    def merged(self, fallback: Clause) -> Clause:
        """This clause with its empty parts taken from ``fallback``."""
        verb = (self.verb, self.kind, self.tense, self.passive)
        if not self.verb:
            verb = (fallback.verb, fallback.kind, fallback.tense, fallback.passive)
        amount = self if self.amount else fallback
        obj: Clause = self
        if not self.obj or (self.bare_head and fallback.obj.endswith(self.obj)):
            obj = fallback
        return replace(
            self,
            actor=self.actor or fallback.actor,
            verb=verb[0],
            kind=verb[1],
            tense=verb[2],
            passive=verb[3] and not (self.actor or fallback.actor),
            amount=amount.amount,
            amount_follows=amount.amount_follows,
            amount_worth=amount.amount_worth,
            obj=obj.obj,
            programme_like=obj.programme_like,
            bare_head=obj.bare_head,
            basis=self.basis or fallback.basis,
            recipient=_other(self.recipient or fallback.recipient, self.actor or fallback.actor),
        )


def _other(recipient: Actor | None, actor: Actor | None) -> Actor | None:
    """The recipient or partner, unless the actor already names it."""
    if recipient is None or (actor is not None and set(recipient.keys) <= set(actor.keys)):
        return None
    return recipient


@dataclass(frozen=True)
class Sentence:
    """One source sentence (or title) with everything found in it."""

    text: str  # the whole document text the spans refer to
    start: int
    end: int
    facts: Facts
    terms: list[TermHit]
    heads: list[TermHit]
    actions: list[ActionHit]

    @property
    def words(self) -> str:
        return self.text[self.start : self.end]


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


def _actor_before(orgs: list[OrgFact], at: int, text: str) -> Actor | None:
    """The organisation nearest before ``at``, joined with one before it by "and"."""
    before = [o for o in orgs if o.end <= at]
    if not before:
        return None
    actor = actor_of(before[-1])
    if len(before) > 1 and _AND_RE.match(text[before[-2].end : before[-1].start]):
        other = actor_of(before[-2])
        if other.keys != actor.keys:
            return _together(other, actor)
    return actor


def _pick_action(
    sentence: Sentence, orgs: list[OrgFact], inherit: Actor | None
) -> tuple[ActionHit | None, Actor | None]:
    """The main action and its actor: the first action an organisation stands before."""
    text = sentence.text
    for action in sentence.actions:
        if action.passive:
            by = _BY_RE.match(text, action.end)
            agent = next((o for o in orgs if by and o.start == by.end()), None)
            if agent is not None:
                return replace(action, passive=False), actor_of(agent)
            continue
        actor = _actor_before(orgs, action.start, text)
        if actor is not None:
            return action, actor
    for action in sentence.actions:
        if action.passive:
            continue
        place = _place_subject(sentence, action)
        if place is not None:
            return action, place
        if inherit is not None and _PRONOUN_RE.match(sentence.words):
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
    return None


def _place_actor(place: PlaceFact) -> Actor:
    return Actor(place.zh, place.zh, (place.code,))


def _terms_object(sentence: Sentence, after: int, head: TermHit | None) -> tuple[str, bool]:
    """Joined terms (量子计算和量子传感) with their head noun (研究中心), if any."""
    terms = [t for t in sentence.terms if t.start >= after] or sentence.terms
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
            return head if _VERB_HEAD_RE.match(gap) else None
    return None


def _named(sentence: Sentence, after: int, kinds: frozenset[str]) -> OrgFact | None:
    named = [o for o in sentence.facts.organisations if o.kind in kinds]
    return next((o for o in named if o.start >= after), named[0] if named else None)


def _has_head(obj: str) -> bool:
    return obj.endswith(_HEAD_ENDINGS)


def _object(
    sentence: Sentence, action: ActionHit | None, *, amount_follows: bool = False
) -> tuple[str, bool, bool]:
    """The object, whether it is programme-like, and whether it is a bare head noun."""
    after = action.end if action else sentence.start
    kind = action.kind if action else ""
    # What a grant supports is a programme, not the law it is made under.
    named = _named(sentence, after, NAMED_KINDS - {"law"} if kind == FUND else NAMED_KINDS)
    verb_head = _verb_head(sentence, action)
    terms, programme_like = _terms_object(sentence, after, verb_head)
    if named is not None and (kind != FUND or not terms):
        return named.zh, True, False
    if terms and kind in _BARE_TERM_NOUNS and not _has_head(terms) and not amount_follows:
        return terms + _BARE_TERM_NOUNS[kind], False, False
    if terms:
        return terms, programme_like, False
    if action is not None and kind not in (FUND, ANNOUNCE):
        heads = [verb_head] if verb_head else [h for h in sentence.heads if h.start >= action.end]
        if heads:
            return heads[0].zh, heads[0].zh in PROGRAMME_HEADS, True
    return "", False, False


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
    if action.kind != FUND:
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


def build_clause(sentence: Sentence, *, inherit: Actor | None = None) -> Clause:
    """The clause one sentence supports; parts the sentence lacks stay empty."""
    orgs = [o for o in sentence.facts.organisations if o.kind not in NAMED_KINDS]
    action, actor = _pick_action(sentence, orgs, inherit)
    if action is None:
        obj, programme_like, bare = _object(sentence, None)
        return Clause(
            actor=actor_of(orgs[0]) if orgs else None,
            amount=next(iter(group_amounts(sentence.facts.money[:2], sentence.text)), None),
            obj=obj,
            programme_like=programme_like,
            bare_head=bare,
            percentages=tuple(sentence.facts.percentages),
        )
    action = _combined(sentence, action)
    money = [m for m in sentence.facts.money if m.start >= action.start] or sentence.facts.money
    amount = next(iter(group_amounts(money[:2], sentence.text)), None)
    recipient = _other(_recipient(sentence, orgs, action), actor)
    follows = amount is not None and bool(
        _AMOUNT_GAP_RE.match(sentence.text[action.end : amount.facts[0].start])
    )
    obj, programme_like, bare = _object(sentence, action, amount_follows=follows)
    worth = amount is not None and bool(
        _WORTH_RE.search(sentence.text[max(0, amount.facts[0].start - 24) : amount.facts[0].start])
    )
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
    )
