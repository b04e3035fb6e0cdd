"""Signing in and out, the language switch, and the API's health and identity routes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Form, HTTPException, Query
from fastapi import Path as PathParam
from pydantic import BaseModel, StringConstraints
from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kuaibao.domain import Role
from kuaibao.web.core.auth import csrf
from kuaibao.web.core.auth.accounts import MAX_PASSWORD_LENGTH, LoginCheck, check_login
from kuaibao.web.core.auth.roles import AnalystUser, OptionalPrincipal
from kuaibao.web.core.auth.secrets import new_secret, same
from kuaibao.web.core.auth.sessions import cookie_is_secure, end_session, start_session
from kuaibao.web.core.deps import StateDep
from kuaibao.web.core.i18n import LANG_COOKIE, LANGUAGES, Translator, language
from kuaibao.web.core.schemas import Problem, errors
from kuaibao.web.core.templating import render

router = APIRouter()

NameField = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[^\x00-\x1f\x7f]+$")
]
PasswordField = Annotated[str, StringConstraints(min_length=1, max_length=MAX_PASSWORD_LENGTH)]


def local_path(target: str | None) -> str:
    """``target`` if it is a path on this site, else ``/`` (no open redirects)."""
    if (
        not target
        or not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
        or any(ord(c) < 0x20 for c in target)
    ):
        return "/"
    return target


def _login(request: Request, state: StateDep, name: str, password: str) -> LoginCheck:
    address = request.client.host if request.client else "unknown"
    return check_login(
        state.store, state.passwords, state.throttle, name, password, address=address
    )


# -- HTML ------------------------------------------------------------------------------


def _login_page(
    request: Request,
    state: StateDep,
    *,
    next_path: str,
    status: int = 200,
    error: str | None = None,
    name: str = "",
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    token = request.cookies.get(csrf.LOGIN_COOKIE) or new_secret()
    response = render(
        request,
        "login.html",
        None,
        status_code=status,
        headers=headers,
        login_csrf=token,
        next=next_path,
        error=error,
        name=name,
        no_users=state.store.users.count() == 0,
    )
    response.set_cookie(
        csrf.LOGIN_COOKIE,
        token,
        max_age=3600,
        path="/login",
        httponly=True,
        samesite="strict",
        secure=cookie_is_secure(request),
    )
    return response


@router.get("/login", include_in_schema=False)
def login_page(
    request: Request,
    state: StateDep,
    principal: OptionalPrincipal,
    next: Annotated[str, Query(max_length=2000)] = "/",
) -> Response:
    if principal is not None:
        return RedirectResponse(local_path(next), status_code=303)
    return _login_page(request, state, next_path=local_path(next))


@router.post("/login", include_in_schema=False)
def login_form(
    request: Request,
    state: StateDep,
    name: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=MAX_PASSWORD_LENGTH)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    t = Translator(language(request, state.settings.web.language))
    target = local_path(next)
    if not same(request.cookies.get(csrf.LOGIN_COOKIE), csrf_token):
        return _login_page(
            request,
            state,
            next_path=target,
            status=403,
            error=t.gettext("login.expired"),
            name=name,
        )
    check = _login(request, state, name, password)
    if check.retry_after:
        return _login_page(
            request,
            state,
            next_path=target,
            status=429,
            error=t.ngettext("login.throttled", "login.throttled", check.retry_after),
            name=name,
            headers={"Retry-After": str(check.retry_after)},
        )
    if check.user is None:
        return _login_page(
            request, state, next_path=target, status=401, error=t.gettext("login.failed"), name=name
        )
    response = RedirectResponse(target, status_code=303)
    start_session(request, response, check.user)
    response.delete_cookie(csrf.LOGIN_COOKIE, path="/login")
    return response


@router.post("/logout", include_in_schema=False)
def logout_form(request: Request, me: AnalystUser) -> Response:
    response = RedirectResponse("/login", status_code=303)
    if me.session is not None:
        end_session(request, response, me.session)
    return response


@router.get("/lang/{code}", include_in_schema=False)
def switch_language(
    request: Request,
    code: Annotated[str, PathParam(max_length=5)],
    next: Annotated[str, Query(max_length=2000)] = "/",
) -> Response:
    if code not in LANGUAGES:
        raise HTTPException(404, f"no language {code!r}; choose one of {', '.join(LANGUAGES)}")
    response = RedirectResponse(local_path(next), status_code=303)
    response.set_cookie(
        LANG_COOKIE,
        code,
        max_age=365 * 24 * 3600,
        path="/",
        httponly=True,
        samesite="lax",
        secure=cookie_is_secure(request),
    )
    return response


# -- JSON ------------------------------------------------------------------------------


class Health(BaseModel):
    """Whether the app and its database answer."""

    status: Literal["ok"]
    database: Literal["ok"]


class LoginIn(BaseModel):
    name: NameField
    password: PasswordField


class LoginOut(BaseModel):
    """The signed-in user; send ``csrf_token`` as X-CSRF-Token on state-changing calls."""

    user: str
    role: Role
    csrf_token: str


class Me(BaseModel):
    """Who the caller is; ``csrf_token`` is null for API-token callers (they need none)."""

    name: str
    role: Role
    via: Literal["session", "token"]
    csrf_token: str | None
    previous_visit_at: datetime | None


@router.get("/api/health", response_model=Health, responses={503: {"model": Problem}})
def health(state: StateDep) -> Health:
    """Anonymous: is the app up and the database reachable?"""
    try:
        state.store.users.count()
    except SQLAlchemyError as exc:
        raise HTTPException(503, "the database cannot be reached") from exc
    return Health(status="ok", database="ok")


@router.post(
    "/api/login",
    response_model=LoginOut,
    responses={
        401: {"model": Problem, "description": "Wrong name or password"},
        429: {"model": Problem, "description": "Too many failures; see Retry-After"},
    },
)
def api_login(request: Request, response: Response, body: LoginIn, state: StateDep) -> LoginOut:
    """Sign in with name and password: sets the session cookie, returns the CSRF token."""
    check = _login(request, state, body.name, body.password)
    if check.retry_after:
        raise HTTPException(
            429,
            f"too many failed logins; try again in {check.retry_after} s",
            headers={"Retry-After": str(check.retry_after)},
        )
    if check.user is None:
        raise HTTPException(401, "wrong name or password")
    session = start_session(request, response, check.user)
    return LoginOut(user=check.user.name, role=check.user.role, csrf_token=session.csrf_token)


@router.post("/api/logout", status_code=204, response_class=Response, responses=errors())
def api_logout(request: Request, me: AnalystUser) -> Response:
    """End the session of the cookie (a bearer-token call has none to end)."""
    response = Response(status_code=204)
    if me.session is not None:
        end_session(request, response, me.session)
    return response


@router.get("/api/me", response_model=Me, responses=errors())
def api_me(me: AnalystUser) -> Me:
    """The caller's name and role (and CSRF token, for session callers)."""
    return Me(
        name=me.user.name,
        role=me.role,
        via=me.via,
        csrf_token=me.csrf_token,
        previous_visit_at=me.user.previous_visit_at,
    )
