"""A serving process loads its long-lived data first, then hides it from the collector."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from kuaibao.config import load_settings
from kuaibao.search import tokens
from kuaibao.store import Store
from kuaibao.web.core.app import create_app
from kuaibao.web.core.warmup import prepare


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """Give the test process its collector back whatever the test does."""
    gc.unfreeze()
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("unfrozen")
def test_prepare_loads_search_and_templates_then_freezes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/k.db"
    store = Store(url)
    try:
        settings = load_settings(data_dir=tmp_path, database_url=url, environ={})
        app = create_app(settings, store=store)
        env = app.state.kuaibao.templates.env
        assert gc.get_freeze_count() == 0 and len(env.cache) == 0
        prepare(app)
        assert tokens._segmenter, "the search segmenter is loaded before the first search"
        assert len(env.cache) == len(env.list_templates(extensions=["html"]))
        assert gc.get_freeze_count() > 0
        assert gc.collect() < 1000  # only what was made since is left to walk
        # The segmenter (and what it holds) is out of the collector's generations now.
        loaded = tokens._segmenter[0]
        assert gc.is_tracked(loaded) and not any(o is loaded for o in gc.get_objects())
    finally:
        store.close()
