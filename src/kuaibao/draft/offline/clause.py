"""Who did what to what, for how much: one clause read from one source sentence.

A clause is built only from what the fact finders and the lexicons located in the
sentence — the actor is a gazetteer organisation, a name the source marks as an
organisation (kept in its spelling), a country named as subject, a research team or the
publisher of a cited report; the amount a money fact; the object a gazetteer programme or
law or lexicon terms; a thing may be the subject of a result or change ("Launch prices
fell 18%") — so a draft rendered from it states nothing its source does not.

This module puts a clause together; its parts are read by ``clause_actor`` (who acts, by
which verb), ``clause_object`` (on what), ``clause_roles`` (recipient, basis, purpose,
venue, change) and ``amounts`` (the sum).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kuaibao.draft.offline.actions import (
    ANNOUNCE,
    CHANGE,
    FUND,
    PROPOSE,
    PUBLISH,
    RESULT,
    ActionHit,
)
from kuaibao.draft.offline.amounts import Amount, amount_noun, attributive, group_amounts
from kuaibao.draft.offline.attribution import attribution
from kuaibao.draft.offline.clause_actor import pick_action
from kuaibao.draft.offline.clause_object import NAMED_KINDS, object_of, target_of
from kuaibao.draft.offline.clause_roles import (
    basis_of,
    change_of,
    purpose_of,
    recipient_of,
    venue_of,
)
from kuaibao.draft.offline.parts import Actor, Sentence, actor_of
from kuaibao.draft.offline.subject import subject_phrase
from kuaibao.facts.model import OrgFact, PercentFact

__all__ = ["Actor", "Clause", "Sentence", "actor_of", "build_clause"]

# What may stand between a verb and the sum it takes: an article, "a further", and the
# date the verb happened on ("approved on October 20 a further ¥590 billion").
_AMOUNT_GAP_RE = re.compile(
    r"(?i)^\s*(?:(?:on\s+(?:[a-z]+\s+\d{1,2}|\d{1,2}\s+[a-z]+)(?:,?\s+\d{4})?|today|yesterday)"
    r",?\s+)?(?:(?:a|an|the|another|an additional|additional|a further|further)\s+)?$"
)
_WORTH_RE = re.compile(r"(?i)\b(?:worth|valued at|value of|costing)\s+(?:up to\s+)?$|价值$")
_PASSIVE_GAP_RE = re.compile(r"^\s*(?:in\s+\w+\s+)?$")
_PRICE_RE = re.compile(r"(?i)\bfor\s+(?:about\s+|around\s+|some\s+)?$")
_SOURCE_RE = re.compile(r"(?i)\bfrom\s+(?:the\s+)?(?:[a-z]+\s+){0,3}(?:of\s+(?:the\s+)?)?[A-Z]")
_IN_DEAL_RE = re.compile(r"(?i)\bin\s+(?:a|an)?\s*$")
_THAT_RE = re.compile(r"(?i)^\s+that\b")
_DEAL_WORTH_RE = re.compile(r"(?i)\b(?:deal|agreement|transaction)\s+(?:worth|valued)\b")
_HOW_RE = re.compile(r"(?i)^\s+(?:how|why)\b")
_TRAILING_AFTER_RE = re.compile(
    r"(?i)^\s*(?:today|yesterday|this week|on\s+\w+(?:\s+\d+)?(?:,?\s+\d{4})?|"
    r"[A-Z][a-z]+day)?\s*(?:[,.;]|$)"
)


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
    obj, programme_like, bare = object_of(sentence, None)
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
    found, actor = pick_action(sentence, orgs, inherit, team)
    report = _report(sentence, found, actor)
    if report is not None:
        return report
    if found is None:
        return _no_action(sentence, orgs)
    trailing = _trailing(sentence, found)
    action = _verb(sentence, found, actor, trailing=trailing, headline=headline)
    return _acted(sentence, orgs, action, actor, trailing=trailing)


def _acted(
    sentence: Sentence,
    orgs: list[OrgFact],
    action: ActionHit,
    actor: Actor | None,
    *,
    trailing: bool,
) -> Clause:
    """The clause around its verb, each part found by its own function."""
    text = sentence.text
    amount = _amount(sentence, action, actor, trailing=trailing)
    follows = _amount_follows(text, action, amount)
    purpose = purpose_of(sentence, action)
    start = _object_start(sentence, action, purpose, trailing=trailing)
    clausal = _clausal(text, action)
    change, measure, changed = change_of(sentence, action)
    obj, programme_like, bare = _object(
        sentence,
        orgs,
        action,
        amount=amount,
        follows=follows,
        after=start,
        empty=(trailing and amount is None) or clausal,
        changed=changed,
    )
    worth = _worth(text, amount)
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
        basis=basis_of(sentence, action),
        recipient=_other(recipient_of(sentence, orgs, action), actor),
        percentages=tuple(sentence.facts.percentages),
        subject="" if actor else subject_phrase(sentence, action.start),
        purpose=purpose.zh if purpose and obj else "",
        amount_noun=_amount_noun(sentence, amount, worth=worth),
        amount_price=_price(text, amount),
        amount_attr=amount is not None and attributive(sentence, amount, start),
        amount_source=trailing and bool(_SOURCE_RE.search(text[sentence.start : action.start])),
        change=change,
        change_measure=measure,
        venue=venue_of(sentence, orgs, action) if action.passive else None,
        finding=bool(_HOW_RE.match(text[action.end : action.end + 10])),
        clausal=clausal,
    )


def _verb(
    sentence: Sentence,
    action: ActionHit,
    actor: Actor | None,
    *,
    trailing: bool,
    headline: bool,
) -> ActionHit:
    """The verb as the clause states it: ``announced plans to invest`` as one funding verb
    (not when the attribution trails), a headline's bare participle as passive."""
    verb = action if trailing else _combined(sentence, action)
    if headline and actor is None and _participle(sentence.text[verb.start : verb.end]):
        return replace(verb, passive=True)
    return verb


def _amount(
    sentence: Sentence, action: ActionHit, actor: Actor | None, *, trailing: bool
) -> Amount | None:
    """The sum the verb takes: one after it; before a passive ("£50 million (was) awarded
    for …") or a trailing attribution; any in the sentence when no one acts."""
    money = sentence.facts.money
    before = [m for m in money if m.end <= action.start]
    after = [m for m in money if m.start >= action.start]
    if (trailing and before) or action.passive:
        chosen = before
    elif after or actor is not None:
        chosen = after
    else:
        chosen = list(money)
    return next(iter(group_amounts(chosen[:2], sentence.text)), None)


def _amount_follows(text: str, action: ActionHit, amount: Amount | None) -> bool:
    """The sum is the verb's object (批准20亿欧元): only an article or a date between them."""
    return (
        amount is not None
        and amount.facts[0].start >= action.end
        and bool(_AMOUNT_GAP_RE.match(text[action.end : amount.facts[0].start]))
    )


def _object_start(
    sentence: Sentence, action: ActionHit, purpose: ActionHit | None, *, trailing: bool
) -> int:
    """Where the object is read from: after the verb or its purpose ("to build …"); from
    the sentence's start when the attribution trails what was announced."""
    if trailing:
        return sentence.start
    return purpose.end if purpose else action.end


def _clausal(text: str, action: ActionHit) -> bool:
    """ "have shown that …": what was found or proposed is a clause no term can give."""
    return action.kind in (RESULT, PROPOSE) and bool(
        _THAT_RE.match(text[action.end : action.end + 8])
    )


def _object(
    sentence: Sentence,
    orgs: list[OrgFact],
    action: ActionHit,
    *,
    amount: Amount | None,
    follows: bool,
    after: int,
    empty: bool,
    changed: str,
) -> tuple[str, bool, bool]:
    """What the verb acts on, whether it can take the sum as attribute, whether it is a bare
    head noun: what changed for a change verb; nothing when what was said is a clause
    (``empty``); the company a purchase is about; else the programme, law or terms."""
    if action.kind == CHANGE:
        return changed, False, False
    if empty:
        return "", False, False
    target = target_of(sentence, orgs, action)
    if target is not None:
        return actor_of(target).full, False, False
    return object_of(sentence, action, amount_follows=follows, after=after)


def _before_amount(text: str, amount: Amount, width: int) -> str:
    at = amount.facts[0].start
    return text[max(0, at - width) : at]


def _worth(text: str, amount: Amount | None) -> bool:
    """价值29亿美元的……: the sum is what the object is worth ("worth", "valued at")."""
    return amount is not None and bool(_WORTH_RE.search(_before_amount(text, amount, 24)))


def _price(text: str, amount: Amount | None) -> bool:
    """以3.1亿美元收购……: the sum is a price ("for about $310 million")."""
    return amount is not None and bool(_PRICE_RE.search(_before_amount(text, amount, 16)))


def _amount_noun(sentence: Sentence, amount: Amount | None, *, worth: bool) -> str:
    """What the sum is (资助, 合同); a deal worth it, or an agreement "in a" deal, is 交易."""
    if amount is None:
        return ""
    noun = amount_noun(sentence, amount)
    text = sentence.text
    if (worth and _DEAL_WORTH_RE.search(_before_amount(text, amount, 40))) or (
        noun == "协议" and _IN_DEAL_RE.search(_before_amount(text, amount, 8))
    ):
        return "交易"
    return noun


def _participle(word: str) -> bool:
    return word.lower().endswith("ed") or word.lower() in ("built", "shown", "found", "sold")
