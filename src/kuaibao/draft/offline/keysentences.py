"""Key sentences: the source sentences an analyst should read first, in their own language.

A sentence counts for the facts it carries (sums most), the title's terms it repeats and
the title's words it shares; the best few are returned in source order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kuaibao.draft.offline.clause import Sentence
from kuaibao.draft.offline.reading import ReadDocument

KEY_MIN, KEY_MAX, KEY_CHARS = 2, 5, 500
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z-]{3,}")
_STOPWORD_TEXT = (
    "this that with from will have been their they which about into more than over also "
    "after other were what when where while said says year years news press release"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def _score(sentence: Sentence, title_terms: set[str], title_words: set[str]) -> float:
    facts = sentence.facts
    score = 2.0 * len(facts.money) + len(facts.percentages) + len(facts.dates)
    score += len(facts.organisations) + 0.5 * len(facts.places)
    score += sum(1 for t in sentence.terms if t.zh in title_terms)
    words = {w.lower() for w in _WORD_RE.findall(sentence.words)} - _STOPWORDS
    return score + 0.2 * len(words & title_words)


def key_sentences(docs: Sequence[ReadDocument]) -> list[str]:
    """The most informative source sentences, in the original language, in source order."""
    lead_title = docs[0].title
    title_terms = {t.zh for t in lead_title.terms} if lead_title else set()
    title_words = (
        {w.lower() for w in _WORD_RE.findall(lead_title.words)} - _STOPWORDS
        if lead_title
        else set()
    )
    ranked: list[tuple[float, int, int, str]] = []
    for d, doc in enumerate(docs):
        for s, sentence in enumerate(doc.sentences):
            words = " ".join(sentence.words.split())
            if len(words) < (8 if doc.chinese else 20):
                continue
            ranked.append((_score(sentence, title_terms, title_words), d, s, words))
    best = sorted((r for r in ranked if r[0] > 0), key=lambda r: (-r[0], r[1], r[2]))[:KEY_MAX]
    if len(best) < KEY_MIN:
        chosen = {(r[1], r[2]) for r in best}
        best += [r for r in ranked if (r[1], r[2]) not in chosen][: KEY_MIN - len(best)]
    texts = [r[3] for r in sorted(best, key=lambda r: (r[1], r[2]))]
    return [t if len(t) <= KEY_CHARS else t[: KEY_CHARS - 1] + "…" for t in texts]
