"""The other parts a clause's verb may take: who a grant goes to or a deal is with, the
law it is made under, what the money is for, where a bill was introduced, and the
percentage a change or record states.

Each is read from the words right around the verb and the facts located there, and left
empty when the sentence does not state it.
"""

from __future__ import annotations

import re

from kuaibao.draft.offline.actions import CHANGE, DEAL, FUND, RECEIVE, RECORD, ActionHit
from kuaibao.draft.offline.amounts import HEDGES
from kuaibao.draft.offline.parts import Actor, Sentence, actor_of
from kuaibao.facts.model import OrgFact

_RECIPIENT_RE = re.compile(r"(?i)\bto\s+(?:the\s+)?(?:[A-Z][\w]*-based\s+)?$|向$|给$")
_PARTNER_RE = re.compile(r"(?i)\bwith\s+(?:the\s+)?$|^\s*与$")
_BASIS_RE = re.compile(r"(?i)\b(?:under|through|via|from)\s+(?:the\s+)?$|根据$|依据$")
_PURPOSE_RE = re.compile(r"(?i)\bto\s+(?:[a-z]+\s+and\s+)?$")
_CHANGE_GAP_RE = re.compile(
    r"(?i)^(?:[^,;.]{0,60}?\bby\s+(?:an?\s+average\s+of\s+|about\s+|around\s+|up\s+to\s+)?"
    r"|\s*(?:by\s+)?(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+)?)$"
)
_RECORD_OF_RE = re.compile(r"(?i)^\s+of\s+$")
_EFFICIENCY_RE = re.compile(r"(?i)^\s+(?:conversion\s+)?efficiency\b")
_VENUE_RE = re.compile(r"(?i)^\s+(?:in|to|into|before)\s+(?:the\s+)?$")
PURPOSE_VERBS = frozenset({"建设", "扩大", "新增", "研发", "部署", "清除", "建造", "运行"})


def purpose_of(sentence: Sentence, action: ActionHit) -> ActionHit | None:
    """What the money is for: "to build …", "to capture and remove …" (用于建设……)."""
    text = sentence.text
    for later in sentence.actions:
        if later.start <= action.end or later.start - action.end > 120:
            continue
        if later.zh in PURPOSE_VERBS and _PURPOSE_RE.search(text[later.start - 24 : later.start]):
            return later
    return None


def change_of(sentence: Sentence, action: ActionHit) -> tuple[str, str, str]:
    """The percentage a change or record verb states ("cuts … by 62%"), 平均 or 效率, and
    what changed when the verb takes an object ("cuts LDL cholesterol by 62%")."""
    text = sentence.text
    for pct in sentence.facts.percentages:
        if pct.start < action.end:
            continue
        gap = text[action.end : pct.start]
        hedge = HEDGES.get(pct.approx or "", "")
        if action.kind == RECORD and _RECORD_OF_RE.match(gap):
            measure = "效率" if _EFFICIENCY_RE.match(text[pct.end : pct.end + 24]) else ""
            return hedge + pct.zh, measure, ""
        if action.kind == CHANGE and _CHANGE_GAP_RE.match(gap):
            changed = [t for t in sentence.terms if action.end <= t.start and t.end <= pct.start]
            measure = "平均" if "average" in gap.lower() else ""
            return hedge + pct.zh, measure, changed[0].zh if changed else ""
        break
    return "", "", ""


def venue_of(sentence: Sentence, orgs: list[OrgFact], action: ActionHit) -> Actor | None:
    """Where a bill was introduced: "introduced in the House of Commons"."""
    for org in orgs:
        if org.start >= action.end:
            gap = sentence.text[action.end : org.start]
            return actor_of(org) if _VENUE_RE.match(gap) else None
    return None


def recipient_of(sentence: Sentence, orgs: list[OrgFact], action: ActionHit) -> Actor | None:
    """Who a grant goes to ("awarded $1.5 billion to GlobalFoundries"), or a deal's partner
    ("signed an agreement with JST")."""
    pattern = {FUND: _RECIPIENT_RE, DEAL: _PARTNER_RE}.get(action.kind)
    if pattern is None:
        return None
    for org in orgs:
        if org.start > action.end and pattern.search(sentence.text[action.end : org.start]):
            return actor_of(org)
    return None


def basis_of(sentence: Sentence, action: ActionHit) -> str:
    """The law a grant is made under: "under the CHIPS and Science Act"."""
    if action.kind not in (FUND, RECEIVE):
        return ""
    for org in sentence.facts.organisations:
        if org.kind == "law" and _BASIS_RE.search(
            sentence.text[max(0, org.start - 12) : org.start]
        ):
            return org.zh
    return ""
