"""Who acts in a text and what kind of act it reports: the explainable half of its section.

Section keyword rules count words anywhere in a text, so a research result whose last
paragraph thanks a government programme scores as policy. A bulletin files a story by
its news: who acts (a government body, a research team, a company) and what they do (a
law or a funding programme, a published result, a deal or a factory). The title and the
lead (its first two sentences) say that; the rest of the text is background.

``read`` finds, in the title and the lead only:

* the actor: the first actor named in the title, else in the lead, by the taxonomy's
  ``actors`` phrases and by gazetteer kinds (a ministry, a university, a company); other
  actors named there count a little;
* the acts: each section's ``acts`` rules (title hits count half again), and the
  ``shared_acts`` (money, announcements), which have no kind of their own: they count for
  the acting actor's section (a government's money is a programme, a company's an
  investment) unless only other sections' acts were found (a minister opening a company's
  factory is factory news), then for the section whose acts weigh most.

A section that leads the others by ``DECISIVE_MARGIN`` is decided; otherwise the scores
only join the keyword rules and the model (see ``classifier.decide``). Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kuaibao.classify.matching import TextIndex, first_at, normalise
from kuaibao.classify.rules import evaluate_rule, rule_score
from kuaibao.classify.taxonomy import Actor, Label, Taxonomy
from kuaibao.facts.gazetteer import Gazetteer
from kuaibao.facts.places import find_places
from kuaibao.text.scripts import has_han

LEAD_SENTENCES = 2
LEAD_CHARS = 400
ACTING_WEIGHT = 1.5  # the actor named first
PRESENT_WEIGHT = 0.5  # any other actor named in the title or lead
PLACE_GAP = {True: 3, False: 12}  # chars (CJK, else) after a place in which a noun can follow
DECISIVE_MARGIN = 2.0  # how far the best section must lead to be decided
DECISIVE_MIN = 3.0  # and how much evidence it needs at least
_SENTENCE_END = re.compile(r"(?<=[。！？；])|(?<=[.!?])\s+(?=[A-Z0-9\"“‘(])|\n+")


def lead_of(text: str) -> str:
    """The first ``LEAD_SENTENCES`` sentences of a text, at most ``LEAD_CHARS`` long."""
    parts = [p.strip() for p in _SENTENCE_END.split(text[: LEAD_CHARS * 3]) if p and p.strip()]
    return " ".join(parts[:LEAD_SENTENCES])[:LEAD_CHARS]


@dataclass(frozen=True)
class Mention:
    """An actor named in the title or lead: its kind, the words, where, and how found."""

    actor: str
    phrase: str
    where: str  # "title" or "lead"
    at: int
    by: str  # "gazetteer" (with the entry's kind) or "phrase"

    def describe(self) -> str:
        return f"{self.actor} 「{self.phrase}」 ({self.where}, {self.by})"

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Act:
    """An act rule that fired in the title or lead, and the section it counts for."""

    section: str
    rule: str
    matched: tuple[str, ...]
    where: str
    score: float
    shared: bool = False

    def describe(self) -> str:
        return f"{self.rule} [{', '.join(self.matched)}] ({self.where}) +{self.score:g}"

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "matched": list(self.matched)}


@dataclass(frozen=True)
class Reading:
    """The actor and acts of one text, the section scores they give, and the verdict."""

    actor: Mention | None
    others: tuple[Mention, ...]
    acts: tuple[Act, ...]
    scores: tuple[tuple[str, float], ...]  # per predictable section with an actor
    section: str | None  # decided, or None when the reading is not clear enough

    def score(self, section: str) -> float:
        return dict(self.scores).get(section, 0.0)

    def summary(self) -> str:
        """One line for a classification's reasons: the actor, then the acts by weight."""
        actor = self.actor.describe() if self.actor else "none named"
        acts = sorted(self.acts, key=lambda a: -a.score)[:3]
        shown = "; ".join(f"{a.section} {a.describe()}" for a in acts) or "none"
        return f"actor {actor}; acts {shown}"

    def lines(self) -> list[str]:
        """Plain text for ``taxonomy explain``."""
        out = [f"  actor: {self.actor.describe() if self.actor else '(none named)'}"]
        out += [f"  also named: {m.describe()}" for m in self.others]
        out += [f"  act: {a.section} {a.describe()}" for a in self.acts] or ["  act: (none)"]
        scores = ", ".join(f"{name} {value:g}" for name, value in self.scores)
        verdict = self.section or "not decided (keyword rules and model decide)"
        return [*out, f"  scores: {scores}", f"  section: {verdict}"]

    def to_json(self) -> dict[str, Any]:
        return {
            "actor": self.actor.to_json() if self.actor else None,
            "others": [m.to_json() for m in self.others],
            "acts": [a.to_json() for a in self.acts],
            "scores": dict(self.scores),
            "section": self.section,
        }


def _mentions(actor: Actor, raw: str, where: str, gazetteer: Gazetteer | None) -> list[Mention]:
    text = normalise(raw)
    found = []
    for term in actor.phrases:
        at = first_at(term, text)
        if at is not None:
            found.append(Mention(actor.name, term.phrase, where, at, "phrase"))
    if gazetteer is not None and actor.gazetteer:
        for org in gazetteer.find(raw):
            if org.kind in actor.gazetteer:
                found.append(
                    Mention(actor.name, org.text, where, org.start, f"gazetteer {org.kind}")
                )
                break
    return found


def _place_as_subject(taxonomy: Taxonomy, title: str, mentions: list[Mention]) -> Mention | None:
    """A country or city opening the title (英国成立…, Japan approves…) acts as its
    government, unless an actor noun follows at once (US chip firm, 美国公司)."""
    actor = next((a for a in taxonomy.actors if a.places), None)
    places = find_places(title) if actor is not None else []
    if actor is None or not places or places[0].start > 1:
        return None
    first = places[0]
    gap = PLACE_GAP[has_han(first.text)]
    if any(m.where == "title" and first.end <= m.at <= first.end + gap for m in mentions):
        return None
    return Mention(actor.name, first.text, "title", first.start, "place opening the title")


def _actors(
    taxonomy: Taxonomy, title: str, lead: str, gazetteer: Gazetteer | None
) -> tuple[Mention | None, tuple[Mention, ...]]:
    """The acting actor (named first: title before lead) and one mention of each other."""
    mentions: list[Mention] = []
    for actor in taxonomy.actors:
        for raw, where in ((title, "title"), (lead, "lead")):
            mentions += _mentions(actor, raw, where, gazetteer)
    place = _place_as_subject(taxonomy, title, mentions)
    if place is not None:
        mentions.append(place)
    if not mentions:
        return None, ()
    ordered = sorted(mentions, key=lambda m: (m.where != "title", m.at, -len(m.phrase)))
    acting = ordered[0]
    seen = {acting.actor}
    others = []
    for mention in ordered[1:]:
        if mention.actor not in seen:
            seen.add(mention.actor)
            others.append(mention)
    return acting, tuple(others)


def _owner_of_shared(acts: list[Act], sections: list[Label], acting: Mention | None) -> str | None:
    """The section money and announcements count for: the acting actor's, unless only
    other sections' acts were found and, with an actor, in the title (a minister opening a
    company's factory is the factory's news); then the section whose acts weigh most."""
    own = next((s.name for s in sections if acting and s.actor == acting.actor), None)
    specific: dict[str, float] = {}
    for act in acts:
        if own is None or act.where == "title" or act.section == own:
            specific[act.section] = specific.get(act.section, 0.0) + act.score
    if not specific or (own is not None and own in specific):
        return own
    return max(specific, key=lambda name: specific[name])


def read(
    title: str, text: str, taxonomy: Taxonomy, gazetteer: Gazetteer | None = None
) -> Reading | None:
    """The actor/act reading of a text, or None when the taxonomy defines no actors."""
    sections = [s for s in taxonomy.predictable_sections if s.actor]
    if not taxonomy.actors or not sections:
        return None
    lead = lead_of(text)
    words = taxonomy.max_words
    title_index = TextIndex(title, max_words=words)
    both = TextIndex(title, lead, max_words=words)
    acting, others = _actors(taxonomy, title, lead, gazetteer)
    acts: list[Act] = []
    for section in sections:
        for rule in section.acts:
            firing = evaluate_rule(rule, title_index, both)
            if firing is not None and not rule.is_veto:
                where = "title" if firing.in_title else "lead"
                score = rule_score(rule, firing)
                acts.append(Act(section.name, rule.describe(), firing.matched, where, score))
    owner = _owner_of_shared(acts, sections, acting)
    if owner is not None:
        for rule in taxonomy.shared_acts:
            firing = evaluate_rule(rule, title_index, both)
            if firing is not None and not rule.is_veto:
                where = "title" if firing.in_title else "lead"
                score = rule_score(rule, firing)
                acts.append(Act(owner, rule.describe(), firing.matched, where, score, True))
    scores = {s.name: sum(a.score for a in acts if a.section == s.name) for s in sections}
    for section in sections:
        if acting and section.actor == acting.actor:
            scores[section.name] += ACTING_WEIGHT
        if any(m.actor == section.actor for m in others):
            scores[section.name] += PRESENT_WEIGHT
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    best, runner = ranked[0], (ranked[1] if len(ranked) > 1 else ("", 0.0))
    decided = (
        best[0] if best[1] >= DECISIVE_MIN and best[1] - runner[1] >= DECISIVE_MARGIN else None
    )
    return Reading(
        acting, others, tuple(acts), tuple((k, round(v, 3)) for k, v in scores.items()), decided
    )
