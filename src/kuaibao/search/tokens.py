"""Words for the search index: jieba for Chinese runs, a small analyser for everything else.

Index and query go through these functions, so SQLite FTS5 and PostgreSQL see exactly the
same tokens and neither database's own tokenizer decides anything. Chinese is indexed in
jieba's search mode (a long word *and* its dictionary sub-words, e.g. 量子计算机 gives
计算, 算机, 计算机) so that a query word found by precise segmentation matches inside a
longer word. Other words are NFKC-normalised, case-folded, stripped of accents and
plural-stemmed (``studies`` → ``study``, ``computers`` → ``computer``; nothing more).
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterator

import jieba

from kuaibao.text.normalise import nfkc
from kuaibao.text.scripts import HAN

RUN = re.compile(rf"(?P<han>[{HAN}]+)|(?P<word>[^\W_{HAN}]+)")
MAX_TOKEN_CHARS = 60

ENGLISH_STOP = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had",
        "has", "have", "he", "in", "into", "is", "it", "its", "of", "on", "or", "she", "that",
        "the", "their", "them", "they", "this", "to", "was", "were", "which", "will", "with",
    }
)  # fmt: skip
CHINESE_STOP = frozenset(
    {
        "的", "地", "得", "了", "着", "和", "与", "及", "是", "在", "对", "也", "将", "而",
        "并", "等", "之", "其", "或", "被", "把", "从", "向", "于", "以",
    }
)  # fmt: skip

_lock = threading.Lock()
_segmenter: list[jieba.Tokenizer] = []


def segmenter() -> jieba.Tokenizer:
    """A private jieba instance, loaded once: words others add to jieba's global one cannot
    shift search tokens between indexing and querying. Its dictionary ships in the package."""
    if not _segmenter:
        with _lock:
            if not _segmenter:
                jieba.setLogLevel(logging.WARNING)
                seg = jieba.Tokenizer()
                seg.initialize()
                _segmenter.append(seg)
    return _segmenter[0]


def stem(word: str) -> str:
    """Light plural stemming of ASCII words; the same rule runs on index and query side."""
    if len(word) < 4 or not word.isascii() or not word.isalpha():
        return word
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith(("xes", "ches", "shes", "zzes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def fold(word: str) -> str:
    """One non-Chinese word as it is indexed: lower-case, no accents, plural-stemmed."""
    word = word.casefold()
    if not word.isascii():
        decomposed = unicodedata.normalize("NFKD", word)
        word = unicodedata.normalize(
            "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
        )
    return stem(word)


def keep(token: str) -> bool:
    """Stop words and absurdly long tokens (encoded junk) are not indexed."""
    return (
        0 < len(token) <= MAX_TOKEN_CHARS
        and token not in ENGLISH_STOP
        and token not in CHINESE_STOP
    )


def runs(text: str, start: int = 0) -> Iterator[re.Match[str]]:
    """Maximal runs of Chinese characters, and of other letters or digits, in order."""
    return RUN.finditer(text, start)


def index_tokens(text: str) -> list[str]:
    """The tokens a text is indexed under, in text order (positions matter for phrases)."""
    seg = segmenter()
    out: list[str] = []
    for match in runs(nfkc(text)):
        han = match.group("han")
        if han:
            out.extend(t for t in seg.cut_for_search(han) if keep(t))
        else:
            token = fold(match.group("word"))
            if keep(token):
                out.append(token)
    return out


def query_terms(chunk: str) -> list[tuple[str, ...]]:
    """Terms of one unquoted query word, each a token or a phrase of tokens.

    Chinese runs are cut in precise mode into separate terms (all of them must match);
    letters joined by punctuation (``covid-19``, ``U.S.``) stay together as a phrase.
    """
    seg = segmenter()
    terms: list[tuple[str, ...]] = []
    latin: list[str] = []
    for match in runs(nfkc(chunk)):
        han = match.group("han")
        if han:
            if latin:
                terms.append(tuple(latin))
                latin = []
            terms.extend((w,) for w in seg.lcut(han) if keep(w))
        else:
            token = fold(match.group("word"))
            if keep(token):
                latin.append(token)
    if latin:
        terms.append(tuple(latin))
    return terms
