"""The offline writer's word tables, read from ``verbs.yaml`` and ``nouns.yaml``.

The grammar modules decide how a clause is read and phrased; which English words they
look for, and the Chinese they print for them, are data beside ``terms.yaml``, so adding
a verb or an organisation ending is an edit of a table, not of a regular expression. Each
file is read and validated once; a malformed table raises ``ConfigError`` naming the file,
the key and the entry, because a writer run on a half-read table would draft wrongly
without saying so.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from kuaibao.errors import ConfigError

VERBS_FILE = "verbs.yaml"
NOUNS_FILE = "nouns.yaml"


@dataclass(frozen=True)
class VerbRow:
    """One action verb: the Chinese it prints, its class, English forms, Chinese spellings."""

    zh: str
    kind: str
    en: tuple[str, ...]
    zh_forms: tuple[str, ...]


@dataclass(frozen=True)
class Verbs:
    """The verb table: actions in file order, and the verbs headlines put after a name."""

    actions: tuple[VerbRow, ...]
    headline: frozenset[str]


@dataclass(frozen=True)
class Nouns:
    """The noun table (see ``nouns.yaml`` for what each part is for)."""

    company_endings: frozenset[str]
    institution_words: frozenset[str]
    organisation_nouns: tuple[str, ...]
    amount_nouns: Mapping[str, str]
    report_nouns: Mapping[str, str]
    programme_heads: frozenset[str]
    head_endings: tuple[str, ...]


def _document(text: str, origin: str) -> dict[str, Any]:
    try:
        doc: Any = yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{origin} is not valid YAML: {exc}") from exc
    if not isinstance(doc, dict):
        raise ConfigError(f"{origin}: expected a mapping of tables at the top level")
    return doc


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where} must be a non-empty string, not {value!r}")
    return value.strip()


def _list(value: Any, where: str, *, empty: bool = False) -> tuple[str, ...]:
    """A YAML list of strings, or a string of space-separated words."""
    if isinstance(value, str):
        value = value.split()
    if not isinstance(value, list) or (not value and not empty):
        raise ConfigError(f"{where} must be a list of words")
    return tuple(_text(item, f"{where}[{index}]") for index, item in enumerate(value))


def _mapping(value: Any, where: str) -> Mapping[str, str]:
    """English word (lower case) → Chinese form, read-only: the table is shared."""
    if not isinstance(value, dict) or not value:
        raise ConfigError(f"{where} must map English words to Chinese forms")
    return MappingProxyType(
        {
            _text(key, f"{where} key").lower(): _text(zh, f"{where}.{key}")
            for key, zh in value.items()
        }
    )


def _verb(entry: Any, where: str, kinds: Collection[str]) -> VerbRow:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where} must be a mapping with zh, kind, en and zh_forms")
    unknown = set(entry) - {"zh", "kind", "en", "zh_forms"}
    if unknown:
        raise ConfigError(f"{where}: unknown keys {', '.join(sorted(map(str, unknown)))}")
    kind = _text(entry.get("kind"), f"{where}.kind")
    if kind not in kinds:
        raise ConfigError(f"{where}.kind {kind!r} is not one of {', '.join(sorted(kinds))}")
    return VerbRow(
        zh=_text(entry.get("zh"), f"{where}.zh"),
        kind=kind,
        en=_list(entry.get("en"), f"{where}.en"),
        zh_forms=_list(entry.get("zh_forms", []), f"{where}.zh_forms", empty=True),
    )


def parse_verbs(text: str, kinds: Collection[str], origin: str = VERBS_FILE) -> Verbs:
    """Parse and validate the verb table; every action's ``kind`` must be in ``kinds``."""
    doc = _document(text, origin)
    actions = doc.get("actions")
    if not isinstance(actions, list) or not actions:
        raise ConfigError(f"{origin}: `actions` must be a list of verbs")
    return Verbs(
        actions=tuple(
            _verb(entry, f"{origin}: actions[{index}]", kinds)
            for index, entry in enumerate(actions)
        ),
        headline=frozenset(_list(doc.get("headline_verbs"), f"{origin}: headline_verbs")),
    )


def parse_nouns(text: str, origin: str = NOUNS_FILE) -> Nouns:
    """Parse and validate the noun table."""
    doc = _document(text, origin)

    def words(key: str) -> tuple[str, ...]:
        return _list(doc.get(key), f"{origin}: {key}")

    return Nouns(
        company_endings=frozenset(words("company_endings")),
        institution_words=frozenset(words("institution_words")),
        organisation_nouns=words("organisation_nouns"),
        amount_nouns=_mapping(doc.get("amount_nouns"), f"{origin}: amount_nouns"),
        report_nouns=_mapping(doc.get("report_nouns"), f"{origin}: report_nouns"),
        programme_heads=frozenset(words("programme_heads")),
        head_endings=words("head_endings"),
    )


def _packaged(name: str) -> str:
    return (resources.files("kuaibao.draft.offline") / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def default_verbs(kinds: frozenset[str]) -> Verbs:
    """The packaged verb table, parsed once."""
    return parse_verbs(_packaged(VERBS_FILE), kinds)


@lru_cache(maxsize=1)
def default_nouns() -> Nouns:
    """The packaged noun table, parsed once."""
    return parse_nouns(_packaged(NOUNS_FILE))
