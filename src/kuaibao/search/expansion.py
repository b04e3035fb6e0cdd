"""Cross-language query expansion: 芯片 also looks for semiconductor, quantum for 量子.

The term pairs are not a hand-made dictionary. They come from what kuaibao already
knows in both languages: the taxonomy's rules (a rule lists one concept's phrases in
English and Chinese, translations usually written next to each other), the gazetteer
(an organisation's English names ↔ its standard Chinese name) and the store's glossary
(original ↔ Chinese titles of imported bulletins). Within a rule a term is paired with
the ``PER_RULE`` nearest phrases of the other language in the list, because a long rule
(人工智能's first one lists thirty phrases) is one topic, not thirty synonyms.

Pairs are keyed by the query terms a word or phrase parses to, so a lookup is one dict
access per query word. Each word's counterparts become extra ``OR`` options of its
clause, at most ``MAX_EXPANSIONS`` per word and ``MAX_QUERY_EXPANSIONS`` per query
(a pasted paragraph), which keeps the SQL small.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kuaibao.search.query import Clause, Group, ParsedQuery
from kuaibao.search.tokens import query_terms
from kuaibao.text.normalise import nfkc
from kuaibao.text.scripts import has_han

PER_RULE = 2
MAX_EXPANSIONS = 6
MAX_QUERY_EXPANSIONS = 24

_NOTE = re.compile(r"\s*[（(][^（）()]*[）)]\s*$")

Key = tuple[tuple[str, ...], ...]
"""The terms a word or phrase parses to: what a query group is looked up by."""


@dataclass(frozen=True)
class Counterpart:
    """One other-language term: how it is shown and the group it is searched as."""

    text: str
    group: Group


TermPairs = Mapping[Key, tuple[Counterpart, ...]]


@dataclass(frozen=True)
class Expansion:
    """A query with its counterparts added, the original kept for ranking, and the
    counterpart terms shown to the analyst (``也搜索了``)."""

    query: ParsedQuery
    original: ParsedQuery
    applied: tuple[str, ...] = ()

    @property
    def expanded(self) -> bool:
        return bool(self.applied)


def _is_chinese(phrase: str) -> bool:
    return has_han(phrase)


def _clean(phrase: str) -> str:
    """``chip*`` is searched as ``chip``: plural stemming covers ``chips`` already."""
    return nfkc(phrase).strip().rstrip("*").strip()


def _key(phrase: str) -> Key | None:
    """The terms a phrase typed as one query word (or quoted phrase) parses to."""
    terms: list[tuple[str, ...]] = []
    for word in phrase.split():
        terms.extend(query_terms(word))
    if not terms:
        return None
    if " " in phrase and all(not _is_chinese(w) for w in phrase.split()):
        # "integrated circuit" is a phrase (quoted in the search box), not two words.
        return (tuple(t for term in terms for t in term),)
    return tuple(terms)


def _rule_lists(rule: Any) -> Iterable[list[str]]:
    """The phrase lists of one raw rule that name a concept: ``any`` and each of
    ``all``'s alternatives (``not`` lists are exclusions, never pairs)."""
    if not isinstance(rule, dict):
        return
    if isinstance(rule.get("any"), list):
        yield [str(p) for p in rule["any"]]
    for part in rule.get("all") or []:
        if isinstance(part, list):
            yield [str(p) for p in part]


def taxonomy_pairs(raw: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(phrase, counterpart) pairs from a taxonomy's raw YAML, both directions.

    A label's Chinese name and aliases pair with its English label; inside a rule list
    each phrase pairs with the ``PER_RULE`` nearest phrases of the other language.
    """
    out: list[tuple[str, str]] = []
    for kind in ("domains", "sections"):
        for label in raw.get(kind) or []:
            if not isinstance(label, dict):
                continue
            names = [str(label.get("name") or ""), *map(str, label.get("aliases") or [])]
            english = str(label.get("en") or "")
            for name in names:
                if name and english and _is_chinese(name):
                    out += [(name, english), (english, name)]
            for rule in label.get("rules") or []:
                for phrases in _rule_lists(rule):
                    out.extend(_near_pairs(phrases))
    return out


def _near_pairs(phrases: list[str]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for i, phrase in enumerate(phrases):
        others = [
            (abs(i - j), j, other)
            for j, other in enumerate(phrases)
            if _is_chinese(other) != _is_chinese(phrase)
        ]
        out.extend((phrase, other) for _, _, other in sorted(others)[:PER_RULE])
    return out


def name_pairs(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Both directions of (English or original, Chinese) name pairs (gazetteer, glossary);
    pairs whose sides are not in two different languages are dropped."""
    out: list[tuple[str, str]] = []
    for original, chinese in pairs:
        chinese = _NOTE.sub("", chinese)  # 美国国家航空航天局（NASA） is searched without its note
        if original and chinese and not _is_chinese(original) and _is_chinese(chinese):
            out += [(original, chinese), (chinese, original)]
    return out


def _as_phrase(key: Key) -> Group:
    """A counterpart is searched as one phrase (光伏电池 as 光伏 next to 电池): one
    phrase per ``OR`` option is what both backends score alike, and what a term means."""
    return Group((tuple(token for term in key for token in term),))


def build_pairs(pairs: Iterable[tuple[str, str]]) -> dict[Key, tuple[Counterpart, ...]]:
    """The lookup table: each phrase's counterparts in first-seen order, without repeats."""
    table: dict[Key, dict[Key, Counterpart]] = defaultdict(dict)
    for phrase, other in pairs:
        key, other_key = _key(_clean(phrase)), _key(_clean(other))
        if key is None or other_key is None or key == other_key:
            continue
        table[key].setdefault(other_key, Counterpart(_clean(other), _as_phrase(other_key)))
    return {key: tuple(found.values()) for key, found in table.items()}


def expand(query: ParsedQuery, pairs: TermPairs) -> Expansion:
    """Add each required word's counterparts as ``OR`` options of its clause.

    Exclusions are not expanded (``-芯片`` drops what says 芯片, nothing more); groups
    the query already has are not added twice.
    """
    clauses: list[Clause] = []
    applied: list[str] = []
    for clause in query.required:
        options = list(clause.options)
        for group in clause.options:
            for counterpart in pairs.get(group.terms, ())[:MAX_EXPANSIONS]:
                if counterpart.group not in options and len(applied) < MAX_QUERY_EXPANSIONS:
                    options.append(counterpart.group)
                    applied.append(counterpart.text)
        clauses.append(Clause(tuple(options)))
    if not applied:
        return Expansion(query, query)
    expanded = ParsedQuery(tuple(clauses), query.excluded)
    return Expansion(expanded, query, tuple(dict.fromkeys(applied)))
