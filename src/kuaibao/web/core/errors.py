"""How refusals look: JSON ``{"detail": …}`` under ``/api/``, an HTML page elsewhere.

Routes raise; they never build error responses themselves. ``HTTPException(403, …)``,
``LoginRequiredError`` (from ``require``), and kuaibao's own errors from the store
(``NotFoundError`` → 404, ``ConflictError`` → 409, other ``StoreError`` → 503, any other
``KuaibaoError`` → 400) all end up here.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from kuaibao.errors import ConflictError, KuaibaoError, NotFoundError, StoreError
from kuaibao.web.core.auth.roles import LoginRequiredError, is_api
from kuaibao.web.core.state import app_state


def _page(request: Request, status: int, detail: str, headers: dict[str, str] | None) -> Response:
    return app_state(request).templates.render(
        request,
        "error.html",
        None,
        status_code=status,
        headers=headers,
        status=status,
        detail=detail,
    )


def refuse(
    request: Request, status: int, detail: str, headers: dict[str, str] | None = None
) -> Response:
    """The error response for this kind of route."""
    if is_api(request):
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)
    return _page(request, status, detail, headers)


def login_target(request: Request) -> str:
    """``/login?next=…`` back to the page that was asked for."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return "/login?next=" + quote(here, safe="")


async def _login_required(request: Request, _exc: Exception) -> Response:
    if is_api(request):
        return JSONResponse(
            {"detail": "sign in (POST /api/login) or send Authorization: Bearer <API token>"},
            status_code=401,
            headers={"WWW-Authenticate": "Bearer"},
        )
    if request.headers.get("HX-Request"):
        return Response(status_code=401, headers={"HX-Redirect": login_target(request)})
    return RedirectResponse(login_target(request), status_code=302)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return refuse(request, exc.status_code, str(exc.detail), dict(exc.headers or {}) or None)


async def _invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if is_api(request):
        return await request_validation_exception_handler(request, exc)
    return _page(request, 422, "invalid input", None)


async def _kuaibao_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, NotFoundError):
        status = 404
    elif isinstance(exc, ConflictError):
        status = 409
    elif isinstance(exc, StoreError):
        status = 503
    else:
        status = 400
    return refuse(request, status, str(exc))


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(LoginRequiredError, _login_required)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(KuaibaoError, _kuaibao_error)
