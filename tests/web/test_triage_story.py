"""The story view: every report side by side with facts marked, hostile text inert, drafting."""

from __future__ import annotations

import re

import pytest

from kuaibao.domain import StoryState
from tests.web.conftest import SignedIn, WebApp, follow_job, only_sqlite
from tests.web.triage_corpus import EVIL_TEXT, GRANT_URLS, Clustered, Seeded, clustered, seed

__all__ = ["clustered"]  # the session's clustered corpus, a fixture


@pytest.fixture
def seeded(web: WebApp, clustered: Clustered) -> Seeded:
    return seed(web.store, clustered)


def articles(html: str) -> list[str]:
    return re.findall(r'<article class="report[^"]*".*?</article>', html, flags=re.S)


def test_every_source_side_by_side_with_facts_marked(
    web: WebApp, seeded: Seeded, analyst: SignedIn
) -> None:
    page = analyst.http.get(f"/stories/{seeded.grant}")
    assert page.status_code == 200
    reports = articles(page.text)
    assert len(reports) == 3
    assert 'class="report lead"' in reports[0] and GRANT_URLS[0] in reports[0]
    for report, source, url in zip(reports, ("Agency", "Wire", "Daily"), GRANT_URLS, strict=True):
        assert f"<strong>{source}</strong>" in report and f'href="{url}"' in report
        assert '<mark class="fact fact-money" title="1.2亿英镑">' in report
    assert '<mark class="fact fact-money" title="1.2亿英镑">£120 million</mark>' in reports[0]
    assert re.search(r'<mark class="fact fact-date" title="[^"]*">12 November 2026</mark>',
                     reports[0])  # fmt: skip
    assert '<mark class="fact fact-org"' in reports[0]  # UK Research and Innovation
    assert "来源级别 1" in page.text and "<meter" in page.text  # why it ranks here

    detail = analyst.http.get(f"/api/stories/{seeded.grant}").json()
    assert detail["story"]["id"] == seeded.grant and detail["more_documents"] == []
    docs = detail["documents"]
    assert [d["url"] for d in docs] == list(GRANT_URLS)
    assert [d["source"]["name"] for d in docs] == ["Agency", "Wire", "Daily"]
    assert docs[0]["lead"] is True and docs[0]["source"]["country"] == "GB"
    kinds = {f["kind"] for f in docs[0]["facts"]}
    assert {"money", "date", "org"} <= kinds
    for doc in docs:
        assert doc["published_at"] and doc["text"]
        for fact in doc["facts"]:
            assert doc["text"][fact["start"] : fact["end"]] == fact["text"]


@only_sqlite
def test_hostile_report_text_title_and_url_are_inert(
    web: WebApp, seeded: Seeded, analyst: SignedIn
) -> None:
    html = analyst.http.get(f"/stories/{seeded.evil}").text
    assert "<script>alert" not in html and "<img src=x" not in html and "<b onmouseover" not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in html
    assert "&lt;b onmouseover=&#34;alert(3)&#34;&gt;" in html
    assert '<span class="inert-url">&lt;script&gt;alert(&#34;t&#34;)' in html  # the title
    # facts next to hostile markup are still marked, and only by our own tags
    assert '<mark class="fact fact-money" title="3亿美元">$300 million</mark>' in html
    assert '<mark class="fact fact-percent" title="25%">25%</mark>' in html
    detail = analyst.http.get(f"/api/stories/{seeded.evil}").json()
    assert detail["documents"][0]["text"] == EVIL_TEXT


@only_sqlite
def test_drafting_makes_one_item_and_goes_to_it(
    web: WebApp, seeded: Seeded, analyst: SignedIn
) -> None:
    form = {"csrf_token": analyst.csrf}
    me = web.store.users.by_name(analyst.name)
    assert me is not None and me.id is not None
    web.store.users.change(me.id, display_name="张娟")
    made = analyst.http.post(f"/stories/{seeded.grant}/draft", data=form)
    assert made.status_code == 303 and made.headers["location"].startswith("/jobs/")
    job_id = int(made.headers["location"].removeprefix("/jobs/"))
    job = follow_job(analyst, job_id)
    assert job["state"] == "done" and job["kind"] == "draft_story", job
    item_id = job["item"]
    followed = analyst.http.get(f"/jobs/{job_id}")  # ended: on to the item editor
    assert (followed.status_code, followed.headers["location"]) == (303, f"/items/{item_id}")
    item = web.store.items.get(item_id)
    assert item.title and any(n.startswith("[check]") for n in item.notes)
    assert item.contributors == ["张娟"], "credited to the drafter's display name"
    story = web.store.stories.get(seeded.grant)
    assert story.item_id == item_id and story.state is StoryState.ACCEPTED
    again = analyst.http.post(f"/stories/{seeded.grant}/draft", data=form)
    assert again.status_code == 409
    page = analyst.http.get(f"/stories/{seeded.grant}").text
    assert (
        f'href="/items/{item_id}"' in page and f'action="/stories/{seeded.grant}/draft"' not in page
    )

    headers = {"X-CSRF-Token": analyst.csrf}
    api = analyst.http.post(f"/api/stories/{seeded.chip}/draft", json={}, headers=headers)
    assert api.status_code == 202, api.text
    assert api.headers["location"] == f"/api/jobs/{api.json()['id']}"
    answer = follow_job(analyst, api.json()["id"])["result"]
    assert answer["story"] == seeded.chip and answer["writer"] == "offline"
    assert answer["check_ok"] is True
    assert web.store.items.get(answer["item"]).contributors == ["张娟"]
    assert web.store.stories.get(seeded.chip).item_id == answer["item"]
    # the LLM writer is not configured here: refused, nothing made
    llm = analyst.http.post(f"/api/stories/{seeded.fusion}/draft", json={"llm": True},
                            headers=headers)  # fmt: skip
    assert llm.status_code == 400 and "LLM" in llm.json()["detail"]
    assert web.store.stories.get(seeded.fusion).item_id is None
    assert 'name="llm"' not in analyst.http.get(f"/stories/{seeded.fusion}").text


@only_sqlite
def test_story_view_decisions_come_back_to_the_story(
    web: WebApp, seeded: Seeded, analyst: SignedIn
) -> None:
    page = analyst.http.get(f"/stories/{seeded.fusion}").text
    assert "hx-post" not in page  # plain forms here; htmx swaps rows only in the queue
    assert f'value="/stories/{seeded.fusion}"' in page
    decided = analyst.http.post(
        f"/stories/{seeded.fusion}/decision",
        data={"action": "reject", "csrf_token": analyst.csrf, "next": f"/stories/{seeded.fusion}"},
    )
    assert decided.status_code == 303 and decided.headers["location"] == f"/stories/{seeded.fusion}"
    assert web.store.stories.decisions()[0].user == "analyst1"
    assert "已舍弃" in analyst.http.get(f"/stories/{seeded.fusion}").text


@only_sqlite
def test_unknown_stories_and_strangers(web: WebApp, seeded: Seeded, analyst: SignedIn) -> None:
    assert analyst.http.get("/api/stories/424242").status_code == 404
    missing = analyst.http.get("/stories/424242")
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
    assert analyst.http.get("/api/stories/0").status_code == 422
    stranger = web.client()
    assert stranger.get(f"/api/stories/{seeded.grant}").status_code == 401
    assert stranger.get(f"/stories/{seeded.grant}").status_code == 302
    assert stranger.post(f"/api/stories/{seeded.grant}/draft", json={}).status_code == 401
    no_token = analyst.http.post(f"/stories/{seeded.grant}/draft", data={})
    assert no_token.status_code == 403 and web.store.stories.get(seeded.grant).item_id is None
