"""Rewriting one paragraph from the sources with the model (the scripted OpenAI server),
in the background: the job, the proposal in the editor, accepting it without losing the
analyst's unsaved text, and the refusals (no model, stale version, changed paragraph)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace

import pytest

from kuaibao.config import LLMSettings
from kuaibao.domain import Item, ItemState
from kuaibao.jobs.kinds import REWRITE_PARAGRAPH
from kuaibao.store import JobState
from kuaibao.web.core.state import utcnow
from tests.support.openai_server import OpenAIServer, completion, openai_server
from tests.web.conftest import SignedIn, WebApp, follow_job, only_sqlite
from tests.web.test_desk import _story_item

FIRST = "2026年11月12日，英国研究与创新署宣布投资1.2亿英镑。"
REWRITTEN = "2026年11月12日，英国研究与创新署宣布在五年内投资1.2亿英镑，建设五个量子计算中心。"
INVENTED = REWRITTEN.replace("1.2亿英镑", "1.8亿英镑")


def _reply(paragraph: str) -> str:
    answer = {"title": "标题", "body": [paragraph], "key_sentences": []}
    return json.dumps(answer, ensure_ascii=False)


def _headers(who: SignedIn) -> dict[str, str]:
    return {"X-CSRF-Token": who.csrf}


@pytest.fixture
def model(web: WebApp) -> Iterator[OpenAIServer]:
    """The app configured with the scripted chat-completions server as its model."""
    with openai_server() as server:
        state = web.app.state.kuaibao
        state.settings = replace(
            state.settings,
            llm=LLMSettings(base_url=server.base_url, model="test-model", retries=0),
        )
        yield server


def _form(who: SignedIn, item: Item, body: str) -> dict[str, str]:
    return {
        "csrf_token": who.csrf,
        "version": str(item.version),
        "title": item.title,
        "body": body,
        "domain": item.domain or "",
        "section": item.section or "",
        "contributors": "",
        "source_urls": "\r\n".join(item.source_urls),
        "original_title": "",
        "event_date": "",
    }


@only_sqlite
def test_without_a_model_there_is_no_rewrite(web: WebApp, analyst: SignedIn) -> None:
    item = _story_item(web.store)
    page = analyst.http.get(f"/items/{item.id}").text
    assert "/paragraphs/1/rewrite" not in page
    refused = analyst.http.post(
        f"/api/items/{item.id}/paragraphs/1/rewrite", json={"version": 1}, headers=_headers(analyst)
    )
    assert refused.status_code == 409
    assert "LLM writer is not configured" in refused.json()["detail"]
    assert web.store.jobs.in_state(JobState.QUEUED) == [], "no job was recorded"


@only_sqlite
def test_a_paragraph_is_rewritten_in_the_background_and_accepted(
    web: WebApp, analyst: SignedIn, model: OpenAIServer
) -> None:
    model.script(completion(_reply(INVENTED)), completion(_reply(REWRITTEN)))
    item = _story_item(web.store)
    page = analyst.http.get(f"/items/{item.id}").text
    assert f'action="/items/{item.id}/paragraphs/1/rewrite"' in page
    assert f'action="/items/{item.id}/paragraphs/2/rewrite"' in page
    started = analyst.http.post(
        f"/api/items/{item.id}/paragraphs/1/rewrite", json={"version": 1}, headers=_headers(analyst)
    )
    assert started.status_code == 202, started.text
    job = started.json()
    assert job["kind"] == REWRITE_PARAGRAPH
    assert started.headers["location"] == f"/api/jobs/{job['id']}"
    ended = follow_job(analyst, job["id"])
    assert ended["state"] == "done", ended
    result = ended["result"]
    # The first answer invented a sum; the repair round (with the source sentences) fixed it.
    assert (result["text"], result["original"], result["rounds"]) == (REWRITTEN, FIRST, 1)
    assert result["unsupported"] == [] and result["writer"] == "llm:test-model"
    repair = model.requests[1].messages[-1]["content"]
    assert "1.8亿英镑" in repair and "£120 million" in repair
    first = model.requests[0].messages[-1]["content"]
    assert f"第1段：{FIRST}" in first and "请只依据上面的原文重写第1段" in first
    assert web.store.items.get(item.id or 0).body[0] == FIRST, "nothing is saved by the job"

    # The editor shows the proposal; accepting it submits the analyst's current text,
    # whose unsaved change to paragraph 2 is kept.
    shown = analyst.http.get(f"/items/{item.id}?rewrite={job['id']}").text
    panel = re.search(r'<section id="rewrite".*?</section>', shown, re.S)
    assert panel is not None and REWRITTEN in panel.group(0) and "hx-trigger" not in panel.group(0)
    accept = f"/items/{item.id}/rewrites/{job['id']}/accept"
    assert f'form="item-form" formaction="{accept}"' in panel.group(0)
    typed = f"{FIRST}\r\n\r\n分析员尚未保存的第二段。"
    done = analyst.http.post(accept, data=_form(analyst, item, typed))
    assert (done.status_code, done.headers["location"]) == (303, f"/items/{item.id}?done=rewritten")
    saved = web.store.items.get(item.id or 0)
    assert saved.body == [REWRITTEN, "分析员尚未保存的第二段。"] and saved.version == 2
    note = web.store.items.history(item.id or 0)[-1]["note"]
    assert note == "paragraph 1 rewritten from the sources (llm:test-model)"
    assert "已采用改写并保存" in analyst.http.get(done.headers["location"]).text


@only_sqlite
def test_accepting_never_overwrites_unseen(
    web: WebApp, analyst: SignedIn, model: OpenAIServer
) -> None:
    model.script(completion(_reply(REWRITTEN)))
    item = _story_item(web.store)
    job = analyst.http.post(
        f"/api/items/{item.id}/paragraphs/1/rewrite", json={"version": 1}, headers=_headers(analyst)
    ).json()
    follow_job(analyst, job["id"])
    accept = f"/items/{item.id}/rewrites/{job['id']}/accept"
    # The analyst changed that paragraph meanwhile: refused, the typed text stays.
    mine = "我改过的第一段。\r\n\r\n第二段。"
    changed = analyst.http.post(accept, data=_form(analyst, item, mine))
    assert changed.status_code == 400 and "我改过的第一段。" in changed.text
    assert "段已被修改，请重新改写" in changed.text
    # Someone else saved since the form was opened: the conflict panel, nothing overwritten.
    web.store.items.update(replace(item, body=[FIRST, "别人的第二段。"]), now=utcnow())
    stale = analyst.http.post(accept, data=_form(analyst, item, f"{FIRST}\r\n\r\n第二段。"))
    assert stale.status_code == 409 and "别人的第二段。" in stale.text
    assert web.store.items.get(item.id or 0).body == [FIRST, "别人的第二段。"]
    # The JSON twin works on the stored text at the version given.
    old = analyst.http.post(
        f"/api/items/{item.id}/rewrites/{job['id']}/accept", json={"version": 1},
        headers=_headers(analyst),
    )  # fmt: skip
    assert old.status_code == 409 and old.json()["current"]["version"] == 2
    ok = analyst.http.post(
        f"/api/items/{item.id}/rewrites/{job['id']}/accept", json={"version": 2},
        headers=_headers(analyst),
    )  # fmt: skip
    assert ok.status_code == 200 and ok.json()["body"] == [REWRITTEN, "别人的第二段。"]


@only_sqlite
def test_refusals_are_clear(web: WebApp, analyst: SignedIn, model: OpenAIServer) -> None:
    item = _story_item(web.store)
    api = f"/api/items/{item.id}/paragraphs"
    stale = analyst.http.post(f"{api}/1/rewrite", json={"version": 7}, headers=_headers(analyst))
    assert stale.status_code == 409 and "changed" in stale.json()["detail"]
    missing = analyst.http.post(f"{api}/3/rewrite", json={"version": 1}, headers=_headers(analyst))
    assert missing.status_code == 404 and "no paragraph 3" in missing.json()["detail"]
    # A job of another kind, or of another item, is not this item's rewrite.
    other = web.store.jobs.add("draft_story", {"story": 1}, created_by="x", now=utcnow())
    assert analyst.http.get(f"/items/{item.id}?rewrite={other.id}").status_code == 404
    # A rewrite still running cannot be accepted; its panel follows the job.
    waiting = web.store.jobs.add(
        REWRITE_PARAGRAPH, {"item": item.id, "paragraph": 1, "version": 1}, created_by="x",
        now=utcnow(),
    )  # fmt: skip
    panel = analyst.http.get(
        f"/items/{item.id}/rewrites/{waiting.id}", headers={"HX-Request": "true"}
    ).text
    assert panel.lstrip().startswith('<section id="rewrite"')
    assert f'hx-get="/items/{item.id}/rewrites/{waiting.id}" hx-trigger="every 1s"' in panel
    early = analyst.http.post(
        f"/api/items/{item.id}/rewrites/{waiting.id}/accept", json={"version": 1},
        headers=_headers(analyst),
    )  # fmt: skip
    assert early.status_code == 409 and "has not finished" in early.json()["detail"]
    # The model answering garbage fails the job with the reason, shown in the editor.
    model.script(completion("no JSON here"))
    failed = analyst.http.post(f"{api}/2/rewrite", json={"version": 1}, headers=_headers(analyst))
    ended = follow_job(analyst, failed.json()["id"])
    assert ended["state"] == "failed" and "not a JSON object" in ended["error"]
    page = analyst.http.get(f"/items/{item.id}?rewrite={ended['id']}").text
    assert "not a JSON object" in page and 'form="item-form"' not in page
    # A published item cannot be rewritten.
    web.store.items.set_state([item.id or 0], ItemState.PUBLISHED, now=utcnow())
    frozen = analyst.http.post(f"{api}/1/rewrite", json={"version": 2}, headers=_headers(analyst))
    assert frozen.status_code == 409
