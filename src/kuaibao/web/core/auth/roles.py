"""Every route says which role it needs; ``require`` checks sign-in, role and CSRF at once.

Use the aliases in route signatures::

    def page(me: AnalystUser) -> ...      # any signed-in user
    def publish(me: EditorUser) -> ...    # editors and admins
    def settings(me: AdminUser) -> ...    # admins only

Without a valid session (or, under ``/api/``, a bearer token) the request is refused
before the route runs: HTML routes redirect to ``/login``, API routes answer 401. A lower
role gets 403, and a state-changing request made with the session cookie but without the
session's CSRF token gets 403 too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Security
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from starlette.requests import Request

from kuaibao.domain import Role
from kuaibao.errors import KuaibaoError
from kuaibao.web.core.auth import csrf
from kuaibao.web.core.auth.principal import Principal as Principal  # routes import it from here
from kuaibao.web.core.auth.secrets import digest, same
from kuaibao.web.core.auth.sessions import SESSION_COOKIE, session_for
from kuaibao.web.core.state import app_state, utcnow

API_PREFIX = "/api/"

bearer_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="apiToken",
    description="An API token from POST /api/tokens or the tokens page: "
    "`Authorization: Bearer kb_…`.",
)
cookie_scheme = APIKeyCookie(
    name=SESSION_COOKIE,
    auto_error=False,
    scheme_name="session",
    description="The browser session set by POST /login or POST /api/login. State-changing "
    "requests made with it must send the session's CSRF token in the X-CSRF-Token header.",
)


class LoginRequiredError(KuaibaoError):
    """No valid session or token: HTML routes redirect to the login page, the API says 401."""


def is_api(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX)


def current_principal(
    request: Request,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(bearer_scheme)] = None,
    _cookie: Annotated[str | None, Security(cookie_scheme)] = None,
) -> Principal | None:
    """Who is asking, or None. Bearer tokens count only under ``/api/``.

    A request that presents a bearer token is judged by the token alone, so a script with
    a revoked token fails loudly instead of riding on a browser cookie.
    """
    state = app_state(request)
    if bearer is not None and is_api(request):
        user = state.store.users.user_for_token(digest(bearer.credentials), now=utcnow())
        return Principal(user, "token") if user else None
    session = session_for(request)
    return Principal(session.user, "session", session) if session else None


OptionalPrincipal = Annotated[Principal | None, Depends(current_principal)]


def require(role: Role) -> Callable[[Request, Principal | None], Awaitable[Principal]]:
    """A dependency: the request's principal, if signed in with at least ``role``.

    It also enforces CSRF on every state-changing request that a session cookie
    authenticates. (Async only to read the form; the database work runs in
    ``current_principal``, which FastAPI runs in its thread pool.)
    """

    async def dependency(request: Request, principal: OptionalPrincipal) -> Principal:
        if principal is None:
            raise LoginRequiredError()
        if not principal.role.allows(role):
            raise HTTPException(403, f"this needs the {role.value} role")
        unsafe = principal.via == "session" and request.method not in csrf.SAFE_METHODS
        if unsafe and not same(principal.csrf_token, await csrf.submitted_token(request)):
            raise HTTPException(403, "CSRF token missing or wrong; reload the page")
        return principal

    dependency.required_role = role  # type: ignore[attr-defined]  # read by the route audit test
    return dependency


AnalystUser = Annotated[Principal, Depends(require(Role.ANALYST))]
EditorUser = Annotated[Principal, Depends(require(Role.EDITOR))]
AdminUser = Annotated[Principal, Depends(require(Role.ADMIN))]
