"""The web app on the ``store`` fixture's database (SQLite and PostgreSQL), over real HTTP.

Fixtures: ``web`` (the served app: ``base``, ``store``, ``settings``, ``client()``),
``client`` (an anonymous httpx client), ``analyst``, ``editor``, ``admin`` (a
``SignedIn``: ``.http`` is a client signed in with that role, ``.csrf`` its CSRF token).
Mark tests that only exercise HTTP behaviour ``@only_sqlite``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from kuaibao.config import Settings, load_settings
from kuaibao.domain import Role
from kuaibao.store import Store
from kuaibao.web.core.app import create_app
from tests.support.webapp import FAST_PASSWORDS, AppSwitch, login, make_user, serve_app

# Tests of the HTTP protocol itself (cookies, throttling, redirects) need no second database.
only_sqlite = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@dataclass
class WebApp:
    """A served app and the means to talk to it."""

    base: str
    app: FastAPI
    store: Store
    settings: Settings
    clients: list[httpx.Client] = field(default_factory=list)

    def client(self, **kwargs: Any) -> httpx.Client:
        """A fresh client (own cookies), closed after the test."""
        # verify=False: plain HTTP on loopback; skips loading CA certificates (~30 ms each).
        made = httpx.Client(
            base_url=self.base, follow_redirects=False, timeout=10, verify=False, **kwargs
        )
        self.clients.append(made)
        return made

    def signed_in(self, name: str, role: Role) -> SignedIn:
        """A new user with ``role`` and a client signed in as them."""
        make_user(self.store, name, role)
        client = self.client()
        return SignedIn(client, login(client, name), name)


@dataclass
class SignedIn:
    """A client with a session, and the session's CSRF token."""

    http: httpx.Client
    csrf: str
    name: str


def web_settings(tmp_path: Path, database_url: str, **web: Any) -> Settings:
    return load_settings(
        data_dir=tmp_path,
        database_url=database_url,
        environ={},
        web_overrides={**FAST_PASSWORDS, **web},
    )


@pytest.fixture(scope="session")
def web_server() -> Iterator[tuple[AppSwitch, str]]:
    """One uvicorn server for the session; each test plugs its own app in."""
    switch = AppSwitch()
    with serve_app(switch) as base:
        yield switch, base


@pytest.fixture
def web(web_server: tuple[AppSwitch, str], store: Store, tmp_path: Path) -> Iterator[WebApp]:
    switch, base = web_server
    settings = web_settings(tmp_path, store.url)
    app = create_app(settings, store=store)
    switch.target = app
    served = WebApp(base, app, store, settings)
    try:
        yield served
    finally:
        for client in served.clients:
            client.close()
        switch.target = None
        app.state.kuaibao.jobs.shutdown()  # background jobs end before the store goes


@pytest.fixture
def client(web: WebApp) -> httpx.Client:
    return web.client()


@pytest.fixture
def analyst(web: WebApp) -> SignedIn:
    return web.signed_in("analyst1", Role.ANALYST)


@pytest.fixture
def editor(web: WebApp) -> SignedIn:
    return web.signed_in("editor1", Role.EDITOR)


@pytest.fixture
def admin(web: WebApp) -> SignedIn:
    return web.signed_in("admin1", Role.ADMIN)


def follow_job(who: SignedIn, job_id: int, *, polls: int = 600) -> dict[str, Any]:
    """Poll ``/api/jobs/{id}`` as a page does until the job has ended; its last state.
    The bound is on polls (a hung job fails the test), not on time."""
    for _ in range(polls):
        job: dict[str, Any] = who.http.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        threading.Event().wait(0.05)
    raise AssertionError(f"job {job_id} never ended: {job}")
