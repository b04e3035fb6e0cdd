"""Getting a server process ready before its first request: load, then freeze.

The app's long-lived data (jieba's dictionary for search, the templates, the message
catalogs, the taxonomy) is a few hundred thousand Python objects. Loaded lazily, the
first search pays a second of loading; and every full garbage collection afterwards
walks all of them again (about 100 ms on the benchmark machine, with the process's one
GIL held, so every request in flight waits). ``prepare`` loads them once and then
``gc.freeze()``s what exists, so collections only walk what requests allocate.

This is the serving process's decision, not the app factory's: ``kuaibao serve`` calls it,
tests (which build many apps in one process) do not.
"""

from __future__ import annotations

import gc

from fastapi import FastAPI

from kuaibao import phrases
from kuaibao.i18n import LANGUAGES, translations
from kuaibao.search.tokens import segmenter
from kuaibao.web.core.state import AppState


def warm(state: AppState) -> None:
    """Load what the first requests would otherwise load: search's segmenter, every
    template, every message catalogue, the stored phrases, search's cross-language term
    pairs and the source menu's connection to the store."""
    segmenter()
    _ = state.store.search.pairs
    env = state.templates.env
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)
    for lang in LANGUAGES:
        translations(lang)
    phrases.match("")  # compiles the stored phrases' expressions
    state.source_names.get()


def prepare(app: FastAPI) -> None:
    """Warm the app, then move every object alive now out of the collector's sight."""
    state: AppState = app.state.kuaibao
    warm(state)
    gc.collect()
    gc.freeze()
