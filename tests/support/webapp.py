"""The web app served for real: uvicorn on 127.0.0.1 in a thread, spoken to over HTTP.

``serve_app`` is shared by the HTTP tests (httpx) and the browser tests (Chromium).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import uvicorn

from kuaibao.domain import Role, User
from kuaibao.store import Store
from kuaibao.web.core.auth.accounts import add_user
from kuaibao.web.core.auth.passwords import Passwords
from kuaibao.web.core.state import utcnow

# Cheap argon2 parameters: tests log in often; production uses the [web] defaults.
FAST_PASSWORDS = {"password_time_cost": 1, "password_memory_kib": 1024}
PASSWORD = "correct horse battery"


class AppSwitch:
    """An ASGI app that forwards to whichever app the current test set.

    One uvicorn server then serves every test (starting and stopping one costs ~0.2 s),
    while each test still gets its own app on its own database. The apps' lifespans are
    not run: tests pass their own store, which the app leaves open.
    """

    def __init__(self) -> None:
        self.target: Any = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if self.target is None:
            await send({"type": "http.response.start", "status": 503, "headers": []})
            await send({"type": "http.response.body", "body": b"no app under test"})
            return
        await self.target(scope, receive, send)


@contextmanager
def serve_app(app: Any) -> Iterator[str]:
    """Serve ``app`` on a free loopback port; yields the base URL."""
    # proto=IPPROTO_TCP: asyncio switches Nagle off only for sockets that say they are TCP;
    # without it every keep-alive response waits ~40 ms for a delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on", timeout_keep_alive=1)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def make_user(store: Store, name: str, role: Role, password: str = PASSWORD) -> User:
    """A stored user with the test password (hashed with the cheap parameters)."""
    passwords = Passwords(time_cost=1, memory_kib=1024)
    return add_user(store, passwords, name, role, password, now=utcnow())


def login(client: httpx.Client, name: str, password: str = PASSWORD) -> str:
    """Sign in through the JSON API; the client keeps the cookie. Returns the CSRF token."""
    response = client.post("/api/login", json={"name": name, "password": password})
    assert response.status_code == 200, response.text
    token: str = response.json()["csrf_token"]
    return token


def login_with_form(client: httpx.Client, name: str, password: str = PASSWORD) -> httpx.Response:
    """Sign in as a browser does: fetch the form (and its cookie), post it back."""
    page = client.get("/login")
    assert page.status_code == 200
    token = client.cookies.get("kb_login_csrf")
    return client.post(
        "/login", data={"name": name, "password": password, "csrf_token": token, "next": "/"}
    )
