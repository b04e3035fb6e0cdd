"""The live check as the analyst reads it: each unsupported fact inside its draft sentence,
with the source sentences where the right value would be.

Character offsets mean nothing to a person; the sentence does. The sentence around a span
and the source sentences worth quoting are found exactly as the LLM writer's repair round
finds them (``draft.prompt.sentence_around`` and ``relevant_sentences``), so the analyst
sees what the model is shown when it is asked to correct itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from kuaibao.draft.housestyle import style_faults
from kuaibao.draft.llm.prompt import relevant_sentences, sentence_around
from kuaibao.facts import Facts, Gazetteer, extract_facts

SHOWN_SOURCES = 3  # source sentences per finding
SENTENCE_CHARS = 240  # a longer draft sentence is cut around the span


@dataclass(frozen=True)
class Fault:
    """One unsupported fact: its kind and words, where it is (``title`` or ``body``), its
    sentence cut in three (before, the span, after), and source sentences to compare."""

    kind: str
    text: str
    field: str
    before: str
    span: str
    after: str
    sources: tuple[str, ...]


def _around(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The sentence holding ``text[start:end]``, as (before, span, after)."""
    sentence = sentence_around(text, start, end)
    at = text.find(sentence, max(0, end - len(sentence)))
    if at < 0 or at > start or at + len(sentence) < end:
        return "", text[start:end], ""  # a span across sentences: show it alone
    before, span, after = sentence[: start - at], text[start:end], sentence[end - at :]
    room = max(SENTENCE_CHARS - len(span), 0) // 2
    if len(before) > room:
        before = "…" + before[len(before) - room :]
    if len(after) > room:
        after = after[:room] + "…"
    return before, span, after


@lru_cache(maxsize=16)
def _source_facts(source: str, gazetteer: Gazetteer | None) -> Facts:
    """The sources' facts, kept while the analyst types (the sources do not change)."""
    return extract_facts(source, gazetteer=gazetteer)


def faults(
    title: str,
    body: str,
    unsupported: Sequence[tuple[int, int, str]],
    source: str,
    *,
    gazetteer: Gazetteer | None = None,
) -> list[Fault]:
    """Each unsupported span of ``title + "\\n" + body`` (start, end, kind) in its
    sentence, with up to ``SHOWN_SOURCES`` source sentences that hold a fact of its kind."""
    text = f"{title}\n{body}"
    found: list[Fault] = []
    quoted: dict[str, tuple[str, ...]] = {}
    for start, end, kind in unsupported:
        start, end = max(start, 0), min(end, len(text))
        if start >= end:
            continue
        if kind not in quoted:
            facts = _source_facts(source, gazetteer)
            quoted[kind] = tuple(relevant_sentences(source, {kind}, facts)[:SHOWN_SOURCES])
        before, span, after = _around(text, start, end)
        found.append(
            Fault(
                kind=kind,
                text=text[start:end],
                field="title" if start < len(title) else "body",
                before=before,
                span=span,
                after=after,
                sources=quoted[kind],
            )
        )
    return found


@dataclass(frozen=True)
class StyleNote:
    """One house-style fault (``draft.housestyle``) in its sentence: 政府 with no country,
    我省, 近日, a date without a year. Not a gate: the editor decides."""

    kind: str
    field: str
    before: str
    span: str
    after: str


def style_notes(title: str, body: str) -> list[StyleNote]:
    """The house-style faults of ``title + "\n" + body``, each in its sentence."""
    text = f"{title}\n{body}"
    notes = []
    for fault in style_faults(text):
        before, span, after = _around(text, fault.start, fault.end)
        field = "title" if fault.start < len(title) else "body"
        notes.append(StyleNote(str(fault.kind), field, before, span, after))
    return notes
