"""Labelled examples the classifier learns from: bulletin items, analysts' decisions, files.

An off-topic example has ``relevant=False``; its domain is 无关 and it has no section.
Example files (YAML list or JSON lines) hold mappings with ``title``, ``text``,
``domain`` and ``section`` (``domain: 无关`` or ``relevant: false`` marks an off-topic
one); ``id`` is optional and keeps splits stable when texts are edited.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kuaibao.classify.taxonomy import IRRELEVANT, Taxonomy
from kuaibao.domain import Item
from kuaibao.errors import ConfigError

DECISION_KINDS = ("accept", "reject", "relabel")


@dataclass(frozen=True)
class Example:
    """One labelled text; ``section`` is None when unknown or editorial (重点关注)."""

    title: str
    text: str
    domain: str
    section: str | None = None
    id: str = ""

    @property
    def relevant(self) -> bool:
        return self.domain != IRRELEVANT

    @property
    def key(self) -> str:
        """A stable identity: the id when given, else a hash of the title and text."""
        if self.id:
            return self.id
        return hashlib.sha1(f"{self.title}\n{self.text}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Decision:
    """An analyst's verdict on a document: accept, reject or relabel it (the store's side)."""

    kind: str
    title: str
    text: str
    domain: str | None = None
    section: str | None = None
    relevant: bool = True


def examples_from_items(items: Iterable[Item], taxonomy: Taxonomy) -> list[Example]:
    """Imported bulletin items: Chinese title + body, plus the original title on its own."""
    examples = []
    for item in items:
        domain = taxonomy.domain(item.domain or "")
        if domain is None:
            continue
        section = _section(taxonomy, item.section)
        key = f"item-{item.id}" if item.id is not None else ""
        examples.append(Example(item.title, "\n".join(item.body), domain, section, key))
        original = (item.original_title or "").strip()
        if original and original != item.title.strip():
            tag = f"{key}-original" if key else ""
            examples.append(Example(original, "", domain, section, tag))
    return examples


def _section(taxonomy: Taxonomy, name: str | None) -> str | None:
    """The canonical section, or None when unknown or editorial (never a training target)."""
    section = taxonomy.section(name or "")
    predictable = {s.name for s in taxonomy.predictable_sections}
    return section if section in predictable else None


def examples_from_decisions(decisions: Iterable[Decision], taxonomy: Taxonomy) -> list[Example]:
    """Analysts' decisions: rejections teach 无关, accepts and relabels teach their labels."""
    examples = []
    for i, decision in enumerate(decisions, 1):
        if decision.kind not in DECISION_KINDS:
            raise ConfigError(
                f"decision #{i} has kind {decision.kind!r}; use {', '.join(DECISION_KINDS)}"
            )
        if not decision.relevant or decision.kind == "reject":
            examples.append(Example(decision.title, decision.text, IRRELEVANT))
            continue
        domain = taxonomy.domain(decision.domain or "")
        if domain is None:
            continue  # accepted without a known domain: nothing to learn from
        section = _section(taxonomy, decision.section)
        examples.append(Example(decision.title, decision.text, domain, section))
    return examples


def parse_example(raw: Any, where: str, taxonomy: Taxonomy) -> Example:
    """One example mapping from a file; errors name the entry and the field."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping with title, text, domain")
    title, text = str(raw.get("title") or "").strip(), str(raw.get("text") or "").strip()
    if not title and not text:
        raise ConfigError(f"{where}: needs a `title` or a `text`")
    if raw.get("relevant") is False or raw.get("domain") == IRRELEVANT:
        return Example(title, text, IRRELEVANT, None, str(raw.get("id") or ""))
    domain = taxonomy.domain(str(raw.get("domain") or ""))
    if domain is None:
        known = ", ".join([*taxonomy.domain_names, IRRELEVANT])
        raise ConfigError(f"{where}: unknown domain {raw.get('domain')!r}; use one of {known}")
    section = None
    if raw.get("section"):
        section = taxonomy.section(str(raw["section"]))
        if section is None:
            known = ", ".join(taxonomy.section_names)
            raise ConfigError(f"{where}: unknown section {raw['section']!r}; use one of {known}")
    return Example(title, text, domain, _section(taxonomy, section), str(raw.get("id") or ""))


def load_examples(path: Path, taxonomy: Taxonomy) -> list[Example]:
    """Examples from a YAML or JSON-lines file, or from every such file in a folder."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml", ".jsonl"))
        return [e for f in files for e in load_examples(f, taxonomy)]
    try:
        content = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read examples from {path}: {exc}") from exc
    entries = _jsonl(content, path) if path.suffix == ".jsonl" else _yaml(content, path)
    return [parse_example(raw, f"{path.name} #{i}", taxonomy) for i, raw in enumerate(entries, 1)]


def _yaml(content: str, path: Path) -> list[Any]:
    try:
        doc = yaml.safe_load(content)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML: {exc}") from exc
    if isinstance(doc, dict):
        doc = doc.get("examples")
    if not isinstance(doc, list):
        raise ConfigError(f"{path}: expected a list of examples (or `examples:` with one)")
    return doc


def _jsonl(content: str, path: Path) -> list[Any]:
    entries = []
    for n, line in enumerate(content.splitlines(), 1):
        if line.strip():
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ConfigError(f"{path} line {n} is not JSON: {exc}") from exc
    return entries


def split_examples(
    examples: list[Example], held_out: float = 0.3
) -> tuple[list[Example], list[Example]]:
    """A deterministic train/held-out split, stratified by label, ordered by a key hash."""
    train: list[Example] = []
    test: list[Example] = []
    by_label: dict[tuple[str, str | None], list[Example]] = {}
    for example in examples:
        by_label.setdefault((example.domain, example.section), []).append(example)
    for group in by_label.values():
        ordered = sorted(group, key=lambda e: hashlib.sha256(e.key.encode()).hexdigest())
        cut = round(len(ordered) * held_out)
        test.extend(ordered[:cut])
        train.extend(ordered[cut:])
    return train, test
