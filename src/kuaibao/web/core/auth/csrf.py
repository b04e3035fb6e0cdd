"""CSRF protection for requests made with a session cookie.

Each session has its own random token. Forms carry it in a hidden ``csrf_token`` field
(``{{ csrf_field() }}`` in templates); htmx and scripts send it in the ``X-CSRF-Token``
header (``<body hx-headers=…>`` sets it for every htmx request). Every state-changing
request authenticated by the cookie must carry it; ``roles.require`` checks this, so no
route can forget. Bearer-token calls are exempt: browsers never attach bearer tokens on
their own, so another site cannot make a victim's browser send one.

The login form has no session yet; it uses a double-submit token instead: a random value
in a short-lived cookie that the form must echo.
"""

from __future__ import annotations

from starlette.requests import Request

FIELD = "csrf_token"
HEADER = "X-CSRF-Token"
LOGIN_COOKIE = "kb_login_csrf"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


async def submitted_token(request: Request) -> str | None:
    """The token the request carries: the header, else the form field."""
    header = request.headers.get(HEADER)
    if header:
        return header
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in _FORM_TYPES:
        value = (await request.form()).get(FIELD)
        return value if isinstance(value, str) else None
    return None
