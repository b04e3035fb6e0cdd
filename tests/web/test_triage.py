"""The triage queue and its decisions: filters, paging, training labels, htmx rows, roles."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from kuaibao.domain import StoryState, TriageAction
from tests.web.conftest import SignedIn, WebApp, only_sqlite
from tests.web.triage_corpus import EVIL_TITLE, Clustered, Seeded, clustered, seed

__all__ = ["clustered"]  # the session's clustered corpus, a fixture


@pytest.fixture
def seeded(web: WebApp, clustered: Clustered) -> Seeded:
    return seed(web.store, clustered)


def ids(answer: dict[str, object]) -> list[int]:
    stories = answer["stories"]
    assert isinstance(stories, list)
    return [s["id"] for s in stories]


def queue(who: SignedIn, **params: object) -> dict[str, object]:
    response = who.http.get("/api/stories", params=params)
    assert response.status_code == 200, response.text
    answer: dict[str, object] = response.json()
    return answer


def test_the_queue_is_ranked_and_says_why(web: WebApp, seeded: Seeded, analyst: SignedIn) -> None:
    answer = queue(analyst)
    stories = answer["stories"]
    assert isinstance(stories, list)
    scores = [s["score"] for s in stories]
    assert scores == sorted(scores, reverse=True) and len(stories) == 5
    grant = stories[0]
    assert grant["id"] == seeded.grant and grant["sources"] == 3
    assert grant["domain"] == "量子技术" and grant["suggest_focus"] is True
    assert "tier 1 source" in grant["ranking_reasons"]
    assert any("量子技术" in r for r in grant["classifier_reasons"])
    assert grant["lead"]["url"] == "https://agency.example/news/quantum-hubs"
    assert grant["lead"]["source_name"] == "Agency"

    page = analyst.http.get("/triage")
    assert page.status_code == 200
    html = page.text
    assert html.index("UKRI commits £120 million") < html.index("Local football club")
    assert "来源级别 1" in html and "3 个独立来源" in html and "★" in html
    assert f'href="/stories/{seeded.grant}"' in html
    assert "j / k" in html and '<script src="/static/triage.js" defer></script>' in html


def test_filters_narrow_the_queue(web: WebApp, seeded: Seeded, analyst: SignedIn) -> None:
    everything = set(ids(queue(analyst)))
    assert ids(queue(analyst, domain="量子技术")) == [seeded.grant]
    assert set(ids(queue(analyst, section="产业动态"))) >= {seeded.fusion}
    assert seeded.grant not in ids(queue(analyst, section="产业动态"))
    # by source (any report of the story) and by the sources' country
    assert ids(queue(analyst, source=seeded.sources["Agency"])) == [seeded.grant]
    assert set(ids(queue(analyst, source=seeded.sources["Wire"]))) == {seeded.grant, seeded.chip}
    assert set(ids(queue(analyst, country="DE"))) == {seeded.grant, seeded.fusion, seeded.sport}
    assert ids(queue(analyst, country="FR")) == []
    # by relevance and by last activity (the corpus runs 16–17 November 2026)
    relevant = set(ids(queue(analyst, min_relevance=0.5)))
    assert seeded.sport not in relevant and seeded.grant in relevant
    assert ids(queue(analyst, until="2026-11-15")) == []
    assert set(ids(queue(analyst, since="2026-11-16", until="2026-11-17"))) == everything
    assert ids(queue(analyst, since="2026-11-18")) == []
    assert ids(queue(analyst, since="2026-11-17")) == [seeded.grant]  # joined on the 17th
    assert set(ids(queue(analyst, since="0001-01-01", until="9999-12-31"))) == everything
    # blank form fields mean "any"; nonsense is refused
    assert set(ids(queue(analyst, domain="", source="", since=""))) == everything
    assert analyst.http.get("/api/stories", params={"source": "x"}).status_code == 422
    assert analyst.http.get("/api/stories", params={"state": "gone"}).status_code == 422
    assert analyst.http.get("/api/stories", params={"limit": 10_000}).status_code == 422

    page = analyst.http.get("/triage", params={"domain": "量子技术", "source": ""})
    assert page.status_code == 200
    assert "UKRI commits" in page.text and "Local football club" not in page.text
    assert '<option value="量子技术" selected>' in page.text


@only_sqlite
def test_paging_through_the_queue(web: WebApp, seeded: Seeded, analyst: SignedIn) -> None:
    first = queue(analyst, limit=2)
    assert first["next_offset"] == 2 and first["previous_offset"] is None
    second = queue(analyst, limit=2, offset=2)
    third = queue(analyst, limit=2, offset=4)
    assert second["previous_offset"] == 0 and third["next_offset"] is None
    seen = ids(first) + ids(second) + ids(third)
    assert seen == ids(queue(analyst)) and len(set(seen)) == 5

    html = analyst.http.get("/triage", params={"limit": 2, "offset": 2, "country": "DE"}).text
    links = dict(re.findall(r'<a href="(/triage\?[^"]*)" rel="(prev|next)">', html))
    assert set(links.values()) <= {"prev", "next"}
    for url in links:
        query = parse_qs(urlsplit(url.replace("&amp;", "&")).query)
        assert query["country"] == ["DE"] and query["limit"] == ["2"]


def test_decisions_are_stored_as_training_labels(
    web: WebApp, seeded: Seeded, analyst: SignedIn, editor: SignedIn
) -> None:
    headers = {"X-CSRF-Token": analyst.csrf}
    accepted = analyst.http.post(
        f"/api/stories/{seeded.chip}/decision",
        json={"action": "accept", "section": "Industry"},  # an English label is understood
        headers=headers,
    )
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["state"] == "accepted" and accepted.json()["section"] == "产业动态"
    relabel = analyst.http.post(
        f"/api/stories/{seeded.fusion}/decision",
        json={"action": "relabel", "domain": "新材料"},
        headers=headers,
    )
    assert relabel.status_code == 200 and relabel.json()["domain"] == "新材料"
    assert relabel.json()["state"] == "new"
    rejected = editor.http.post(
        f"/api/stories/{seeded.sport}/decision",
        json={"action": "reject"},
        headers={"X-CSRF-Token": editor.csrf},
    )
    assert rejected.status_code == 200 and rejected.json()["state"] == "rejected"

    labels = web.store.stories.decisions()
    assert [(d.story_id, d.action, d.user) for d in labels] == [
        (seeded.chip, TriageAction.ACCEPT, "analyst1"),
        (seeded.fusion, TriageAction.RELABEL, "analyst1"),
        (seeded.sport, TriageAction.REJECT, "editor1"),
    ]
    assert labels[0].title.startswith("Commerce Department") and "Albany" in labels[0].text
    assert labels[0].section == "产业动态" and labels[1].domain == "新材料"
    # decided stories leave the waiting queue, and stay findable by state
    assert seeded.chip not in ids(queue(analyst))
    assert ids(queue(analyst, state="accepted")) == [seeded.chip]
    assert ids(queue(analyst, state="rejected")) == [seeded.sport]
    assert web.store.stories.get(seeded.fusion).state is StoryState.NEW


@only_sqlite
def test_unknown_labels_and_bad_decisions_are_refused(
    web: WebApp, seeded: Seeded, analyst: SignedIn
) -> None:
    headers = {"X-CSRF-Token": analyst.csrf}
    url = f"/api/stories/{seeded.grant}/decision"
    for body in (
        {"action": "relabel", "domain": "占星术"},
        {"action": "accept", "section": "no such section"},
        {"action": "relabel"},
    ):
        response = analyst.http.post(url, json=body, headers=headers)
        assert response.status_code == 400, body
        assert response.json()["detail"]
    assert "known: 半导体" in analyst.http.post(url, json={"action": "relabel", "domain": "x"},
                                                headers=headers).json()["detail"]  # fmt: skip
    assert analyst.http.post(url, json={"action": "promote"}, headers=headers).status_code == 422
    bad = {"action": "relabel", "domain": "a\x00b"}
    assert analyst.http.post(url, json=bad, headers=headers).status_code == 422
    missing = analyst.http.post("/api/stories/99999/decision", json={"action": "accept"},
                                headers=headers)  # fmt: skip
    assert missing.status_code == 404
    form = {"action": "relabel", "domain": "占星术", "csrf_token": analyst.csrf}
    page = analyst.http.post(f"/stories/{seeded.grant}/decision", data=form)
    assert page.status_code == 400 and "占星术" in page.text
    assert web.store.stories.decisions() == []
    assert web.store.stories.get(seeded.grant).domain == "量子技术"


@only_sqlite
def test_forms_redirect_back_and_htmx_swaps_the_row(
    web: WebApp, seeded: Seeded, analyst: SignedIn
) -> None:
    url = f"/stories/{seeded.chip}/decision"
    form = {"csrf_token": analyst.csrf, "next": "/triage?domain=半导体"}
    plain = analyst.http.post(url, data={**form, "action": "relabel", "section": "产业动态"})
    assert plain.status_code == 303
    assert unquote(plain.headers["location"]) == "/triage?domain=半导体"
    # never a redirect to another site
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example", "/items/1"):
        away = analyst.http.post(url, data={**form, "next": target, "action": "relabel",
                                            "domain": "半导体"})  # fmt: skip
        assert away.headers["location"] == "/triage", target

    hx = {"HX-Request": "true"}
    relabelled = analyst.http.post(
        url, data={**form, "action": "relabel", "domain": "信息技术", "queue_state": "new"},
        headers=hx,
    )  # fmt: skip
    assert relabelled.status_code == 200
    row = relabelled.text
    assert row.lstrip().startswith(f'<tr id="story-{seeded.chip}"') and "<html" not in row
    assert '<span class="labels">信息技术 · 产业动态</span>' in row
    assert 'name="queue_state" value="new"' in row and 'value="/triage?domain=半导体"' in row

    accepted = analyst.http.post(url, data={**form, "action": "accept", "queue_state": "new"},
                                 headers=hx)  # fmt: skip
    assert accepted.status_code == 200 and accepted.text == ""  # the row goes away
    kept = analyst.http.post(f"/stories/{seeded.fusion}/decision",
                             data={**form, "action": "accept", "queue_state": "all"},
                             headers=hx)  # fmt: skip
    assert f'id="story-{seeded.fusion}"' in kept.text and "state-accepted" in kept.text
    actions = [d.action for d in web.store.stories.decisions()]
    assert actions.count(TriageAction.ACCEPT) == 2 and len(actions) == 8


@only_sqlite
def test_queue_rows_carry_the_forms_the_shortcuts_press(
    web: WebApp, seeded: Seeded, analyst: SignedIn
) -> None:
    html = analyst.http.get("/triage").text
    row = html[html.index(f'<tr id="story-{seeded.grant}"') :]
    row = row[: row.index("</tr>")]
    for key in ("open", "accept", "reject", "relabel", "draft"):
        assert f'data-key="{key}"' in row, key
    # One form (one CSRF field) per row; the relabel menus are the page's one bar.
    assert row.count(f'name="csrf_token" value="{analyst.csrf}"') == 1
    assert row.count("<select") == 0 and html.count('<form id="relabel-bar"') == 1
    assert 'name="action" value="accept"' in row and 'name="action" value="reject"' in row
    assert row.count(f'hx-post="/stories/{seeded.grant}/decision"') == 3
    assert 'hx-target="closest [data-triage-row]"' in row
    assert 'form="relabel-bar"' in row and 'hx-include="#relabel-bar"' in row
    assert f'formaction="/stories/{seeded.grant}/draft"' in row
    bar = html[html.index('<form id="relabel-bar"') :]
    bar = bar[: bar.index("</form>")]
    assert f'name="csrf_token" value="{analyst.csrf}"' in bar
    assert 'name="action" value="relabel"' in bar and 'name="queue_state" value="new"' in bar
    assert 'name="domain"' in bar and 'name="section"' in bar
    script = analyst.http.get("/static/triage.js")
    assert script.status_code == 200
    for key in ('event.key === "j"', 'event.key === "k"', 'a: "accept"', 'r: "reject"',
                'l: "relabel"', 'd: "draft"', 'o: "open"'):  # fmt: skip
        assert key in script.text


@only_sqlite
def test_hostile_titles_and_urls_are_inert_in_the_queue(
    web: WebApp, seeded: Seeded, analyst: SignedIn
) -> None:
    html = analyst.http.get("/triage").text
    assert '<script>alert("t")' not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    assert '<span class="inert-url">Aggregator</span>' in html
    api = queue(analyst)["stories"]
    assert isinstance(api, list)
    assert any(s["title"] == EVIL_TITLE for s in api)  # JSON carries the data as it is


@only_sqlite
def test_every_role_may_triage_and_strangers_may_not(
    web: WebApp, seeded: Seeded, analyst: SignedIn, admin: SignedIn
) -> None:
    stranger = web.client()
    assert stranger.get("/api/stories").status_code == 401
    assert stranger.get("/triage").status_code == 302
    body = {"action": "accept"}
    assert stranger.post(f"/api/stories/{seeded.grant}/decision", json=body).status_code == 401
    # a session without the CSRF token changes nothing
    refused = analyst.http.post(f"/api/stories/{seeded.grant}/decision", json=body)
    assert refused.status_code == 403
    form = analyst.http.post(f"/stories/{seeded.grant}/decision", data=body)
    assert form.status_code == 403
    assert web.store.stories.decisions() == []
    # an API token acts for its owner
    token = admin.http.post(
        "/api/tokens", json={"name": "script"}, headers={"X-CSRF-Token": admin.csrf}
    ).json()["token"]
    script = web.client(headers={"Authorization": f"Bearer {token}"})
    assert script.post(f"/api/stories/{seeded.grant}/decision", json=body).status_code == 200
    assert web.store.stories.decisions()[0].user == "admin1"
    assert admin.http.get("/triage").status_code == 200
