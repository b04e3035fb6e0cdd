"""The second paragraph of an English story's draft: further sentences of the lead report
that can be said in full, in source order.

A bulletin item's second paragraph gives the programme's content, sums and aims. Without
a model the writer cannot translate, so it says only what a sentence's parts state and
it can render whole: a clause with its actor, verb and object or sum (``日本经济产业省将
对照阶段目标检查……`` is beyond it; ``韩国研究财团资助该研究`` is not), or one of the forms
research and company news share — who funded the work, where it was published, when and
by whom a company was founded. The actor must stand right before its verb (no clause
boundary between them), so that a verb of a subordinate clause is not credited to the
sentence's subject. A sentence already said (the title or the lead) is not repeated, and
each sentence is put through the caller's fact check before it is kept: better short and
true than long and invented.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from kuaibao.draft.offline.actions import ActionHit
from kuaibao.draft.offline.clause import Actor, Sentence, actor_of, build_clause
from kuaibao.draft.offline.render import name, render_sentence
from kuaibao.facts.model import OrgFact

FURTHER_SCAN = 8  # the lead report's first sentences, where its substance is
OBJECT_GAP = 24  # characters between a verb and its object, at most
FURTHER_MAX = 320  # characters of the second paragraph (the seed's items run 200–400)
_FILLERS = ("相关事项", "相关文件", "相关举措")  # a bare term with a stock noun: says nothing
_NEAR_RE = re.compile(
    r"(?i)^\s*(?:(?:will|would|has|have|had|is|are|also|now|then|today|jointly|"
    r"recently|has\s+also|will\s+also|plans\s+to|aims\s+to|agreed\s+to|is\s+to)\s+)*$"
)
_FOUNDED_RE = re.compile(
    r"(?i)^[^,.;]*?(?:,|\s+was|\s+were)?\s*(?:founded|set up|established|created|spun out)"
    r"\s+in\s+$"
)
_FOUNDERS_RE = re.compile(
    r"(?i)^\s+by\s+(?:researchers|scientists|engineers)\s+(?:from|at)\s+"
    r"(?:the\s+)?$"
)
_FUNDED_RE = re.compile(
    r"(?i)\b(?:the\s+)?(project|work|study|research|trial|team)\s+(?:was|is|were|are)\s+"
    r"(?:funded|supported|financed)\s+by\s+(?:the\s+)?$"
)
_WORK_ZH = {"project": "该项目", "team": "研究团队", "trial": "该试验"}
_PUBLISHED_RE = re.compile(
    r"(?i)\b(?:published|described|reported|wrote|write|appears?|appeared|presented)\s+"
    r"(?:\w+\s+){0,2}?in\s+(?:the\s+(?:journal\s+)?|the\s+)?$"
)
_BY_NAME_KINDS = frozenset({"funder", "agency", "ministry", "university", "institute"})


def _gap_ok(sentence: Sentence, action: ActionHit, orgs: Sequence[OrgFact]) -> bool:
    """True when an organisation, a pronoun or the researchers stand right before the
    verb: at most a few auxiliaries between them, never a comma or another verb."""
    text = sentence.text
    before = [o for o in orgs if o.end <= action.start]
    start = before[-1].end if before else sentence.start
    gap = text[start : action.start]
    if before and _NEAR_RE.match(gap):
        return True
    lead = re.match(
        r"(?i)^\s*(?:it|they|the\s+(?:team|researchers|ministry|agency|company|department))\b",
        text[sentence.start : action.start],
    )
    return lead is not None and bool(
        _NEAR_RE.match(text[sentence.start + lead.end() : action.start])
    )


def full_clause(
    sentence: Sentence, actor: Actor | None, team: Actor | None, mentioned: set[str]
) -> str:
    """The sentence's clause rendered whole (actor, verb and object or sum), or ''."""
    clause = build_clause(sentence, inherit=actor, team=team)
    if clause.actor is None or clause.passive or not clause.verb:
        return ""
    if not (clause.obj or clause.amount) or clause.obj.endswith(_FILLERS):
        return ""
    verbs = [a for a in sentence.actions if a.zh == clause.verb or clause.verb.startswith(a.zh)]
    if not verbs or not _gap_ok(sentence, verbs[0], sentence.organisations()):
        return ""
    if not clause.amount_follows and not _object_near(sentence, verbs[0]):
        return ""
    return render_sentence(clause, mentioned, degrade=False)


def _object_near(sentence: Sentence, action: ActionHit) -> bool:
    """True when what the verb takes (a term, a named thing, a sum) follows it closely:
    "fund 200 doctoral researchers a year in wireless communications" does not fund
    wireless communications."""
    starts = [t.start for t in [*sentence.terms, *sentence.heads]]
    starts += [o.start for o in sentence.organisations()]
    starts += [m.start for m in sentence.facts.money]
    return any(0 <= start - action.end <= OBJECT_GAP for start in starts)


def founded(sentence: Sentence, mentioned: set[str]) -> str:
    """``英国Oxford Ionics公司由牛津大学研究人员于2019年创立`` / ``……成立于2022年``."""
    text = sentence.text
    for date in sentence.facts.dates:
        if date.month is not None:
            continue
        named = [o for o in sentence.organisations() if o.end <= date.start]
        if not named or not _FOUNDED_RE.match(text[named[0].end : date.start]):
            continue
        if named[0].start != sentence.start:
            continue  # the founded company is the sentence's subject
        company = name(actor_of(named[0]), mentioned)
        by = [o for o in sentence.organisations() if o.start >= date.end]
        if by and _FOUNDERS_RE.match(text[date.end : by[0].start]):
            return f"{company}由{name(actor_of(by[0]), mentioned)}研究人员于{date.zh}创立"
        return f"{company}成立于{date.zh}"
    return ""


def funded_by(sentence: Sentence, mentioned: set[str]) -> str:
    """``该研究由韩国研究财团资助``: "The project was funded by the National Research
    Foundation of Korea"."""
    text = sentence.text
    for org in sentence.organisations():
        if org.kind not in _BY_NAME_KINDS and not org.kind.startswith("named"):
            continue
        match = _FUNDED_RE.search(text[sentence.start : org.start])
        if match is not None:
            work = _WORK_ZH.get(match.group(1).lower(), "该研究")
            return f"{work}由{name(actor_of(org), mentioned)}资助"
    return ""


def published_in(sentence: Sentence, said: str, mentioned: set[str]) -> str:
    """``相关成果发表于《科学·进展》``: where the work appeared, when the lead has not said."""
    for org in sentence.facts.organisations:
        if org.kind != "journal" or org.zh in said:
            continue
        if _PUBLISHED_RE.search(sentence.text[sentence.start : org.start]):
            mentioned.add(org.canonical)
            return f"相关成果发表于{org.zh}"
    return ""


def _bare(text: str) -> str:
    return re.sub(r"[\s，。、；：“”《》（）()]", "", text)


def further_paragraph(
    sentences: Sequence[Sentence],
    lead: Sentence | None,
    actor: Actor | None,
    team: Actor | None,
    said: Sequence[str],
    mentioned: set[str],
    supported: Callable[[str], bool],
) -> str:
    """The lead report's further sentences said in full, in source order, each passing
    ``supported`` (the fact check) and none repeating ``said`` (title, lead) or another;
    '' when none can be said. ``mentioned`` records the names used (first mention full)."""
    kept: list[str] = []
    for sentence in sentences[:FURTHER_SCAN]:
        if sentence is lead:
            continue
        trial = set(mentioned)
        known = "".join([*said, *kept])
        text = (
            full_clause(sentence, actor, team, trial)
            or founded(sentence, trial)
            or funded_by(sentence, trial)
            or published_in(sentence, known, trial)
        )
        if not text or _bare(text) in _bare(known) or not supported(text + "。"):
            continue
        if sum(len(k) for k in kept) + len(text) + 1 > FURTHER_MAX:
            break
        kept.append(text + "。")
        mentioned |= trial
    return "".join(kept)
