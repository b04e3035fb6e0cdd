"""The dashboard page and its JSON twin; crawled text shown inert; headers; languages."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from kuaibao.domain import Bulletin, Document, Ranking, Role, Source, SourceKind, Story
from kuaibao.store import Store, StoryLink
from kuaibao.web.core.state import utcnow
from tests.support.webapp import login
from tests.web.conftest import SignedIn, WebApp, only_sqlite

EVIL_TITLE = '<script>alert(1)</script><img src=x onerror="alert(2)"> 量子芯片'
EVIL_URL = "javascript:alert(3)"


def _document(store: Store, n: int, url: str, title: str) -> int:
    doc = Document(
        url=url,
        canonical_url=f"{url}#{n}",
        title=title,
        text=f"text {n}",
        content_hash=f"{n:064d}",
        fetched_at=utcnow(),
    )
    stored, _ = store.documents.add(doc)
    assert stored.id is not None
    return stored.id


def _story(store: Store, story_id: int, doc_id: int, title: str, domain: str | None) -> None:
    now = utcnow()
    story = Story(
        id=story_id,
        title=title,
        document_ids=[doc_id],
        first_seen=now,
        last_seen=now,
        lead_document_id=doc_id,
        domain=domain,
        relevance=0.9,
    )
    store.stories.save([StoryLink(doc_id, story_id)], [story], now=now)
    store.stories.save_ranks([(story_id, 90.0 - story_id, Ranking())])


def _seed(store: Store) -> None:
    evil = _document(store, 1, EVIL_URL, EVIL_TITLE)
    fine = _document(store, 2, "https://agency.example/news/1", "Grant")
    other = _document(store, 3, "https://lab.example/2", "Chip")
    _story(store, 1, evil, EVIL_TITLE, "量子技术")
    _story(store, 2, fine, "科研资助新计划", "量子技术")
    _story(store, 3, other, "新型芯片", "半导体")
    now = utcnow()
    broken = store.sources.add(
        Source(
            name='Broken <b onmouseover="x()">feed</b>',
            homepage="javascript:alert(4)",
            kind=SourceKind.RSS,
            feed_url="https://broken.example/feed",
        ),
        now=now,
    )
    store.sources.add(
        Source(
            name="Healthy",
            homepage="https://ok.example/",
            kind=SourceKind.RSS,
            feed_url="https://ok.example/feed",
        ),
        now=now,
    )
    assert broken.id is not None
    for _ in range(3):
        store.sources.record_poll(
            broken.id, at=now, error="HTTP 500 <script>bad()</script>", items_seen=None
        )
    store.bulletins.create(Bulletin(series="科技快报", year=2025, number=7), now=now)


def test_dashboard_json_counts_what_is_new_and_what_is_broken(
    web: WebApp, analyst: SignedIn
) -> None:
    _seed(web.store)
    data = analyst.http.get("/api/dashboard").json()
    assert data["first_visit"] is True
    assert data["new_stories"] == 3
    assert data["new_by_domain"] == [
        {"domain": "量子技术", "count": 2},
        {"domain": "半导体", "count": 1},
    ]
    assert [s["id"] for s in data["top_stories"]] == [1, 2, 3]
    assert data["top_stories"][1]["url"] == "https://agency.example/news/1"
    assert data["sources_total"] == 2
    [problem] = data["source_problems"]
    assert problem["flags"] == ["failing"] and problem["consecutive_failures"] == 3
    assert [(b["series"], b["number"], b["items"]) for b in data["open_bulletins"]] == [
        ("科技快报", 7, 0)
    ]


def test_dashboard_counts_only_stories_since_the_last_visit(web: WebApp) -> None:
    _seed(web.store)
    who = web.signed_in("returning", Role.ANALYST)
    first = who.http.get("/api/dashboard").json()
    assert first["new_stories"] == 3
    # The user's last activity before the next login becomes "the last visit".
    again = web.client()
    login(again, "returning")
    later = again.get("/api/dashboard").json()
    assert later["first_visit"] is False
    assert later["new_stories"] == 0


def test_crawled_text_is_shown_inert(web: WebApp, analyst: SignedIn) -> None:
    _seed(web.store)
    page = analyst.http.get("/")
    assert page.status_code == 200
    html = page.text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and 'onerror="' not in html
    assert "onerror=&#34;alert(2)&#34;" in html
    assert "javascript:" not in " ".join(re.findall(r'href="[^"]*"', html)).lower()
    # Top stories open the story view; the crawled URL itself is never the link.
    assert re.search(r'<a href="/stories/\d+">&lt;script&gt;alert\(1\)', html)
    assert len(re.findall(r'<a href="/stories/\d+">', html)) >= 2
    assert "<b onmouseover" not in html and "&lt;b onmouseover" in html
    assert "<script>bad()" not in html
    # The only scripts are the app's own files.
    for tag in re.findall(r"<script[^>]*>", html):
        assert 'src="/static/' in tag


@only_sqlite
def test_pages_carry_security_headers_and_the_csrf_header_for_htmx(
    web: WebApp, analyst: SignedIn
) -> None:
    page = analyst.http.get("/")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["cache-control"] == "no-store"
    hx = re.search(r"<body hx-headers='([^']*)'", page.text)
    assert hx and json.loads(hx.group(1)) == {"X-CSRF-Token": analyst.csrf}
    assert web.client().get("/static/app.css").status_code == 200


@only_sqlite
def test_the_language_switch(web: WebApp, analyst: SignedIn) -> None:
    assert "仪表盘" in analyst.http.get("/").text
    switch = analyst.http.get("/lang/en", params={"next": "/"})
    assert switch.status_code == 303 and switch.headers["location"] == "/"
    page = analyst.http.get("/").text
    assert "Dashboard" in page and '<html lang="en">' in page
    assert (
        analyst.http.get("/lang/en", params={"next": "//evil.example"}).headers["location"] == "/"
    )
    assert analyst.http.get("/lang/fr").status_code == 404
    login_page = web.client(cookies={"lang": "en"}).get("/login").text
    assert "Sign in" in login_page


@only_sqlite
def test_htmx_refresh_is_served_as_a_plain_get(web: WebApp, analyst: SignedIn) -> None:
    partial = analyst.http.get("/", headers={"HX-Request": "true"})
    assert partial.status_code == 200 and 'id="dashboard"' in partial.text
    anonymous = web.client().get("/", headers={"HX-Request": "true"})
    assert anonymous.status_code == 401
    assert anonymous.headers["HX-Redirect"] == "/login?next=%2F"


def test_open_bulletin_rows_survive_a_later_bulletin(web: WebApp, analyst: SignedIn) -> None:
    now = utcnow()
    web.store.bulletins.create(Bulletin(series="科技快报", year=2025, number=8), now=now)
    published = web.store.bulletins.create(
        Bulletin(series="科技快报", year=2025, number=6), now=now - timedelta(days=7)
    )
    assert published.id is not None
    web.store.bulletins.mark_published(published.id, now=now)
    numbers = [b["number"] for b in analyst.http.get("/api/dashboard").json()["open_bulletins"]]
    assert numbers == [8]
