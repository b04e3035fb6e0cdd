"""A long fact check does not stop the server answering others (real uvicorn on loopback).

The route handlers are plain functions, so Starlette runs them in its thread pool; what
froze ``/api/health`` for 12 s was one regular-expression call over a 20,000-digit run,
which holds the GIL from start to end. With bounded patterns a check is many short calls,
and the event loop gets the GIL between them. The test asserts order, not time: the
health answer arrives while the check is still running.
"""

from __future__ import annotations

import inspect
import threading
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute

import kuaibao.draft.review as review
from kuaibao.domain import Document, Item
from kuaibao.facts.check import LIMIT, MAX_PARAGRAPH_CHARS, MAX_SOURCE_CHARS
from kuaibao.store import Store
from kuaibao.web.core.routing import served_routes
from kuaibao.web.core.state import utcnow
from tests.web.conftest import SignedIn, WebApp, only_sqlite

URL = "https://agency.example/long-report"
# A dense source: every sentence holds a sum, a percentage, a date and a count, so the
# check has real work at every line (several seconds at the source bound).
SENTENCE = "On 3 March 2025 the agency gave £{n} million, up {p}% on the year, to {c} labs. "


def _long_source() -> str:
    parts: list[str] = []
    size = n = 0
    while size < MAX_SOURCE_CHARS * 3 // 4:
        n += 1
        parts.append(SENTENCE.format(n=n % 900 + 10, p=n % 60 + 1, c=n % 40 + 2))
        size += len(parts[-1])
    return "".join(parts)


def _item(store: Store) -> Item:
    doc = Document(
        url=URL,
        canonical_url=URL,
        title="A long report",
        text=_long_source(),
        content_hash="f" * 64,
        fetched_at=utcnow(),
        published_at=datetime(2025, 3, 3, tzinfo=UTC),
    )
    stored, _ = store.documents.add(doc)
    assert stored.id is not None
    item = Item(
        title="长报告",
        body=["机构资助12个实验室。"],
        domain="量子技术",
        section="产业动态",
        source_urls=[URL],
        document_ids=[stored.id],
    )
    saved = store.items.add(item, now=utcnow(), editor="offline")
    assert saved.id is not None
    return saved


@only_sqlite
def test_health_answers_while_a_long_check_runs(
    web: WebApp, analyst: SignedIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = _item(web.store)
    started, finished = threading.Event(), threading.Event()
    real_check = review.check_draft

    def observed(*args: Any, **kwargs: Any) -> Any:
        started.set()
        try:
            return real_check(*args, **kwargs)
        finally:
            finished.set()

    monkeypatch.setattr(review, "check_draft", observed)
    answer: dict[str, httpx.Response] = {}

    def post_check() -> None:
        answer["check"] = analyst.http.post(
            f"/api/items/{item.id}/check",
            headers={"X-CSRF-Token": analyst.csrf},
            json={"title": "长报告", "body": "1" * 19_000},  # the 20,000-digit case
            timeout=120,
        )

    worker = threading.Thread(target=post_check)
    worker.start()
    assert started.wait(30), "the check never started"
    health = web.client().get("/api/health", timeout=120)
    health_before_check = not finished.is_set()
    worker.join(120)
    assert health.status_code == 200
    assert health_before_check, "/api/health waited for the check to finish"
    check = answer["check"]
    assert check.status_code == 200
    found = check.json()["unsupported"]
    assert [u["kind"] for u in found] == [LIMIT]  # the digits past the bound are not read


@only_sqlite
def test_no_route_handler_runs_on_the_event_loop(web: WebApp) -> None:
    """Every handler is a plain function, so its work (the fact check, drafting, search)
    runs in the thread pool; an ``async def`` handler would run it on the loop itself."""
    handlers = [r for r in served_routes(web.app) if isinstance(r, APIRoute)]
    assert len(handlers) > 20
    on_loop = [r.path for r in handlers if inspect.iscoroutinefunction(r.endpoint)]
    assert on_loop == []


@only_sqlite
def test_the_check_panel_names_text_past_the_bounds(web: WebApp, analyst: SignedIn) -> None:
    item = _item(web.store)
    long_body = "机构资助12个实验室。" + "很" * MAX_PARAGRAPH_CHARS
    form = {
        "csrf_token": analyst.csrf,
        "version": str(item.version),
        "title": item.title,
        "body": long_body,
        "domain": item.domain or "",
        "section": item.section or "",
        "contributors": "",
        "source_urls": "\r\n".join(item.source_urls),
        "original_title": "",
        "event_date": "",
    }
    panel = analyst.http.post(
        f"/items/{item.id}/check", data=form, headers={"HX-Request": "true"}, timeout=60
    )
    assert panel.status_code == 200
    assert "未核查（超出长度上限）" in panel.text
    assert '<mark class="fact fact-limit"' in panel.text
