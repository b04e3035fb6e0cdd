"""Admins manage users over HTTP: roles, disabling, password resets, the last-admin rule."""

from __future__ import annotations

from typing import Any

import httpx

from kuaibao.domain import Item, ItemState, Role
from kuaibao.web.core.state import utcnow
from tests.support.webapp import PASSWORD, login, make_user
from tests.web.conftest import SignedIn, WebApp, only_sqlite

NEW_PASSWORD = "a brand new passphrase"


def _patch(who: SignedIn, user_id: int | None, **body: Any) -> httpx.Response:
    return who.http.patch(f"/api/users/{user_id}", json=body, headers={"X-CSRF-Token": who.csrf})


def _form(who: SignedIn, path: str, **fields: str) -> httpx.Response:
    return who.http.post(path, data={"csrf_token": who.csrf, **fields})


def _id(web: WebApp, name: str) -> int:
    user = web.store.users.by_name(name)
    assert user is not None and user.id is not None
    return user.id


def test_disabling_ends_the_session_and_stops_the_tokens(
    web: WebApp, admin: SignedIn, analyst: SignedIn
) -> None:
    made = analyst.http.post(
        "/api/tokens", json={"name": "script"}, headers={"X-CSRF-Token": analyst.csrf}
    )
    script = web.client(headers={"Authorization": f"Bearer {made.json()['token']}"})
    assert script.get("/api/me").status_code == 200
    assert analyst.http.get("/").status_code == 200

    done = _patch(admin, _id(web, "analyst1"), disabled=True)
    assert done.status_code == 200, done.text
    assert done.json()["disabled"] is True and done.json()["name"] == "analyst1"
    page = analyst.http.get("/triage")
    assert page.status_code == 302 and page.headers["location"].startswith("/login")
    assert analyst.http.get("/api/me").status_code == 401
    assert script.get("/api/me").status_code == 401
    assert web.client().post(
        "/api/login", json={"name": "analyst1", "password": PASSWORD}
    ).status_code == (401)

    enabled = _patch(admin, _id(web, "analyst1"), disabled=False)
    assert enabled.json()["disabled"] is False
    assert script.get("/api/me").status_code == 200, "the kept token works again"
    assert analyst.http.get("/api/me").status_code == 401, "the ended session stays ended"
    assert login(web.client(), "analyst1")


def _item(web: WebApp) -> Item:
    item = Item(
        title="测试条目的标题",
        body=["测试条目的正文。"],
        domain="量子技术",
        source_urls=["https://agency.example/news"],
        state=ItemState.IN_REVIEW,  # submitted: what an editor approves
    )
    stored = web.store.items.add(item, now=utcnow(), editor="offline")
    assert stored.id is not None
    return stored


def test_a_new_role_applies_on_the_next_request(
    web: WebApp, admin: SignedIn, analyst: SignedIn
) -> None:
    item = _item(web)
    approve = f"/api/items/{item.id}/approve"
    body = {"version": item.version, "override": "已核对原文"}
    headers = {"X-CSRF-Token": analyst.csrf}
    assert analyst.http.post(approve, json=body, headers=headers).status_code == 403

    changed = _form(admin, f"/users/{_id(web, 'analyst1')}/role", role="editor")
    assert changed.status_code == 303 and "done=role" in changed.headers["location"]
    assert analyst.http.get("/api/me").json()["role"] == "editor"
    approved = analyst.http.post(approve, json=body, headers=headers)
    assert approved.status_code == 200, approved.text
    assert web.store.items.get(item.id or 0).state is ItemState.APPROVED

    back = _patch(admin, _id(web, "analyst1"), role="analyst")
    assert back.json()["role"] == "analyst"
    assert analyst.http.get("/api/me").json()["role"] == "analyst"


def test_the_last_enabled_admin_cannot_be_demoted_or_disabled(web: WebApp, admin: SignedIn) -> None:
    me = _id(web, "admin1")
    demoted = _patch(admin, me, role="editor")
    assert demoted.status_code == 409 and "last enabled admin" in demoted.json()["detail"]
    own = _patch(admin, me, disabled=True)
    assert own.status_code == 400 and "your own account" in own.json()["detail"]

    other = make_user(web.store, "admin2", Role.ADMIN)
    assert _patch(admin, other.id, disabled=True).status_code == 200
    page = _form(admin, f"/users/{me}/role", role="analyst")
    assert page.status_code == 409 and "最后一名启用的管理员" in page.text
    second = web.client()
    make_user(web.store, "admin3", Role.ADMIN)
    login(second, "admin3")
    demoted_other = second.patch(
        f"/api/users/{other.id}",
        json={"role": "editor"},
        headers={"X-CSRF-Token": second.get("/api/me").json()["csrf_token"]},
    )
    assert demoted_other.status_code == 200, "a disabled admin may be demoted"

    # With admin3 enabled, admin1 may step down: the form then leaves the admin pages.
    down = _form(admin, f"/users/{me}/role", role="editor")
    assert down.status_code == 303 and down.headers["location"] == "/"
    assert admin.http.get("/users").status_code == 403
    assert web.store.users.get(me).role is Role.EDITOR


def test_a_password_reset_ends_the_other_sessions(web: WebApp, admin: SignedIn) -> None:
    make_user(web.store, "li", Role.ANALYST)
    li = web.client()
    login(li, "li")
    short = _patch(admin, _id(web, "li"), password="short")
    assert short.status_code == 400 and "at least 8" in short.json()["detail"]
    assert login(web.client(), "li"), "a refused reset changes nothing"

    assert _patch(admin, _id(web, "li"), password=NEW_PASSWORD).status_code == 200
    assert li.get("/api/me").status_code == 401
    old = web.client().post("/api/login", json={"name": "li", "password": PASSWORD})
    assert old.status_code == 401
    assert login(web.client(), "li", NEW_PASSWORD)

    # Resetting one's own password on the page keeps this browser and ends the others.
    elsewhere = web.client()
    login(elsewhere, "admin1")
    me = _id(web, "admin1")
    differ = _form(admin, f"/users/{me}/password", password=NEW_PASSWORD, password2="typo")
    assert differ.status_code == 400 and "两次输入的密码不一致" in differ.text
    reset = _form(admin, f"/users/{me}/password", password=NEW_PASSWORD, password2=NEW_PASSWORD)
    assert reset.status_code == 303 and "done=password" in reset.headers["location"]
    assert admin.http.get("/users").status_code == 200
    assert elsewhere.get("/api/me").status_code == 401


@only_sqlite
def test_unknown_users_are_404(web: WebApp, admin: SignedIn) -> None:
    assert _patch(admin, 99999, role="editor").status_code == 404
    assert _patch(admin, _id(web, "admin1"), disable=True).status_code == 422, "a typo"
    assert _form(admin, "/users/99999/disable").status_code == 404
    assert (
        _form(admin, "/users/99999/password", password="x" * 9, password2="x" * 9).status_code
        == 404
    )


@only_sqlite
def test_the_page_shows_each_users_state_and_controls(web: WebApp, admin: SignedIn) -> None:
    zhao = make_user(web.store, "zhao", Role.EDITOR)
    assert _form(admin, f"/users/{zhao.id}/disable").status_code == 303
    page = admin.http.get("/users?done=disabled")
    assert page.status_code == 200
    html = page.text
    assert "用户已停用" in html and "已停用" in html
    assert f'action="/users/{zhao.id}/enable"' in html
    assert f'action="/users/{zhao.id}/disable"' not in html
    me = _id(web, "admin1")
    assert f'action="/users/{me}/disable"' not in html, "no button to disable oneself"
    assert f'action="/users/{me}/role"' in html and f'action="/users/{me}/password"' in html
    assert '<option value="editor" selected>' in html
    forms = html.count('<form method="post"')
    assert forms == html.count(f'name="csrf_token" value="{admin.csrf}"')
    assert "UTC" in html, "last activity is shown"
    assert _form(admin, f"/users/{zhao.id}/enable").headers["location"].startswith("/users")
    assert not web.store.users.get(zhao.id or 0).disabled
    bad = _form(admin, "/users", name="zhao", role="analyst", password="long enough")
    assert bad.status_code == 409 and "already exists" in bad.text


@only_sqlite
def test_analysts_and_editors_reach_none_of_it(
    web: WebApp, admin: SignedIn, analyst: SignedIn, editor: SignedIn
) -> None:
    target = make_user(web.store, "wu", Role.ANALYST)
    for who in (analyst, editor):
        assert who.http.get("/users").status_code == 403
        assert who.http.get("/api/users").status_code == 403
        for body in ({"role": "admin"}, {"disabled": True}, {"password": NEW_PASSWORD}):
            assert _patch(who, target.id, **body).status_code == 403
        own = _id(web, who.name)
        assert _patch(who, own, role="admin").status_code == 403, "no promoting oneself"
        assert _form(who, f"/users/{own}/role", role="admin").status_code == 403
        assert _form(who, f"/users/{target.id}/disable").status_code == 403
        assert (
            _form(
                who, f"/users/{target.id}/password", password=NEW_PASSWORD, password2=NEW_PASSWORD
            ).status_code
            == 403
        )
        assert 'href="/users"' not in who.http.get("/").text
    stored = web.store.users.get(target.id or 0)
    assert stored.role is Role.ANALYST and not stored.disabled
    assert login(web.client(), "wu")
    assert 'href="/users"' in admin.http.get("/").text


def test_the_admin_sets_a_display_name_and_the_user_sees_it(
    web: WebApp, admin: SignedIn, analyst: SignedIn
) -> None:
    added = admin.http.post(
        "/api/users",
        json={
            "name": "zhangjuan",
            "role": "analyst",
            "password": NEW_PASSWORD,
            "display_name": "张娟",
        },
        headers={"X-CSRF-Token": admin.csrf},
    )
    assert added.status_code == 201 and added.json()["display_name"] == "张娟"
    target = _id(web, "analyst1")
    assert _form(admin, f"/users/{target}/display-name", display_name=" 黄茹 ").status_code == 303
    assert web.store.users.get(target).display_name == "黄茹"
    page = admin.http.get("/users").text
    assert 'value="黄茹"' in page and 'value="张娟"' in page
    assert f'action="/users/{target}/display-name"' in page
    # The user sees it as their name in the header, on every page.
    assert '<span class="who" title="analyst1">黄茹 ·' in analyst.http.get("/").text
    assert analyst.http.get("/api/me").status_code == 200
    # One line only; "" clears it, and the login name is shown again.
    assert _patch(admin, target, display_name="黄\n茹").status_code == 422  # the schema's rule
    bad = _form(admin, f"/users/{target}/display-name", display_name="黄\n茹")
    assert bad.status_code == 400 and "署名必须是一行文字" in bad.text
    cleared = _patch(admin, target, display_name="")
    assert cleared.status_code == 200 and cleared.json()["display_name"] is None
    assert '<span class="who" title="analyst1">analyst1 ·' in analyst.http.get("/").text
    # Only admins set it.
    assert _patch(analyst, target, display_name="冒名").status_code == 403
