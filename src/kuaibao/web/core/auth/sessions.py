"""Server-side sessions behind an HttpOnly cookie.

The cookie holds 256 random bits; the database holds their SHA-256 with the user, the
session's CSRF token and its expiry. Signing in always starts a new session (no fixation),
signing out deletes it, and an expired or disabled account's session opens nothing.
"""

from __future__ import annotations

from datetime import timedelta

from starlette.requests import HTTPConnection
from starlette.responses import Response

from kuaibao.domain import User
from kuaibao.store import WebSession
from kuaibao.web.core.auth.secrets import digest, new_secret
from kuaibao.web.core.state import app_state, utcnow

SESSION_COOKIE = "kb_session"


def cookie_is_secure(connection: HTTPConnection) -> bool:
    """Secure cookies over HTTPS, or always when ``[web] secure_cookies`` says so.

    Behind a TLS proxy, uvicorn takes the scheme from X-Forwarded-Proto when the proxy's
    address is trusted (``--forwarded-allow-ips``), so the request looks like HTTPS here.
    """
    return app_state(connection).settings.web.secure_cookies or connection.url.scheme == "https"


def start_session(connection: HTTPConnection, response: Response, user: User) -> WebSession:
    """Open a new session for ``user`` (ending the request's old one) and set its cookie."""
    state = app_state(connection)
    if user.id is None:
        raise ValueError("only stored users can sign in")
    previous = session_for(connection)
    if previous is not None:
        state.store.users.close_session(previous.id)
    now = utcnow()
    lifetime = timedelta(hours=state.settings.web.session_hours)
    cookie = new_secret()
    session = state.store.users.open_session(
        digest(cookie), user.id, new_secret(), now=now, expires_at=now + lifetime
    )
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        max_age=int(lifetime.total_seconds()),
        path="/",
        httponly=True,
        samesite="lax",
        secure=cookie_is_secure(connection),
    )
    return session


def session_for(connection: HTTPConnection) -> WebSession | None:
    """The live session the request's cookie opens, if any."""
    cookie = connection.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    return app_state(connection).store.users.session(digest(cookie), now=utcnow())


def end_session(connection: HTTPConnection, response: Response, session: WebSession) -> None:
    """Delete the session and tell the browser to drop its cookie."""
    app_state(connection).store.users.close_session(session.id)
    response.delete_cookie(
        SESSION_COOKIE,
        path="/",
        httponly=True,
        samesite="lax",
        secure=cookie_is_secure(connection),
    )
