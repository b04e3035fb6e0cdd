"""The item list and editor over HTTP: edit, conflicts, live check, review, hostile text."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime

import httpx

from kuaibao.config import LLMSettings
from kuaibao.domain import Document, Item, ItemState, Story
from kuaibao.store import Store, StoryLink
from kuaibao.web.core.state import utcnow
from tests.support.openai_server import completion, openai_server
from tests.triage.corpus import GRANT
from tests.web.conftest import SignedIn, WebApp, only_sqlite

URL = "https://agency.example/quantum-hubs"
TITLE = "英国研究与创新署投资1.2亿英镑建设五个量子计算中心"
BODY = (
    "2026年11月12日，英国研究与创新署宣布将在五年内投资1.2亿英镑，建设五个量子计算中心，"
    "并培养400名研究人员。"
)
INVENTED = BODY.replace("1.2亿英镑", "1.8亿英镑")
INVENTED_AT = len(TITLE) + 1 + INVENTED.index("1.8亿英镑")  # in title + "\n" + body


def _document(store: Store, url: str = URL, title: str = GRANT[0][0]) -> int:
    doc = Document(
        url=url,
        canonical_url=url,
        title=title,
        text=GRANT[0][1],
        content_hash=f"{abs(hash(url)):064d}"[:64],
        fetched_at=utcnow(),
        published_at=datetime(2026, 11, 12, 10, tzinfo=UTC),
    )
    stored, _ = store.documents.add(doc)
    assert stored.id is not None
    return stored.id


def _item(store: Store, body: str = BODY, **fields: object) -> Item:
    doc_id = _document(store)
    item = Item(
        title=TITLE,
        body=[body],
        domain="量子技术",
        section="产业动态",
        contributors=["王五"],
        source_urls=[URL],
        original_title=GRANT[0][0],
        event_date="2026-11-12",
        document_ids=[doc_id],
        notes=["[offline]"],
    )
    for key, value in fields.items():
        setattr(item, key, value)
    stored = store.items.add(item, now=utcnow(), editor="offline")
    assert stored.id is not None
    return stored


def _form(who: SignedIn, item: Item, **changes: str) -> dict[str, str]:
    """The editor form as the browser would post it, with ``changes``."""
    form = {
        "csrf_token": who.csrf,
        "version": str(item.version),
        "title": item.title,
        "body": "\r\n\r\n".join(item.body),
        "domain": item.domain or "",
        "section": item.section or "",
        "contributors": "、".join(item.contributors),
        "source_urls": "\r\n".join(item.source_urls),
        "original_title": item.original_title or "",
        "event_date": item.event_date or "",
    }
    return {**form, **changes}


def _hidden_version(html: str) -> int:
    found = re.search(r'<input type="hidden" name="version" value="(\d+)">', html)
    assert found, "the editor form carries the version it was opened at"
    return int(found.group(1))


def _api(who: SignedIn, method: str, path: str, **kwargs: object) -> httpx.Response:
    return who.http.request(method, path, headers={"X-CSRF-Token": who.csrf}, **kwargs)  # type: ignore[arg-type]


def test_edit_and_save_with_the_form(web: WebApp, analyst: SignedIn) -> None:
    item = _item(web.store)
    page = analyst.http.get(f"/items/{item.id}")
    assert page.status_code == 200
    assert f'value="{TITLE}"' in page.text and _hidden_version(page.text) == 1
    assert 'hx-trigger="keyup changed delay:500ms"' in page.text
    new_body = "第一段。\r\n\r\n第二段：培养400名研究人员。"
    saved = analyst.http.post(
        f"/items/{item.id}", data=_form(analyst, item, body=new_body, contributors="王五、赵六")
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/items/{item.id}?done=saved"
    stored = web.store.items.get(item.id or 0)
    assert stored.body == ["第一段。", "第二段：培养400名研究人员。"]
    assert stored.contributors == ["王五", "赵六"] and stored.version == 2
    after = analyst.http.get(saved.headers["location"]).text
    assert "已保存。" in after and _hidden_version(after) == 2
    last = web.store.items.history(item.id or 0)[-1]
    assert (last["version"], last["editor"], last["note"]) == (2, "analyst1", "edited")
    # Saving the same text again makes no new version.
    again = analyst.http.post(f"/items/{item.id}", data=_form(analyst, stored))
    assert again.headers["location"].endswith("done=unchanged")
    assert web.store.items.get(item.id or 0).version == 2


def test_a_stale_form_shows_the_conflict_and_keeps_the_users_text(
    web: WebApp, analyst: SignedIn, editor: SignedIn
) -> None:
    item = _item(web.store)
    # Both open the editor at version 1; the editor saves first.
    first = editor.http.post(f"/items/{item.id}", data=_form(editor, item, title="编辑改过的标题"))
    assert first.status_code == 303
    mine = "分析员的新标题"
    late = analyst.http.post(
        f"/items/{item.id}", data=_form(analyst, item, title=mine, body="分析员的新正文")
    )
    assert late.status_code == 409
    html = late.text
    assert "编辑冲突" in html and "editor1" in html
    assert "编辑改过的标题" in html  # their version, shown beside …
    assert f'name="title" value="{mine}"' in html  # … the user's unsaved text, kept
    assert "分析员的新正文</textarea>" in html
    assert _hidden_version(html) == 2  # saving again is a deliberate overwrite
    assert web.store.items.get(item.id or 0).title == "编辑改过的标题"
    resolved = analyst.http.post(
        f"/items/{item.id}",
        data=_form(analyst, item, version="2", title=mine, body="分析员的新正文"),
    )
    assert resolved.status_code == 303
    assert web.store.items.get(item.id or 0).title == mine


def test_a_stale_json_edit_is_a_409_with_the_current_item(
    web: WebApp, analyst: SignedIn, editor: SignedIn
) -> None:
    item = _item(web.store)
    path = f"/api/items/{item.id}"
    ok = _api(editor, "PUT", path, json={"version": 1, "title": "编辑改过的标题"})
    assert ok.status_code == 200
    assert ok.json()["version"] == 2 and ok.json()["body"] == [BODY]  # unset fields kept
    stale = _api(analyst, "PUT", path, json={"version": 1, "title": "分析员的标题"})
    assert stale.status_code == 409
    data = stale.json()
    assert "changed by someone else" in data["detail"]
    assert data["current"]["version"] == 2 and data["current"]["title"] == "编辑改过的标题"
    fresh = _api(analyst, "PUT", path, json={"version": 2, "body": ["新正文", " ", "第二段"]})
    assert fresh.status_code == 200 and fresh.json()["body"] == ["新正文", "第二段"]
    script = _api(analyst, "PUT", path, json={"version": 3, "source_urls": ["javascript:x()"]})
    assert script.status_code == 422
    bad = _api(analyst, "PUT", path, json={"version": 3, "domain": "体育"})
    assert bad.status_code == 400 and "unknown domain" in bad.json()["detail"]
    assert web.store.items.get(item.id or 0).version == 3


@only_sqlite
def test_the_live_check_flags_an_invented_sum_where_it_is(web: WebApp, analyst: SignedIn) -> None:
    item = _item(web.store)
    path = f"/api/items/{item.id}/check"
    good = _api(analyst, "POST", path, json={"title": TITLE, "body": BODY}).json()
    assert good == {"ok": True, "checked": True, "unsupported": []}
    bad = _api(analyst, "POST", path, json={"title": TITLE, "body": INVENTED}).json()
    assert bad["ok"] is False
    assert bad["unsupported"] == [
        {"text": "1.8亿英镑", "start": INVENTED_AT, "end": INVENTED_AT + 6, "kind": "money"}
    ]
    as_list = _api(analyst, "POST", path, json={"title": TITLE, "body": [INVENTED]}).json()
    assert as_list == bad
    # htmx posts the whole form as the analyst types and swaps in the panel.
    partial = analyst.http.post(
        f"/items/{item.id}/check",
        data=_form(analyst, item, body=INVENTED),
        headers={"HX-Request": "true"},
    )
    assert partial.status_code == 200 and "<html" not in partial.text
    assert partial.text.lstrip().startswith('<section id="fact-check"')
    assert '<mark class="fact fact-money" title="money">1.8亿英镑</mark>' in partial.text
    # The fault is shown inside its draft sentence, not as offsets, with the source
    # sentence where the right sum is.
    assert "金额" in partial.text and f"{INVENTED_AT}–{INVENTED_AT + 6}" not in partial.text
    sentence = re.search(r'<blockquote class="fault-sentence">(.*?)</blockquote>', partial.text)
    assert sentence is not None
    assert sentence.group(1) == (
        "2026年11月12日，英国研究与创新署宣布将在五年内投资"
        '<mark class="fact fact-money">1.8亿英镑</mark>'
        "，建设五个量子计算中心，并培养400名研究人员。"
    )
    sources = re.search(r'<ul class="fault-sources">(.*?)</ul>', partial.text, re.S)
    assert sources is not None and "£120 million over five years" in sources.group(1)


@only_sqlite
def test_the_live_check_shows_house_style_in_its_sentence(web: WebApp, analyst: SignedIn) -> None:
    """Facts all supported, but 近日 and a bare 政府 are marked for the editor; no gate."""
    item = _item(web.store)
    body = "近日，政府宣布将在五年内投资1.2亿英镑，建设五个量子计算中心。"
    partial = analyst.http.post(
        f"/items/{item.id}/check",
        data=_form(analyst, item, body=body),
        headers={"HX-Request": "true"},
    )
    assert partial.status_code == 200
    styles = re.search(r'<ol class="style-faults">(.*?)</ol>', partial.text, re.S)
    assert styles is not None, partial.text
    marks = re.findall(r'<mark class="style">(.*?)</mark>', styles.group(1))
    assert marks == ["近日", "政府"]
    assert "相对时间请写成具体日期" in styles.group(1) and "未写明国家或机构" in styles.group(1)
    clean = analyst.http.post(
        f"/items/{item.id}/check", data=_form(analyst, item), headers={"HX-Request": "true"}
    )
    assert 'class="style-faults"' not in clean.text
    assert web.store.items.get(item.id or 0).body == [BODY], "checking saves nothing"
    # Without JavaScript the check button shows the whole editor with the typed text.
    full = analyst.http.post(f"/items/{item.id}/check", data=_form(analyst, item, body=INVENTED))
    assert "<html" in full.text and f"{INVENTED}</textarea>" in full.text
    assert '<mark class="fact fact-money"' in full.text


def test_approve_is_refused_then_the_fix_is_approved(web: WebApp, editor: SignedIn) -> None:
    item = _item(web.store, body=INVENTED, state=ItemState.IN_REVIEW)
    path = f"/api/items/{item.id}"
    refused = _api(editor, "POST", f"{path}/approve", json={"version": 1})
    assert refused.status_code == 400
    assert [u["text"] for u in refused.json()["unsupported"]] == ["1.8亿英镑"]
    page = editor.http.post(
        f"/items/{item.id}/approve", data={"csrf_token": editor.csrf, "version": "1"}
    )
    assert page.status_code == 400 and "不能批准" in page.text and "1.8亿英镑" in page.text
    assert web.store.items.get(item.id or 0).state is ItemState.IN_REVIEW
    fixed = _api(editor, "PUT", path, json={"version": 1, "body": [BODY]})
    assert fixed.status_code == 200
    approved = editor.http.post(
        f"/items/{item.id}/approve", data={"csrf_token": editor.csrf, "version": "2"}
    )
    assert approved.status_code == 303
    assert approved.headers["location"].endswith("done=approved")
    stored = web.store.items.get(item.id or 0)
    assert stored.state is ItemState.APPROVED
    assert web.store.items.history(item.id or 0)[-1]["note"] == "approved; fact check passed"
    # Changing approved text sends it back to review.
    edited = _api(editor, "PUT", path, json={"version": 3, "title": "改过的标题"})
    assert edited.json()["state"] == "in_review"


@only_sqlite
def test_an_analyst_cannot_approve(web: WebApp, analyst: SignedIn) -> None:
    item = _item(web.store)
    api = _api(analyst, "POST", f"/api/items/{item.id}/approve", json={"version": 1})
    assert api.status_code == 403
    form = analyst.http.post(
        f"/items/{item.id}/approve", data={"csrf_token": analyst.csrf, "version": "1"}
    )
    assert form.status_code == 403
    assert web.store.items.get(item.id or 0).state is ItemState.DRAFT
    assert f'action="/items/{item.id}/approve"' not in analyst.http.get(f"/items/{item.id}").text
    # Submitting is theirs to do.
    submitted = analyst.http.post(
        f"/items/{item.id}/submit", data={"csrf_token": analyst.csrf, "version": "1"}
    )
    assert submitted.status_code == 303
    assert web.store.items.get(item.id or 0).state is ItemState.IN_REVIEW


@only_sqlite
def test_an_override_is_recorded_in_history(web: WebApp, editor: SignedIn) -> None:
    item = _item(web.store, body=INVENTED, state=ItemState.IN_REVIEW)
    reason = "金额以机构官网更正后的新闻稿为准"
    done = _api(
        editor, "POST", f"/api/items/{item.id}/approve", json={"version": 1, "override": reason}
    )
    assert done.status_code == 200
    assert done.json()["item"]["state"] == "approved"
    assert done.json()["check"]["unsupported"][0]["text"] == "1.8亿英镑"
    history = _api(editor, "GET", f"/api/items/{item.id}/history").json()
    last = history[-1]
    assert last["editor"] == "editor1" and reason in last["note"] and "1.8亿英镑" in last["note"]
    assert last["fields"]["state"] == "approved"
    assert reason in editor.http.get(f"/items/{item.id}").text


@only_sqlite
def test_hostile_text_is_inert_everywhere(web: WebApp, analyst: SignedIn) -> None:
    evil = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    item = _item(
        web.store,
        body=f"{evil} 投资1.8亿英镑",
        title=f"{evil}标题",
        source_urls=["javascript:alert(3)", URL],
        original_title=f'<a href="javascript:alert(4)">{evil}</a>',
        notes=[f'<b onmouseover="x()">{evil}</b>'],
        contributors=[evil],
    )
    pages = [
        analyst.http.get(f"/items/{item.id}").text,
        analyst.http.get("/items").text,
        analyst.http.post(
            f"/items/{item.id}/check",
            data=_form(analyst, item),
            headers={"HX-Request": "true"},
        ).text,
    ]
    for html in pages:
        assert "<script>alert" not in html and "<img" not in html
        assert 'onerror="' not in html and "<b onmouseover" not in html
        assert "&lt;script&gt;alert(" in html and "&lt;img src=x onerror=&#34;alert(" in html
        assert "javascript:" not in " ".join(re.findall(r'href="[^"]*"', html)).lower()
        for tag in re.findall(r"<script[^>]*>", html):
            assert 'src="/static/' in tag
    editor_page = pages[0]
    assert '<span class="inert-url">javascript:alert(3)</span>' in editor_page
    assert f'href="{URL}"' in editor_page
    assert '<mark class="fact fact-money" title="money">1.8亿英镑</mark>' in pages[2]
    # The JSON carries the text as it is (clients must escape it too).
    data = analyst.http.get(f"/api/items/{item.id}").json()
    assert data["item"]["title"].startswith("<script>")


@only_sqlite
def test_the_list_filters_by_state_and_domain_and_pages(web: WebApp, analyst: SignedIn) -> None:
    now = utcnow()
    web.store.items.add_many(
        [
            Item(title=f"条目{n}", body=["正文"], domain=d, section="产业动态")
            for n, d in enumerate(["半导体", "量子技术", "半导体"], start=1)
        ],
        now=now,
    )
    web.store.items.set_state([3], ItemState.APPROVED, now=now)
    first = analyst.http.get("/api/items", params={"limit": 2}).json()
    assert [i["title"] for i in first["items"]] == ["条目3", "条目2"]  # newest first
    assert first["next_offset"] == 2
    rest = analyst.http.get("/api/items", params={"limit": 2, "offset": 2}).json()
    assert [i["title"] for i in rest["items"]] == ["条目1"] and rest["next_offset"] is None
    chips = analyst.http.get("/api/items", params={"domain": "半导体", "state": "draft"})
    assert [i["title"] for i in chips.json()["items"]] == ["条目1"]
    page = analyst.http.get("/items", params={"state": "approved"}).text
    assert "条目3" in page and "条目1" not in page
    assert '<option value="approved" selected>' in page
    everything = analyst.http.get("/items", params={"state": "", "domain": ""}).text
    assert all(f"条目{n}" in everything for n in (1, 2, 3))
    assert analyst.http.get("/api/items", params={"state": "lost"}).status_code == 422
    analyst.http.get("/lang/en", params={"next": "/items"})
    english = analyst.http.get("/items", params={"state": "approved"}).text
    assert "<h1>Items</h1>" in english and "Approved" in english
    assert "Fact check" in analyst.http.get("/items/1").text


@only_sqlite
def test_redraft_from_the_story_with_one_click(web: WebApp, analyst: SignedIn) -> None:
    store = web.store
    item = _item(store, body="分析员写坏了的正文", title="旧标题")
    doc_id = item.document_ids[0]
    wire = _document(store, "https://wire.example/hubs", GRANT[1][0])  # only in the story
    now = utcnow()
    story = Story(
        id=7,
        title=GRANT[0][0],
        document_ids=[doc_id, wire],
        first_seen=now,
        last_seen=now,
        lead_document_id=doc_id,
        domain="量子技术",
        relevance=0.9,
    )
    store.stories.save([StoryLink(doc_id, 7), StoryLink(wire, 7)], [story], now=now)
    store.stories.link_item(7, item.id or 0, now=now)
    page = analyst.http.get(f"/items/{item.id}").text
    assert 'value="offline"' in page and 'value="llm"' not in page  # no LLM configured
    stale = analyst.http.post(
        f"/items/{item.id}/redraft",
        data={"csrf_token": analyst.csrf, "version": "9", "writer": "offline"},
    )
    assert stale.status_code == 409
    done = analyst.http.post(
        f"/items/{item.id}/redraft",
        data={"csrf_token": analyst.csrf, "version": "1", "writer": "offline"},
    )
    assert done.status_code == 303 and done.headers["location"].endswith("done=redrafted")
    fresh = store.items.get(item.id or 0)
    assert fresh.title != "旧标题" and fresh.body != ["分析员写坏了的正文"]
    assert fresh.contributors == ["王五"] and fresh.state is ItemState.DRAFT
    assert sorted(fresh.document_ids) == [doc_id, wire]  # the story's documents
    assert "https://wire.example/hubs" in fresh.source_urls
    assert any(n.startswith("[check]") for n in fresh.notes)
    history = store.items.history(item.id or 0)
    assert history[-1]["note"] == "redrafted by the offline writer"
    assert history[0]["fields"]["title"] == "旧标题"  # the old text is kept
    llm = _api(analyst, "POST", f"/api/items/{item.id}/redraft", json={"version": 2, "llm": True})
    assert llm.status_code == 400 and "not configured" in llm.json()["detail"]


@only_sqlite
def test_bad_input_keeps_the_form_and_published_items_are_frozen(
    web: WebApp, analyst: SignedIn
) -> None:
    item = _item(web.store)
    bad = analyst.http.post(
        f"/items/{item.id}", data=_form(analyst, item, event_date="2026-13", title="我的新标题")
    )
    assert bad.status_code == 400 and "事件日期" in bad.text
    assert 'value="我的新标题"' in bad.text
    assert web.store.items.get(item.id or 0).version == 1
    assert analyst.http.get("/items/999").status_code == 404
    assert analyst.http.get("/api/items/999").status_code == 404
    web.store.items.set_state([item.id or 0], ItemState.PUBLISHED, now=utcnow())
    frozen = web.store.items.get(item.id or 0)
    refused = analyst.http.post(f"/items/{item.id}", data=_form(analyst, frozen, title="改"))
    assert refused.status_code == 400 and "已发布，不能再修改" in refused.text
    assert "<fieldset disabled>" in analyst.http.get(f"/items/{item.id}").text


@only_sqlite
def test_redraft_with_the_llm_writer_when_configured(web: WebApp, analyst: SignedIn) -> None:
    item = _item(web.store, title="旧标题")
    reply = {"title": "英国投资1.2亿英镑建设量子计算中心", "body": ["英国将投资1.8亿英镑。"]}
    with openai_server() as llm:
        llm.script(completion(json.dumps(reply, ensure_ascii=False)))
        state = web.app.state.kuaibao
        state.settings = replace(
            state.settings, llm=LLMSettings(base_url=llm.base_url, model="test-model", retries=0)
        )
        assert 'value="llm"' in analyst.http.get(f"/items/{item.id}").text
        done = _api(
            analyst, "POST", f"/api/items/{item.id}/redraft", json={"version": 1, "llm": True}
        )
    assert done.status_code == 200, done.text
    data = done.json()
    assert data["writer"] == "llm:test-model" and data["note"] is None
    assert data["item"]["title"] == reply["title"] and data["item"]["version"] == 2
    assert [u["text"] for u in data["check"]["unsupported"]] == ["1.8亿英镑"]
    assert any("1.8亿英镑" in n for n in data["item"]["notes"])
