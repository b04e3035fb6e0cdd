"""Find many names in a text at once: leftmost, longest, on Latin word boundaries.

Names are looked up by their first characters, then by length (longest first), so a scan
costs a few dictionary look-ups per place it tries whatever the number of names. It tries
only the places a name could start: a Latin word that is the first word of some name, or
a character (Chinese, a bracket, a quote) some other name begins with; one regex over the
folded text finds those places.
Latin names match case-insensitively, except abbreviations (``DOE`` is not ``Doe``), names
written all in lower case (``imec``), and single words, which must start with a capital
(``Arm`` but not ``arm``). A name added as ``STANDALONE`` (a journal called ``Science``)
matches exactly and only when no capitalised word stands right before or after it, since
then it is part of a longer name (``Science Foundation Ireland``, ``Computer Science``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Generic, TypeVar

from kuaibao.facts.textutil import fold, is_ascii_alnum

T = TypeVar("T")

EXACT, CAPITAL, FOLD, STANDALONE = "exact", "capital", "fold", "standalone"
# The one character that is not a Latin letter or digit but folds to one (the Kelvin sign
# folds to ``k``). The word-based scan relies on folding keeping "Latin letter or digit"
# as it is, so texts and names holding it take the scan at every place.
_FOLDS_TO_ASCII = "\u212a"
_LONG = 4
_WORD_RE = re.compile(r"[a-z0-9]+")  # a Latin word of folded text


def case_mode(name: str) -> str:
    """How strictly a name's letter case must match (see the module docstring)."""
    if not name.isascii() or not any(c.isupper() for c in name):
        return EXACT  # Chinese, or written all lower-case on purpose (imec, onsemi)
    if " " not in name and sum(c.isupper() for c in name) >= 2:
        return EXACT
    return CAPITAL if " " not in name else FOLD


def normalize_name(name: str) -> str:
    """One space between words, so that keys compare like folded text."""
    return " ".join(name.split())


@dataclass(frozen=True)
class _Key(Generic[T]):
    name: str
    mode: str
    value: T


def _capitalised_neighbour(text: str, start: int, end: int) -> bool:
    """True when the word right before ``start`` or right after ``end`` (across spaces) is
    a Latin word starting with a capital."""
    after = end
    while after < len(text) and text[after] == " ":
        after += 1
    if after > end and after < len(text) and text[after].isascii() and text[after].isupper():
        return True
    before = start
    while before > 0 and text[before - 1] == " ":
        before -= 1
    if before == start:
        return False
    word = before
    while word > 0 and is_ascii_alnum(text[word - 1]) and before - word < 40:
        word -= 1
    return word < before and text[word].isupper()


def _folds_to_ascii(text: str) -> bool:
    return any(char in text for char in _FOLDS_TO_ASCII)


class PhraseMatcher(Generic[T]):
    """A set of names, each carrying a value, found in texts without overlaps."""

    def __init__(self) -> None:
        self._keys: dict[str, list[_Key[T]]] = defaultdict(list)
        # Lengths to try (longest first) by prefix: names of _LONG characters or more by
        # their first _LONG, shorter ones by their first two, so that a common start
        # (``na``) does not mean trying every length of every ``national …`` name.
        self._long: dict[str, list[int]] = defaultdict(list)
        self._short: dict[str, list[int]] = defaultdict(list)
        # Where a name can start: names opening with a Latin letter or digit need a word
        # boundary, so they are found by their (folded) first word; the others by their
        # first character and then their first two.
        self._first_words: set[str] = set()
        self._free_firsts: set[str] = set()
        self._free_heads: set[str] = set()
        self._starts_re: re.Pattern[str] | None = None
        self._scan_everywhere = False

    def add(self, name: str, value: T, mode: str | None = None) -> None:
        """Register one name; names shorter than two characters are ignored."""
        name = normalize_name(name)
        if len(name) < 2:
            return
        folded = fold(name)
        self._keys[folded].append(_Key(name, mode or case_mode(name), value))
        if is_ascii_alnum(name[0]) and not _folds_to_ascii(name):
            first = _WORD_RE.match(folded)
            assert first is not None  # a Latin letter or digit folds to one
            self._first_words.add(first.group())
        else:
            self._free_firsts.add(folded[0])
            self._free_heads.add(folded[:2])
            self._scan_everywhere |= is_ascii_alnum(folded[0])
            self._starts_re = None
        by_prefix = self._long if len(folded) >= _LONG else self._short
        lengths = by_prefix[folded[:_LONG] if len(folded) >= _LONG else folded[:2]]
        if len(folded) not in lengths:
            lengths.append(len(folded))
            lengths.sort(reverse=True)

    def _accept(self, text: str, start: int, end: int, key: _Key[T]) -> bool:
        if is_ascii_alnum(key.name[0]) and start > 0 and is_ascii_alnum(text[start - 1]):
            return False
        if is_ascii_alnum(key.name[-1]) and end < len(text) and is_ascii_alnum(text[end]):
            return False
        if key.mode == EXACT:
            return normalize_name(text[start:end]) == key.name
        if key.mode == STANDALONE:
            return normalize_name(text[start:end]) == key.name and not _capitalised_neighbour(
                text, start, end
            )
        if key.mode == CAPITAL:
            return text[start].isupper() or not text[start].isalpha()
        return True

    def _longest_at(self, text: str, folded: str, start: int) -> tuple[int, T] | None:
        for lengths in (
            self._long.get(folded[start : start + _LONG], ()),
            self._short.get(folded[start : start + 2], ()),
        ):
            for length in lengths:
                if start + length > len(folded):
                    continue
                for key in self._keys.get(folded[start : start + length], ()):
                    if self._accept(text, start, start + length, key):
                        return start + length, key.value
        return None

    def _starts(self) -> re.Pattern[str]:
        if self._starts_re is None:
            free = "".join(sorted(self._free_firsts))
            pattern = f"[a-z0-9]+|[{re.escape(free)}]" if free else "[a-z0-9]+"
            self._starts_re = re.compile(pattern)
        return self._starts_re

    def _find_everywhere(self, text: str, folded: str) -> list[tuple[int, int, T]]:
        """The reference scan: try every place; ``find`` gives the same hits faster."""
        hits: list[tuple[int, int, T]] = []
        start = 0
        while start < len(text) - 1:
            hit = self._longest_at(text, folded, start)
            if hit is None:
                start += 1
                continue
            hits.append((start, hit[0], hit[1]))
            start = hit[0]
        return hits

    def find(self, text: str) -> list[tuple[int, int, T]]:
        """Non-overlapping ``(start, end, value)`` hits, leftmost first, longest at each.

        Only places where a name can be accepted are tried: a folded Latin word (in
        ``folded`` a character is a Latin letter or digit exactly when it is one in
        ``text``, barring the Kelvin sign) must be some name's first word, and any other
        character must begin the first two characters of some name.
        """
        folded = fold(text)
        if self._scan_everywhere or _folds_to_ascii(text):
            return self._find_everywhere(text, folded)
        hits: list[tuple[int, int, T]] = []
        words, heads = self._first_words, self._free_heads
        end = 0
        last = len(text) - 1
        for match in self._starts().finditer(folded):
            start = match.start()
            if start < end:
                continue
            if start >= last:
                break
            if match.group() not in words and folded[start : start + 2] not in heads:
                continue
            hit = self._longest_at(text, folded, start)
            if hit is not None:
                hits.append((start, hit[0], hit[1]))
                end = hit[0]
        return hits
