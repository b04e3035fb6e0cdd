"""The gazetteer: S&T organisations, programmes and laws with their standard Chinese names.

The packaged ``gazetteer.yaml`` can be replaced by ``DATA_DIR/gazetteer.yaml``, and
imported glossaries can extend a loaded gazetteer at run time with ``Gazetteer.add``.
A name (English, abbreviation or Chinese) may belong to one entry only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from kuaibao.errors import ConfigError
from kuaibao.facts.matcher import EXACT, STANDALONE, PhraseMatcher, normalize_name
from kuaibao.facts.model import OrgFact
from kuaibao.facts.textutil import fold

GAZETTEER_FILE = "gazetteer.yaml"
KINDS = frozenset(
    {
        "agency",
        "government",
        "ministry",
        "parliament",
        "research_council",
        "funder",
        "lab",
        "think_tank",
        "university",
        "company",
        "programme",
        "law",
        "strategy",
        "international",
        "association",
        "standards",
        "event",
        "journal",
    }
)
# Kinds whose Chinese names only count with their title marks (《自然》, not 自然) and
# whose English titles only count as printed (Science Advances, not "science advances").
_TITLED = frozenset({"journal"})
_FIELDS = {"en", "abbr", "zh", "zh_aliases", "kind", "country"}
_PAREN_RE = re.compile(r"[（(][^（）()]*[）)]$")
_QUOTES_RE = re.compile(r"[《》“”\"]")
_PREFIX_RE = re.compile(
    "美国|英国|欧盟|欧洲|日本|德国|法国|韩国|加拿大|澳大利亚|印度|新加坡|荷兰|瑞士|以色列|"
    "俄罗斯|中国|意大利|西班牙|瑞典|芬兰|比利时|丹麦|挪威|奥地利|爱尔兰|国际"
)
_MIN_WEAK = 5


@dataclass(frozen=True)
class GazetteerEntry:
    """One organisation, programme or law: its names and the Chinese form bulletins print."""

    zh: str
    kind: str
    en: tuple[str, ...] = ()
    abbr: str | None = None
    zh_aliases: tuple[str, ...] = ()
    country: str | None = None

    @property
    def canonical(self) -> str:
        """The English name reports and glossaries use: the first ``en``, else the abbr."""
        return self.en[0] if self.en else (self.abbr or self.zh)

    def names(self) -> list[str]:
        """Every explicit spelling, with the punctuation variants of the Chinese forms."""
        derived: list[str] = []
        for form in (self.zh, *self.zh_aliases):
            bare = _PAREN_RE.sub("", form)
            half = form.replace("（", "(").replace("）", ")")
            derived += [form, bare, half]
            if self.kind not in _TITLED:
                derived += [_QUOTES_RE.sub("", form), _QUOTES_RE.sub("", bare)]
            if self.abbr and bare == form:
                derived.append(f"{form}（{self.abbr}）")
        names = [*self.en, *([self.abbr] if self.abbr else []), *derived]
        return [n for n in dict.fromkeys(normalize_name(n) for n in names) if len(n) >= 2]

    def weak_names(self) -> list[str]:
        """Chinese forms without their country prefix (国家科学基金会); dropped if ambiguous."""
        weak: list[str] = []
        for name in self.names():
            prefix = _PREFIX_RE.match(name)
            if prefix and len(name) - prefix.end() >= _MIN_WEAK:
                weak.append(name[prefix.end() :])
        return list(dict.fromkeys(weak))


def _key(name: str) -> str:
    return fold(normalize_name(name))


class Gazetteer:
    """Entries and the matcher that finds them; ``add`` extends it (e.g. from glossaries)."""

    def __init__(self, entries: Iterable[GazetteerEntry] = ()) -> None:
        self._entries: list[GazetteerEntry] = []
        self._owner: dict[str, GazetteerEntry] = {}
        self._weak: dict[str, GazetteerEntry | None] = {}  # None: shared, so not used
        self._matcher: PhraseMatcher[GazetteerEntry] | None = None
        for entry in entries:
            self.add(entry)

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def entries(self) -> list[GazetteerEntry]:
        """A copy of the entries, in the order they were added."""
        return list(self._entries)

    def add(self, entry: GazetteerEntry, *, replace: bool = False) -> None:
        """Add an entry; a name already taken is an error unless ``replace`` moves it."""
        _check_entry(entry)
        clashes = {
            self._owner[_key(n)]
            for n in entry.names()
            if _key(n) in self._owner and self._owner[_key(n)] is not entry
        }
        if clashes and not replace:
            other = next(iter(clashes))
            shared = sorted(n for n in entry.names() if self._owner.get(_key(n)) is other)
            raise ConfigError(
                f"gazetteer: {entry.canonical!r} reuses the name(s) {shared} of "
                f"{other.canonical!r}; rename one, or pass replace=True to take them over"
            )
        self._entries.append(entry)
        for name in entry.names():
            self._owner[_key(name)] = entry
        for name in entry.weak_names():
            key = _key(name)
            self._weak[key] = entry if self._weak.get(key, entry) is entry else None
        self._matcher = None

    def lookup(self, name: str) -> GazetteerEntry | None:
        """The entry a name (any spelling, any case) refers to."""
        key = _key(name)
        return self._owner.get(key) or self._weak.get(key)

    def _build(self) -> PhraseMatcher[GazetteerEntry]:
        matcher: PhraseMatcher[GazetteerEntry] = PhraseMatcher()
        for entry in self._entries:
            for name in entry.names():
                if self._owner.get(_key(name)) is entry:
                    matcher.add(name, entry, _mode(entry, name))
            for name in entry.weak_names():
                key = _key(name)
                if key not in self._owner and self._weak.get(key) is entry:
                    matcher.add(name, entry)
        return matcher

    def find(self, text: str) -> list[OrgFact]:
        """Every mention of an entry in ``text`` (longest name wins), in text order."""
        if self._matcher is None:
            self._matcher = self._build()
        return [
            OrgFact(text[s:e], entry.zh, entry.canonical, entry.kind, s, e, entry.country)
            for s, e, entry in self._matcher.find(text)
        ]


def _mode(entry: GazetteerEntry, name: str) -> str | None:
    """How a name must appear: titles as printed, and a one-word title on its own (the
    journal in "published in Science", not the word in "Science Foundation Ireland")."""
    if entry.kind not in _TITLED:
        return None
    return STANDALONE if name.isascii() and " " not in name else EXACT


def _check_entry(entry: GazetteerEntry) -> None:
    name = entry.canonical
    if not entry.zh.strip():
        raise ConfigError(f"gazetteer entry {name!r}: missing `zh` (the standard Chinese name)")
    if not entry.en and not entry.abbr:
        raise ConfigError(f"gazetteer entry {entry.zh!r}: give at least one `en` name or `abbr`")
    if entry.kind not in KINDS:
        raise ConfigError(
            f"gazetteer entry {name!r}: unknown kind {entry.kind!r}; use one of {sorted(KINDS)}"
        )


def _strings(value: Any, where: str, field_name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
        raise ConfigError(f"{where}: `{field_name}` must be a name or a list of names")
    return tuple(v.strip() for v in items)


def _entry(raw: Any, where: str) -> GazetteerEntry:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping with en, abbr, zh, kind, country")
    unknown = set(raw) - _FIELDS
    if unknown:
        raise ConfigError(f"{where}: unknown field(s) {sorted(unknown)}; known: {sorted(_FIELDS)}")
    zh = raw.get("zh")
    if not isinstance(zh, str) or not zh.strip():
        raise ConfigError(f"{where}: missing `zh` (the standard Chinese name)")
    abbr = raw.get("abbr")
    if abbr is not None and not isinstance(abbr, str):
        raise ConfigError(f"{where}: `abbr` must be a string")
    return GazetteerEntry(
        zh=zh.strip(),
        kind=str(raw.get("kind", "")),
        en=_strings(raw.get("en"), where, "en"),
        abbr=abbr,
        zh_aliases=_strings(raw.get("zh_aliases"), where, "zh_aliases"),
        country=str(raw["country"]) if raw.get("country") else None,
    )


def parse_gazetteer(text: str, origin: str = GAZETTEER_FILE) -> Gazetteer:
    """Parse and validate gazetteer YAML (a top-level ``entries:`` list)."""
    try:
        doc: Any = yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{origin} is not valid YAML: {exc}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        raise ConfigError(f"{origin}: expected a top-level `entries:` list")
    gazetteer = Gazetteer()
    for number, raw in enumerate(doc["entries"], start=1):
        where = f"{origin}, entry {number}"
        try:
            gazetteer.add(_entry(raw, where))
        except ConfigError as exc:
            message = str(exc)
            raise ConfigError(
                message if message.startswith(origin) else f"{where}: {message}"
            ) from exc
    return gazetteer


def load_gazetteer(data_dir: Path | None = None) -> Gazetteer:
    """``DATA_DIR/gazetteer.yaml`` if present, else the packaged one (a fresh copy)."""
    if data_dir is not None and (data_dir / GAZETTEER_FILE).is_file():
        path = data_dir / GAZETTEER_FILE
        return parse_gazetteer(path.read_text(encoding="utf-8"), str(path))
    return Gazetteer(default_gazetteer().entries)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The packaged gazetteer, parsed once; do not ``add`` to it (load a copy instead)."""
    text = (resources.files("kuaibao.facts") / GAZETTEER_FILE).read_text(encoding="utf-8")
    return parse_gazetteer(text)
