"""Chinese wording of clauses: titles, lead sentences and the sentences after them.

Every phrase here joins pieces a ``Clause`` carries (names, verbs, amounts, terms) with
fixed Chinese function words; nothing numeric or named is introduced here. A clause that
lacks an actor or an action yields a shorter sentence that says only what is known
(报道涉及……), never a guessed subject.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from kuaibao.draft.actions import ANNOUNCE, FUND
from kuaibao.draft.clause import HEDGES, Actor, Clause
from kuaibao.facts.model import PercentFact

TITLE_MAX = 40
_HEDGE_WORDS = r"(?:(?:more than|over|about|around|nearly|almost|some|roughly|up to)\s+)?"
_CHANGE_UP_RE = re.compile(
    r"(?i)\b(?:increas|rais|ris|rose|grow|grew|boost|up|climb|jump|expand)\w*\s+(?:by\s+)?"
    + _HEDGE_WORDS
    + "$"
)
_CHANGE_DOWN_RE = re.compile(
    r"(?i)\b(?:decreas|fall|fell|declin|drop|down|lower|shr[iu]nk)\w*\s+(?:by\s+)?"
    + _HEDGE_WORDS
    + "$"
)
_CUT_RE = re.compile(
    r"(?i)\b(?:cut|reduc|slash|trim)\w*\s+(?:\w+\s+){0,3}(?:by\s+)?" + _HEDGE_WORDS + "$"
)
_ZH_CHANGE_RE = re.compile(r"(增长|增加|提高|上升|下降|减少|降低|削减)了?$")


def name(actor: Actor, mentioned: set[str]) -> str:
    """The full name on first mention, the short one after; records the mention."""
    if all(key in mentioned for key in actor.keys):
        return actor.short
    mentioned.update(actor.keys)
    return actor.full


def short(actor: Actor) -> str:
    """The name a headline uses."""
    return actor.short


def _fund(clause: Clause, namer: Callable[[Actor], str], *, title: bool) -> str:
    amount = clause.amount.zh if clause.amount else ""
    if not amount and not clause.obj:
        return ""
    phrase = clause.tense
    if clause.basis and not title:
        phrase += f"根据{clause.basis}"
    if clause.recipient is not None and amount:
        phrase += f"向{namer(clause.recipient)}"
    phrase += clause.verb + amount
    if clause.obj:
        phrase += f"支持{clause.obj}" if amount else clause.obj
    return phrase


def _predicate(clause: Clause, namer: Callable[[Actor], str], *, title: bool) -> str:
    """The verb phrase: 投资11亿英镑支持量子计算研究, 发布《……》, 宣布投入……; or ''."""
    amount = clause.amount.zh if clause.amount else ""
    obj, verb = clause.obj, clause.tense + clause.verb
    if clause.kind == FUND:
        return _fund(clause, namer, title=title)
    if clause.kind == ANNOUNCE:
        if amount:
            return f"{clause.tense}宣布投入{amount}" + (f"支持{obj}" if obj else "")
        return f"{clause.tense}公布{obj}" if obj else ""
    if not clause.verb:
        return ""
    if clause.recipient is not None and obj:
        verb = f"与{namer(clause.recipient)}{verb}"
    if amount and obj and clause.amount_worth:
        return f"{verb}价值{amount}的{obj}"
    if amount and obj and clause.programme_like:
        return f"{verb}{amount}{obj}"
    if amount and clause.amount_follows:
        return f"{verb}{amount}" + (f"用于{obj}" if obj else "")
    return f"{verb}{obj}" if obj else ""


def _passive(clause: Clause) -> str:
    """``量子计算研究获11亿英镑资助`` when the source names the amount but not who gave it."""
    if clause.kind == FUND and clause.passive and clause.amount and clause.obj:
        return f"{clause.obj}获{clause.amount.zh}资助"
    return ""


def render_title(clause: Clause) -> str:
    """A headline, or '' when the clause cannot carry one."""
    if clause.actor is not None and not clause.passive:
        predicate = _predicate(clause, short, title=True)
        if predicate:
            title = clause.actor.short + predicate
            if len(title) > TITLE_MAX and clause.amount is not None:
                shorter = _predicate(replace(clause, amount=None), short, title=True)
                title = clause.actor.short + shorter if shorter else title
            return title
    passive = _passive(clause)
    if passive:
        return passive
    if clause.actor is not None and clause.obj:
        return f"{clause.actor.short}{clause.obj}相关动态"
    return f"{clause.obj}相关动态" if clause.obj else ""


def render_sentence(clause: Clause, mentioned: set[str], *, degrade: bool = True) -> str:
    """One body sentence (without the date), or '' when nothing true can be said."""
    if clause.actor is not None and not clause.passive:
        trial = set(mentioned)  # names count as mentioned only if the sentence is kept
        subject = name(clause.actor, trial)
        predicate = _predicate(clause, lambda a: name(a, trial), title=False)
        if predicate:
            mentioned |= trial
            return subject + predicate
    passive = _passive(clause)
    if passive or not degrade:
        return passive
    topics = [name(clause.actor, mentioned)] if clause.actor else []
    topics += [clause.obj] if clause.obj else []
    parts = [f"报道涉及{'、'.join(topics)}"] if topics else []
    if clause.amount is not None:
        parts.append(f"提及金额{clause.amount.zh}")
    return "，".join(parts)


def change_word(text: str, start: int, *, chinese: bool) -> str:
    """增长/下降/削减 when the source says so right before a percentage, else ''."""
    before = text[max(0, start - 40) : start]
    if chinese:
        match = _ZH_CHANGE_RE.search(before.rstrip())
        return match.group(1) if match else ""
    if _CUT_RE.search(before):
        return "削减"
    if _CHANGE_UP_RE.search(before):
        return "增长"
    if _CHANGE_DOWN_RE.search(before):
        return "下降"
    return ""


def percent_item(fact: PercentFact, change: str, topic: str) -> str:
    """``增长超过15%（涉及半导体）`` for the list of further figures."""
    hedge = HEDGES.get(fact.approx or "", "")
    return f"{change}{hedge}{fact.zh}" + (f"（涉及{topic}）" if topic else "")


def join_zh(names: Sequence[str]) -> str:
    """``A、B和C``."""
    if len(names) <= 1:
        return "".join(names)
    return "、".join(names[:-1]) + "和" + names[-1]
