"""The data files the web app reads (taxonomy, gazetteer), re-read when they change.

The item editor's live check runs on every pause in typing and the triage routes on every
decision; loading ``taxonomy.yaml`` or building the gazetteer with the store's glossary
each time would cost more than the work itself. Each is kept per file version (its
modification time) and, for the gazetteer, per glossary.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kuaibao.classify.taxonomy import TAXONOMY_FILE, Taxonomy, load_taxonomy
from kuaibao.config import Settings
from kuaibao.facts import Gazetteer, load_gazetteer
from kuaibao.facts.gazetteer import GAZETTEER_FILE
from kuaibao.facts.glossary import gazetteer_with_glossary
from kuaibao.store import Store


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


@lru_cache(maxsize=4)
def _taxonomy(data_dir: Path, _mtime_ns: int) -> Taxonomy:
    return load_taxonomy(data_dir)


def taxonomy_for(settings: Settings) -> Taxonomy:
    """The data dir's taxonomy (or the packaged one), re-read when its file changes."""
    return _taxonomy(settings.data_dir, _mtime(settings.data_dir / TAXONOMY_FILE))


@lru_cache(maxsize=4)
def _gazetteer(data_dir: Path, _mtime_ns: int, pairs: tuple[tuple[str, str], ...]) -> Gazetteer:
    base = load_gazetteer(data_dir)
    return gazetteer_with_glossary(base, pairs) if pairs else base


def gazetteer_for(store: Store, settings: Settings) -> Gazetteer:
    """The gazetteer plus what the store's glossary teaches (as ``kuaibao triage draft``)."""
    pairs = tuple(store.glossary.all())
    return _gazetteer(settings.data_dir, _mtime(settings.data_dir / GAZETTEER_FILE), pairs)
