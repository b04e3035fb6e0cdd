"""Phrase matching for taxonomy rules: whole words for English, substrings for Chinese.

English phrases match on word boundaries and case-insensitively (``chip`` does not match
``chipotle``; a trailing ``*`` makes the last word a prefix, so ``chip*`` matches
``chipmaker``). Phrases with Chinese characters match as substrings, and any Latin
letters or digits at their ends still need a boundary (``AI芯片`` matches in
``英伟达AI芯片`` but ``AI`` never matches inside ``GAIN``). Hyphens and spaces between
English words are interchangeable, so ``post-quantum`` also matches ``post quantum``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from kuaibao.text.normalise import nfkc
from kuaibao.text.scripts import has_han

WORD = re.compile(r"[a-z0-9]+")
SPACES = re.compile(r"\s+")
ASCII_ALNUM = "[a-z0-9]"
MAX_WORDS = 6


def normalise(text: str) -> str:
    """NFKC (full-width letters become ASCII), case-folded, whitespace collapsed."""
    folded = nfkc(text).casefold().replace("’", "'")
    return SPACES.sub(" ", folded).strip()


@dataclass(frozen=True)
class Term:
    """One phrase of a rule, compiled once for fast matching.

    ``key`` is what the text's n-grams are compared with (English words joined by single
    spaces), ``substring`` a Chinese phrase found with ``in``, ``pattern`` a Chinese phrase
    with Latin letters at an end that need a boundary.
    """

    phrase: str
    words: tuple[str, ...] = ()
    prefix: bool = False
    pattern: re.Pattern[str] | None = None
    substring: str = ""
    key: str = ""


def compile_term(phrase: str) -> Term:
    """A Term for a phrase; raises ValueError saying what is wrong with it."""
    text = normalise(phrase)
    prefix = text.endswith("*")
    body = text[:-1].rstrip() if prefix else text
    if "*" in body:
        raise ValueError(f"phrase {phrase!r}: `*` is only allowed at the end")
    if has_han(body):
        if prefix:
            raise ValueError(f"phrase {phrase!r}: `*` only works on English words")
        if " " in body or re.match(ASCII_ALNUM, body) or re.match(ASCII_ALNUM, body[-1]):
            return Term(phrase, pattern=_mixed_pattern(body))
        return Term(phrase, substring=body)
    words = tuple(WORD.findall(body))
    if not words:
        raise ValueError(f"phrase {phrase!r} has no letters or digits to match")
    if len(words) > MAX_WORDS:
        raise ValueError(f"phrase {phrase!r} is longer than {MAX_WORDS} words")
    return Term(phrase, words=words, prefix=prefix, key=" ".join(words))


def _mixed_pattern(body: str) -> re.Pattern[str]:
    """A substring pattern; Latin letters or digits at either end need a word boundary."""
    parts = [r"\s*" if ch == " " else re.escape(ch) for ch in body]
    head = f"(?<!{ASCII_ALNUM})" if re.match(ASCII_ALNUM, body) else ""
    tail = f"(?!{ASCII_ALNUM})" if re.match(ASCII_ALNUM, body[-1]) else ""
    return re.compile(head + "".join(parts) + tail)


class TextIndex:
    """Normalised text with its word n-grams, so each phrase is checked in O(log n).

    Several parts (a title and a body) are indexed separately and joined by a line break,
    so no phrase matches across the seam.
    """

    def __init__(self, *parts: str, max_words: int = MAX_WORDS) -> None:
        texts = [normalise(part) for part in parts]
        self.text = "\n".join(texts)
        self._grams: set[str] = set()
        for text in texts:
            words = WORD.findall(text)
            for n in range(1, max_words + 1):
                self._grams.update(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
        self._sorted: list[str] | None = None

    def has(self, term: Term) -> bool:
        """True when the phrase occurs in the text (see the module docstring for how)."""
        if term.substring:
            return term.substring in self.text
        if term.pattern is not None:
            return term.pattern.search(self.text) is not None
        if not term.prefix:
            return term.key in self._grams
        return self._has_prefix(term.key)

    def _has_prefix(self, key: str) -> bool:
        if self._sorted is None:
            self._sorted = sorted(self._grams)
        i = bisect_left(self._sorted, key)
        return i < len(self._sorted) and self._sorted[i].startswith(key)

    def __bool__(self) -> bool:
        return bool(self.text)


def first_at(term: Term, text: str) -> int | None:
    """Where ``term`` first occurs in an already ``normalise``d text, or None.

    The same matching as ``TextIndex.has`` (whole words for English, substrings for
    Chinese), but with a position, so that the earliest of several actors can be told.
    """
    if term.substring:
        at = text.find(term.substring)
        return at if at >= 0 else None
    if term.pattern is not None:
        found = term.pattern.search(text)
        return found.start() if found else None
    words = "[^a-z0-9]+".join(re.escape(w) for w in term.words)
    tail = "[a-z0-9]*" if term.prefix else ""
    found = re.search(f"(?<![a-z0-9]){words}{tail}(?![a-z0-9])", text)
    return found.start() if found else None
