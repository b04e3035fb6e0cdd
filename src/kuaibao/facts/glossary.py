"""Grow the gazetteer from the glossary: organisation, programme and law names that past
bulletins paired with an original title.

The glossary holds whole titles (``National Science Foundation (NSF) invests …`` ↔
``美国国家科学基金会（NSF）投入…``), so a name is learned only when both sides point at it
clearly, and otherwise skipped: a wrong entry would make the fact check accept or reject
the wrong organisation, a missing one only leaves a name unchecked. Three kinds of evidence
count:

* a Chinese name followed by an abbreviation in brackets (``英国研究与创新署（UKRI）``) whose
  abbreviation stands as a word in the original; the English name is the run of words
  whose initials spell it, when there is exactly one;
* a Chinese name in 《》 (a law, strategy or programme) and exactly one English name of the
  same kind in the original, quoted or capitalised in a sentence-case title;
* exactly one Chinese organisation name on each side whose heads agree (``基金会`` and
  ``Foundation``), the English one capitalised in a sentence-case title.

Names the gazetteer already knows are skipped, and so are names two glossary pairs
explain differently. How names are found on each side is in ``glossary_chinese`` and
``glossary_english``; this module pairs them and learns the entries.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from kuaibao.errors import ConfigError
from kuaibao.facts.gazetteer import Gazetteer, GazetteerEntry
from kuaibao.facts.glossary_chinese import (
    ORG_WORDS,
    TITLE_WORDS,
    ZhName,
    abbreviated_zh,
    book_zh,
    plain_zh,
    without_country,
)
from kuaibao.facts.glossary_english import content_words, english_names, spelled_names
from kuaibao.facts.glossary_words import renderings
from kuaibao.facts.places import default_places

_MIN_SHARE, _MAX_SHARE = 1.0, 4.5  # Chinese characters per English content word


def _share_ok(zh: str, en: str) -> bool:
    bare = without_country(zh)
    content = len(content_words(en.split()))
    return content > 0 and _MIN_SHARE <= len(bare) / content <= _MAX_SHARE


def _agrees(name: ZhName, en: str, need: int = 1) -> bool:
    """The head words agree, and the English words with a known rendering show up in the
    Chinese name (at most one in four may be missing, and at least ``need`` found)."""
    words = [w.lower() for w in en.split()]
    if not name.heads & set(words):
        return False
    found = missing = 0
    for word in content_words(words):
        options = () if word in name.heads else renderings(word)
        if options:
            if any(option in name.zh for option in options):
                found += 1
            else:
                missing += 1
    return found >= need and missing <= found // 3


@lru_cache(maxsize=1)
def _country_forms() -> tuple[tuple[str, str], ...]:
    """(Chinese country name, ISO code), longest names first."""
    forms = [
        (form, place.code)
        for place in default_places()
        if len(place.code) == 2
        for form in (place.zh, *place.zh_aliases)
    ]
    return tuple(sorted(forms, key=lambda f: -len(f[0])))


def _country(zh: str) -> str | None:
    bare = zh.lstrip("《“")
    return next((code for form, code in _country_forms() if bare.startswith(form)), None)


def _entry(name: ZhName, en: str | None) -> GazetteerEntry:
    """The entry as the gazetteer writes it, with the abbreviation in （）."""
    return GazetteerEntry(
        zh=f"{name.zh}（{name.abbr}）" if name.abbr else name.zh,
        kind=name.kind,
        en=(en,) if en else (),
        abbr=name.abbr,
        country=_country(name.zh),
    )


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])", text) is not None


def _from_pair(original: str, chinese: str) -> list[GazetteerEntry]:
    """The entries one (original, Chinese) title pair shows clearly."""
    entries: list[GazetteerEntry] = []
    abbreviated = abbreviated_zh(chinese)
    for name in abbreviated:
        assert name.abbr is not None
        if not _has_word(original, name.abbr):
            continue
        spelled = spelled_names(original, name.abbr)
        en = spelled.pop() if len(spelled) == 1 else None
        if en is None and len(name.abbr) < 3:
            continue  # two letters alone are too ambiguous to learn
        entries.append(_entry(name, en))
    for zh_names, heads in (
        (book_zh(chinese), TITLE_WORDS),
        (plain_zh(chinese, {n.name for n in abbreviated}), ORG_WORDS),
    ):
        if zh_names is None or len(zh_names) != 1:
            continue
        (name,) = zh_names
        english = english_names(original, heads)
        if len(english) != 1:
            continue
        ((en, quoted),) = english.items()
        # A quoted name against one in 《》 is marked as a name on both sides, so proper
        # names alone (“Genesis Mission”) will do; elsewhere a known word must match.
        if _agrees(name, en, need=0 if quoted and name.book else 1) and _share_ok(name.name, en):
            entries.append(_entry(name, en))
    return entries


def _known(entry: GazetteerEntry, gazetteer: Gazetteer) -> bool:
    names = [entry.zh, *entry.names(), *entry.en, *([entry.abbr] if entry.abbr else [])]
    return any(gazetteer.lookup(n) is not None for n in names)


def _same_name(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """No English name on one side, or one name holding the other (Fund, FWF Fund)."""
    if not one or not other:
        return True
    a, b = one[0].casefold(), other[0].casefold()
    return a in b or b in a


def _merge(found: list[GazetteerEntry]) -> list[GazetteerEntry]:
    """One entry per Chinese name (English names joined); names explained two ways drop."""
    by_zh: dict[str, GazetteerEntry] = {}
    conflicted: set[str] = set()
    for entry in found:
        key = entry.zh if entry.abbr is None else entry.zh.rsplit("（", 1)[0]
        other = by_zh.get(key)
        if other is None:
            by_zh[key] = entry
        elif (other.abbr and entry.abbr and other.abbr != entry.abbr) or not _same_name(
            other.en, entry.en
        ):
            conflicted.add(key)
        else:
            abbr = other.abbr or entry.abbr
            zh = other.zh if other.abbr else entry.zh
            en = tuple(dict.fromkeys((*other.en, *entry.en)))
            by_zh[key] = replace(other, zh=zh, abbr=abbr, en=en)
    owners: dict[str, set[str]] = defaultdict(set)
    for key, entry in by_zh.items():
        for name in (*entry.en, *([entry.abbr] if entry.abbr else [])):
            owners[name.casefold()].add(key)
    conflicted |= {key for keys in owners.values() if len(keys) > 1 for key in keys}
    return [entry for key, entry in by_zh.items() if key not in conflicted]


def learn_entries(pairs: Iterable[tuple[str, str]], gazetteer: Gazetteer) -> list[GazetteerEntry]:
    """Gazetteer entries the (original title, Chinese title) pairs show, in first-seen order,
    leaving out every name ``gazetteer`` already has."""
    found: list[GazetteerEntry] = []
    for original, chinese in pairs:
        if original and chinese:
            found.extend(_from_pair(original, chinese))
    return [entry for entry in _merge(found) if not _known(entry, gazetteer)]


def gazetteer_with_glossary(gazetteer: Gazetteer, pairs: Iterable[tuple[str, str]]) -> Gazetteer:
    """A new gazetteer: ``gazetteer``'s entries plus those learned from the glossary pairs.

    ``gazetteer`` itself is left as it is (the packaged one is shared). A learned entry
    that still clashes with a name of another (e.g. through a derived spelling) is left out.
    """
    grown = Gazetteer(gazetteer.entries)
    for entry in learn_entries(pairs, gazetteer):
        try:
            grown.add(entry)
        except ConfigError:
            continue
    return grown
