"""Sums as a draft prints them: a money fact in Chinese, a range as one sum, and what a
sum is in its sentence (a grant, a contract; the size of what follows it).

Every sum comes from money facts the fact finders located in the source sentence, so a
printed amount is always one the source states; the hedges (超过, 约) are the source's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kuaibao.draft.offline.parts import Sentence
from kuaibao.draft.offline.tables import default_nouns
from kuaibao.facts.model import MoneyFact

_RANGE_GAP_RE = re.compile(r"(?i)^\s*(?:-|–|—|to|and|至|到|~|～)\s*$")
_EACH_RE = re.compile(r"(?i)^\s*(?:each|apiece)\b|^\s*(?:per year|a year|annually|per annum|每年)")
HEDGES = {"over": "超过", "about": "约", "under": "不超过"}
_AMOUNT_NOUNS = default_nouns().amount_nouns  # nouns.yaml: grant → 资助
_NOUN_AFTER_RE = re.compile(
    r"(?i)^\s*(?:\([^)]{0,40}\)\s*)?(?:[A-Za-z-]+\s+){0,2}?"
    rf"({'|'.join(re.escape(noun) for noun in _AMOUNT_NOUNS)})s?\b"
)
_ATTRIBUTIVE_RE = re.compile(
    r"(?i)^\s*(?:\([^)]{0,40}\)\s*)?(?!(?:in|to|for|from|under|over|into|on|of|by|with|at|and|"
    r"or|as|per|a|an|the|each|apiece|this|next|last|between|toward|towards|through|across|"
    r"will|would|is|was|has|have|had|a year|annually|in total)\b)[A-Za-z]"
)


@dataclass(frozen=True)
class Amount:
    """A sum as the draft prints it, and the facts it comes from."""

    zh: str
    facts: tuple[MoneyFact, ...]


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


def amount_noun(sentence: Sentence, amount: Amount) -> str:
    """What a sum is, from the noun right after it: a grant (资助), a contract (合同)."""
    match = _NOUN_AFTER_RE.match(sentence.text[amount.facts[-1].end : amount.facts[-1].end + 60])
    return _AMOUNT_NOUNS[match.group(1).lower()] if match else ""


def attributive(sentence: Sentence, amount: Amount, after: int) -> bool:
    """ "a $1.8 billion advanced packaging plant": the sum sizes the object after it (and
    not "orders reactors in a $7.4 billion project", where it comes after the object)."""
    end = amount.facts[-1].end
    first = min(
        (t.start for t in [*sentence.terms, *sentence.heads] if t.start >= after), default=0
    )
    return end <= first and bool(_ATTRIBUTIVE_RE.match(sentence.text[end : end + 60]))
