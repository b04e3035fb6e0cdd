"""The sources pages and /api/sources over real HTTP: health, discovery, edits, pausing."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pytest

from kuaibao.domain import Document, Source, SourceKind
from kuaibao.store import Store
from kuaibao.web.core.state import AppState, utcnow
from tests.support.pages import rss
from tests.support.server import LocalServer, Reply
from tests.web.conftest import SignedIn, WebApp, only_sqlite

EVIL_NAME = '<script>alert(1)</script>Lab <img src=x onerror="alert(2)">'


@pytest.fixture
def quick_fetch(web: WebApp) -> WebApp:
    """Discovery against the loopback site without politeness pauses or retries."""
    state: AppState = web.app.state.kuaibao
    fetch = replace(state.settings.fetch, per_host_rate=1000.0, retries=0, respect_robots=False)
    state.settings = replace(state.settings, fetch=fetch)
    return web


def _site(server: LocalServer) -> None:
    server.route(
        "/",
        Reply(
            body="<html><head><title>Science Office</title>"
            '<link rel="alternate" type="application/rss+xml" title="Press releases" '
            'href="/press/rss.xml"></head><body><p>Welcome</p></body></html>'
        ),
    )
    server.route(
        "/press/rss.xml",
        Reply(body=rss([(server.url("/p/1"), "One")]), content_type="application/rss+xml"),
    )


def _source(store: Store, name: str, feed: str, homepage: str = "https://ok.example/") -> int:
    stored = store.sources.add(
        Source(name=name, homepage=homepage, kind=SourceKind.RSS, feed_url=feed), now=utcnow()
    )
    assert stored.id is not None
    return stored.id


def _seed(store: Store) -> dict[str, int]:
    now = utcnow()
    healthy = _source(store, "Healthy agency", "https://ok.example/feed")
    failing = _source(store, EVIL_NAME, "https://broken.example/feed", "javascript:alert(3)")
    silent = _source(store, "Quiet ministry", "https://quiet.example/feed")
    paused = _source(store, "Paused journal", "https://paused.example/feed")
    store.sources.record_poll(healthy, at=now, error=None, items_seen=5)
    for _ in range(3):
        store.sources.record_poll(
            failing, at=now, error="HTTP 500 <script>bad()</script>", items_seen=None
        )
    store.sources.record_poll(silent, at=now - timedelta(days=30), error=None, items_seen=2)
    source = store.sources.get(paused)
    store.sources.update(replace(source, enabled=False))
    for n in range(2):
        store.documents.add(
            Document(
                url=f"https://ok.example/{n}",
                canonical_url=f"https://ok.example/{n}",
                title=f"News {n}",
                text="text",
                content_hash=f"{n:064d}",
                source_id=healthy,
                fetched_at=now,
            )
        )
    return {"healthy": healthy, "failing": failing, "silent": silent, "paused": paused}


def test_lists_sources_with_health_and_filters(web: WebApp, analyst: SignedIn) -> None:
    ids = _seed(web.store)
    listing = analyst.http.get("/api/sources").json()
    assert (listing["total"], listing["failing"], listing["silent"], listing["paused"]) == (
        4, 1, 1, 1,
    )  # fmt: skip
    by_id = {s["id"]: s for s in listing["sources"]}
    healthy = by_id[ids["healthy"]]["health"]
    assert healthy["documents"] == 2 and healthy["consecutive_failures"] == 0
    assert healthy["last_success"] is not None and healthy["status"] == "ok"
    failing = by_id[ids["failing"]]["health"]
    assert failing["consecutive_failures"] == 3 and "failing" in failing["flags"]
    assert failing["last_error"] == "HTTP 500 <script>bad()</script>"
    for wanted, key in (("failing", "failing"), ("silent", "silent"), ("paused", "paused")):
        only = analyst.http.get("/api/sources", params={"filter": wanted}).json()
        assert [s["id"] for s in only["sources"]] == [ids[key]], wanted
    one = analyst.http.get(f"/api/sources/{ids['healthy']}").json()
    assert one["name"] == "Healthy agency" and one["health"]["documents"] == 2

    page = analyst.http.get("/sources", params={"filter": "failing"})
    assert page.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Lab" in page.text
    assert "<script>alert" not in page.text and "<script>bad" not in page.text
    assert "<img" not in page.text and 'href="javascript:' not in page.text
    assert '<span class="inert-url">javascript:alert(3)</span>' in page.text
    assert "Healthy agency" not in page.text
    assert 'action="/sources"' not in page.text  # analysts get no add form
    assert "/pause" not in page.text


def test_tags_show_on_the_page_and_in_the_api_and_no_homepage_is_no_link(
    web: WebApp, analyst: SignedIn
) -> None:
    stored = web.store.sources.add(
        Source(
            name="Imported feed",
            homepage=None,
            kind=SourceKind.RSS,
            feed_url="https://feeds.example.org/q",
            tags=("量子技术", "<b>Weekly</b>"),
        ),
        now=utcnow(),
    )
    one = analyst.http.get(f"/api/sources/{stored.id}").json()
    assert (one["homepage"], one["tags"]) == (None, ["量子技术", "<b>Weekly</b>"])
    page = analyst.http.get("/sources").text
    assert '<span class="tag">量子技术</span>' in page
    assert "&lt;b&gt;Weekly&lt;/b&gt;" in page and "<b>Weekly" not in page
    detail = analyst.http.get(f"/sources/{stored.id}").text
    assert "量子技术、&lt;b&gt;Weekly&lt;/b&gt;" in detail


@only_sqlite
def test_admin_adds_a_source_by_homepage(
    quick_fetch: WebApp, admin: SignedIn, server: LocalServer
) -> None:
    _site(server)
    answer = admin.http.post(
        "/api/sources",
        json={"homepage": server.url("/"), "allow_private": True},
        headers={"X-CSRF-Token": admin.csrf},
    )
    assert answer.status_code == 201, answer.text
    added = answer.json()
    assert added["source"]["feed_url"] == server.url("/press/rss.xml")
    assert added["source"]["kind"] == "rss" and added["source"]["name"] == "Press releases"
    assert added["discovered"][0]["how"]
    stored = quick_fetch.store.sources.get(added["source"]["id"])
    assert stored.homepage == server.url("/") and stored.allow_private is True

    again = admin.http.post(
        "/api/sources",
        json={"homepage": server.url("/"), "allow_private": True},
        headers={"X-CSRF-Token": admin.csrf},
    )
    assert again.status_code == 409 and "already reads" in again.json()["detail"]


@only_sqlite
def test_the_add_form_redirects_to_the_new_source(
    quick_fetch: WebApp, admin: SignedIn, server: LocalServer
) -> None:
    _site(server)
    form = {"homepage": server.url("/"), "name": "科技办公室", "allow_private": "true"}
    posted = admin.http.post("/sources", data={**form, "csrf_token": admin.csrf})
    assert posted.status_code == 303
    location = posted.headers["location"]
    assert re.fullmatch(r"/sources/\d+\?added=1", location)
    page = admin.http.get(location)
    assert page.status_code == 200 and "科技办公室" in page.text and "已添加信息源" in page.text
    assert f'href="{server.url("/press/rss.xml")}"' in page.text


@only_sqlite
def test_bad_urls_and_sites_without_feeds_get_a_clear_message(
    quick_fetch: WebApp, admin: SignedIn, server: LocalServer
) -> None:
    headers = {"X-CSRF-Token": admin.csrf}
    for bad in (
        "not a url",
        "ftp://files.example/",
        "javascript:alert(1)",
        "http://u:pw@a.example/",
    ):
        answer = admin.http.post("/api/sources", json={"homepage": bad}, headers=headers)
        assert answer.status_code == 422, bad
        assert answer.json()["detail"][0]["loc"] == ["body", "homepage"]

    server.route("/", Reply(body="<html><head><title>Empty</title></head><body>Hi</body></html>"))
    refused = admin.http.post("/api/sources", json={"homepage": server.url("/")}, headers=headers)
    assert refused.status_code == 404 and "allow_private" in refused.json()["detail"]
    assert server.requests == []  # the SSRF guard stopped it before any request

    nothing = admin.http.post(
        "/api/sources", json={"homepage": server.url("/"), "allow_private": True}, headers=headers
    )
    assert nothing.status_code == 404
    assert "no feed, sitemap or listing found" in nothing.json()["detail"]
    form = {"homepage": server.url("/"), "allow_private": "true", "csrf_token": admin.csrf}
    shown = admin.http.post("/sources", data=form)
    assert shown.status_code == 400 and "未找到订阅源、站点地图或列表页" in shown.text

    page = admin.http.post(
        "/sources", data={"homepage": "ftp://x.example/", "csrf_token": admin.csrf}
    )
    assert page.status_code == 400
    assert "未能添加" in page.text and "http:// 或 https://" in page.text
    assert 'value="ftp://x.example/"' in page.text  # the form keeps what was typed
    assert quick_fetch.store.sources.all() == []


def test_pausing_stops_the_source_being_due(web: WebApp, admin: SignedIn) -> None:
    source_id = _source(web.store, "Agency", "https://agency.example/feed")
    now = utcnow()
    assert [s.id for s in web.store.sources.due(now)] == [source_id]
    paused = admin.http.post(f"/sources/{source_id}/pause", data={"csrf_token": admin.csrf})
    assert paused.status_code == 303
    assert web.store.sources.due(now) == []
    assert web.store.sources.get(source_id).enabled is False
    resumed = admin.http.post(f"/sources/{source_id}/resume", data={"csrf_token": admin.csrf})
    assert resumed.status_code == 303
    assert [s.id for s in web.store.sources.due(now)] == [source_id]
    patched = admin.http.patch(
        f"/api/sources/{source_id}", json={"enabled": False}, headers={"X-CSRF-Token": admin.csrf}
    )
    assert patched.status_code == 200 and patched.json()["enabled"] is False
    assert web.store.sources.due(now) == []


def test_admin_edits_a_source(web: WebApp, admin: SignedIn) -> None:
    source_id = _source(web.store, "Agency", "https://agency.example/feed")
    headers = {"X-CSRF-Token": admin.csrf}
    patched = admin.http.patch(
        f"/api/sources/{source_id}",
        json={"name": "美国能源部", "tier": 1, "country": "US", "poll_interval_minutes": 120},
        headers=headers,
    )
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert (body["name"], body["tier"], body["country"], body["poll_interval_minutes"]) == (
        "美国能源部", 1, "US", 120,
    )  # fmt: skip
    assert body["enabled"] is True  # left out: unchanged
    for wrong in ({"tier": 7}, {"country": "us"}, {"poll_interval_minutes": 1}, {"name": " "}):
        bad = admin.http.patch(f"/api/sources/{source_id}", json=wrong, headers=headers)
        assert bad.status_code == 422, wrong
    cleared = admin.http.patch(
        f"/api/sources/{source_id}", json={"country": None, "name": None}, headers=headers
    )
    assert (cleared.json()["country"], cleared.json()["name"]) == (None, "美国能源部")
    assert web.store.sources.get(source_id).tier == 1

    form = {"name": "DOE", "tier": "2", "country": "", "language": "en", "poll_interval": "2h",
            "enabled": "true", "csrf_token": admin.csrf}  # fmt: skip
    saved = admin.http.post(f"/sources/{source_id}", data=form)
    assert saved.status_code == 303 and saved.headers["location"].endswith("?saved=1")
    stored = web.store.sources.get(source_id)
    assert (stored.name, stored.tier, stored.country, stored.language) == ("DOE", 2, None, "en")
    assert stored.poll_interval_minutes == 120 and stored.enabled is True

    wrong = admin.http.post(f"/sources/{source_id}", data={**form, "country": "Atlantis"})
    assert wrong.status_code == 400
    assert "未能保存" in wrong.text and "ISO 3166-1" in wrong.text
    assert 'value="Atlantis"' in wrong.text
    unchecked = {k: v for k, v in form.items() if k != "enabled"}
    assert admin.http.post(f"/sources/{source_id}", data=unchecked).status_code == 303
    assert web.store.sources.get(source_id).enabled is False


def test_the_time_zone_is_set_shown_and_checked(web: WebApp, admin: SignedIn) -> None:
    source_id = _source(web.store, "Ministry", "https://ministry.example/feed")
    headers = {"X-CSRF-Token": admin.csrf}
    china = admin.http.patch(f"/api/sources/{source_id}", json={"country": "CN"}, headers=headers)
    assert (china.json()["timezone"], china.json()["effective_timezone"]) == (None, "Asia/Shanghai")
    own = admin.http.patch(
        f"/api/sources/{source_id}", json={"timezone": "asia/hong_kong"}, headers=headers
    )
    assert (own.json()["timezone"], own.json()["effective_timezone"]) == ("Asia/Hong_Kong",) * 2
    bad = admin.http.patch(f"/api/sources/{source_id}", json={"timezone": "CST"}, headers=headers)
    assert bad.status_code == 400 and "IANA" in bad.text
    assert web.store.sources.get(source_id).timezone == "Asia/Hong_Kong"

    form = {"name": "Ministry", "tier": "1", "country": "CN", "language": "zh",
            "poll_interval": "60", "timezone": "", "enabled": "true",
            "csrf_token": admin.csrf}  # fmt: skip
    assert admin.http.post(f"/sources/{source_id}", data=form).status_code == 303
    assert web.store.sources.get(source_id).timezone is None
    page = admin.http.get(f"/sources/{source_id}")
    assert "Asia/Shanghai" in page.text and "时区" in page.text
    wrong = admin.http.post(f"/sources/{source_id}", data={**form, "timezone": "Asia/Beijing"})
    assert wrong.status_code == 400 and "Asia/Shanghai" in wrong.text
    assert 'value="Asia/Beijing"' in wrong.text


@only_sqlite
def test_only_admins_change_sources(
    web: WebApp, analyst: SignedIn, editor: SignedIn, admin: SignedIn
) -> None:
    source_id = _source(web.store, "Agency", "https://agency.example/feed")
    for who in (analyst, editor):
        headers = {"X-CSRF-Token": who.csrf}
        assert who.http.get("/api/sources").status_code == 200
        assert who.http.get(f"/sources/{source_id}").status_code == 200
        site = "https://a.example/"
        attempts = [
            who.http.post("/api/sources", json={"homepage": site}, headers=headers),
            who.http.patch(f"/api/sources/{source_id}", json={"enabled": False}, headers=headers),
            who.http.post(f"/sources/{source_id}/pause", data={"csrf_token": who.csrf}),
            who.http.post("/sources", data={"homepage": site, "csrf_token": who.csrf}),
        ]
        assert [a.status_code for a in attempts] == [403, 403, 403, 403], who.name
        detail = who.http.get(f"/sources/{source_id}").text
        assert 'action="/sources/' not in detail  # no edit form, no pause button
    assert web.store.sources.get(source_id).enabled is True
    page = admin.http.get(f"/sources/{source_id}").text
    assert f'action="/sources/{source_id}/pause"' in page
    missing = admin.http.patch(
        "/api/sources/999", json={"tier": 1}, headers={"X-CSRF-Token": admin.csrf}
    )
    assert missing.status_code == 404
    assert admin.http.get("/sources/999").status_code == 404


def test_the_triage_source_menu_follows_the_apps_own_edits(web: WebApp, admin: SignedIn) -> None:
    source_id = _source(web.store, "Agency one", "https://agency.example/feed")
    assert ">Agency one</option>" in admin.http.get("/triage").text  # read, and kept a while
    renamed = admin.http.patch(
        f"/api/sources/{source_id}",
        json={"name": "Agency renamed"},
        headers={"X-CSRF-Token": admin.csrf},
    )
    assert renamed.status_code == 200
    menu = admin.http.get("/triage").text
    assert ">Agency renamed</option>" in menu and ">Agency one</option>" not in menu
    # A source added behind the app's back (`kuaibao sources add`) waits for the menu's
    # few seconds to pass; here they pass at once.
    _source(web.store, "Agency two", "https://two.example/feed")
    assert ">Agency two</option>" not in admin.http.get("/triage").text
    state: AppState = web.app.state.kuaibao
    state.source_names.clear()
    assert ">Agency two</option>" in admin.http.get("/triage").text
