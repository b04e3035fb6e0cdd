"""Drafting in the background: 202 and a job, the page that follows it, failures, the
batch of accepted stories, and jobs a dead process left running (run by the app's real
in-process runner against a served app)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kuaibao.config import LLMSettings
from kuaibao.domain import Story, StoryState, TriageAction, TriageDecision
from kuaibao.jobs.kinds import DRAFT_ACCEPTED, DRAFT_STORY
from kuaibao.store import JobState, Store
from kuaibao.web.core.state import utcnow
from tests.support.openai_server import error, openai_server
from tests.web.conftest import SignedIn, WebApp, follow_job, only_sqlite
from tests.web.triage_corpus import Clustered, Seeded, clustered, seed

__all__ = ["clustered"]  # the session's clustered corpus, a fixture

EMPTY_STORY = 9_001


@pytest.fixture
def seeded(web: WebApp, clustered: Clustered) -> Seeded:
    return seed(web.store, clustered)


def _accept(store: Store, *story_ids: int) -> None:
    for story_id in story_ids:
        store.stories.decide(
            TriageDecision(story_id=story_id, action=TriageAction.ACCEPT, title="t", text=""),
            now=utcnow(),
        )


def _empty_story(store: Store) -> int:
    """A story whose documents are gone: drafting it is refused with a clear message."""
    now = utcnow()
    story = Story(
        id=EMPTY_STORY, title="空报道", document_ids=[], first_seen=now, last_seen=now,
        state=StoryState.ACCEPTED,
    )  # fmt: skip
    store.stories.save([], [story], now=now)
    return EMPTY_STORY


def _headers(who: SignedIn) -> dict[str, str]:
    return {"X-CSRF-Token": who.csrf}


def test_draft_answers_202_and_the_job_ends_with_the_item(
    web: WebApp, seeded: Seeded, analyst: SignedIn
) -> None:
    started = analyst.http.post(
        f"/api/stories/{seeded.grant}/draft", json={}, headers=_headers(analyst)
    )
    assert started.status_code == 202, started.text
    job = started.json()
    assert job["kind"] == DRAFT_STORY and job["state"] in ("queued", "running", "done")
    assert started.headers["location"] == f"/api/jobs/{job['id']}"
    assert job["created_by"] == analyst.name and job["params"] == {"story": seeded.grant,
                                                                   "llm": False}  # fmt: skip
    ended = follow_job(analyst, job["id"])
    assert ended["state"] == "done" and ended["error"] is None
    assert (ended["done"], ended["total"]) == (1, 1)
    assert ended["started_at"] and ended["finished_at"]
    assert web.store.stories.get(seeded.grant).item_id == ended["item"]
    assert web.store.items.get(ended["item"]).contributors == [analyst.name]
    again = analyst.http.post(
        f"/api/stories/{seeded.grant}/draft", json={}, headers=_headers(analyst)
    )
    assert again.status_code == 409


def test_the_job_page_follows_itself_until_the_job_ends(
    web: WebApp, seeded: Seeded, analyst: SignedIn
) -> None:
    # A job nobody runs yet (recorded, not handed to the runner) stays queued.
    waiting = web.store.jobs.add(DRAFT_STORY, {"story": seeded.chip}, created_by="x", now=utcnow())
    twice = analyst.http.post(
        f"/api/stories/{seeded.chip}/draft", json={}, headers=_headers(analyst)
    )
    assert twice.status_code == 409, "a second click while the first draft is under way"
    page = analyst.http.get(f"/jobs/{waiting.id}")
    assert page.status_code == 200 and "<html" in page.text
    assert f'hx-get="/jobs/{waiting.id}" hx-trigger="every 1s"' in page.text
    assert "排队中" in page.text and "<script>" not in page.text.split("</head>")[1]
    fragment = analyst.http.get(f"/jobs/{waiting.id}", headers={"HX-Request": "true"})
    assert fragment.text.lstrip().startswith('<div id="job-state"') and "<html" not in fragment.text
    web.app.state.kuaibao.jobs.run(waiting.id)  # now the runner takes it
    done = analyst.http.get(f"/jobs/{waiting.id}", headers={"HX-Request": "true"}).text
    item = web.store.stories.get(seeded.chip).item_id
    assert item is not None and f'href="/items/{item}"' in done
    assert "hx-trigger" not in done and "已完成" in done
    # A finished draft sends the analyst on to the item editor: the poll by HX-Redirect,
    # a plain page load by a 303.
    polled = analyst.http.get(f"/jobs/{waiting.id}", headers={"HX-Request": "true"})
    assert polled.headers.get("hx-redirect") == f"/items/{item}"
    plain = analyst.http.get(f"/jobs/{waiting.id}", follow_redirects=False)
    assert (plain.status_code, plain.headers["location"]) == (303, f"/items/{item}")


def test_a_failing_job_is_failed_with_its_reason(
    web: WebApp, seeded: Seeded, analyst: SignedIn
) -> None:
    story = _empty_story(web.store)
    started = analyst.http.post(f"/api/stories/{story}/draft", json={}, headers=_headers(analyst))
    assert started.status_code == 202
    ended = follow_job(analyst, started.json()["id"])
    assert ended["state"] == "failed" and ended["item"] is None and ended["result"] is None
    assert "没有" in ended["error"] or "no stored documents" in ended["error"], ended["error"]
    page = analyst.http.get(f"/jobs/{ended['id']}").text
    assert "失败" in page and "hx-trigger" not in page
    assert "no stored documents" not in page, "the stored reason is shown in Chinese"
    assert web.store.stories.get(story).item_id is None


@only_sqlite
def test_a_failing_llm_endpoint_ends_in_the_offline_draft_with_a_note(
    web: WebApp, seeded: Seeded, analyst: SignedIn
) -> None:
    with openai_server() as llm:
        llm.script(*[error(500, "upstream broke")] * 4)
        state = web.app.state.kuaibao
        state.settings = replace(
            state.settings, llm=LLMSettings(base_url=llm.base_url, model="test-model", retries=0)
        )
        started = analyst.http.post(
            f"/api/stories/{seeded.grant}/draft", json={"llm": True}, headers=_headers(analyst)
        )
        assert started.status_code == 202, started.text
        ended = follow_job(analyst, started.json()["id"])
    assert ended["state"] == "done", ended
    assert ended["result"]["writer"] == "offline" and ended["result"]["note"]
    item = web.store.items.get(ended["item"])
    assert ended["result"]["note"] in item.notes


def test_drafting_every_accepted_story_as_one_job(
    web: WebApp, seeded: Seeded, analyst: SignedIn
) -> None:
    _accept(web.store, seeded.grant, seeded.chip)
    empty = _empty_story(web.store)
    started = analyst.http.post("/api/drafts", json={}, headers=_headers(analyst))
    assert started.status_code == 202, started.text
    assert started.json()["kind"] == DRAFT_ACCEPTED
    ended = follow_job(analyst, started.json()["id"])
    assert ended["state"] == "done" and (ended["done"], ended["total"]) == (3, 3)
    drafted = {d["story"]: d["item"] for d in ended["result"]["drafted"]}
    assert set(drafted) == {seeded.grant, seeded.chip}
    for story_id, item_id in drafted.items():
        assert web.store.stories.get(story_id).item_id == item_id
    assert [f["story"] for f in ended["result"]["failed"]] == [empty]
    assert web.store.stories.get(seeded.fusion).item_id is None, "not accepted: not drafted"
    page = analyst.http.get(f"/jobs/{ended['id']}").text
    assert all(f'href="/items/{i}"' in page for i in drafted.values())
    # a second batch finds nothing left but the story it cannot draft
    second = follow_job(
        analyst, analyst.http.post("/api/drafts", json={}, headers=_headers(analyst)).json()["id"]
    )
    assert second["result"]["drafted"] == [] and second["total"] == 1
    # the triage page offers the batch as a plain form
    assert 'action="/drafts"' in analyst.http.get("/triage").text


def test_jobs_a_dead_process_left_running_are_run_again_without_a_second_item(
    web: WebApp, seeded: Seeded, analyst: SignedIn
) -> None:
    jobs = web.store.jobs
    now = utcnow()
    # died after the item was stored and linked: the rerun must reuse it
    finished = analyst.http.post(
        f"/api/stories/{seeded.grant}/draft", json={}, headers=_headers(analyst)
    )
    item = follow_job(analyst, finished.json()["id"])["item"]
    stale = jobs.add(DRAFT_STORY, {"story": seeded.grant}, created_by=analyst.name, now=now)
    assert jobs.start(stale.id, now=now)
    # died before it began its work
    fresh = jobs.add(DRAFT_STORY, {"story": seeded.chip}, created_by=analyst.name, now=now)
    assert jobs.start(fresh.id, now=now)
    assert jobs.get(stale.id).state is JobState.RUNNING  # visible as such
    items_before = web.store.items.count()

    resumed = web.app.state.kuaibao.jobs.resume()
    assert [j.id for j in resumed] == [stale.id, fresh.id]
    again = follow_job(analyst, stale.id)
    assert again["state"] == "done" and again["item"] == item
    assert again["result"]["existing"] is True
    other = follow_job(analyst, fresh.id)
    assert web.store.stories.get(seeded.chip).item_id == other["item"]
    assert web.store.items.count() == items_before + 1, "one new item, for the chip story"
    assert web.store.stories.get(seeded.grant).item_id == item


@only_sqlite
def test_unknown_jobs_and_strangers(web: WebApp, seeded: Seeded, analyst: SignedIn) -> None:
    assert analyst.http.get("/api/jobs/424242").status_code == 404
    assert analyst.http.get("/jobs/424242").status_code == 404
    stranger = web.client()
    job = web.store.jobs.add(DRAFT_STORY, {"story": seeded.grant}, created_by=None, now=utcnow())
    assert stranger.get(f"/api/jobs/{job.id}").status_code == 401
    assert stranger.post("/api/drafts", json={}).status_code == 401
    no_token = analyst.http.post("/api/drafts", json={})
    assert no_token.status_code == 403
    llm = analyst.http.post("/api/drafts", json={"llm": True}, headers=_headers(analyst))
    assert llm.status_code == 202, "the LLM is not configured: the job fails, saying so"
    failed = follow_job(analyst, llm.json()["id"])
    assert failed["state"] == "failed" and "LLM" in failed["error"]
