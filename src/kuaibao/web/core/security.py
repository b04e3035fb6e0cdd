"""Security headers on every response: a strict CSP, no sniffing, no framing, no referrer.

The Content-Security-Policy allows scripts and styles only from this origin and no inline
code at all, so even a template mistake that printed crawled HTML raw could not run a
script. Keep all JavaScript in ``web/static/`` files; configure htmx through its
``<meta name="htmx-config">`` tag, never with inline handlers.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)
HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}
# A route may send its own framing policy: the bulletin preview is a sandboxed page that
# the composer frames, and the composer must allow that frame. Every other header is fixed.
ROUTE_MAY_SET = frozenset({"content-security-policy", "x-frame-options"})


class SecurityHeaders:
    """ASGI middleware adding ``HEADERS``, and ``Cache-Control: no-store`` off ``/static/``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        private = not str(scope.get("path", "")).startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    if name not in ROUTE_MAY_SET or name not in headers:
                        headers[name] = value
                if private:
                    headers["cache-control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)
