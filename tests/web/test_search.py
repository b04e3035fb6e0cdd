"""The archive search page and /api/search over real HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from kuaibao.domain import Document, Item
from kuaibao.store import Store
from kuaibao.web.core.state import utcnow
from kuaibao.web.search.pages import SearchCaches
from tests.web.conftest import SignedIn, WebApp, only_sqlite

EVIL_TITLE = '<script>alert(1)</script>量子储能 <img src=x onerror="alert(2)">'
EVIL_URL = "javascript:alert(3)"


def _document(store: Store, n: int, url: str, title: str, text: str, year: int) -> int:
    doc = Document(
        url=url,
        canonical_url=f"https://canonical.example/{n}",
        title=title,
        text=text,
        content_hash=f"{n:064d}",
        published_at=datetime(year, 5, 2, tzinfo=UTC),
        fetched_at=utcnow(),
    )
    stored, _ = store.documents.add(doc)
    store.search.index_document(stored)
    assert stored.id is not None
    return stored.id


def _seed(store: Store) -> dict[str, int]:
    now = utcnow()
    chinese = store.items.add(
        Item(
            title="中国科学院发布新型量子计算机原型",
            body=["研究团队表示，这台量子计算机采用超导量子比特，可在低温下稳定运行。"],
            domain="量子信息",
            event_date="2024-03-15",
            original_title="Chinese Academy unveils a quantum computer prototype",
        ),
        now=now,
    )
    evil = store.items.add(
        Item(title=EVIL_TITLE, body=["储能电站</p><script>x()</script>"], domain="能源",
             event_date="2023"),
        now=now,
    )  # fmt: skip
    english = _document(
        store, 1, "https://lab.example/quantum", "Researchers build faster quantum computers",
        "Superconducting qubits keep coherence for longer in the new quantum computers.", 2024,
    )  # fmt: skip
    hostile = _document(
        store, 2, EVIL_URL, 'Quantum <b onmouseover="x()">claims</b>',
        "A quantum claim from a page whose link is a javascript: URL.", 2022,
    )  # fmt: skip
    assert chinese.id is not None and evil.id is not None
    return {"chinese": chinese.id, "evil": evil.id, "english": english, "hostile": hostile}


def test_finds_a_chinese_item_with_highlights_and_facets(web: WebApp, analyst: SignedIn) -> None:
    ids = _seed(web.store)
    answer = analyst.http.get("/api/search", params={"q": "量子计算"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    first = body["hits"][0]
    assert (first["kind"], first["id"]) == ("item", ids["chinese"])
    start, end = first["title_highlights"][0]
    assert first["title"][start:end] == "量子计算"
    assert any(first["snippet"][s:e] == "量子计算" for s, e in first["highlights"])
    kinds = {f["value"]: f["count"] for f in body["facets"]["kind"]}
    assert kinds["item"] == 1
    assert {f["value"] for f in body["facets"]["domain"]} == {"量子信息"}
    assert body["facets"]["year"][0] == {"value": "2024", "count": 1, "selected": False}

    page = analyst.http.get("/search", params={"q": "量子计算"})
    assert page.status_code == 200
    assert "新型<mark>量子计算</mark>机原型" in page.text
    assert f'href="/items/{ids["chinese"]}"' in page.text


def test_finds_an_english_document_and_filters_by_facet(web: WebApp, analyst: SignedIn) -> None:
    ids = _seed(web.store)
    body = analyst.http.get("/api/search", params={"q": "quantum"}).json()
    found = {(h["kind"], h["id"]) for h in body["hits"]}
    assert {("document", ids["english"]), ("document", ids["hostile"])} <= found
    english = next(h for h in body["hits"] if (h["kind"], h["id"]) == ("document", ids["english"]))
    assert english["url"] == "https://lab.example/quantum"
    assert [english["title"][s:e] for s, e in english["title_highlights"]] == ["quantum"]
    years = {f["value"]: f["count"] for f in body["facets"]["year"]}
    # The items (one by its English title, one by 量子, quantum's counterpart), two documents.
    assert years == {"2024": 2, "2023": 1, "2022": 1}

    only_2024 = analyst.http.get(
        "/api/search", params={"q": "quantum", "kind": "document", "year": 2024}
    ).json()
    assert [(h["kind"], h["id"]) for h in only_2024["hits"]] == [("document", ids["english"])]
    chosen = {f["value"]: (f["count"], f["selected"]) for f in only_2024["facets"]["kind"]}
    assert chosen == {"item": (1, False), "document": (1, True)}

    page = analyst.http.get("/search", params={"q": "quantum"})
    assert "faster <mark>quantum</mark> computers" in page.text
    assert '<a href="https://lab.example/quantum" rel="noopener noreferrer nofollow"' in page.text
    # A facet link keeps the query and adds the choice.
    assert 'href="/search?q=quantum&amp;year=2022"' in page.text


def test_hostile_text_and_javascript_urls_are_inert(web: WebApp, analyst: SignedIn) -> None:
    _seed(web.store)
    for q in ("储能", "quantum claims"):
        page = analyst.http.get("/search", params={"q": q})
        assert page.status_code == 200
        html = page.text
        assert "<script>alert" not in html and "<script>x()" not in html
        assert "onerror=" not in html.replace("onerror=&#34;", "")
        assert "<img" not in html and "<b onmouseover" not in html
        assert 'href="javascript:' not in html.lower()
    page = analyst.http.get("/search", params={"q": "quantum claims"}).text
    assert "<mark>Quantum</mark> &lt;b onmouseover=&#34;x()&#34;&gt;<mark>claims</mark>" in page
    assert '<span class="inert-url">javascript:alert(3)</span>' in page


def test_paging_and_an_empty_query(web: WebApp, analyst: SignedIn) -> None:
    now = utcnow()
    web.store.items.add_many(
        [
            Item(title=f"光伏 报道 {n}", body=["光伏电站并网。"], event_date="2024")
            for n in range(23)
        ],
        now=now,
    )
    first = analyst.http.get("/api/search", params={"q": "光伏"}).json()
    assert len(first["hits"]) == 20 and first["has_next"] is True
    second = analyst.http.get("/api/search", params={"q": "光伏", "page": 2}).json()
    assert len(second["hits"]) == 3 and second["has_next"] is False
    assert not {h["id"] for h in first["hits"]} & {h["id"] for h in second["hits"]}
    assert first["facets"]["counted"] == 23 and first["facets"]["truncated"] is False
    page = analyst.http.get("/search", params={"q": "光伏"}).text
    assert 'rel="next" href="/search?q=%E5%85%89%E4%BC%8F&amp;page=2"' in page

    empty = analyst.http.get("/api/search", params={"q": "  "}).json()
    assert empty["hits"] == [] and empty["facets"]["kind"] == []
    blank = analyst.http.get("/search")
    assert blank.status_code == 200 and 'id="search-results"' in blank.text
    assert "<mark>" not in blank.text


@only_sqlite
def test_bad_parameters_are_refused_and_every_role_may_search(
    web: WebApp, analyst: SignedIn, editor: SignedIn
) -> None:
    for params in ({"kind": "story"}, {"page": 0}, {"year": "twenty"}, {"q": "x" * 501}):
        assert analyst.http.get("/api/search", params=params).status_code == 422, params
    assert analyst.http.get("/search", params={"kind": "story"}).status_code == 422
    assert editor.http.get("/api/search", params={"q": "量子"}).status_code == 200
    anonymous = web.client()
    assert anonymous.get("/api/search", params={"q": "量子"}).status_code == 401
    assert anonymous.get("/search").status_code == 302


@only_sqlite
def test_the_page_has_no_inline_script_and_offers_english(web: WebApp, analyst: SignedIn) -> None:
    _seed(web.store)
    analyst.http.get("/lang/en")
    page = analyst.http.get("/search", params={"q": "quantum"}).text
    assert re.search(r"<script(?![^>]*\bsrc=)", page) is None
    assert "Only the newest" not in page and ">Document <span" in page


@only_sqlite
def test_search_answers_are_reused_until_this_process_writes(store: Store) -> None:
    _seed(store)
    caches = SearchCaches()
    first = caches.search(store, "quantum", None, None, None, 1)
    assert caches.search(store, "  quantum ", None, None, None, 1) is first  # spelled loosely
    assert caches.facet_counts(store, "quantum") is caches.facet_counts(store, "quantum")
    # A write through this process's store (an item saved in the app) is seen at once.
    _document(store, 3, "https://lab.example/3", "More quantum", "quantum again", 2021)
    again = caches.search(store, "quantum", None, None, None, 1)
    assert len(again.hits) == len(first.hits) + 1
    assert again.facets.counted == first.facets.counted + 1
    # One through another process (a crawl) shows once the answers time out.
    other = Store(store.url)
    try:
        _document(other, 4, "https://lab.example/4", "Quantum news", "quantum once more", 2022)
    finally:
        other.close()
    assert caches.search(store, "quantum", None, None, None, 1) is again
    caches.results.clear()
    assert len(caches.search(store, "quantum", None, None, None, 1).hits) == len(again.hits) + 1


def test_counterparts_are_reported_and_exact_turns_them_off(web: WebApp, analyst: SignedIn) -> None:
    ids = _seed(web.store)
    body = analyst.http.get("/api/search", params={"q": "quantum"}).json()
    assert body["expanded"] == ["量子"] and body["exact"] is False
    assert ("item", ids["evil"]) in {(h["kind"], h["id"]) for h in body["hits"]}
    exact = analyst.http.get("/api/search", params={"q": "quantum", "exact": 1}).json()
    assert exact["expanded"] == [] and exact["exact"] is True
    assert ("item", ids["evil"]) not in {(h["kind"], h["id"]) for h in exact["hits"]}

    page = analyst.http.get("/search", params={"q": "quantum"}).text
    assert '也搜索了：<span translate="no">量子</span>' in page  # search terms: data
    assert 'href="/search?q=quantum&amp;exact=1"' in page
    off = analyst.http.get("/search", params={"q": "quantum", "exact": 1}).text
    assert "也搜索了" not in off
    assert '<input type="hidden" name="exact" value="1">' in off
    assert 'href="/search?q=quantum&amp;year=2022&amp;exact=1"' in off  # facets keep it


def test_cached_answers_are_kept_apart_by_exact(store: Store) -> None:
    _seed(store)
    caches = SearchCaches()
    wide = caches.search(store, "quantum", None, None, None, 1)
    exact = caches.search(store, "quantum", None, None, None, 1, exact=True)
    assert exact is not wide and exact.expanded == [] and wide.expanded == ["量子"]
    assert len(exact.hits) < len(wide.hits)
    assert caches.facet_counts(store, "quantum", True).counted == len(exact.hits)
    assert caches.facet_counts(store, "quantum").counted == len(wide.hits)
