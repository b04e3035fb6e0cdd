"""The English side of a glossary title pair: names that an abbreviation spells, quoted
names, and runs of capitalised words in a sentence-case title.

A headline-case title (Most Words Capitalised) has no visible name boundaries, so it only
offers quoted names and the names its abbreviations spell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTED_RE = re.compile(r"[“\"‘']([A-Z][^“”\"‘’']{3,80}?)[”\"’']")
_WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9&.\-]*(?:['’]s)?")
_CONNECTORS = frozenset({"of", "and", "for", "on", "the", "in", "to", "&", "de", "du", "des"})
_LEADING = frozenset({"The", "A", "An", "New"})
_COMPLEMENT = frozenset({"of", "for", "on"})
# A comma and a capitalised word after a name: a list inside the name (Department for
# Science, Innovation and Technology; University of California, Berkeley).
_LIST_GOES_ON_RE = re.compile(r",\s{0,3}[A-Z]")
_ARTICLES = frozenset({"the", "a", "an"})
# Words a sentence-case title may open with that are not part of the name after them.
_STARTER_TEXT = (
    "How Why What When Where Who Which Inside Meet Report Exclusive Opinion Analysis "
    "Explainer Watch Here Breaking Update Interview Can Does Do Is Are Will Should After "
    "Before As With From For In At On By Under Over Amid Following Today Now Why"
)
_STARTERS = frozenset(_STARTER_TEXT.split())


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int
    possessive: bool = False


def _words(text: str) -> list[_Word]:
    """Latin words with their spans; a possessive ``'s`` or a final full stop is left out
    of the word (and so breaks a name there)."""
    found = []
    for match in _WORD_RE.finditer(text):
        word = match.group()
        possessive = word.endswith(("'s", "’s"))
        if possessive:
            word = word[:-2]
        elif word.endswith((".", "-")) and word[:-1].count(".") == 0:
            word = word[:-1]
        if word:
            start = match.start()
            found.append(_Word(word, start, start + len(word), possessive))
    return found


def content_words(words: list[str]) -> list[str]:
    """The words that carry meaning (not of, and, the …): what name lengths are weighed by."""
    return [w for w in words if w.lower() not in _CONNECTORS]


def _is_capital(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit()


def _headline_case(words: list[_Word]) -> bool:
    """Most words after the first capitalised: a headline, whose names have no clear ends."""
    rest = [w.text for w in words[1:] if w.text.lower() not in _CONNECTORS]
    if len(rest) < 3:
        return True  # too short to tell: treat as unreadable
    return sum(_is_capital(w) for w in rest) >= 0.75 * len(rest)


def _runs(title: str, words: list[_Word]) -> list[list[_Word]]:
    """Maximal runs of capitalised words (with connectors inside), broken by punctuation,
    lower-case words, possessives and an article after a word (How the Office …)."""
    runs: list[list[_Word]] = []
    current: list[_Word] = []
    for index, word in enumerate(words):
        gap = title[words[index - 1].end : word.start] if index else ""
        lower = word.text.lower()
        article = word.text in _ARTICLES and bool(current)
        if current and (gap.strip() or (article and current[-1].text.lower() not in _CONNECTORS)):
            runs.append(current)
            current = []
        if _is_capital(word.text) or (current and lower in _CONNECTORS):
            current.append(word)
            if word.possessive:
                runs.append(current)
                current = []
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    trimmed = []
    for run in runs:
        if run[0] is words[0] and run[0].text in _STARTERS:
            run = run[1:]
        while run and run[-1].text.lower() in _CONNECTORS:
            run = run[:-1]
        while run and (run[0].text in _LEADING or run[0].text.lower() in _CONNECTORS):
            run = run[1:]
        if len(run) >= 2:
            trimmed.append(run)
    return trimmed


def _phrase(title: str, run: list[_Word]) -> str:
    return " ".join(title[run[0].start : run[-1].end].split())


def _head_ends(words: list[str], heads: frozenset[str]) -> bool:
    """A head word ends the name or is followed by its complement (Department of Energy,
    Strategy on …); National Science Foundation Act is a law, not a foundation."""
    lowered = [w.lower() for w in words]
    positions = [i for i, w in enumerate(lowered) if w in heads]
    if not positions:
        return False
    after = lowered[positions[-1] + 1 :]
    return not after or after[0] in _COMPLEMENT


def _spells(words: list[str], letters: str) -> bool:
    """Do the words' initials (a whole capitalised word like UK counts as its letters) spell
    ``letters``? Connectors may give their initial or nothing (DOE, NASA)."""
    if not words:
        return not letters
    word, rest = words[0], words[1:]
    options = [word.upper()] if word.isupper() and len(word) > 1 else []
    options.append(word[0].upper())
    if any(letters.startswith(o) and _spells(rest, letters[len(o) :]) for o in options):
        return True
    return word.lower() in _CONNECTORS and _spells(rest, letters)


def spelled_names(title: str, abbr: str) -> set[str]:
    """Every run of capitalised words in ``title`` whose initials spell ``abbr``."""
    letters = "".join(c for c in abbr.upper() if c.isalnum())
    words = _words(title)
    found: set[str] = set()
    for i, first in enumerate(words):
        if not first.text[0].isupper() or first.text.lower() in _CONNECTORS:
            continue
        for j in range(i, min(len(words), i + len(letters) + 4)):
            window = words[i : j + 1]
            last = window[-1].text
            if j > i and title[words[j - 1].end : words[j].start].strip():
                break  # punctuation ends the name
            if not all(_is_capital(w.text) or w.text.lower() in _CONNECTORS for w in window):
                break
            if window[-1].text == abbr:
                break  # the abbreviation spells itself
            closed = len(window) >= 2 and last.lower() not in _CONNECTORS and _is_capital(last)
            if closed and _spells([w.text for w in window], letters):
                found.add(" ".join(title[first.start : window[-1].end].split()))
            if window[-1].possessive:
                break
    return found


def english_names(original: str, heads: frozenset[str]) -> dict[str, bool]:
    """Quoted names, and capitalised runs in a sentence-case title, that end in a head word
    (or in a head word and its complement); each with whether it was quoted."""
    names = {" ".join(m.group(1).split()): True for m in _QUOTED_RE.finditer(original)}
    words = _words(original)
    if not _headline_case(words):
        for run in _runs(original, words):
            if not _LIST_GOES_ON_RE.match(original, run[-1].end):
                names.setdefault(_phrase(original, run), False)
    return {n: q for n, q in names.items() if _head_ends([w.text for w in _words(n)], heads)}
