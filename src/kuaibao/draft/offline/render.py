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

from kuaibao.draft.offline.actions import (
    ANNOUNCE,
    CHANGE,
    DEAL,
    EFFECT,
    FUND,
    OTHER,
    RAISE,
    RECEIVE,
    RECORD,
    REPORT,
    RESULT,
)
from kuaibao.draft.offline.amounts import HEDGES
from kuaibao.draft.offline.clause import Actor, Clause
from kuaibao.facts.model import PercentFact

TITLE_MAX = 40  # in Chinese characters; Latin letters count half
# Verbs a thing can be the subject of: 探空火箭实验揭示……, 发射价格下降18%.
SUBJECT_KINDS = frozenset({RESULT, CHANGE, RECORD, EFFECT, OTHER})
_BUILD_VERBS = ("建设", "建造")
_BILL_ENDINGS = ("法案", "立法")
_NOUN_ENDINGS = ("资助", "合同", "融资", "协议")
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


def width(text: str) -> float:
    """A headline's printed width: a Latin letter or digit is half a Chinese character."""
    return sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in text)


def _use(clause: Clause, after: str = "") -> str:
    """``用于建设碳化硅晶圆工厂``: what the money is for, when the source says (after a
    comma when it follows a noun: 提供1.85亿英镑资助，用于……)."""
    if not clause.purpose or not clause.obj:
        return ""
    comma = "，" if after.endswith(_NOUN_ENDINGS) else ""
    return f"{comma}用于{clause.purpose}{clause.obj}"


def _fund(clause: Clause, namer: Callable[[Actor], str], *, title: bool) -> str:
    amount = clause.amount.zh if clause.amount else ""
    if not amount and not clause.obj:
        return ""
    phrase = clause.tense
    if clause.basis and not title:
        phrase += f"根据{clause.basis}"
    if clause.recipient is not None and amount:
        phrase += f"向{namer(clause.recipient)}"
    if amount and clause.amount_noun == "合同" and clause.recipient is not None:
        phrase += f"授予价值{amount}的合同"
        return phrase + _use(clause, phrase)
    noun = "资助" if amount and clause.amount_noun == "资助" and clause.verb != "资助" else ""
    phrase += clause.verb + amount + noun
    if _use(clause):
        return phrase + _use(clause, phrase)
    if clause.obj:
        phrase += f"支持{clause.obj}" if amount else clause.obj
    return phrase


def _announce(clause: Clause) -> str:
    """宣布投入……支持/用于……, 确认投入……, 宣布从……基金拨付……; 公布…… with no sum."""
    amount = clause.amount.zh if clause.amount else ""
    obj, tense = clause.obj, clause.tense
    verb = "确认" if clause.verb == "确认" else "宣布"
    if amount and obj and clause.amount_source:
        return f"{tense}{verb}从{obj}拨付{amount}"
    if amount:
        return f"{tense}{verb}投入{amount}" + (_use(clause) or (f"支持{obj}" if obj else ""))
    return f"{tense}公布{obj}" if obj else ""


def _deal(clause: Clause, verb: str) -> str:
    """以3.1亿美元收购……, 授权……，交易价值……, 签署价值6.4亿美元的合同."""
    amount = clause.amount.zh if clause.amount else ""
    obj = clause.obj
    if amount and obj and clause.amount_price:
        return f"{clause.tense}以{amount}{clause.verb}{obj}"
    if amount and obj and clause.amount_noun == "交易":
        return f"{verb}{obj}，交易价值{amount}"
    if amount and obj and (clause.amount_attr or clause.amount_worth):
        return f"{verb}价值{amount}的{obj}"
    return f"{verb}{obj}" if obj else ""


def _result(clause: Clause) -> str:
    """Research verbs and things that change: 探测到……, 使……降低62%, 创下34.9%效率纪录."""
    tense, obj = clause.tense, clause.obj
    if clause.kind == CHANGE:
        if not clause.change:
            return ""
        measure = "平均" if clause.change_measure == "平均" else ""
        moved = f"{measure}{clause.verb}{clause.change}"
        return f"{tense}使{obj}{moved}" if obj else f"{tense}{moved}"
    if clause.kind == RECORD:
        if clause.change:
            return f"{tense}创下{clause.change}{clause.change_measure}纪录"
        return f"{tense}创下纪录"
    if clause.kind == EFFECT:
        return f"{tense}正式生效"
    if clause.kind == REPORT:
        return f"{tense}发布{obj}研究成果" if obj else ""
    if not obj:
        return ""
    return f"{tense}{clause.verb}{obj}" + ("相关机理" if clause.finding else "")


def _predicate(clause: Clause, namer: Callable[[Actor], str], *, title: bool) -> str:
    """The verb phrase: 投资11亿英镑支持量子计算研究, 发布《……》, 宣布投入……; or ''."""
    amount = clause.amount.zh if clause.amount else ""
    obj, verb = clause.obj, clause.tense + clause.verb
    if clause.kind == FUND:
        return _fund(clause, namer, title=title)
    if clause.kind == ANNOUNCE:
        return _announce(clause)
    if clause.kind in (RESULT, REPORT, CHANGE, RECORD, EFFECT):
        return _result(clause)
    if clause.kind == RECEIVE:
        if not amount:
            return f"{verb}{obj}" if obj else ""
        noun = "资助" if clause.amount_noun == "资助" else ""
        basis = f"根据{clause.basis}" if clause.basis and not title else ""
        return f"{clause.tense}{basis}获得{amount}{noun}" + (f"用于{obj}" if obj else "")
    if clause.kind == RAISE:
        return f"{clause.tense}完成{amount}融资" + _use(clause, "融资") if amount else ""
    if not clause.verb:
        return ""
    if clause.verb == "推出" and obj.endswith(_BILL_ENDINGS):
        verb = clause.tense + "提出"
    if clause.recipient is not None and obj:
        verb = f"与{namer(clause.recipient)}{verb}"
    if clause.kind == DEAL:
        return _deal(clause, verb)
    if amount and obj and clause.amount_attr and clause.verb in _BUILD_VERBS:
        return f"{clause.tense}投资{amount}{clause.verb}{obj}"
    if amount and obj and clause.amount_worth:
        return f"{verb}价值{amount}的{obj}"
    if amount and obj and clause.programme_like:
        return f"{verb}{amount}{obj}"
    if amount and clause.amount_follows:
        return f"{verb}{amount}" + (f"用于{obj}" if obj else "")
    return f"{verb}{obj}" if obj else ""


def _passive(clause: Clause, namer: Callable[[Actor], str] = lambda a: a.short) -> str:
    """``量子计算研究获11亿英镑资助`` when the source names the amount but not who gave it;
    ``人工智能保障法案提交英国下议院审议`` for a bill introduced in a parliament."""
    if clause.kind == FUND and clause.passive and clause.amount and clause.obj:
        return f"{clause.obj}获{clause.amount.zh}资助"
    if clause.passive and clause.venue is not None and clause.subject and clause.verb == "推出":
        return f"{clause.subject}提交{namer(clause.venue)}审议"
    return ""


def _with_subject(clause: Clause, namer: Callable[[Actor], str], *, title: bool) -> str:
    """``探空火箭实验揭示金属泡沫相关机理``: a thing as subject, when no one acts."""
    if clause.actor is not None or clause.passive or not clause.subject:
        return ""
    if clause.kind not in SUBJECT_KINDS:
        return ""
    predicate = _predicate(clause, namer, title=title)
    return clause.subject + predicate if predicate else ""


def render_full(clause: Clause) -> str:
    """A headline that names who acted, or ''; the amount goes if the line is too long."""
    if clause.actor is None or clause.passive:
        return ""
    predicate = _predicate(clause, short, title=True)
    if not predicate:
        return ""
    title = clause.actor.short + predicate
    for cut in (replace(clause, purpose=""), replace(clause, amount=None)):
        if width(title) > TITLE_MAX:
            shorter = _predicate(cut, short, title=True)
            title = clause.actor.short + shorter if shorter else title
    return title


def render_other(clause: Clause) -> str:
    """A headline with a thing as subject or a passive one, or ''."""
    return _with_subject(clause, short, title=True) or _passive(clause)


def render_related(clause: Clause) -> str:
    """The last resort: ``量子计算相关动态`` (with the actor if known), or ''."""
    if clause.actor is not None and clause.obj:
        return f"{clause.actor.short}{clause.obj}相关动态"
    return f"{clause.obj}相关动态" if clause.obj else ""


def render_title(clause: Clause) -> str:
    """A headline, or '' when the clause cannot carry one."""
    return render_full(clause) or render_other(clause) or render_related(clause)


def render_sentence(clause: Clause, mentioned: set[str], *, degrade: bool = True) -> str:
    """One body sentence (without the date), or '' when nothing true can be said."""
    if clause.actor is not None and not clause.passive:
        trial = set(mentioned)  # names count as mentioned only if the sentence is kept
        subject = name(clause.actor, trial)
        predicate = _predicate(clause, lambda a: name(a, trial), title=False)
        if predicate:
            mentioned |= trial
            return subject + predicate
    trial = set(mentioned)
    other = _with_subject(clause, lambda a: name(a, trial), title=False) or _passive(
        clause, lambda a: name(a, trial)
    )
    if other or not degrade:
        mentioned |= trial if other else set()
        return other
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
