"""Reports as the news: "…, according to a report released today by the Meridian
Institute", "according to Meridian's annual review of AI legislation", "a Meridian review
finds …", "…, Meridian argues in a new commentary".

A think-tank story's first sentence is a finding the writer cannot rephrase from facts,
but who published what can be said: ``Meridian发布人工智能立法年度评估报告``. The
publisher keeps its source spelling (or its gazetteer name); the report's topic comes from
the lexicon terms after "of", else the law or term the sentence is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kuaibao.draft.offline.parts import Actor, Sentence, actor_of
from kuaibao.draft.offline.tables import default_nouns

NOUNS = default_nouns().report_nouns  # nouns.yaml: review → 评估报告
_ADJECTIVES = {"annual": "年度"}
_NOUN = "|".join(re.escape(noun) for noun in NOUNS)
_ADJ = r"(?:(?P<adj>annual|new|latest|recent|first)\s+)?"
_ORG = r"(?P<org>[A-Z][\w&-]*(?:\s+(?:of|for)\s+[A-Z][\w&-]*|\s+[A-Z][\w&-]*)*)"
_PATTERNS = (
    re.compile(
        rf"according\s+to\s+(?:a|an|the|its)\s+{_ADJ}(?P<noun>{_NOUN})\b[^,.;]{{0,40}}?"
        rf"\bby\s+(?:the\s+)?{_ORG}"
    ),
    re.compile(rf"according\s+to\s+(?:the\s+)?{_ORG}['’]s\s+{_ADJ}(?P<noun>{_NOUN})\b"),
    re.compile(rf"according\s+to\s+(?:a|an)\s+{_ADJ}{_ORG}\s+(?P<noun>{_NOUN})\b"),
    re.compile(
        rf"\b(?:a|an)\s+{_ADJ}{_ORG}\s+(?P<noun>{_NOUN})\s+(?:finds|found|shows|showed|says)\b"
    ),
    re.compile(
        rf"(?:^|,\s+)(?:the\s+)?{_ORG}\s+(?:argues|argued|estimates|estimated|finds|warns|"
        rf"warned)\b(?:\s+in\s+(?:a|an|its)\s+{_ADJ}(?P<noun>{_NOUN})\b)?"
    ),
)
_OF_RE = re.compile(r"^\s+of\s+")
_NOT_ORG_TEXT = (
    "The A An It This That Its They He She We Respondents Officials Analysts Researchers "
    "Experts Critics Supporters Economists Authors Scientists Engineers Executives Investors "
    "Regulators Lawmakers Ministers Observers Companies Firms Developers Manufacturers "
    "Operators Users Customers Doctors Officers Participants"
)
_NOT_ORGS = frozenset(_NOT_ORG_TEXT.split())


@dataclass(frozen=True)
class Attribution:
    """Who published the report a sentence cites, and what it is (``人工智能立法评估报告``)."""

    actor: Actor
    obj: str
    start: int  # where the publisher is named


def _publisher(sentence: Sentence, name: str, start: int) -> Actor:
    """The gazetteer's or the name finder's form of the publisher, else its spelling."""
    for org in sentence.organisations():
        if org.start <= start < org.end or org.start == start:
            return actor_of(org)
    return Actor(name, name, (name,))


def _topic(sentence: Sentence, noun_end: int) -> tuple[str, bool]:
    """The report's subject and whether it came from "… of <terms>"."""
    text = sentence.text
    of = _OF_RE.match(text[noun_end : noun_end + 8])
    if of is not None:
        near = [t for t in sentence.terms if noun_end <= t.start <= noun_end + 40]
        if near:
            return near[0].zh, True
    named = [o for o in sentence.facts.organisations if o.kind in ("law", "programme")]
    if named:
        return named[0].zh, False
    return (sentence.terms[0].zh if sentence.terms else ""), False


def attribution(sentence: Sentence) -> Attribution | None:
    """The report a sentence rests on, if it names who published it."""
    words, base = sentence.words, sentence.start
    for pattern in _PATTERNS:
        match = pattern.search(words)
        if match is None or match.group("org").split()[0] in _NOT_ORGS:
            continue
        noun_word = match.group("noun") or "report"
        noun = _ADJECTIVES.get(match.group("adj") or "", "") + NOUNS[noun_word]
        noun_end = base + (match.end("noun") if match.group("noun") else match.end())
        topic, of = _topic(sentence, noun_end)
        obj = f"{topic}{noun}" if of or not topic else f"{topic}相关{noun}"
        org, at = match.group("org"), base + match.start("org")
        return Attribution(_publisher(sentence, org, at), obj, at)
    return None
