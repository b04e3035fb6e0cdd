"""The app's routes as one flat list, whatever FastAPI version is installed.

Newer FastAPI keeps included routers as nested entries in ``app.routes``; older versions
copy their routes in. Navigation and the route audit test use this to see every route.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi import routing as fastapi_routing
from starlette.routing import BaseRoute


def served_routes(app: FastAPI) -> list[BaseRoute]:
    """Every route and mount of ``app``, in matching order."""
    contexts = getattr(fastapi_routing, "iter_route_contexts", None)
    if contexts is None:
        return list(app.routes)
    return [context.original_route for context in contexts(app.routes)]


def served_paths(app: FastAPI) -> frozenset[str]:
    """The paths (templates, such as ``/tokens/{token_id}``) some route serves."""
    return frozenset(
        p for r in served_routes(app) if isinstance(p := getattr(r, "path", None), str)
    )
