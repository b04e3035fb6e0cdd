"""Bulletin list, composer, preview, exports and publishing, over real HTTP."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

from kuaibao.bulletin.house import HouseStyle, load_house_style
from kuaibao.bulletin.importers.parsed import ParsedBulletin
from kuaibao.bulletin.render import render
from kuaibao.domain import Bulletin, BulletinState, Item, ItemState
from kuaibao.store import Store
from kuaibao.web.bulletins.exports import export_filename
from kuaibao.web.core.state import utcnow
from kuaibao.workflow.archive import archive_bulletin
from kuaibao.workflow.bulletins import add_items, new_bulletin, stepped
from tests.web.conftest import SignedIn, WebApp, only_sqlite

FOCUS, POLICY, RESEARCH = "重点关注", "科技政策与科研计划", "前沿研究动态"
EVIL_TITLE = '<script>alert(1)</script><img src=x onerror="alert(2)"> 量子芯片'


def make_items(
    store: Store, specs: list[tuple[str, str]], state: ItemState = ItemState.APPROVED
) -> list[int]:
    """Stored items (title, section) in ``state``; their ids in order."""
    stored = store.items.add_many(
        [
            Item(
                title=title,
                body=[f"{title}的正文。"],
                section=section,
                domain="人工智能",
                state=state,
                contributors=["张娟"],
            )
            for title, section in specs
        ],
        now=utcnow(),
    )
    return [i.id for i in stored if i.id is not None]


def make_bulletin(store: Store, number: int = 2) -> int:
    made = new_bulletin(store, HouseStyle(), when=date(2026, 2, 3), number=number)
    assert made.id is not None
    return made.id


def order_of(web: WebApp, bulletin_id: int) -> list[int]:
    return [i.id for i in web.store.bulletins.get(bulletin_id).items if i.id is not None]


def csrf(who: SignedIn) -> dict[str, str]:
    return {"X-CSRF-Token": who.csrf}


def form(who: SignedIn, **fields: str | list[str]) -> dict[str, str | list[str]]:
    return {"csrf_token": who.csrf, **fields}


def test_editor_opens_numbered_issues_and_the_list_shows_them(
    web: WebApp, editor: SignedIn
) -> None:
    first = editor.http.post("/api/bulletins", json={"date": "2026-03-01"}, headers=csrf(editor))
    assert first.status_code == 201, first.text
    body = first.json()
    assert (body["year"], body["number"], body["running_number"]) == (2026, 1, 1)
    assert body["state"] == "open" and body["editable"] is True
    assert [s["name"] for s in body["sections"]] == list(HouseStyle().sections)

    made = editor.http.post("/bulletins/new", data=form(editor, date="2026-03-20"))
    assert made.status_code == 303
    second_id = int(made.headers["location"].rsplit("/", 1)[1])
    second = web.store.bulletins.get(second_id)
    assert (second.number, second.running_number) == (2, 2)

    listed = editor.http.get("/api/bulletins").json()
    assert [(b["number"], b["state"], b["items"]) for b in listed] == [
        (2, "open", 0),
        (1, "open", 0),
    ]
    assert editor.http.get("/api/bulletins", params={"state": "published"}).json() == []
    page = editor.http.get("/bulletins")
    assert page.status_code == 200
    assert "2026年第2期" in page.text and f'href="/bulletins/{second_id}"' in page.text
    assert 'action="/bulletins/new"' in page.text


def test_only_approved_items_can_be_added(web: WebApp, editor: SignedIn) -> None:
    b = make_bulletin(web.store)
    approved = make_items(web.store, [("审定条目", FOCUS)])
    draft = make_items(web.store, [("草稿条目", FOCUS)], ItemState.DRAFT)
    in_review = make_items(web.store, [("待审条目", FOCUS)], ItemState.IN_REVIEW)

    for refused in (draft, in_review, [*approved, *draft]):
        answer = editor.http.post(
            f"/api/bulletins/{b}/items", json={"item_ids": refused}, headers=csrf(editor)
        )
        assert answer.status_code == 409, answer.text
        assert "approved" in answer.json()["detail"]
    assert order_of(web, b) == []
    by_form = editor.http.post(f"/bulletins/{b}/items", data=form(editor, item_ids=[str(draft[0])]))
    assert by_form.status_code == 409 and order_of(web, b) == []

    # The composer offers only the approved item.
    detail = editor.http.get(f"/api/bulletins/{b}").json()
    assert [c["id"] for c in detail["candidates"]] == approved

    added = editor.http.post(
        f"/bulletins/{b}/items", data=form(editor, item_ids=[str(approved[0])])
    )
    assert added.status_code == 303 and order_of(web, b) == approved
    assert editor.http.get(f"/api/bulletins/{b}").json()["candidates"] == []
    missing = editor.http.post(
        f"/api/bulletins/{b}/items", json={"item_ids": [99999]}, headers=csrf(editor)
    )
    assert missing.status_code == 404


@only_sqlite
def test_items_are_filed_removed_and_grouped_by_section(web: WebApp, editor: SignedIn) -> None:
    b = make_bulletin(web.store)
    research, focus, loose = make_items(
        web.store,
        [("研究条目", RESEARCH), ("重点条目", FOCUS), ("未归条目", None)],  # type: ignore[list-item]
    )
    api = f"/api/bulletins/{b}/items"
    unfiled = editor.http.post(api, json={"item_ids": [loose]}, headers=csrf(editor))
    assert unfiled.status_code == 400 and "section" in unfiled.json()["detail"]
    nowhere = editor.http.post(
        api, json={"item_ids": [loose], "section": "不存在的栏目"}, headers=csrf(editor)
    )
    assert nowhere.status_code == 404
    body = editor.http.post(
        api, json={"item_ids": [research, focus, loose], "section": None}, headers=csrf(editor)
    )
    assert body.status_code == 400  # still unfiled: all or nothing
    editor.http.post(api, json={"item_ids": [loose], "section": POLICY}, headers=csrf(editor))
    detail = editor.http.post(
        api, json={"item_ids": [research, focus]}, headers=csrf(editor)
    ).json()
    assert [(s["name"], [i["id"] for i in s["items"]]) for s in detail["sections"]][:3] == [
        (FOCUS, [focus]),
        (POLICY, [loose]),
        (RESEARCH, [research]),
    ]
    gone = editor.http.delete(f"/api/bulletins/{b}/items/{loose}", headers=csrf(editor))
    assert gone.status_code == 200 and order_of(web, b) == [focus, research]
    assert web.store.items.get(loose).state is ItemState.APPROVED  # the item itself is kept
    again = editor.http.delete(f"/api/bulletins/{b}/items/{loose}", headers=csrf(editor))
    assert again.status_code == 404
    by_form = editor.http.post(f"/bulletins/{b}/items/{focus}/remove", data=form(editor))
    assert by_form.status_code == 303 and order_of(web, b) == [research]


def _filled(web: WebApp, editor: SignedIn) -> tuple[int, list[int]]:
    b = make_bulletin(web.store)
    ids = make_items(
        web.store, [("甲条目", FOCUS), ("乙条目", FOCUS), ("丙条目", FOCUS), ("丁条目", RESEARCH)]
    )
    answer = editor.http.post(
        f"/api/bulletins/{b}/items", json={"item_ids": ids}, headers=csrf(editor)
    )
    assert answer.status_code == 200
    return b, ids


def test_reorder_through_the_api(web: WebApp, editor: SignedIn) -> None:
    b, (a, bb, c, d) = _filled(web, editor)
    url = f"/api/bulletins/{b}/order"
    moved = editor.http.put(url, json={"item_ids": [c, a]}, headers=csrf(editor))
    assert moved.status_code == 200, moved.text
    assert order_of(web, b) == [c, a, bb, d]

    # A whole layout: d moves from 前沿研究动态 to the top of 重点关注, a to 科技政策.
    layout = {
        "sections": [
            {"name": FOCUS, "item_ids": [d, bb, c]},
            {"name": POLICY, "item_ids": [a]},
            {"name": RESEARCH, "item_ids": []},
        ]
    }
    detail = editor.http.put(url, json=layout, headers=csrf(editor)).json()
    assert order_of(web, b) == [d, bb, c, a]
    assert web.store.items.get(d).section == FOCUS and web.store.items.get(a).section == POLICY
    assert [i["id"] for i in detail["sections"][0]["items"]] == [d, bb, c]

    for bad, status in (
        ({"item_ids": [99999]}, 404),
        ({"sections": [{"name": "不存在", "item_ids": []}]}, 404),
        ({}, 422),
        ({"item_ids": [a], "sections": []}, 422),
    ):
        refused = editor.http.put(url, json=bad, headers=csrf(editor))
        assert refused.status_code == status, bad
    # Listed twice: the first place counts.
    twice = {
        "sections": [{"name": FOCUS, "item_ids": [d, c, bb]}, {"name": POLICY, "item_ids": [c, a]}]
    }
    assert editor.http.put(url, json=twice, headers=csrf(editor)).status_code == 200
    assert order_of(web, b) == [d, c, bb, a] and web.store.items.get(c).section == FOCUS
    editor.http.put(url, json={"item_ids": [d, bb, c]}, headers=csrf(editor))
    assert order_of(web, b) == [d, bb, c, a]


@only_sqlite
def test_reorder_without_javascript(web: WebApp, editor: SignedIn) -> None:
    b, (a, bb, c, d) = _filled(web, editor)
    up = editor.http.post(f"/bulletins/{b}/items/{c}/move", data=form(editor, direction="up"))
    assert up.status_code == 303 and up.headers["location"] == f"/bulletins/{b}#item-{c}"
    assert order_of(web, b) == [a, c, bb, d]
    editor.http.post(f"/bulletins/{b}/items/{a}/move", data=form(editor, direction="down"))
    assert order_of(web, b) == [c, a, bb, d]
    # Already last in its section: stays (it never jumps into the next section).
    editor.http.post(f"/bulletins/{b}/items/{bb}/move", data=form(editor, direction="down"))
    assert order_of(web, b) == [c, a, bb, d]
    filed = editor.http.post(f"/bulletins/{b}/items/{d}/section", data=form(editor, section=FOCUS))
    assert filed.status_code == 303 and order_of(web, b) == [c, a, bb, d]
    assert web.store.items.get(d).section == FOCUS
    editor.http.post(f"/bulletins/{b}/items/{c}/section", data=form(editor, section=RESEARCH))
    assert order_of(web, b) == [a, bb, d, c]
    bad = editor.http.post(f"/bulletins/{b}/items/{c}/move", data=form(editor, direction="left"))
    assert bad.status_code == 422

    page = editor.http.get(f"/bulletins/{b}").text
    assert f'action="/bulletins/{b}/items/{a}/move"' in page
    assert 'name="direction" value="up" disabled' in page  # the first of a section


@only_sqlite
def test_the_drag_and_drop_endpoint_takes_json_with_the_csrf_header(
    web: WebApp, editor: SignedIn
) -> None:
    b, (a, bb, c, d) = _filled(web, editor)
    layout = {
        "sections": [{"name": FOCUS, "item_ids": [c, bb, a]}, {"name": RESEARCH, "item_ids": [d]}]
    }
    assert editor.http.post(f"/bulletins/{b}/order", json=layout).status_code == 403
    assert order_of(web, b) == [a, bb, c, d]
    saved = editor.http.post(f"/bulletins/{b}/order", json=layout, headers=csrf(editor))
    assert saved.status_code == 204
    assert order_of(web, b) == [c, bb, a, d]
    page = editor.http.get(f"/bulletins/{b}").text
    assert f'data-order-url="/bulletins/{b}/order"' in page
    assert '<script src="/static/bulletins.js" defer></script>' in page
    assert web.client().get("/static/bulletins.js").status_code == 200


def test_preview_is_the_rendered_bulletin_in_order_and_sandboxed(
    web: WebApp, editor: SignedIn
) -> None:
    b, (_, bb, c, _) = _filled(web, editor)
    editor.http.put(f"/api/bulletins/{b}/order", json={"item_ids": [c, bb]}, headers=csrf(editor))
    preview = editor.http.get(f"/bulletins/{b}/preview")
    assert preview.status_code == 200
    assert preview.headers["content-type"] == "text/html; charset=utf-8"
    expected = render(web.store.bulletins.get(b), "html", load_house_style(web.settings.data_dir))
    assert preview.content == expected
    where = [preview.text.rindex(t) for t in ("丙条目", "乙条目", "甲条目", "丁条目")]
    assert where == sorted(where)
    csp = preview.headers["content-security-policy"]
    assert csp.startswith("sandbox") and "script-src" not in csp
    assert "default-src 'none'" in csp and "frame-ancestors 'self'" in csp
    assert preview.headers["x-frame-options"] == "SAMEORIGIN"

    page = editor.http.get(f"/bulletins/{b}")
    assert f'<iframe id="bulletin-preview" src="/bulletins/{b}/preview" sandbox' in page.text
    page_csp = page.headers["content-security-policy"]
    assert "frame-src 'self'" in page_csp and "frame-ancestors 'none'" in page_csp
    assert page.headers["x-frame-options"] == "DENY"
    # Other pages keep the app's own policy.
    assert "frame-src" not in editor.http.get("/bulletins").headers["content-security-policy"]


def _zip_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        return docx.namelist()


@only_sqlite  # rendering does not depend on the database; the PDF takes ~1 s
def test_exports_are_downloads_of_the_right_type(web: WebApp, analyst: SignedIn) -> None:
    b = make_bulletin(web.store, number=2)
    ids = make_items(web.store, [("导出条目", FOCUS)])
    add_items(web.store, b, ids)
    expected = {
        "pdf": ("application/pdf", b"%PDF-"),
        "docx": (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"PK\x03\x04",
        ),
        "html": ("text/html; charset=utf-8", b"<!DOCTYPE html>"),
        "md": ("text/markdown; charset=utf-8", b""),
    }
    for fmt, (media_type, magic) in expected.items():
        got = analyst.http.get(f"/bulletins/{b}/export.{fmt}")  # PDF: the one render (~1 s)
        assert got.status_code == 200, fmt
        assert got.headers["content-type"] == media_type
        assert (
            got.headers["content-disposition"] == f'attachment; filename="bulletin-2026-02.{fmt}"'
        )
        assert got.content.startswith(magic)
        if fmt == "docx":
            assert "word/document.xml" in _zip_names(got.content)
        if fmt in ("md", "html"):
            assert "导出条目" in got.text
    assert (
        "sandbox"
        in analyst.http.get(f"/bulletins/{b}/export.html").headers["content-security-policy"]
    )
    api = analyst.http.get(f"/api/bulletins/{b}/export.md")
    assert api.status_code == 200 and "导出条目" in api.text
    assert analyst.http.get(f"/bulletins/{b}/export.exe").status_code == 422
    assert analyst.http.get("/bulletins/424242/export.md").status_code == 404


def test_publishing_freezes_the_issue_and_corrections_are_revisions(
    web: WebApp, editor: SignedIn
) -> None:
    empty = make_bulletin(web.store, number=1)
    refused = editor.http.post(f"/api/bulletins/{empty}/publish", headers=csrf(editor))
    assert refused.status_code == 409 and "no items" in refused.json()["detail"]

    b, (a, bb, c, d) = _filled(web, editor)
    page = editor.http.get(f"/bulletins/{b}").text
    assert f'action="/bulletins/{b}/publish"' in page and "data-confirm=" in page
    published = editor.http.post(f"/bulletins/{b}/publish", data=form(editor))
    assert published.status_code == 303
    stored = web.store.bulletins.get(b)
    assert stored.state is BulletinState.PUBLISHED
    assert {i.state for i in stored.items} == {ItemState.PUBLISHED}

    spare = make_items(web.store, [("晚到条目", FOCUS)])
    api = f"/api/bulletins/{b}"
    for method, path, body in (
        ("POST", f"{api}/items", {"item_ids": spare}),
        ("DELETE", f"{api}/items/{a}", None),
        ("PUT", f"{api}/order", {"item_ids": [d, c]}),
        ("POST", f"{api}/publish", None),
    ):
        answer = editor.http.request(method, path, json=body, headers=csrf(editor))
        assert answer.status_code == 409, (method, path, answer.text)
    for path, fields in (
        (f"/bulletins/{b}/items", {"item_ids": [str(spare[0])]}),
        (f"/bulletins/{b}/items/{a}/remove", {}),
        (f"/bulletins/{b}/items/{c}/move", {"direction": "up"}),
        (f"/bulletins/{b}/items/{c}/section", {"section": RESEARCH}),
        (f"/bulletins/{b}/publish", {}),
    ):
        assert editor.http.post(path, data=form(editor, **fields)).status_code == 409, path
    scripted = editor.http.post(
        f"/bulletins/{b}/order", json={"item_ids": [d]}, headers=csrf(editor)
    )
    assert scripted.status_code == 409
    assert order_of(web, b) == [a, bb, c, d]
    assert web.store.items.get(c).section == FOCUS

    page = editor.http.get(f"/bulletins/{b}").text
    assert "/items/" not in page and "data-order-url" not in page  # read-only
    assert f'action="/bulletins/{b}/correct"' in page
    archive = editor.http.get("/api/bulletins", params={"state": "published"}).json()
    assert [x["id"] for x in archive] == [b]

    fixed = editor.http.post(f"/api/bulletins/{b}/correct", headers=csrf(editor))
    assert fixed.status_code == 201, fixed.text
    revision = fixed.json()
    assert (revision["revision"], revision["state"], revision["supersedes_id"]) == (2, "open", b)
    assert revision["items"] == 4 and not {a, bb, c, d} & set(order_of(web, revision["id"]))
    assert editor.http.get(api).json()["superseded_by"] == [revision["id"]]


def test_analysts_may_look_but_not_compile(
    web: WebApp, analyst: SignedIn, editor: SignedIn
) -> None:
    b, (a, bb, c, d) = _filled(web, editor)
    page = analyst.http.get(f"/bulletins/{b}")
    assert page.status_code == 200
    assert "/publish" not in page.text and "data-order-url" not in page.text
    assert "/items/" not in page.text
    assert analyst.http.get(f"/bulletins/{b}/preview").status_code == 200
    assert analyst.http.get(f"/api/bulletins/{b}").json()["items"] == 4
    assert 'action="/bulletins/new"' not in analyst.http.get("/bulletins").text

    assert (
        analyst.http.post(f"/api/bulletins/{b}/publish", headers=csrf(analyst)).status_code == 403
    )
    assert analyst.http.post(f"/bulletins/{b}/publish", data=form(analyst)).status_code == 403
    reorder = analyst.http.put(
        f"/api/bulletins/{b}/order", json={"item_ids": [d]}, headers=csrf(analyst)
    )
    assert reorder.status_code == 403
    assert analyst.http.post("/api/bulletins", headers=csrf(analyst)).status_code == 403
    assert web.store.bulletins.get(b).state is BulletinState.OPEN
    assert order_of(web, b) == [a, bb, c, d]


@only_sqlite
def test_hostile_item_text_is_inert_in_the_composer_and_preview(
    web: WebApp, editor: SignedIn
) -> None:
    b = make_bulletin(web.store)
    [evil] = web.store.items.add_many(
        [
            Item(
                title=EVIL_TITLE,
                body=['<p onclick="x()">正文</p><script>alert(5)</script>'],
                section=FOCUS,
                domain="人工智能",
                source_urls=["javascript:alert(3)", "https://agency.example/a?b=1&c=2"],
                original_title='"><svg onload=alert(4)>',
                state=ItemState.APPROVED,
            )
        ],
        now=utcnow(),
    )
    assert evil.id is not None
    # Offered in the add list first (the option text is escaped too), then added.
    offered = editor.http.get(f"/bulletins/{b}").text
    assert "<script>alert(1)" not in offered and "&lt;script&gt;alert(1)" in offered
    editor.http.post(f"/bulletins/{b}/items", data=form(editor, item_ids=[str(evil.id)]))

    for response in (
        editor.http.get(f"/bulletins/{b}"),
        editor.http.get(f"/bulletins/{b}/preview"),
    ):
        html = response.text
        assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<img" not in html and "<svg" not in html and "<p onclick" not in html
        assert 'onerror="' not in html
        hrefs = " ".join(re.findall(r'href="([^"]*)"', html)).lower()
        assert "javascript:" not in hrefs
        assert "https://agency.example/a?b=1&amp;c=2" in html
    composer = editor.http.get(f"/bulletins/{b}").text
    for tag in re.findall(r"<script[^>]*>", composer):
        assert 'src="/static/' in tag
    assert "<script" not in editor.http.get(f"/bulletins/{b}/preview").text


@only_sqlite
def test_unknown_bulletins_and_languages(web: WebApp, analyst: SignedIn) -> None:
    assert analyst.http.get("/api/bulletins/424242").status_code == 404
    assert analyst.http.get("/bulletins/424242").status_code == 404
    assert analyst.http.get("/bulletins/424242/preview").status_code == 404
    b = make_bulletin(web.store)
    assert "2026年第2期" in analyst.http.get(f"/bulletins/{b}").text
    analyst.http.get("/lang/en", params={"next": "/"})
    english = analyst.http.get(f"/bulletins/{b}").text
    assert "2026 no. 2" in english and "Preview" in english
    assert "Published (archive)" in analyst.http.get("/bulletins").text


@only_sqlite
def test_archive_filters_by_year(web: WebApp, analyst: SignedIn) -> None:
    new_bulletin(web.store, HouseStyle(), when=date(2025, 5, 1))
    new_bulletin(web.store, HouseStyle(), when=date(2026, 5, 1))
    years = [b["year"] for b in analyst.http.get("/api/bulletins", params={"year": 2025}).json()]
    assert years == [2025]
    page = analyst.http.get("/bulletins", params={"year": 2025}).text
    assert "2025年第1期" in page and "2026年第1期" not in page
    assert '<option value="2026">' in page and '<option value="2025" selected>' in page
    every = analyst.http.get("/bulletins", params={"year": ""})  # the form's "all years"
    assert every.status_code == 200 and "2026年第1期" in every.text


def test_pure_helpers() -> None:
    assert stepped([1, 2, 3], 3, -1) == [1, 3, 2]
    assert stepped([1, 2, 3], 1, -1) == [1, 2, 3]
    assert stepped([1, 2, 3], 1, 1) == [2, 1, 3]
    assert stepped([1, 2, 3], 3, 1) == [1, 2, 3]
    assert stepped([1, 2], 9, 1) == [1, 2]
    issue = Bulletin(series="科技快报", year=2026, number=2)
    assert export_filename(issue, "pdf") == "bulletin-2026-02.pdf"
    issue.revision = 3
    assert export_filename(issue, "md") == "bulletin-2026-02-r3.md"


def test_an_unnumbered_imported_issue_shows_without_a_number(
    web: WebApp, analyst: SignedIn
) -> None:
    item = Item(
        title="某机构发布量子路线图",
        body=["某机构发布量子路线图，提出三个方向。"],
        section=FOCUS,
        source_urls=["https://q.example.org/roadmap"],
    )
    style = load_house_style(web.app.state.kuaibao.settings.data_dir)
    b = archive_bulletin(web.store, ParsedBulletin(items=[item], date=date(2024, 3, 20)), style)
    bid = b.bulletin.id
    listing = analyst.http.get("/bulletins").text
    assert "2024年（无期号）" in listing and "None" not in listing
    page = analyst.http.get(f"/bulletins/{bid}").text
    assert "无期号" in page and "None" not in page
    got = analyst.http.get(f"/bulletins/{bid}/export.md")
    assert got.headers["content-disposition"] == 'attachment; filename="bulletin-2024-03-20.md"'
    assert "None" not in got.text and "2024年3月20日" in got.text
    api = analyst.http.get("/api/bulletins").json()
    assert [(b["id"], b["number"]) for b in api] == [(bid, None)]
