"""What the writers read of a story: each document's title and capped text, its language,
facts, lexicon terms and action verbs, cut into sentences.

``story_source`` is exactly the text read, so a check against it checks what the writer
saw; work is bounded by reading at most ``MAX_CHARS`` of a document and ``MAX_STORY_CHARS``
of the whole story.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from kuaibao.domain import Document
from kuaibao.draft.model import StoryInput
from kuaibao.draft.offline.actions import ActionHit, find_actions
from kuaibao.draft.offline.clause import Sentence
from kuaibao.draft.offline.fullnames import qualify_all
from kuaibao.draft.offline.lexicon import TermFinder
from kuaibao.draft.offline.names import name_facts
from kuaibao.draft.offline.sentences import is_chinese, sentence_spans
from kuaibao.facts.extract import extract_facts
from kuaibao.facts.gazetteer import Gazetteer
from kuaibao.facts.model import Facts, OrgFact, Spanned

MAX_CHARS = 20_000  # of a document's text: enough for any lead, bounded work
MAX_STORY_CHARS = 40_000  # of all documents' text together (the lead's first)
MAX_DOCUMENTS = 5  # documents whose text is read; every document's URL is kept

S = TypeVar("S", bound=Spanned)
_MEASURE_RE = re.compile(r"\d-$")


@dataclass(frozen=True)
class ReadDocument:
    """One document as the writer reads it: language, title and body sentences."""

    chinese: bool
    title: Sentence | None
    sentences: list[Sentence]  # of the body, in order
    body: str  # the (capped) body text, for Chinese leading paragraphs


def source_texts(story: StoryInput) -> list[str]:
    """Title and (capped) text of each document read, lead first, within the story budget."""
    texts: list[str] = []
    budget = MAX_STORY_CHARS
    for doc in story.documents[:MAX_DOCUMENTS]:
        body = doc.text[: min(MAX_CHARS, budget)]
        budget -= len(body)
        texts.append(f"{doc.title.strip()}\n{body}")
    return texts


def story_source(story: StoryInput) -> str:
    """The source text a draft of ``story`` is checked against: what the writer read."""
    return "\n\n".join(source_texts(story))


def _inside(items: Sequence[S], start: int, end: int) -> list[S]:
    """The items (in text order) lying within ``[start, end)``."""
    first = bisect_left(items, start, key=lambda i: i.start)
    last = bisect_left(items, end, key=lambda i: i.start)
    return [i for i in items[first:last] if i.end <= end]


def _outside(items: Sequence[S], taken: Sequence[Spanned]) -> list[S]:
    """The items (in text order) that overlap none of ``taken`` (also in text order)."""
    kept: list[S] = []
    index = 0
    for item in items:
        while index < len(taken) and taken[index].end <= item.start:
            index += 1
        if index < len(taken) and taken[index].start < item.end:
            continue
        kept.append(item)
    return kept


def _measured(text: str, start: int) -> bool:
    """ "a 256-qubit computer": a term after a number and a hyphen only describes a size."""
    return _MEASURE_RE.search(text, max(0, start - 2), start) is not None


def _verbs(text: str, actions: list[ActionHit], facts: Facts) -> list[ActionHit]:
    """Actions without the nouns a sum names: "a $3 billion fund", "a £21 million award"
    (a participle stays: "£50 million awarded for …")."""
    ends = {m.end for m in facts.money}
    kept: list[ActionHit] = []
    for action in actions:
        start = len(text[: action.start].rstrip())
        word = text[action.start : action.end].lower()
        if start in ends and not word.endswith("ed"):
            continue
        kept.append(action)
    return kept


def _names(text: str, facts: Facts) -> list[OrgFact]:
    """Unknown organisation names that are neither gazetteer organisations nor places."""
    places = {(p.start, p.end) for p in facts.places}
    return [
        n for n in _outside(name_facts(text), facts.organisations) if (n.start, n.end) not in places
    ]


def read_document(
    text: str,
    doc: Document,
    finder: TermFinder,
    gazetteer: Gazetteer,
    reference: date | None,
    country: str | None = None,
) -> ReadDocument:
    """Facts, terms and actions of one document, cut into sentences; ``country`` (the
    source's) names whose government "the government" is and where unknown names are."""
    title_end = len(doc.title.strip())
    chinese = is_chinese(text, doc.language)
    facts = extract_facts(text, reference=reference, gazetteer=gazetteer)
    names = [] if chinese else qualify_all(_names(text, facts), text, facts.places, country)
    taken = sorted([*facts.organisations, *names], key=lambda o: o.start)
    terms = [t for t in _outside(finder.terms(text), taken) if not _measured(text, t.start)]
    heads = _outside(_outside(finder.heads(text), taken), terms)
    spoken_for: list[Spanned] = sorted([*facts.money, *taken, *terms], key=lambda f: f.start)
    actions = _verbs(text, _outside(find_actions(text, chinese=chinese), spoken_for), facts)

    def sentence(start: int, end: int) -> Sentence:
        return Sentence(
            text=text,
            start=start,
            end=end,
            facts=Facts(
                dates=_inside(facts.dates, start, end),
                money=_inside(facts.money, start, end),
                percentages=_inside(facts.percentages, start, end),
                organisations=_inside(facts.organisations, start, end),
                places=_inside(facts.places, start, end),
            ),
            terms=_inside(terms, start, end),
            heads=_inside(heads, start, end),
            actions=_inside(actions, start, end),
            names=_inside(names, start, end),
        )

    body_start = title_end + 1
    spans = sentence_spans(text[body_start:])
    return ReadDocument(
        chinese=chinese,
        title=sentence(0, title_end) if title_end else None,
        sentences=[sentence(body_start + s, body_start + e) for s, e in spans],
        body=text[body_start:],
    )
