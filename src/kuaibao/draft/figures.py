"""The sentences after a draft's lead: further sums and percentages, each stated once,
then the other organisations the sources name.

A further sum is told as a clause when its sentence says who did what with it (英国工程和
自然科学研究理事会将资助……); otherwise it joins a list with the term it is about
(文中还提及：3500万英镑（涉及量子传感）). Nothing is attributed across sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kuaibao.draft.amounts import group_amounts
from kuaibao.draft.clause import Actor, Clause, Sentence, actor_of, build_clause
from kuaibao.draft.clause_object import NAMED_KINDS
from kuaibao.draft.reading import ReadDocument
from kuaibao.draft.render import change_word, join_zh, name, percent_item, render_sentence

EXTRA_SCAN = 40  # sentences per document searched for further figures
MAX_EXTRA_CLAUSES = 2
MAX_ITEMS = 5
MAX_ORGS = 5
_CLAUSE_BREAK_RE = re.compile(r"[,;:，；：]|\b(?:while|whereas|but|and)\b")


def _topic(sentence: Sentence, at: int) -> str:
    """The term a figure is about: the nearest before it in its clause, else after it."""
    text = sentence.text
    bounds = [m.end() for m in _CLAUSE_BREAK_RE.finditer(text, sentence.start, at)]
    start = bounds[-1] if bounds else sentence.start
    after = _CLAUSE_BREAK_RE.search(text, at, sentence.end)
    end = after.start() if after else sentence.end
    before = [t for t in sentence.terms if start <= t.start and t.end <= at]
    if before:
        return before[-1].zh
    later = [t for t in sentence.terms if at <= t.start and t.end <= end]
    return later[0].zh if later else ""


class _Figures:
    """Further amounts and percentages, each stated once, as clauses or as a list."""

    def __init__(self, stated: Sequence[tuple[str, float]], percent: Sequence[float]) -> None:
        self.money: set[tuple[str, float]] = set(stated)
        self.percent: set[float] = set(percent)
        self.sentences: list[str] = []
        self.items: list[str] = []

    def add(
        self,
        sentence: Sentence,
        chinese: bool,
        actor: Actor | None,
        mentioned: set[str],
        *,
        clauses: bool,
    ) -> None:
        money = [m for m in sentence.facts.money if (m.currency, m.amount) not in self.money]
        percent = [p for p in sentence.facts.percentages if p.value not in self.percent]
        if not money and not percent:
            return
        if money and clauses and len(self.sentences) < MAX_EXTRA_CLAUSES:
            clause = build_clause(sentence, inherit=actor)
            amount = clause.amount
            if clause.actor and clause.verb and amount and set(amount.facts) <= set(money):
                text = render_sentence(clause, set(mentioned), degrade=False)
                if amount.zh in text:
                    text = render_sentence(clause, mentioned, degrade=False)
                    self.sentences.append(text + "。")
                    money = [m for m in money if m not in amount.facts]
                    self.money |= {(m.currency, m.amount) for m in amount.facts}
        for amount in group_amounts(money, sentence.text):
            if len(self.items) < MAX_ITEMS:
                topic = _topic(sentence, amount.facts[0].start)
                self.items.append(amount.zh + (f"（涉及{topic}）" if topic else ""))
            self.money |= {(m.currency, m.amount) for m in amount.facts}
        for fact in percent:
            if len(self.items) < MAX_ITEMS:
                change = change_word(sentence.text, fact.start, chinese=chinese)
                self.items.append(percent_item(fact, change, _topic(sentence, fact.start)))
            self.percent.add(fact.value)


def further_sentences(
    docs: Sequence[ReadDocument],
    lead: Sentence | None,
    clause: Clause,
    stated: Sequence[tuple[str, float]],
    mentioned: set[str],
    stated_percent: Sequence[float] = (),
) -> list[str]:
    """Sentences after the lead: further figures (those the lead states excepted), then
    the other organisations named."""
    figures = _Figures(stated, stated_percent)
    for index, doc in enumerate(docs):
        sentences = doc.sentences[:EXTRA_SCAN]
        if index == 0 and lead is not None:
            sentences = [lead, *(s for s in sentences if s is not lead)]
        for sentence in sentences:
            clauses = not doc.chinese and sentence is not lead
            figures.add(sentence, doc.chinese, clause.actor, mentioned, clauses=clauses)
    body = list(figures.sentences)
    if figures.items:
        body.append("文中还提及：" + "；".join(figures.items) + "。")
    others: list[Actor] = []
    for doc in docs:
        for sentence in ([doc.title] if doc.title else []) + doc.sentences:
            for org in sentence.facts.organisations:
                actor = actor_of(org)
                if org.kind in NAMED_KINDS or set(actor.keys) <= mentioned:
                    continue
                if actor.keys not in (o.keys for o in others) and len(others) < MAX_ORGS:
                    others.append(actor)
    if others:
        also = "还" if clause.actor else ""
        body.append(f"文中提及的机构{also}包括{join_zh([name(o, mentioned) for o in others])}。")
    return body
