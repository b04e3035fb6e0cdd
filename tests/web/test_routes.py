"""The route audit: every route is public on purpose or checks sign-in, role and CSRF.

These tests read the app's own route table, so pages added later are audited without
anyone remembering to list them here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.routing import APIRoute
from starlette.routing import Mount

from kuaibao.domain import Role
from kuaibao.web.core.routers import PUBLIC_PATHS
from kuaibao.web.core.routing import served_routes
from tests.web.conftest import SignedIn, WebApp, only_sqlite

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def _calls(dependant: Any) -> Iterator[Callable[..., Any]]:
    for sub in dependant.dependencies:
        if sub.call is not None:
            yield sub.call
        yield from _calls(sub)


def required_role(route: APIRoute) -> Role | None:
    """The role the route's ``require`` dependency asks for, or None when it has none."""
    roles = [getattr(c, "required_role", None) for c in _calls(route.dependant)]
    found = [r for r in roles if r is not None]
    return max(found, key=lambda r: r.rank) if found else None


def endpoints(web: WebApp) -> list[tuple[str, str, APIRoute]]:
    """(method, concrete path, route) for every API route; path parameters become 1."""
    found: list[tuple[str, str, APIRoute]] = []
    for route in served_routes(web.app):
        if isinstance(route, APIRoute):
            path = re.sub(r"\{[^}]+\}", "1", route.path)
            found.extend((method, path, route) for method in sorted(route.methods or ()))
    return found


def test_public_routes_are_exactly_the_intended_ones() -> None:
    assert {"/login", "/lang/{code}", "/api/health", "/api/login", "/openapi.json"} == PUBLIC_PATHS


@only_sqlite
def test_every_route_is_public_or_requires_a_role(web: WebApp) -> None:
    unguarded = [
        f"{method} {route.path}"
        for method, _, route in endpoints(web)
        if route.path not in PUBLIC_PATHS and required_role(route) is None
    ]
    assert unguarded == [], "add AnalystUser/EditorUser/AdminUser to these routes"
    others = [r for r in served_routes(web.app) if not isinstance(r, APIRoute | Mount)]
    assert {getattr(r, "path", None) for r in others} <= PUBLIC_PATHS


@only_sqlite
def test_every_guarded_route_refuses_anonymous_callers(web: WebApp) -> None:
    client = web.client()
    checked = 0
    for method, path, route in endpoints(web):
        if route.path in PUBLIC_PATHS:
            continue
        response = client.request(method, path)
        if path.startswith("/api/"):
            assert response.status_code == 401, f"{method} {path}"
            assert response.json()["detail"]
        else:
            assert response.status_code == 302, f"{method} {path}"
            assert response.headers["location"].startswith("/login?next=")
        checked += 1
    assert checked >= 10


@only_sqlite
def test_a_bad_token_or_cookie_is_refused_like_none(web: WebApp) -> None:
    forged = web.client(headers={"Authorization": "Bearer kb_not-a-token"})
    assert forged.get("/api/me").status_code == 401
    stale = web.client(cookies={"kb_session": "made-up"})
    assert stale.get("/api/dashboard").status_code == 401
    assert stale.get("/").status_code == 302


@only_sqlite
def test_every_route_refuses_a_role_below_its_own(
    web: WebApp, analyst: SignedIn, editor: SignedIn
) -> None:
    signed_in = {Role.ANALYST: analyst, Role.EDITOR: editor}
    checked = 0
    for method, path, route in endpoints(web):
        role = required_role(route)
        if role is None:
            continue
        for lower, who in signed_in.items():
            if lower.rank >= role.rank:
                continue
            response = who.http.request(method, path, headers={"X-CSRF-Token": who.csrf})
            assert response.status_code == 403, f"{method} {path} as {lower.value}"
            checked += 1
    assert checked >= 4  # the users routes, at least


@only_sqlite
def test_every_state_changing_route_needs_the_csrf_token(web: WebApp, admin: SignedIn) -> None:
    checked = 0
    for method, path, route in endpoints(web):
        if method not in STATE_CHANGING or route.path in PUBLIC_PATHS:
            continue
        for headers in ({}, {"X-CSRF-Token": "wrong"}):
            response = admin.http.request(method, path, headers=headers)
            assert response.status_code == 403, f"{method} {path} with {headers}"
        checked += 1
    assert checked >= 6
    # …and the session still works afterwards: nothing was changed by the refused calls.
    assert admin.http.get("/api/me").status_code == 200


@only_sqlite
def test_forms_without_the_token_are_refused(web: WebApp, admin: SignedIn) -> None:
    form = {"name": "someone", "role": "analyst", "password": "longenough1"}
    assert admin.http.post("/users", data=form).status_code == 403
    assert web.store.users.by_name("someone") is None
    ok = admin.http.post("/users", data={**form, "csrf_token": admin.csrf})
    assert ok.status_code == 303
    assert web.store.users.by_name("someone") is not None


@only_sqlite
def test_openapi_lists_only_api_routes(web: WebApp) -> None:
    schema = web.client().get("/openapi.json").json()
    paths = set(schema["paths"])
    assert paths and all(p.startswith("/api/") for p in paths)
    assert {"/api/health", "/api/login", "/api/me", "/api/dashboard", "/api/tokens"} <= paths
    schemes = schema["components"]["securitySchemes"]
    assert schemes["apiToken"]["scheme"] == "bearer"
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            public = path in PUBLIC_PATHS
            assert ("security" in operation) != public, f"{method} {path}"


@only_sqlite
def test_unknown_paths_answer_in_the_right_format(web: WebApp) -> None:
    page = web.client().get("/no-such-page")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "页面不存在" in page.text and "content-security-policy" in page.headers
    api = web.client().get("/api/no-such-thing")
    assert api.status_code == 404 and api.json() == {"detail": "Not Found"}


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
@only_sqlite
def test_no_swagger_pages_that_would_need_inline_scripts(web: WebApp, path: str) -> None:
    assert web.client().get(path).status_code in (302, 404)
