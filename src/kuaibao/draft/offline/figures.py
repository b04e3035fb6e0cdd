"""The sentences after a draft's lead: further sums, each told in a clause that says who
did what with it; and the other organisations the sources name, for the writer's notes.

A further sum goes into the draft only when its sentence says who did what with it (英国
工程和自然科学研究理事会将资助……). A figure without its sentence means nothing to a reader,
so sums and percentages no clause can carry are left out of the draft; the key source
sentences beside the draft show them to the analyst. Nothing is attributed across
sentences. A list of organisation names is not bulletin prose either: it goes to the
notes the editor sees beside the draft, never into the printed body.
"""

from __future__ import annotations

from collections.abc import Sequence

from kuaibao.draft.offline.clause import Actor, Clause, Sentence, actor_of, build_clause
from kuaibao.draft.offline.clause_object import NAMED_KINDS
from kuaibao.draft.offline.reading import ReadDocument
from kuaibao.draft.offline.render import render_sentence

EXTRA_SCAN = 40  # sentences per document searched for further figures
MAX_EXTRA_CLAUSES = 3
MAX_ORGS = 5


class _Figures:
    """Further amounts, each stated once, as clauses."""

    def __init__(self, stated: Sequence[tuple[str, float]]) -> None:
        self.money: set[tuple[str, float]] = set(stated)
        self.sentences: list[str] = []

    def add(self, sentence: Sentence, actor: Actor | None, mentioned: set[str]) -> None:
        money = [m for m in sentence.facts.money if (m.currency, m.amount) not in self.money]
        if not money or len(self.sentences) >= MAX_EXTRA_CLAUSES:
            return
        clause = build_clause(sentence, inherit=actor)
        amount = clause.amount
        if clause.actor and clause.verb and amount and set(amount.facts) <= set(money):
            text = render_sentence(clause, set(mentioned), degrade=False)
            if amount.zh in text:
                text = render_sentence(clause, mentioned, degrade=False)
                self.sentences.append(text + "。")
                self.money |= {(m.currency, m.amount) for m in amount.facts}


def further_sentences(
    docs: Sequence[ReadDocument],
    lead: Sentence | None,
    clause: Clause,
    stated: Sequence[tuple[str, float]],
    mentioned: set[str],
) -> list[str]:
    """Further sums told as clauses (those the lead states excepted), in source order."""
    figures = _Figures(stated)
    for doc in docs:
        if doc.chinese:
            continue
        for sentence in doc.sentences[:EXTRA_SCAN]:
            if sentence is not lead:
                figures.add(sentence, clause.actor, mentioned)
    return list(figures.sentences)


def other_organisations(docs: Sequence[ReadDocument], mentioned: set[str]) -> list[str]:
    """The organisations the sources name that the draft does not, by their full Chinese
    names (at most ``MAX_ORGS``): a note for the editor, not a sentence of the item."""
    others: list[Actor] = []
    for doc in docs:
        for sentence in ([doc.title] if doc.title else []) + doc.sentences:
            for org in sentence.facts.organisations:
                actor = actor_of(org)
                if org.kind in NAMED_KINDS or set(actor.keys) <= mentioned:
                    continue
                if actor.keys not in (o.keys for o in others) and len(others) < MAX_ORGS:
                    others.append(actor)
    return [o.full for o in others]
