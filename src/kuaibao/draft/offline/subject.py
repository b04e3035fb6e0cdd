"""Subjects that are not organisations: research teams and things.

Research news names its actors late and loosely: "Engineers have built …" opens the
story, "The work, by researchers at the Flanders Nanoelectronics Lab and …" follows. The
team is the institution named after "researchers at/from", "collaboration between" or
"developed at" (``Flanders Nanoelectronics Lab研究人员``), else plain 研究人员. A headline
often has a thing as subject ("Sounding rocket experiments reveal …", "Launch prices
fell 18%"); its terms, read at the start of the sentence, give ``探空火箭实验``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kuaibao.draft.offline.lexicon import TermHit
from kuaibao.draft.offline.parts import TEAM, Actor, Sentence, actor_of, together
from kuaibao.facts.model import OrgFact

RESEARCHERS = Actor(TEAM, TEAM, ("researchers",))
_RESEARCHERS_RE = re.compile(
    r"(?i)^(?:(?:a|the)\s+(?:\w+\s+)?(?:team|group)\b(?:\s+of\s+[a-z]+)?|(?:the\s+)?"
    r"(?:[a-z-]+\s+)?(?:researchers|scientists|engineers|physicists|chemists|astronomers|"
    r"biologists|mathematicians|computer scientists))\b"
)
_TEAM_BEFORE_RE = re.compile(
    r"(?i)(?:\b(?:researchers?|scientists?|engineers?|team|group|physicists|chemists|"
    r"astronomers)\b[^.;]{0,24}?\b(?:at|from|by|of)|\b(?:collaboration|partnership)\s+"
    r"between|\bdeveloped\s+at)\s+(?:the\s+)?$"
)
_AND_THE_RE = re.compile(r"(?i)^\s*(?:,\s*)?and\s+(?:the\s+)?$")
_SUBJECT_LEAD_RE = re.compile(r"(?i)^(?:(?:the|a|an|new|one-time|power|its|their)\s+)*$")
_COMPOUND_GAP_RE = re.compile(r"^[\s-]*$")
_SUBJECT_ORG_KINDS = frozenset({"programme", "strategy", "law", "event"})
# "The treatment, developed by the Dutch company Lodestar Therapeutics, …"
_DEVELOPED_RE = re.compile(
    r"(?i)^the\s+(?:[\w-]+\s+){0,2}?(?P<head>[a-z]+),\s+(?:developed|made|built|designed)"
    r"\s+by\s+(?:the\s+|a\s+)?(?:[A-Za-z-]+\s+){0,2}?$"
)


def _named_zh(sentence: Sentence) -> set[str]:
    return {o.zh for o in sentence.facts.organisations if o.kind in _SUBJECT_ORG_KINDS}


def researcher_subject(sentence: Sentence) -> bool:
    """True when the sentence opens with researchers ("Engineers have built …")."""
    return _RESEARCHERS_RE.match(sentence.words) is not None


def team_members(sentence: Sentence) -> list[OrgFact]:
    """Organisations the sentence names as where researchers work, with their partners."""
    orgs = sentence.organisations()
    members: list[OrgFact] = []
    text = sentence.text
    for index, org in enumerate(orgs):
        before = text[max(sentence.start, org.start - 60) : org.start]
        joined = bool(members) and members[-1] is orgs[index - 1] and index > 0
        if _TEAM_BEFORE_RE.search(before) or (
            joined and _AND_THE_RE.match(text[orgs[index - 1].end : org.start])
        ):
            members.append(org)
    return members


def team_of(members: Sequence[OrgFact]) -> Actor | None:
    """``A研究人员`` or ``A与B研究人员`` (the short form ``A等机构研究人员``)."""
    if not members:
        return None
    first = actor_of(members[0])
    if len(members) == 1 or members[1].canonical == members[0].canonical:
        return Actor(first.full + TEAM, first.short + TEAM, first.keys)
    second = actor_of(members[1])
    both = together(first, second)
    return Actor(both.full + TEAM, f"{first.short}等机构{TEAM}", both.keys)


def research_team(sentences: Sequence[Sentence]) -> Actor | None:
    """The team the first sentences that name one credit with the work."""
    for sentence in sentences:
        team = team_of(team_members(sentence))
        if team is not None:
            return team
    return None


def developer(sentences: Sequence[Sentence], subject: str) -> Actor | None:
    """Who made the thing a sentence is about, when a later sentence says so ("The
    treatment, developed by … Lodestar Therapeutics, …" for 基因编辑疗法)."""
    for sentence in sentences:
        for org in sentence.organisations():
            match = _DEVELOPED_RE.match(sentence.text[sentence.start : org.start])
            if match is None:
                continue
            at = sentence.start + match.start("head")
            head = next((h.zh for h in sentence.heads if h.start <= at < h.end), "")
            if head and subject.endswith(head):
                return actor_of(org)
    return None


def subject_phrase(sentence: Sentence, verb_start: int) -> str:
    """The thing a sentence opens with, as Chinese terms (``探空火箭实验``), or ''.

    Only terms that start the sentence (after an article or a light adjective) and run
    up to the verb count, so "Adoption of generative AI rose" yields nothing.
    """
    text = sentence.text
    pieces = sorted(
        [
            *(t for t in sentence.terms if t.end <= verb_start),
            *(h for h in sentence.heads if h.end <= verb_start),
            *(
                TermHit(o.start, o.end, o.zh)
                for o in sentence.facts.organisations
                if o.kind in _SUBJECT_ORG_KINDS and o.end <= verb_start
            ),
        ],
        key=lambda t: t.start,
    )
    if not pieces:
        return ""
    lead = text[sentence.start : pieces[0].start]
    for money in sentence.facts.money:  # "£320 million Biomanufacturing Fund backs …"
        if money.end <= pieces[0].start:
            lead = lead.replace(money.text, "")
    if not _SUBJECT_LEAD_RE.match(lead.lstrip()):
        return ""
    chosen = [pieces[0]]
    for piece in pieces[1:]:
        if piece.start < chosen[-1].end:
            continue
        if not _COMPOUND_GAP_RE.match(text[chosen[-1].end : piece.start]):
            break
        chosen.append(piece)
    if not any(p in sentence.terms or p.zh in _named_zh(sentence) for p in chosen):
        return ""  # "Companies will be asked to build …": a bare head says too little
    words = ""
    for piece in chosen:
        if not words.endswith(piece.zh):
            words += piece.zh
    return words if len(text[chosen[-1].end : verb_start].split()) <= 6 else ""
