"""Dependencies routes declare in their signatures (besides the roles in ``auth.roles``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends
from starlette.requests import Request

from kuaibao.store import Store
from kuaibao.web.core.state import AppState, app_state


def _store(request: Request) -> Store:
    return app_state(request).store


def forget_source_menu(request: Request) -> Iterator[None]:
    """For the routes that change sources: after a state-changing request, the source
    menus (``AppState.source_names``) are read afresh, so an added or renamed source
    shows in the triage filters at once."""
    yield
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        app_state(request).source_names.clear()


StoreDep = Annotated[Store, Depends(_store)]
StateDep = Annotated[AppState, Depends(app_state)]
