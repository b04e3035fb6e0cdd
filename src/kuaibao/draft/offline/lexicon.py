"""The English → Chinese term lexicon the offline writer names a story's subject with.

``terms.yaml`` ships the science-and-technology terms (quantum computing → 量子计算) and
the head nouns that complete an object (research → 研究). Both are found in English text
(case-insensitively on word boundaries, with the plural of the last word) and, by their
Chinese form, in Chinese text. An analyst's glossary extends and overrides the terms.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from kuaibao.errors import ConfigError
from kuaibao.facts.matcher import EXACT, FOLD, PhraseMatcher, normalize_name

TERMS_FILE = "terms.yaml"


@dataclass(frozen=True)
class TermHit:
    """One term found in a text: its span and the Chinese form a draft prints."""

    start: int
    end: int
    zh: str


@dataclass(frozen=True)
class Lexicon:
    """Terms and head nouns, English spelling → Chinese form."""

    terms: Mapping[str, str]
    heads: Mapping[str, str]

    def with_glossary(self, glossary: Mapping[str, str] | None) -> Lexicon:
        """A lexicon whose terms include (and yield to) the glossary's entries."""
        if not glossary:
            return self
        extra = {
            normalize_name(k): v.strip()
            for k, v in glossary.items()
            if isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip()
        }
        return Lexicon({**self.terms, **extra}, self.heads)


def _mapping(doc: dict[str, Any], key: str, origin: str) -> dict[str, str]:
    raw = doc.get(key)
    if not isinstance(raw, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in raw.items()
    ):
        raise ConfigError(f"{origin}: `{key}` must map English terms to Chinese forms")
    return {normalize_name(k): v.strip() for k, v in raw.items()}


def parse_lexicon(text: str, origin: str = TERMS_FILE) -> Lexicon:
    """Parse and validate the lexicon YAML (top-level ``terms:`` and ``heads:`` mappings)."""
    try:
        doc: Any = yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{origin} is not valid YAML: {exc}") from exc
    if not isinstance(doc, dict):
        raise ConfigError(f"{origin}: expected `terms:` and `heads:` mappings")
    return Lexicon(_mapping(doc, "terms", origin), _mapping(doc, "heads", origin))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The packaged lexicon, parsed once."""
    text = (resources.files("kuaibao.draft.offline") / TERMS_FILE).read_text(encoding="utf-8")
    return parse_lexicon(text)


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _mode(name: str) -> str:
    """Abbreviations (AI, EUV, R&D) only in capitals; everything else in any case."""
    if name.isascii() and " " not in name and sum(c.isupper() for c in name) >= 2:
        return EXACT
    return FOLD if name.isascii() else EXACT


def _hyphened(name: str) -> list[str]:
    """The spellings of a term with some of its spaces written as hyphens (up to 4 words)."""
    words = name.split(" ")
    if len(words) > 4:
        return []
    variants = []
    for mask in range(1, 2 ** (len(words) - 1)):
        joined = words[0]
        for index, word in enumerate(words[1:]):
            joined += ("-" if mask >> index & 1 else " ") + word
        variants.append(joined)
    return variants


def build_matcher(entries: Mapping[str, str]) -> PhraseMatcher[str]:
    """A matcher for English spellings (and plurals) and Chinese forms, giving the latter."""
    matcher: PhraseMatcher[str] = PhraseMatcher()
    chinese: dict[str, str] = {}
    for name, zh in entries.items():
        matcher.add(name, zh, _mode(name))
        if name.isascii() and name[-1].isalpha() and _mode(name) != EXACT:
            matcher.add(_plural(name), zh, FOLD)
        if name.isascii() and " " in name and _mode(name) != EXACT:
            for variant in _hyphened(name):  # "silicon-carbide wafer", "gene-editing"
                if variant not in entries:
                    matcher.add(variant, zh, FOLD)
                    if variant[-1].isalpha():
                        matcher.add(_plural(variant), zh, FOLD)
        chinese.setdefault(zh, zh)
    for zh in chinese:
        if not zh.isascii():
            matcher.add(zh, zh, EXACT)
    return matcher


class TermFinder:
    """Finds terms and head nouns in texts; built once per lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._terms = build_matcher(lexicon.terms)
        self._heads = build_matcher(lexicon.heads)

    def terms(self, text: str) -> list[TermHit]:
        """Every term in ``text``, leftmost-longest, in text order."""
        return [TermHit(s, e, zh) for s, e, zh in self._terms.find(text)]

    def heads(self, text: str) -> list[TermHit]:
        """Every head noun in ``text``, in text order."""
        return [TermHit(s, e, zh) for s, e, zh in self._heads.find(text)]


@lru_cache(maxsize=1)
def default_finder() -> TermFinder:
    """The finder for the packaged lexicon."""
    return TermFinder(default_lexicon())


def finder_for(glossary: Mapping[str, str] | None) -> TermFinder:
    """The packaged finder, or one that also knows the glossary's terms."""
    if not glossary:
        return default_finder()
    return TermFinder(default_lexicon().with_glossary(glossary))
