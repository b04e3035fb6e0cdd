"""Signing in and out, throttling, cookies, API tokens: over real HTTP, on both databases."""

from __future__ import annotations

from pathlib import Path

import httpx

from kuaibao.domain import Role
from kuaibao.store import Store
from kuaibao.web.core.app import create_app
from tests.support.webapp import PASSWORD, login, login_with_form, make_user, serve_app
from tests.web.conftest import SignedIn, WebApp, only_sqlite, web_settings


def test_api_login_sets_a_session_and_logout_ends_it(web: WebApp) -> None:
    make_user(web.store, "li", Role.EDITOR)
    client = web.client()
    csrf = login(client, "li")
    me = client.get("/api/me").json()
    assert me["name"] == "li" and me["role"] == "editor" and me["via"] == "session"
    assert me["csrf_token"] == csrf
    stolen = client.cookies.get("kb_session")

    assert client.post("/api/logout", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert client.get("/api/me").status_code == 401
    replay = web.client(cookies={"kb_session": stolen or ""})
    assert replay.get("/api/me").status_code == 401, "a signed-out cookie must open nothing"


@only_sqlite
def test_form_login_redirects_and_the_logout_form_signs_out(web: WebApp) -> None:
    make_user(web.store, "zhao", Role.ANALYST)
    client = web.client()
    response = login_with_form(client, "zhao")
    assert response.status_code == 303 and response.headers["location"] == "/"
    page = client.get("/")
    assert page.status_code == 200 and "zhao" in page.text
    csrf = client.get("/api/me").json()["csrf_token"]
    assert f'name="csrf_token" value="{csrf}"' in page.text

    out = client.post("/logout", data={"csrf_token": csrf})
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert client.get("/").status_code == 302


@only_sqlite
def test_login_form_needs_its_own_csrf_cookie(web: WebApp) -> None:
    make_user(web.store, "qian", Role.ANALYST)
    client = web.client()
    forged = client.post("/login", data={"name": "qian", "password": PASSWORD})
    assert forged.status_code == 403
    assert "kb_session" not in forged.cookies


@only_sqlite
def test_wrong_password_and_unknown_user_fail_alike(web: WebApp) -> None:
    make_user(web.store, "sun", Role.ANALYST)
    client = web.client()
    wrong = client.post("/api/login", json={"name": "sun", "password": "not the password"})
    nobody = client.post("/api/login", json={"name": "nobody", "password": "whatever1"})
    assert wrong.status_code == nobody.status_code == 401
    assert wrong.json() == nobody.json()
    assert "kb_session" not in client.cookies

    form = login_with_form(client, "sun", "not the password")
    assert form.status_code == 401 and "用户名或密码错误" in form.text


def test_a_disabled_user_cannot_sign_in_and_loses_their_session(web: WebApp) -> None:
    user = make_user(web.store, "zhou", Role.ANALYST)
    client = web.client()
    login(client, "zhou")
    user.disabled = True
    web.store.users.update(user)
    assert client.get("/api/me").status_code == 401
    again = web.client().post("/api/login", json={"name": "zhou", "password": PASSWORD})
    assert again.status_code == 401


@only_sqlite
def test_repeated_failures_are_throttled_per_user_and_address(web: WebApp) -> None:
    make_user(web.store, "wu", Role.ANALYST)
    client = web.client()
    for _ in range(web.settings.web.login_max_failures):
        bad = client.post("/api/login", json={"name": "wu", "password": "guess-guess"})
        assert bad.status_code == 401
    blocked = client.post("/api/login", json={"name": "wu", "password": PASSWORD})
    assert blocked.status_code == 429
    assert 0 < int(blocked.headers["Retry-After"]) <= web.settings.web.login_window_seconds
    form = login_with_form(client, "wu")
    assert form.status_code == 429 and form.headers["Retry-After"]

    # uvicorn trusts X-Forwarded-For from the loopback proxy: another client address.
    elsewhere = web.client(headers={"X-Forwarded-For": "192.0.2.7"})
    assert login(elsewhere, "wu")


@only_sqlite
def test_session_cookie_flags(web: WebApp) -> None:
    make_user(web.store, "zheng", Role.ANALYST)
    plain = web.client().post("/api/login", json={"name": "zheng", "password": PASSWORD})
    cookie = plain.headers["set-cookie"].lower()
    assert cookie.startswith("kb_session=")
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/" in cookie
    assert "secure" not in cookie

    # Behind a TLS proxy on the same host, X-Forwarded-Proto makes the request HTTPS.
    proxied = web.client(headers={"X-Forwarded-Proto": "https"})
    response = proxied.post("/api/login", json={"name": "zheng", "password": PASSWORD})
    assert "secure" in response.headers["set-cookie"].lower()


@only_sqlite
def test_secure_cookies_setting_marks_cookies_secure_over_http(
    store: Store, tmp_path: Path
) -> None:
    make_user(store, "wang", Role.ANALYST)
    app = create_app(web_settings(tmp_path, store.url, secure_cookies=True), store=store)
    with serve_app(app) as base, httpx.Client(base_url=base) as client:
        response = client.post("/api/login", json={"name": "wang", "password": PASSWORD})
        assert response.status_code == 200
        assert "secure" in response.headers["set-cookie"].lower()


def test_bearer_token_works_without_csrf_and_dies_when_revoked(
    web: WebApp, admin: SignedIn
) -> None:
    made = admin.http.post(
        "/api/tokens", json={"name": "nightly script"}, headers={"X-CSRF-Token": admin.csrf}
    )
    assert made.status_code == 201
    secret = made.json()["token"]
    assert secret.startswith("kb_")
    listed = admin.http.get("/api/tokens").json()
    assert [t["name"] for t in listed] == ["nightly script"] and "token" not in listed[0]

    script = web.client(headers={"Authorization": f"Bearer {secret}"})
    assert script.get("/api/me").json()["via"] == "token"
    created = script.post(
        "/api/users", json={"name": "bot_made", "role": "analyst", "password": "longenough1"}
    )
    assert created.status_code == 201, created.text
    assert script.post("/api/tokens", json={"name": "more"}).status_code == 403
    assert script.get("/").status_code == 302, "tokens open the API, not the pages"

    revoked = admin.http.delete(
        f"/api/tokens/{made.json()['id']}", headers={"X-CSRF-Token": admin.csrf}
    )
    assert revoked.status_code == 204
    assert script.get("/api/me").status_code == 401


@only_sqlite
def test_tokens_page_shows_a_new_token_once(web: WebApp, analyst: SignedIn) -> None:
    page = analyst.http.post("/tokens", data={"name": "laptop", "csrf_token": analyst.csrf})
    assert page.status_code == 200
    token = analyst.http.get("/api/tokens").json()[0]
    assert "kb_" in page.text
    again = analyst.http.get("/tokens")
    assert "laptop" in again.text and "kb_" not in again.text
    gone = analyst.http.post(f"/tokens/{token['id']}/revoke", data={"csrf_token": analyst.csrf})
    assert gone.status_code == 303
    assert analyst.http.get("/api/tokens").json() == []


@only_sqlite
def test_login_next_is_kept_on_site(web: WebApp) -> None:
    make_user(web.store, "feng", Role.ANALYST)
    assert web.client().get("/tokens").headers["location"] == "/login?next=%2Ftokens"
    for target, expected in [
        ("/tokens", "/tokens"),
        ("//evil.example/", "/"),
        ("https://evil.example", "/"),
    ]:
        client = web.client()
        client.get("/login")
        response = client.post(
            "/login",
            data={
                "name": "feng",
                "password": PASSWORD,
                "csrf_token": client.cookies.get("kb_login_csrf"),
                "next": target,
            },
        )
        assert response.headers["location"] == expected
