"""Which taxonomy rules fire on a text, with what weight, per label: the transparent half.

``explain`` backs ``kuaibao taxonomy explain`` and feeds the rule side of ``classify``.
With a taxonomy that defines actors it also carries the actor/act reading of the text
(``actors.read``): who acts in the title and lead and what kind of act it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kuaibao.classify.actors import Reading, read
from kuaibao.classify.matching import TextIndex
from kuaibao.classify.rules import evaluate_rule, rule_score
from kuaibao.classify.taxonomy import Label, Taxonomy, load_taxonomy
from kuaibao.facts.gazetteer import Gazetteer, default_gazetteer


@dataclass(frozen=True)
class FiredRule:
    """One rule that fired: its description, weight, score and the phrases it matched."""

    rule: str
    weight: float
    score: float
    matched: tuple[str, ...]
    in_title: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "weight": self.weight,
            "score": self.score,
            "matched": list(self.matched),
            "in_title": self.in_title,
        }


@dataclass(frozen=True)
class LabelScore:
    """A label's total rule score; a matching ``not`` rule zeroes it (``vetoed_by``)."""

    label: str
    score: float
    fired: tuple[FiredRule, ...] = ()
    vetoed_by: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "score": self.score,
            "fired": [f.to_json() for f in self.fired],
            "vetoed_by": list(self.vetoed_by),
        }

    def lines(self) -> list[str]:
        """``半导体  6.0`` then one indented line per fired rule."""
        head = f"{self.label}  {self.score:g}"
        if self.vetoed_by:
            head += f"  (ruled out by: {', '.join(self.vetoed_by)})"
        body = [
            f"  +{f.score:g}  {f.rule}  [{', '.join(f.matched)}]"
            + ("  (title)" if f.in_title else "")
            for f in self.fired
        ]
        return [head, *body]


@dataclass(frozen=True)
class Explanation:
    """Rule scores for every domain, the 无关 label and every predictable section."""

    domains: tuple[LabelScore, ...]
    irrelevant: LabelScore
    sections: tuple[LabelScore, ...]
    reading: Reading | None = None

    def section_scores(self) -> tuple[LabelScore, ...]:
        """Section keyword scores with the actor/act scores added (as they are without)."""
        if self.reading is None:
            return self.sections
        return tuple(_with_reading(s, self.reading) for s in self.sections)

    def best_domain(self) -> str | None:
        """The highest-scoring domain, or None when no domain rule fired."""
        return _best(self.domains)

    def best_section(self) -> str | None:
        """The section the actor and act decide, else the best of the combined scores."""
        if self.reading is not None and self.reading.section:
            return self.reading.section
        return _best(self.section_scores())

    def to_json(self) -> dict[str, Any]:
        return {
            "domains": [d.to_json() for d in self.domains if d.fired or d.vetoed_by],
            "irrelevant": self.irrelevant.to_json(),
            "sections": [s.to_json() for s in self.sections if s.fired],
            "actor_act": self.reading.to_json() if self.reading else None,
            "best_domain": self.best_domain(),
            "best_section": self.best_section(),
        }

    def lines(self) -> list[str]:
        """Plain text for a terminal: fired labels only, strongest first."""
        out = ["domains:"]
        out += [f"  {line}" for d in _ranked(self.domains) for line in d.lines()] or ["  (none)"]
        if self.irrelevant.fired:
            out += ["off-topic:", *(f"  {line}" for line in self.irrelevant.lines())]
        out.append("sections:")
        out += [f"  {line}" for s in _ranked(self.sections) for line in s.lines()] or ["  (none)"]
        if self.reading is not None:
            out += ["actor and act (title and lead):", *self.reading.lines()]
        return out

    def __rich__(self) -> str:
        return "\n".join(self.lines())


def _with_reading(score: LabelScore, reading: Reading) -> LabelScore:
    extra = reading.score(score.label)
    if not extra:
        return score
    act = FiredRule("actor and act", extra, extra, (), False)
    return LabelScore(score.label, score.score + extra, (*score.fired, act), score.vetoed_by)


def _ranked(scores: tuple[LabelScore, ...]) -> list[LabelScore]:
    return sorted((s for s in scores if s.fired or s.vetoed_by), key=lambda s: -s.score)


def _best(scores: tuple[LabelScore, ...]) -> str | None:
    top = max(scores, key=lambda s: s.score, default=None)
    return top.label if top is not None and top.score > 0 else None


def score_label(label: Label, title: TextIndex, full: TextIndex) -> LabelScore:
    """Evaluate every rule of one label on an indexed text (``full`` includes the title)."""
    fired: list[FiredRule] = []
    vetoes: list[str] = []
    for rule in label.rules:
        firing = evaluate_rule(rule, title, full)
        if firing is None:
            continue
        if rule.is_veto:
            vetoes.extend(firing.matched)
            continue
        score = rule_score(rule, firing)
        matched, in_title = firing.matched, firing.in_title
        fired.append(FiredRule(rule.describe(), rule.weight, score, matched, in_title))
    total = 0.0 if vetoes else sum(f.score for f in fired)
    return LabelScore(label.name, total, tuple(fired), tuple(vetoes))


def explain(
    text: str,
    title: str = "",
    taxonomy: Taxonomy | None = None,
    gazetteer: Gazetteer | None = None,
) -> Explanation:
    """Every label's rule score on ``title`` and ``text`` (title hits count half again),
    and the actor/act reading (the packaged gazetteer unless one is given)."""
    tax = taxonomy or load_taxonomy()
    if tax.actors and gazetteer is None:
        gazetteer = default_gazetteer()
    title_index = TextIndex(title, max_words=tax.max_words)
    full = TextIndex(title, text, max_words=tax.max_words)
    return Explanation(
        tuple(score_label(d, title_index, full) for d in tax.domains),
        score_label(tax.irrelevant, title_index, full),
        tuple(score_label(s, title_index, full) for s in tax.predictable_sections),
        read(title, text, tax, gazetteer),
    )
