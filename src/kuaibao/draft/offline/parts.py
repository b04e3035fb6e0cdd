"""The pieces clauses are built from: one source sentence with what was found in it, and
an actor as a draft names it.

They live apart from ``clause`` so that the helpers that read subjects, research teams and
report attributions can share them without importing the clause builder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kuaibao.draft.offline.actions import ActionHit
from kuaibao.draft.offline.lexicon import TermHit
from kuaibao.facts.model import Facts, OrgFact

TEAM = "研究人员"
_COMPANY = "named_company"  # the kinds names.py gives organisations the gazetteer lacks
_NAMED_KINDS = frozenset({_COMPANY, "named_institution"})
_PAREN_RE = re.compile(r"[（(][^（）()]*[）)]$")


@dataclass(frozen=True)
class Actor:
    """Who acted: the full Chinese name for a first mention, the short one after."""

    full: str
    short: str
    keys: tuple[str, ...]


def actor_of(org: OrgFact) -> Actor:
    """The actor an organisation names: ``英国研究与创新署（UKRI）`` / ``英国研究与创新署``;
    an unknown name is ``德国Rhine Institute of Photonics`` first, its own spelling after."""
    if org.kind in _NAMED_KINDS:
        spelled = f"{org.canonical}公司" if org.kind == _COMPANY else org.canonical
        return Actor(org.zh, spelled, (org.canonical,))
    return Actor(org.zh, _PAREN_RE.sub("", org.zh) or org.zh, (org.canonical,))


def together(first: Actor, second: Actor) -> Actor:
    """``A与B``: two organisations acting jointly (``A与B研究人员`` for two teams)."""
    if first.full.endswith(TEAM) and second.full.endswith(TEAM):
        first = Actor(first.full.removesuffix(TEAM), first.short.removesuffix(TEAM), first.keys)
    return Actor(
        f"{first.full}与{second.full}", f"{first.short}与{second.short}", first.keys + second.keys
    )


@dataclass(frozen=True)
class Sentence:
    """One source sentence (or title) with everything found in it."""

    text: str  # the whole document text the spans refer to
    start: int
    end: int
    facts: Facts
    terms: list[TermHit]
    heads: list[TermHit]
    actions: list[ActionHit]
    names: list[OrgFact] = field(default_factory=list)  # organisations the gazetteer lacks

    @property
    def words(self) -> str:
        return self.text[self.start : self.end]

    def organisations(self) -> list[OrgFact]:
        """Gazetteer organisations and unknown names, in text order."""
        return sorted([*self.facts.organisations, *self.names], key=lambda o: o.start)
