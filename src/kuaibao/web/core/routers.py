"""Every feature's routes, found by walking the feature folders; ``ROUTERS`` lists them for
``create_app`` and ``PUBLIC_PATHS`` names the routes anyone may call.

A feature is a subpackage of ``kuaibao.web`` other than ``core``; each of its modules that
defines a module-level ``router`` (an ``APIRouter``) is served. Adding a page therefore
needs no shared list to edit (the recipe is in ``kuaibao.web``'s docstring).
"""

from __future__ import annotations

import importlib
import pkgutil

from fastapi import APIRouter


def _routers() -> tuple[APIRouter, ...]:
    """Every ``router`` of the feature folders' modules, by feature name and then module
    name, so a new page is served by adding its module (no shared list to edit)."""
    web = importlib.import_module("kuaibao.web")
    found = []
    for feature in sorted(pkgutil.iter_modules(web.__path__), key=lambda m: m.name):
        if not feature.ispkg or feature.name == "core":
            continue
        package = importlib.import_module(f"kuaibao.web.{feature.name}")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            router = getattr(module, "router", None)
            if isinstance(router, APIRouter):
                found.append(router)
    return tuple(found)


ROUTERS: tuple[APIRouter, ...] = _routers()

# Routes anyone may call. Everything else needs a session (or, under /api/, a token).
PUBLIC_PATHS = frozenset({"/login", "/lang/{code}", "/api/health", "/api/login", "/openapi.json"})
