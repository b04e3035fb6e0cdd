"""Dependencies routes declare in their signatures (besides the roles in ``auth.roles``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from starlette.requests import Request

from kuaibao.store import Store
from kuaibao.web.state import AppState, app_state


def _store(request: Request) -> Store:
    return app_state(request).store


StoreDep = Annotated[Store, Depends(_store)]
StateDep = Annotated[AppState, Depends(app_state)]
