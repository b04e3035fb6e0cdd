"""The taxonomy of domains and sections, loaded from YAML (packaged or the analysts' copy)."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from kuaibao.errors import ConfigError

TAXONOMY_FILE = "taxonomy.yaml"


@dataclass(frozen=True)
class Label:
    """One domain or section: the printed Chinese name, English label, accepted aliases."""

    name: str
    en: str = ""
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    """Domains and sections in their configured order."""

    domains: tuple[Label, ...]
    sections: tuple[Label, ...]
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

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


def _labels(entries: Any, what: str, origin: str) -> tuple[Label, ...]:
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{origin}: `{what}` must be a non-empty list")
    labels = []
    for i, entry in enumerate(entries, 1):
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict) or not str(entry.get("name", "")).strip():
            raise ConfigError(f"{origin}: {what} #{i} needs a `name`")
        aliases = entry.get("aliases") or []
        keywords = entry.get("keywords") or []
        labels.append(
            Label(
                str(entry["name"]).strip(),
                str(entry.get("en", "")),
                tuple(str(a) for a in aliases),
                tuple(str(k).lower() for k in keywords),
            )
        )
    return tuple(labels)


def parse_taxonomy(text: str, origin: str = TAXONOMY_FILE) -> Taxonomy:
    """Parse taxonomy YAML; errors name the file and the entry."""
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{origin} is not valid YAML: {exc}") from exc
    if not isinstance(doc, dict):
        raise ConfigError(f"{origin}: expected a mapping with `domains` and `sections`")
    return Taxonomy(
        _labels(doc.get("domains"), "domains", origin),
        _labels(doc.get("sections"), "sections", origin),
        raw=doc,
    )


def load_taxonomy(data_dir: Path | None = None) -> Taxonomy:
    """The analysts' DATA_DIR/taxonomy.yaml if present, else the packaged default."""
    if data_dir is not None and (data_dir / TAXONOMY_FILE).is_file():
        path = data_dir / TAXONOMY_FILE
        return parse_taxonomy(path.read_text(encoding="utf-8"), str(path))
    text = (resources.files("kuaibao.classify") / TAXONOMY_FILE).read_text(encoding="utf-8")
    return parse_taxonomy(text)
