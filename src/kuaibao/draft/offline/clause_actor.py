"""Who acts in a sentence, and by which verb: the clause's actor and main action.

The actor is an organisation standing before the verb (two joined by "and" act together),
the agent of a passive verb ("published by …"), a research team, a country named as
subject, or whoever "it" or "the agency" stands for; never a name the sentence lacks.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kuaibao.draft.offline.actions import CHANGE, EFFECT, RECORD, REPORT, RESULT, ActionHit
from kuaibao.draft.offline.parts import Actor, Sentence, actor_of, together
from kuaibao.draft.offline.subject import RESEARCHERS, researcher_subject, team_members, team_of
from kuaibao.facts.model import OrgFact, PlaceFact

_GOVERNMENT_RE = re.compile(r"(?i)^(?:'s)?\s*(?:federal\s+|national\s+)?government\b|^政府")
_PLACE_SUBJECT_GAP_RE = re.compile(r"^[^,，;；:：()（）]{0,25}$")
_PRONOUN_GAP_RE = re.compile(r"^\s*(?:[A-Za-z']+\s+){0,3}$")  # "The agency will also fund"
_PRONOUN_RE = re.compile(
    r"(?i)^(?:the (?:agency|department|ministry|council|company|organi[sz]ation|"
    r"foundation|institute|university|government|funder|office|commission|laboratory|lab|"
    r"firm|group|body|regulator))\b|^(?:该|其|这家|这所)"
)
_AND_RE = re.compile(r"(?i)^\s*(?:,\s*)?(?:and|&)\s+(?:the\s+)?$|^\s*[、和与及]\s*$")
_AGENT_GAP_RE = re.compile(r"(?i)^\s+by\s+(?:the\s+|a\s+|an\s+)?(?:[A-Za-z-]+\s+){0,2}?$")
_PLACE_BODY_RE = re.compile(
    r"(?i)^['’]s\s+(?:[a-z]+\s+){0,2}(?:ministry|department|agency|regulator|office)\b"
    r"(?:\s+(?:has|have|will|is|plans|said))?\s*$"
)
_THING_KINDS = frozenset({EFFECT, CHANGE, RECORD})  # rules take effect, prices fall
_CLOSE_KINDS = frozenset({RESULT, REPORT})  # "…, where it finds" is not Congress finding
_CLOSE_GAP_RE = re.compile(
    r"(?i)^(?:(?!(?:that|which|where|who|when|while|but|because|it|they|and)\b)[\w'’-]+\s+|,?\s+)"
    r"{0,5}$"
)


def _actor(org: OrgFact, members: list[OrgFact]) -> Actor:
    """An organisation as actor; one where researchers work acts as its team."""
    if any(m.start == org.start for m in members):
        return team_of([org]) or actor_of(org)
    return actor_of(org)


def _actor_before(orgs: list[OrgFact], at: int, text: str, members: list[OrgFact]) -> Actor | None:
    """The organisation nearest before ``at``, joined with one before it by "and"."""
    before = [o for o in orgs if o.end <= at]
    if not before:
        return None
    actor = _actor(before[-1], members)
    if len(before) > 1 and _AND_RE.match(text[before[-2].end : before[-1].start]):
        other = _actor(before[-2], members)
        if other.keys != actor.keys:
            return together(other, actor)
    return actor


def _agent(sentence: Sentence, orgs: list[OrgFact], action: ActionHit) -> OrgFact | None:
    """Who did a passive verb: "published by the Meridian Institute", "developed by the
    Dutch company Lodestar Therapeutics"."""
    for org in orgs:
        if org.start >= action.end and _AGENT_GAP_RE.match(sentence.text[action.end : org.start]):
            return org
    return None


def pick_action(
    sentence: Sentence, orgs: list[OrgFact], inherit: Actor | None, team: Actor | None
) -> tuple[ActionHit | None, Actor | None]:
    """The main action and its actor: the first action an organisation stands before."""
    text = sentence.text
    members = team_members(sentence)
    if researcher_subject(sentence):
        researchers = team_of(members) or team or RESEARCHERS
        for action in sentence.actions:
            if not action.passive:
                return action, researchers
    for action in sentence.actions:
        if action.kind in _THING_KINDS:
            continue
        if action.passive:
            agent = _agent(sentence, orgs, action)
            if agent is not None:
                return replace(action, passive=False), _actor(agent, members)
            continue
        near = orgs
        if action.kind in _CLOSE_KINDS:
            near = [o for o in orgs if _CLOSE_GAP_RE.match(text[o.end : action.start])]
        actor = _actor_before(near, action.start, text, members)
        if actor is not None:
            return action, actor
    for action in sentence.actions:
        if action.passive or action.kind in _THING_KINDS:
            continue
        place = _place_subject(sentence, action)
        if place is not None:
            return action, place
        pronoun = _PRONOUN_RE.match(sentence.words)
        gap = text[sentence.start + pronoun.end() : action.start] if pronoun else ""
        if inherit is not None and pronoun and _PRONOUN_GAP_RE.match(gap):
            return action, inherit
    for action in sentence.actions:
        return action, None
    return None, None


def _place_subject(sentence: Sentence, action: ActionHit) -> Actor | None:
    """A country as subject: ``The UK government will …`` or ``Japan will …``."""
    text = sentence.text
    for place in sentence.facts.places:
        if place.end > action.start:
            break
        lead = text[sentence.start : place.start].strip().lower()
        gap = text[place.end : action.start]
        if lead not in ("", "the") or not _PLACE_SUBJECT_GAP_RE.match(gap):
            continue
        if _GOVERNMENT_RE.match(gap):
            return Actor(f"{place.zh}政府", f"{place.zh}政府", (f"{place.code}:government",))
        if gap.strip().lower() in ("", "will", "has", "have", "is", "to", "将", "已"):
            return _place_actor(place)
        if _PLACE_BODY_RE.match(gap):  # "South Korea's science ministry has announced"
            return _place_actor(place)
    return None


def _place_actor(place: PlaceFact) -> Actor:
    return Actor(place.zh, place.zh, (place.code,))
