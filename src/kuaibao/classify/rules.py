"""Weighted keyword rules from the taxonomy file: parsing, validation and evaluation.

A rule is a mapping in a label's ``rules`` list::

    {any: [qubit, 量子比特], weight: 2}                  # any one phrase
    {all: [quantum, [computer, processor]], weight: 3}   # every element; a list is any-of
    {any: [manufacturing], not: [semiconductor], weight: 1}  # unless one of these occurs
    {not: [quantum dot display]}                         # the label is ruled out

Each rule fires at most once; its weight counts half again when it fires in the title
alone. Errors name the label and the rule so that analysts can fix their copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kuaibao.classify.matching import Term, TextIndex, compile_term
from kuaibao.errors import ConfigError

TITLE_BONUS = 0.5
RULE_KEYS = frozenset({"any", "all", "not", "weight", "name"})


@dataclass(frozen=True)
class Rule:
    """One compiled rule; ``groups`` must all match (each group is any-of its terms)."""

    groups: tuple[tuple[Term, ...], ...]
    weight: float = 1.0
    unless: tuple[Term, ...] = ()
    name: str = ""

    @property
    def is_veto(self) -> bool:
        """A bare ``not`` rule: when it matches, the label is ruled out."""
        return not self.groups

    def describe(self) -> str:
        """A short human form, e.g. ``all: quantum + (computer | processor)``."""
        if self.name:
            return self.name
        if self.is_veto:
            return "not: " + " | ".join(t.phrase for t in self.unless)
        parts = [_group_text(g, len(self.groups) > 1) for g in self.groups]
        text = ("all: " + " + ".join(parts)) if len(parts) > 1 else ("any: " + parts[0])
        if self.unless:
            text += " (unless " + " | ".join(t.phrase for t in self.unless) + ")"
        return text

    def max_words(self) -> int:
        """The longest phrase in words, so texts are indexed just deep enough."""
        terms = [t for g in self.groups for t in g] + list(self.unless)
        return max((len(t.words) for t in terms), default=1)


def _group_text(group: tuple[Term, ...], nested: bool) -> str:
    shown = [t.phrase for t in group[:6]] + (["…"] if len(group) > 6 else [])
    text = " | ".join(shown)
    return f"({text})" if nested and len(group) > 1 else text


@dataclass(frozen=True)
class Firing:
    """How one rule fared on one text: the phrases it matched and where."""

    matched: tuple[str, ...]
    in_title: bool


def _matches(groups: tuple[tuple[Term, ...], ...], index: TextIndex) -> list[str]:
    """The first phrase that matched in each group, or [] when some group has no match."""
    found = []
    for group in groups:
        for term in group:
            if index.has(term):
                found.append(term.phrase)
                break
        else:
            return []
    return found


def evaluate_rule(rule: Rule, title: TextIndex, full: TextIndex) -> Firing | None:
    """The rule's firing on the whole text (``full`` includes the title), or None."""
    if rule.is_veto:
        hits = [t.phrase for t in rule.unless if full.has(t)]
        return Firing(tuple(hits), False) if hits else None
    matched = _matches(rule.groups, full)
    if not matched:
        return None
    if rule.unless and _matches((rule.unless,), full):
        return None
    in_title = _matches(rule.groups, title) if title else []
    return Firing(tuple(in_title or matched), bool(in_title))


def rule_score(rule: Rule, firing: Firing) -> float:
    """The weight a firing contributes: half again when it fired in the title."""
    return rule.weight * (1 + TITLE_BONUS if firing.in_title else 1)


class RuleError(ConfigError, ValueError):
    """A rule spec is invalid; the message says how (the caller adds which rule)."""


def _phrases(value: Any, key: str) -> tuple[Term, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise RuleError(f"`{key}` must be a non-empty list of phrases")
    terms = []
    for phrase in value:
        if isinstance(phrase, list):
            raise RuleError(f"`{key}` takes phrases, not lists (nest lists only inside `all`)")
        if isinstance(phrase, bool) or phrase is None or not str(phrase).strip():
            raise RuleError(f"`{key}` has an empty or invalid phrase: {phrase!r}")
        try:
            terms.append(compile_term(str(phrase)))
        except ValueError as exc:
            raise RuleError(str(exc)) from exc
    return tuple(terms)


def parse_phrases(value: Any, key: str) -> tuple[Term, ...]:
    """A non-empty list of phrases (or one phrase), compiled; RuleError says what is wrong."""
    return _phrases(value, key)


def _weight(spec: dict[str, Any]) -> float:
    weight = spec.get("weight", 1)
    if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
        raise RuleError(f"`weight` must be a positive number, got {weight!r}")
    return float(weight)


def parse_rule(spec: Any) -> Rule:
    """One rule from its YAML mapping (or a bare phrase, meaning ``any`` with weight 1)."""
    if isinstance(spec, str):
        spec = {"any": [spec]}
    if not isinstance(spec, dict):
        raise RuleError(f"a rule must be a mapping like {{any: [...], weight: 2}}, got {spec!r}")
    unknown = sorted(str(k) for k in spec if k not in RULE_KEYS)
    if unknown:
        raise RuleError(f"unknown key(s) {', '.join(unknown)}; use any, all, not, weight, name")
    if "any" in spec and "all" in spec:
        raise RuleError("use either `any` or `all`, not both (nest a list in `all` for any-of)")
    name = str(spec.get("name") or "")
    unless = _phrases(spec["not"], "not") if "not" in spec else ()
    if "any" in spec:
        return Rule((_phrases(spec["any"], "any"),), _weight(spec), unless, name)
    if "all" in spec:
        return Rule(_all_groups(spec["all"]), _weight(spec), unless, name)
    if unless:
        if "weight" in spec:
            raise RuleError("a bare `not` rule rules the label out and takes no `weight`")
        return Rule((), 0.0, unless, name)
    raise RuleError("a rule needs `any`, `all` or `not`")


def _all_groups(value: Any) -> tuple[tuple[Term, ...], ...]:
    if not isinstance(value, list) or not value:
        raise RuleError("`all` must be a non-empty list of phrases or lists of phrases")
    return tuple(_phrases(element, "all") for element in value)


def parse_rules(specs: Any, keywords: tuple[str, ...], where: str) -> tuple[Rule, ...]:
    """A label's rules; its plain ``keywords`` become one ``any`` rule of weight 1."""
    if specs is None:
        specs = []
    if not isinstance(specs, list):
        raise RuleError(f"{where}: `rules` must be a list of rules")
    rules = []
    for i, spec in enumerate(specs, 1):
        try:
            rules.append(parse_rule(spec))
        except RuleError as exc:
            raise RuleError(f"{where}, rule #{i} {_spec_hint(spec)}: {exc}") from exc
    if keywords:
        try:
            rules.append(Rule((_phrases(list(keywords), "keywords"),), 1.0, (), "keywords"))
        except RuleError as exc:
            raise RuleError(f"{where}, keywords: {exc}") from exc
    return tuple(rules)


def _spec_hint(spec: Any) -> str:
    """The rule as written, cut short, so an error can be found in the file."""
    text = str(spec)
    return f"({text[:60]}…)" if len(text) > 60 else f"({text})"
