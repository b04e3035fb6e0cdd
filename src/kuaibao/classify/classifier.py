"""Domain, section and relevance for a text: taxonomy rules blended with the learned model.

Rule scores become a distribution by a softmax; the model gives probabilities. The two
are averaged, the model counting less when it is unsure, and not at all when there is
none. Relevance weighs the rule evidence for any domain against the off-topic rules; with
a model, its relevance head's log-odds are added at half weight, so an unsure model (near
0.5) leaves the rules' verdict as it is. Below ``RELEVANT_AT`` the domain is 无关 and there is no
section. 重点关注 is never predicted: it is the editor's choice.

The section is first a matter of who acts and what kind of act it is (``actors.read``):
when the title and lead make that clear, it decides, and the model's view is only noted.
Otherwise the actor/act scores join the section keyword rules, and those are blended with
the model as for the domain.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kuaibao import phrases
from kuaibao.classify.explain import Explanation, LabelScore, explain
from kuaibao.classify.model import Model, Prediction
from kuaibao.classify.taxonomy import IRRELEVANT, Taxonomy, load_taxonomy
from kuaibao.facts.gazetteer import Gazetteer

RULE_TEMPERATURE = 2.0  # rule-score difference that multiplies the odds by e
EVIDENCE_PRIOR = 2.0  # off-topic evidence assumed before any rule fires
SMOOTHING = 0.5  # keeps rule relevance off 0 and 1 so the model can still move it
MODEL_WEIGHT = 0.5  # the model's share when it is sure
UNSURE_WEIGHT = 0.25  # its share when its top probability is below UNSURE
RELEVANCE_MODEL_WEIGHT = 0.5  # the model's log-odds count half: it sees few off-topic texts
UNSURE = 0.5
RELEVANT_AT = 0.5


@dataclass(frozen=True)
class Classification:
    """Where a text belongs, how relevant it is (0–1), and why."""

    domain: str
    section: str | None
    relevance: float
    reasons: list[str] = field(default_factory=list)

    @property
    def relevant(self) -> bool:
        return self.domain != IRRELEVANT

    def to_json(self) -> dict[str, Any]:
        return {
            "domain": self.domain,
            "section": self.section,
            "relevance": self.relevance,
            "reasons": list(self.reasons),
        }


def softmax(scores: dict[str, float], temperature: float = RULE_TEMPERATURE) -> dict[str, float]:
    """Scores to probabilities; a gap of ``temperature`` multiplies the odds by e."""
    top = max(scores.values())
    weights = {k: math.exp((v - top) / temperature) for k, v in scores.items()}
    total = sum(weights.values())
    return {k: w / total for k, w in weights.items()}


def blend(
    rules: dict[str, float] | None, model: dict[str, float] | None
) -> tuple[dict[str, float], float]:
    """The averaged distribution and the model's share in it (0 without a model)."""
    if model is None or not model:
        return (rules or {}), 0.0
    if rules is None:
        return model, 1.0
    weight = MODEL_WEIGHT if max(model.values()) >= UNSURE else UNSURE_WEIGHT
    labels = set(rules) | set(model)
    mixed = {k: (1 - weight) * rules.get(k, 0.0) + weight * model.get(k, 0.0) for k in labels}
    return mixed, weight


def _rule_distribution(scores: tuple[LabelScore, ...]) -> dict[str, float] | None:
    if not any(s.score > 0 for s in scores):
        return None
    return softmax({s.label: s.score for s in scores})


def _model_distribution(probs: dict[str, float], labels: list[str]) -> dict[str, float] | None:
    """The model's probabilities restricted to ``labels`` and renormalised."""
    kept = {k: v for k, v in probs.items() if k in labels}
    total = sum(kept.values())
    return {k: v / total for k, v in kept.items()} if total > 0 else None


def rule_relevance(explanation: Explanation) -> float:
    """Domain evidence against off-topic evidence plus a prior (about 0.17 with none)."""
    support = sum(d.score for d in explanation.domains) + SMOOTHING
    against = explanation.irrelevant.score + EVIDENCE_PRIOR + SMOOTHING
    return support / (support + against)


def _logit(p: float) -> float:
    p = min(max(p, 0.001), 0.999)
    return math.log(p / (1 - p))


def _relevance(explanation: Explanation, prediction: Prediction | None) -> tuple[float, str]:
    by_rules = rule_relevance(explanation)
    if prediction is None or prediction.relevance is None:
        return by_rules, phrases.RELEVANCE_RULES(value=f"{by_rules:.2f}")
    by_model = prediction.relevance
    log_odds = _logit(by_rules) + RELEVANCE_MODEL_WEIGHT * _logit(by_model)
    value = 1 / (1 + math.exp(-log_odds))
    return value, phrases.RELEVANCE_BLEND(
        value=f"{value:.2f}", rules=f"{by_rules:.2f}", model=f"{by_model:.2f}"
    )


def _rule_reason(kind: str, score: LabelScore | None) -> list[str]:
    if score is None or not score.fired:
        return []
    fired = sorted(score.fired, key=lambda f: -f.score)[:3]
    rules = "; ".join(f"{f.rule} [{', '.join(f.matched)}] +{f.score:g}" for f in fired)
    return [
        phrases.RULES_FIRED(kind=kind, label=score.label, score=f"{score.score:g}", fired=rules)
    ]


def _pick(
    kind: str,
    scores: tuple[LabelScore, ...],
    probs: dict[str, float] | None,
    fallback: str,
) -> tuple[str, list[str]]:
    """The best label of one kind from rules and model, with the reasons for it."""
    labels = [s.label for s in scores]
    model = _model_distribution(probs, labels) if probs else None
    combined, weight = blend(_rule_distribution(scores), model)
    if not combined:
        return fallback, [phrases.NO_RULE(kind=kind, label=fallback)]
    best = max(labels, key=lambda k: combined.get(k, 0.0))
    reasons = _rule_reason(kind, next((s for s in scores if s.label == best), None))
    if model is not None:
        top = max(model, key=lambda k: model[k])
        reasons.append(
            phrases.MODEL(
                kind=kind, label=top, probability=f"{model[top]:.2f}", weight=f"{weight:.2f}"
            )
        )
    return best, reasons


def _section(
    explanation: Explanation, prediction: Prediction | None, taxonomy: Taxonomy
) -> tuple[str, list[str]]:
    """The section: the actor and act when they decide, else rules (with them) and model."""
    reading = explanation.reading
    if reading is not None and reading.section:
        why = [phrases.ACTOR_ACT(label=reading.section, reading=reading.summary())]
        if prediction is not None and prediction.sections:
            top = max(prediction.sections, key=lambda k: prediction.sections[k])
            probability = f"{prediction.sections[top]:.2f}"
            why.append(
                phrases.MODEL(kind="section", label=top, probability=probability, weight="0.00")
            )
        return reading.section, why
    section, why = _pick(
        "section", explanation.section_scores(),
        prediction.sections if prediction else None, taxonomy.predictable_sections[-1].name,
    )  # fmt: skip
    if reading is not None:
        why.append(phrases.ACTOR_ACT_UNDECIDED(reading=reading.summary()))
    return section, why


def decide(
    explanation: Explanation, prediction: Prediction | None, taxonomy: Taxonomy
) -> Classification:
    """Combine one text's rule explanation and model prediction into a classification."""
    relevance, why = _relevance(explanation, prediction)
    if relevance < RELEVANT_AT:
        reasons = [why, *_rule_reason("off-topic", explanation.irrelevant)]
        return Classification(IRRELEVANT, None, round(relevance, 3), reasons)
    domain, domain_why = _pick(
        "domain", explanation.domains,
        prediction.domains if prediction else None, taxonomy.fallback_domain,
    )  # fmt: skip
    section, section_why = _section(explanation, prediction, taxonomy)
    return Classification(domain, section, round(relevance, 3), [why, *domain_why, *section_why])


def classify(
    title: str,
    text: str,
    *,
    model: Model | None = None,
    taxonomy: Taxonomy | None = None,
    gazetteer: Gazetteer | None = None,
) -> Classification:
    """Domain, section (never 重点关注), relevance 0–1 and reasons for one text."""
    return classify_many([(title, text)], model=model, taxonomy=taxonomy, gazetteer=gazetteer)[0]


def classify_many(
    pairs: Sequence[tuple[str, str]],
    *,
    model: Model | None = None,
    taxonomy: Taxonomy | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[Classification]:
    """Classify many (title, text) pairs; the model vectorises them in one pass. The
    gazetteer tells actors by kind (the packaged one unless given)."""
    tax = taxonomy or load_taxonomy()
    predictions: list[Prediction | None] = (
        list(model.predict(pairs)) if model is not None else [None] * len(pairs)
    )
    return [
        decide(explain(text, title, tax, gazetteer), prediction, tax)
        for (title, text), prediction in zip(pairs, predictions, strict=True)
    ]
