"""The taxonomy of domains and sections, loaded from YAML (packaged or the analysts' copy).

Besides names and aliases each label carries weighted keyword rules (see ``rules.py``).
``irrelevant`` is a special domain, 无关, for texts outside science, technology and
innovation policy: classification can answer it, bulletins never print it, so it is not
among ``domains``. Sections marked ``editorial: true`` (重点关注) are the editor's choice
and are never predicted.

Sections may also say who acts in them and what kind of act they report: ``actor`` names
one of the top-level ``actors`` (government, research, company: each found by its phrases
and by gazetteer kinds), ``acts`` are rules read in the title and lead only, and the
top-level ``shared_acts`` (money, announcements) count for whichever actor acts first
(see ``actors.py``). A taxonomy without them classifies by the section ``rules`` alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from kuaibao.classify.matching import Term
from kuaibao.classify.rules import Rule, RuleError, parse_phrases, parse_rules
from kuaibao.errors import ConfigError

TAXONOMY_FILE = "taxonomy.yaml"
IRRELEVANT = "无关"


@dataclass(frozen=True)
class Label:
    """One domain or section: the printed Chinese name, English label, accepted aliases."""

    name: str
    en: str = ""
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    rules: tuple[Rule, ...] = ()
    editorial: bool = False
    fallback: bool = False
    actor: str = ""
    acts: tuple[Rule, ...] = ()


@dataclass(frozen=True)
class Actor:
    """A kind of actor (government, research, company): its phrases and gazetteer kinds."""

    name: str
    en: str = ""
    phrases: tuple[Term, ...] = ()
    gazetteer: tuple[str, ...] = ()
    places: bool = False  # a place opening the title stands for this actor (its government)


@dataclass(frozen=True)
class Taxonomy:
    """Domains and sections in their configured order, plus the special 无关 label."""

    domains: tuple[Label, ...]
    sections: tuple[Label, ...]
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    irrelevant: Label = Label(IRRELEVANT, "Not relevant")
    actors: tuple[Actor, ...] = ()
    shared_acts: tuple[Rule, ...] = ()

    @property
    def predictable_sections(self) -> tuple[Label, ...]:
        """Sections classification may answer: all but the editorial ones (重点关注)."""
        return tuple(s for s in self.sections if not s.editorial) or self.sections

    @property
    def fallback_domain(self) -> str:
        """The domain for relevant texts no domain rule or model speaks for (综合)."""
        marked = [d.name for d in self.domains if d.fallback]
        return marked[0] if marked else self.domains[-1].name

    @cached_property
    def max_words(self) -> int:
        """The longest English phrase of any rule, in words."""
        labels = (*self.domains, *self.sections, self.irrelevant)
        rules = [r for label in labels for r in (*label.rules, *label.acts)]
        return max((r.max_words() for r in (*rules, *self.shared_acts)), default=1)

    @property
    def domain_names(self) -> list[str]:
        return [d.name for d in self.domains]

    @property
    def section_names(self) -> list[str]:
        return [s.name for s in self.sections]

    def domain(self, text: str) -> str | None:
        """The canonical domain name for a name or alias, or None if unknown."""
        return _lookup(self.domains, text)

    def section(self, text: str) -> str | None:
        return _lookup(self.sections, text)


def _lookup(labels: tuple[Label, ...], text: str) -> str | None:
    key = text.strip().casefold()
    for label in labels:
        if key in (
            label.name.casefold(),
            label.en.casefold(),
            *(a.casefold() for a in label.aliases),
        ):
            return label.name
    return None


def _label(entry: Any, where: str, origin: str) -> Label:
    """One label entry: a bare name or a mapping with name, en, aliases, keywords, rules."""
    if isinstance(entry, str):
        entry = {"name": entry}
    if not isinstance(entry, dict) or not str(entry.get("name", "")).strip():
        raise ConfigError(f"{origin}: {where} needs a `name`")
    name = str(entry["name"]).strip()
    aliases = entry.get("aliases") or []
    keywords = tuple(str(k).strip().lower() for k in entry.get("keywords") or [] if str(k).strip())
    try:
        rules = parse_rules(entry.get("rules"), keywords, f"{where} {name}")
        acts = parse_rules(entry.get("acts"), (), f"{where} {name} acts")
    except RuleError as exc:
        raise ConfigError(f"{origin}: {exc}") from exc
    return Label(
        name,
        str(entry.get("en", "")),
        tuple(str(a) for a in aliases),
        keywords,
        rules,
        editorial=bool(entry.get("editorial", False)),
        fallback=bool(entry.get("fallback", False)),
        actor=str(entry.get("actor") or ""),
        acts=acts,
    )


def _labels(entries: Any, what: str, origin: str) -> tuple[Label, ...]:
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{origin}: `{what}` must be a non-empty list")
    labels = tuple(_label(e, f"{what} #{i}", origin) for i, e in enumerate(entries, 1))
    names = [label.name for label in labels]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ConfigError(f"{origin}: {what} {', '.join(twice)} listed more than once")
    return labels


def _irrelevant(entry: Any, domains: tuple[Label, ...], origin: str) -> Label:
    """The 无关 label: its rules recognise off-topic texts (sport, weather, crime, …)."""
    if entry is None:
        return Label(IRRELEVANT, "Not relevant")
    label = _label(entry, "irrelevant", origin)
    if label.name in {d.name for d in domains}:
        raise ConfigError(f"{origin}: irrelevant label {label.name} is also a domain")
    return label


def _actor(entry: Any, where: str, origin: str) -> Actor:
    """One actor kind: a name, phrases that name such an actor, and gazetteer kinds."""
    if not isinstance(entry, dict) or not str(entry.get("name", "")).strip():
        raise ConfigError(f"{origin}: {where} needs a `name`")
    name = str(entry["name"]).strip()
    kinds = entry.get("gazetteer") or []
    if not isinstance(kinds, list):
        raise ConfigError(f"{origin}: {where} {name}: `gazetteer` must be a list of kinds")
    try:
        phrases = parse_phrases(entry["phrases"], "phrases") if entry.get("phrases") else ()
    except RuleError as exc:
        raise ConfigError(f"{origin}: {where} {name}: {exc}") from exc
    if not phrases and not kinds:
        raise ConfigError(f"{origin}: {where} {name} needs `phrases` or `gazetteer` kinds")
    kinds_found = tuple(str(k) for k in kinds)
    return Actor(name, str(entry.get("en", "")), phrases, kinds_found, bool(entry.get("places")))


def _actors(doc: dict[str, Any], sections: tuple[Label, ...], origin: str) -> tuple[Actor, ...]:
    """The actor kinds; every section's ``actor`` must name one of them."""
    entries = doc.get("actors") or []
    if not isinstance(entries, list):
        raise ConfigError(f"{origin}: `actors` must be a list")
    actors = tuple(_actor(e, f"actors #{i}", origin) for i, e in enumerate(entries, 1))
    known = {a.name for a in actors}
    for section in sections:
        if section.actor and section.actor not in known:
            raise ConfigError(
                f"{origin}: section {section.name} names actor {section.actor!r}, which "
                f"`actors` does not define (known: {', '.join(sorted(known)) or 'none'})"
            )
    return actors


def parse_taxonomy(text: str, origin: str = TAXONOMY_FILE) -> Taxonomy:
    """Parse taxonomy YAML; errors name the file and the entry."""
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{origin} is not valid YAML: {exc}") from exc
    if not isinstance(doc, dict):
        raise ConfigError(f"{origin}: expected a mapping with `domains` and `sections`")
    domains = _labels(doc.get("domains"), "domains", origin)
    sections = _labels(doc.get("sections"), "sections", origin)
    try:
        shared = parse_rules(doc.get("shared_acts"), (), "shared_acts")
    except RuleError as exc:
        raise ConfigError(f"{origin}: {exc}") from exc
    return Taxonomy(
        domains,
        sections,
        raw=doc,
        irrelevant=_irrelevant(doc.get("irrelevant"), domains, origin),
        actors=_actors(doc, sections, origin),
        shared_acts=shared,
    )


def load_taxonomy(data_dir: Path | None = None) -> Taxonomy:
    """The analysts' DATA_DIR/taxonomy.yaml if present, else the packaged default."""
    if data_dir is not None and (data_dir / TAXONOMY_FILE).is_file():
        path = data_dir / TAXONOMY_FILE
        return parse_taxonomy(path.read_text(encoding="utf-8"), str(path))
    return packaged_taxonomy()


@lru_cache(maxsize=1)
def packaged_taxonomy() -> Taxonomy:
    """The taxonomy shipped with kuaibao, parsed once per process."""
    text = (resources.files("kuaibao.classify") / TAXONOMY_FILE).read_text(encoding="utf-8")
    return parse_taxonomy(text)
