"""``Context``: what every stage runs with, built once from ``Settings``.

A stage used to receive its pieces one by one (a store here, a taxonomy loaded on the
spot there, a gazetteer built three different ways), so each caller loaded them again
and each chained the stages its own way. A context holds them once:

- ``settings`` and ``store``;
- ``catalogs``: the taxonomy, the gazetteer (``DATA_DIR/gazetteer.yaml`` over the
  packaged one), the glossary and the classifier model, each loaded on first use and
  loaded again only when its file's version (size, modification time, inode) changes,
  so an analyst's edit to ``taxonomy.yaml`` is seen without a restart;
- ``writer()``: the configured LLM draft writer (None: the offline writer);
- ``pool``: the one process pool the stages share (started on first use).

A context holds no stage's input or progress: that lives in the store, so the same stage
run by a task queue on another machine, with its own context, picks up where this one
left off.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Generic, TypeVar

from kuaibao.classify.model import MODEL_FILE, Model, saved_model
from kuaibao.classify.taxonomy import TAXONOMY_FILE, Taxonomy, load_taxonomy
from kuaibao.config import Settings
from kuaibao.draft.llm import LLMWriter, writer_from_settings
from kuaibao.facts.gazetteer import GAZETTEER_FILE, Gazetteer, load_gazetteer
from kuaibao.facts.glossary import gazetteer_with_glossary
from kuaibao.pipeline.workers import CpuPool, pool_workers
from kuaibao.store import Store

_T = TypeVar("_T")

FileVersion = tuple[int, int, int] | None  # (mtime_ns, size, inode); None: no such file


def file_version(path: Path) -> FileVersion:
    """What tells one version of a file from the next without reading it."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


@dataclass
class Versioned(Generic[_T]):
    """A value loaded from one file, loaded again when the file's version changes.

    ``load`` is called with no arguments; a missing file is a version too (the loaders
    fall back to the packaged data), so deleting the data dir's copy is also seen.
    """

    path: Path
    load: Callable[[], _T]
    _version: FileVersion = field(default=None, init=False)
    _value: _T | None = field(default=None, init=False)
    _loaded: bool = field(default=False, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def get(self) -> _T:
        """The value for the file as it is now."""
        version = file_version(self.path)
        with self._lock:
            if not self._loaded or version != self._version:
                self._value, self._version, self._loaded = self.load(), version, True
            return self._value  # type: ignore[return-value]  # set above when first loaded


class Catalogs:
    """The data files every stage reads, each loaded once per file version."""

    def __init__(self, data_dir: Path, store: Store) -> None:
        self.data_dir = data_dir
        self.store = store
        self._taxonomy = Versioned(data_dir / TAXONOMY_FILE, lambda: load_taxonomy(data_dir))
        self._gazetteer = Versioned(data_dir / GAZETTEER_FILE, lambda: load_gazetteer(data_dir))
        self._model = Versioned(data_dir / MODEL_FILE, lambda: saved_model(data_dir))
        self._grown: tuple[tuple[Gazetteer, tuple[tuple[str, str], ...]], Gazetteer] | None = None
        self._lock = threading.Lock()

    def taxonomy(self) -> Taxonomy:
        """The data dir's taxonomy, else the packaged one."""
        return self._taxonomy.get()

    def gazetteer(self) -> Gazetteer:
        """The data dir's gazetteer, else the packaged one (what classification reads)."""
        return self._gazetteer.get()

    def model(self) -> Model | None:
        """The classifier ``kuaibao train`` saved, or None (rules alone)."""
        return self._model.get()

    def glossary(self) -> dict[str, str]:
        """The store's title glossary (original → Chinese), as it is now."""
        return dict(self.store.glossary.all())

    def named_gazetteer(self) -> Gazetteer:
        """The gazetteer plus the names the store's glossary teaches (what drafting and the
        fact check read); built again only when either changes."""
        base = self.gazetteer()
        pairs = tuple(self.store.glossary.all())
        if not pairs:
            return base
        with self._lock:
            if self._grown is None or self._grown[0][0] is not base or self._grown[0][1] != pairs:
                self._grown = ((base, pairs), gazetteer_with_glossary(base, pairs))
            return self._grown[1]


def utcnow() -> datetime:
    return datetime.now(UTC)


class Context:
    """Settings, store, catalogs, writer and process pool: what a stage runs with."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        *,
        pool: CpuPool | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.settings = settings
        self.store = store
        self.catalogs = Catalogs(settings.data_dir, store)
        self.pool = pool if pool is not None else CpuPool(pool_workers())
        self.clock = clock
        self._writer: tuple[object, LLMWriter | None] | None = None

    def writer(self) -> LLMWriter | None:
        """The configured LLM writer, or None when drafts are written offline."""
        key = (self.settings.llm, self.settings.data_dir)
        if self._writer is None or self._writer[0] != key:
            self._writer = (key, writer_from_settings(self.settings))
        return self._writer[1]

    def close(self) -> None:
        """Stop the pool's workers, if any started (the store stays the caller's)."""
        self.pool.close()

    def __enter__(self) -> Context:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def open_context(settings: Settings, store: Store | None = None) -> Iterator[Context]:
    """A context on ``store`` (or on a store it opens and closes on the configured
    database), its pool stopped on leaving."""
    own = store is None
    the_store = store if store is not None else Store(settings.effective_database_url)
    try:
        with Context(settings, the_store) as ctx:
            yield ctx
    finally:
        if own:
            the_store.close()
