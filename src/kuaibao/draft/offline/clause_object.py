"""What a clause's verb acts on: a named programme or law, lexicon terms with their head
noun (量子计算和量子传感研究中心), a bare head noun, or the company a deal buys.

An object is built only from names and terms located in the sentence; when none follows
the verb closely enough, the clause has no object rather than a guessed one.
"""

from __future__ import annotations

import re

from kuaibao.draft.offline.actions import (
    ANNOUNCE,
    APPROVE,
    FUND,
    OTHER,
    PROPOSE,
    PUBLISH,
    RECEIVE,
    RESULT,
    ActionHit,
)
from kuaibao.draft.offline.lexicon import TermHit
from kuaibao.draft.offline.parts import Sentence
from kuaibao.draft.offline.tables import default_nouns
from kuaibao.facts.model import OrgFact

NAMED_KINDS = frozenset({"programme", "law", "strategy", "event"})
PROGRAMME_HEADS = default_nouns().programme_heads  # nouns.yaml
_JOIN_RE = re.compile(
    r"(?i)^(?:\s*,?\s*(?:and|or|&)\s+(?:an?\s+|the\s+)?|\s*,\s*|\s*/\s*|[、和与及])$"
)
_HEAD_AFTER_RE = re.compile(
    r"(?i)^[\s-]*(?:(?!(?:in|for|to|of|on|with|at|by|from|and|or)\b)[A-Za-z]+[\s-]+)?$"
)
_HEAD_BEFORE_RE = re.compile(
    r"(?i)^\s+(?:on|in|into|for|of|about|to|around|covering|addressing)\s+(?:the\s+)?$"
)
_VERB_HEAD_RE = re.compile(
    r"(?i)^\s*(?:(?:a|an|the|its|their|new|first|latest)\s+){0,3}(?:\s*\([^)]*\))?\s*$"
)
_TARGET_GAP_RE = re.compile(
    r"(?i)^\s+(?:(?:a|an|the|its)\s+)?"
    r"(?:(?!(?:with|to|for|in|of|from|by|on|at|and|or)\b)[a-z-]+\s+){0,3}$"
)
_NEAR_OBJECT_KINDS = frozenset({RESULT, OTHER})
_NEAR_GAP_RE = re.compile(
    r"(?i)^\s*(?:(?!(?:on|in|at|with|from|for|by|to|into|of|that|which|while|after|before)\b)"
    r"[\w,.'’-]+\s+){0,5}$"
)
# A document verb needs a document: 发布人工智能 says nothing, 发布人工智能相关文件 does.
_BARE_TERM_NOUNS = {PUBLISH: "相关文件", PROPOSE: "相关举措", APPROVE: "相关事项"}
_HEAD_ENDINGS = default_nouns().head_endings  # nouns.yaml


def _terms_object(sentence: Sentence, after: int, head: TermHit | None) -> tuple[str, bool]:
    """Joined terms (量子计算和量子传感) with their head noun (研究中心), if any."""
    terms = [t for t in sentence.terms if t.start >= after]
    if not terms and head is None:  # a bare "announced £1.1 billion" is about the story's terms
        terms = sentence.terms
    if not terms:
        return "", False
    text = sentence.text
    chosen = [terms[0]]
    for term in terms[1:]:
        if len(chosen) == 3 or not _JOIN_RE.match(text[chosen[-1].end : term.start]):
            break
        if term.zh not in (c.zh for c in chosen):
            chosen.append(term)
    names = [c.zh for c in chosen]
    joined = names[0] if len(names) == 1 else "、".join(names[:-1]) + "和" + names[-1]
    noun = head.zh if head else _head_for(sentence, chosen[0], chosen[-1])
    if noun and not joined.endswith(noun):
        return joined + noun, noun in PROGRAMME_HEADS
    return joined, False


def _head_for(sentence: Sentence, first: TermHit, last: TermHit) -> str:
    text = sentence.text
    for head in sentence.heads:
        if head.start >= last.end and _HEAD_AFTER_RE.match(text[last.end : head.start]):
            return head.zh
        if head.end <= first.start and _HEAD_BEFORE_RE.match(text[head.end : first.start]):
            return head.zh
    return ""


def _verb_head(sentence: Sentence, action: ActionHit | None) -> TermHit | None:
    """The noun a document or deal verb takes: "signed an agreement", "released a report"."""
    if action is None or action.kind in (FUND, ANNOUNCE):
        return None
    for head in sentence.heads:
        if head.start >= action.end:
            gap = sentence.text[action.end : head.start]
            for money in sentence.facts.money:  # "signed a $640 million contract"
                if action.end <= money.start and money.end <= head.start:
                    gap = gap.replace(money.text, " ")
            return head if _VERB_HEAD_RE.match(gap) else None
    return None


def _named(sentence: Sentence, after: int, kinds: frozenset[str]) -> OrgFact | None:
    named = [o for o in sentence.facts.organisations if o.kind in kinds]
    return next((o for o in named if o.start >= after), named[0] if named else None)


def _has_head(obj: str) -> bool:
    return obj.endswith(_HEAD_ENDINGS)


def target_of(sentence: Sentence, orgs: list[OrgFact], action: ActionHit) -> OrgFact | None:
    """The organisation a deal is about: "agreed to buy Lumira Photonics", "acquire Keyward"."""
    if action.zh != "收购":
        return None
    for org in orgs:
        if org.start >= action.end:
            return org if _TARGET_GAP_RE.match(sentence.text[action.end : org.start]) else None
    return None


def object_of(
    sentence: Sentence,
    action: ActionHit | None,
    *,
    amount_follows: bool = False,
    after: int | None = None,
) -> tuple[str, bool, bool]:
    """The object, whether it is programme-like, and whether it is a bare head noun."""
    if after is None:
        after = action.end if action else sentence.start
    kind = action.kind if action else ""
    # What a grant supports is a programme, not the law it is made under.
    funds = kind in (FUND, RECEIVE)
    named = _named(sentence, after, NAMED_KINDS - {"law"} if funds else NAMED_KINDS)
    verb_head = _verb_head(sentence, action)
    terms, programme_like = _terms_object(sentence, after, verb_head)
    first_term = next((t.start for t in sentence.terms if t.start >= after), None)
    named_first = named is not None and first_term is not None and after <= named.start < first_term
    if named is not None and (kind != FUND or not terms or named_first):
        return named.zh, True, False
    if terms and kind in _BARE_TERM_NOUNS and not _has_head(terms) and not amount_follows:
        return terms + _BARE_TERM_NOUNS[kind], False, False
    if kind in _NEAR_OBJECT_KINDS and not _near(sentence, after):
        return "", False, False  # "fabricated devices on a wafer": the wafer is not the object
    if terms:
        return terms, programme_like, False
    if action is not None and kind not in (FUND, ANNOUNCE):
        heads = [verb_head] if verb_head else [h for h in sentence.heads if h.start >= after]
        if heads:
            return heads[0].zh, heads[0].zh in PROGRAMME_HEADS, True
    return "", False, False


def _near(sentence: Sentence, after: int) -> bool:
    """The first term or named object after ``after`` follows the verb directly (no
    preposition, a few words at most, sums aside)."""
    starts = [t.start for t in [*sentence.terms, *sentence.heads] if t.start >= after]
    starts += [o.start for o in sentence.facts.organisations if o.start >= after]
    if not starts:
        return False
    gap = sentence.text[after : min(starts)]
    for money in sentence.facts.money:
        gap = gap.replace(money.text, " ")
    return bool(_NEAR_GAP_RE.match(gap))
