"""Find many names in a text at once: leftmost, longest, on Latin word boundaries.

Names are looked up by their first two characters, then by length (longest first), so a
scan costs a few dictionary look-ups per character whatever the number of names.
Latin names match case-insensitively, except abbreviations (``DOE`` is not ``Doe``), names
written all in lower case (``imec``), and single words, which must start with a capital
(``Arm`` but not ``arm``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Generic, TypeVar

from kuaibao.facts.textutil import fold, is_ascii_alnum

T = TypeVar("T")

EXACT, CAPITAL, FOLD = "exact", "capital", "fold"


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


class PhraseMatcher(Generic[T]):
    """A set of names, each carrying a value, found in texts without overlaps."""

    def __init__(self) -> None:
        self._keys: dict[str, list[_Key[T]]] = defaultdict(list)
        self._lengths: dict[str, list[int]] = defaultdict(list)

    def add(self, name: str, value: T, mode: str | None = None) -> None:
        """Register one name; names shorter than two characters are ignored."""
        name = normalize_name(name)
        if len(name) < 2:
            return
        folded = fold(name)
        self._keys[folded].append(_Key(name, mode or case_mode(name), value))
        lengths = self._lengths[folded[:2]]
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
        if key.mode == CAPITAL:
            return text[start].isupper() or not text[start].isalpha()
        return True

    def _longest_at(self, text: str, folded: str, start: int) -> tuple[int, T] | None:
        for length in self._lengths.get(folded[start : start + 2], ()):
            if start + length > len(folded):
                continue
            for key in self._keys.get(folded[start : start + length], ()):
                if self._accept(text, start, start + length, key):
                    return start + length, key.value
        return None

    def find(self, text: str) -> list[tuple[int, int, T]]:
        """Non-overlapping ``(start, end, value)`` hits, leftmost first, longest at each."""
        folded = fold(text)
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
