"""Every GET route of the web app, for every role, on the demo's data, in headless Chromium.

The routes are read from the app itself, so a page added tomorrow is opened too; a path
parameter this module has no sample value for fails the test (add one to ``samples``).
Each role — signed out, analyst, editor, admin — gets one browser context per language
(Chinese, and English through the switch) and opens every route with every sample value
(items in every state, open, published and imported bulletins, sources, stories, each
export format). Pages are loaded as a person loads them, with console errors and uncaught
exceptions counted; JSON and downloads are fetched with the same context's cookies. A
refusal (401, 403, 404) is an answer; a 5xx, a console error or an uncaught exception
fails the test.

It exists because ``/sources`` answered 500 for an admin (the only role that sees the
add-source form) while every test signed in as an analyst; see ``web.sources.views``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

from kuaibao.bulletin.house import load_house_style
from kuaibao.domain import BulletinState, Item, ItemState, Role, StoryState
from kuaibao.jobs.kinds import DRAFT_ACCEPTED, DRAFT_STORY, REWRITE_PARAGRAPH
from kuaibao.web.bulletins.exports import EXPORT_FORMATS
from kuaibao.web.core.app import create_app
from kuaibao.web.core.routing import served_routes
from kuaibao.workflow.bulletins import add_items, new_bulletin
from kuaibao.workflow.items import approve, submit
from tests.e2e.conftest import ADMIN, ANALYST, EDITOR, Site, Watch
from tests.support.webapp import PASSWORD

SIGNED_IN = {Role.ANALYST: ANALYST, Role.EDITOR: EDITOR, Role.ADMIN: ADMIN}
PARAM = re.compile(r"{(\w+)}")


@dataclass(frozen=True)
class Visit:
    """One GET: the route's template and the concrete path opened."""

    route: str
    path: str

    @property
    def in_page(self) -> bool:
        """Pages are loaded in the tab; JSON and downloads are fetched."""
        return not (
            self.path.startswith("/api/") or self.path == "/openapi.json" or "/export." in self.path
        )


def get_routes(site: Site) -> list[str]:
    """The path templates of every GET route the app serves (static files aside)."""
    app = create_app(site.settings, store=site.store)
    return sorted(
        {
            route.path
            for route in served_routes(app)
            if "GET" in (getattr(route, "methods", None) or ())
        }
    )


def _plain_item(title: str) -> Item:
    return Item(
        title=title,
        body=["该项目于2026年启动，预算为3亿元。"],
        domain="人工智能",
        section="前沿研究动态",
        contributors=["张娟"],
        source_urls=["https://www.example.org/news/1"],
    )


def add_every_state(site: Site) -> dict[str, list[int]]:
    """Items in every state and an open bulletin besides the demo's published one and the
    imported archive, so every branch of the item and bulletin pages has data."""
    store, now = site.store, datetime.now(UTC)
    draft, in_review, approved = store.items.add_many(
        [_plain_item(f"每页测试条目{n}") for n in range(3)], now=now, editor=ANALYST
    )
    assert draft.id and in_review.id and approved.id
    for item_id in (in_review.id, approved.id):
        submit(store, item_id, now=now, editor=ANALYST)
    approve(store, approved.id, now=now, editor=EDITOR)
    opened = new_bulletin(store, load_house_style(site.settings.data_dir))
    assert opened.id is not None
    add_items(store, opened.id, [approved.id])
    bulletins, _ = zip(*store.bulletins.all(), strict=True)
    published = [b.id for b in bulletins if b.state is BulletinState.PUBLISHED and b.id]
    published_items = store.items.find(state=ItemState.PUBLISHED, limit=1)
    return {
        "item_id": [draft.id, in_review.id, approved.id, *[i.id for i in published_items if i.id]],
        "bulletin_id": [opened.id, *published],
        "document_id": [d for i in published_items for d in i.document_ids][:2],
    }


def samples(site: Site) -> dict[str, list[str]]:
    """Values for every path parameter the app's routes take."""
    store = site.store
    made = add_every_state(site)
    ranked = store.stories.ranked(states=[StoryState.NEW], limit=2)
    sources = [s.id for s in store.sources.all()][:2]
    return {
        "item_id": [str(i) for i in made["item_id"]],
        "bulletin_id": [str(i) for i in made["bulletin_id"]],
        "story_id": [str(s.id) for s in ranked] + [str(site.hostile_story)],
        "source_id": [str(i) for i in sources] + [str(site.hostile_source)],
        "fmt": list(EXPORT_FORMATS),
        # English last but one: the pages after it render in English too, then back.
        "code": ["en", "zh"],
        "job_id": [
            str(i)
            for i in [
                *every_job_state(site, made["item_id"][0], ranked[0].id),
                *every_rewrite_state(site, made["item_id"]),
            ]
        ],
        # Reports of the published item's story (its desk tabs), and one of no item's.
        "document_id": [str(d) for d in made["document_id"]] + [str(site.hostile_document)],
    }


def every_job_state(site: Site, item_id: int, story_id: int) -> list[int]:
    """Background jobs queued (its page polls), done (links to the items) and failed."""
    jobs = site.store.jobs
    now = datetime.now(UTC)
    queued = jobs.add(DRAFT_STORY, {"story": story_id}, created_by=ANALYST, now=now)
    done = jobs.add(DRAFT_STORY, {"story": story_id}, created_by=ANALYST, now=now)
    jobs.start(done.id, now=now)
    jobs.finish(done.id, {"story": story_id, "item": item_id}, now=now)
    batch = jobs.add(DRAFT_ACCEPTED, {}, created_by=ANALYST, now=now)
    jobs.start(batch.id, now=now)
    jobs.progress(batch.id, 2, 2)
    drafted = [{"story": story_id, "item": item_id}]
    refused = [{"story": story_id, "error": "<b>坏</b>"}]
    jobs.finish(batch.id, {"drafted": drafted, "failed": refused}, now=now)
    failed = jobs.add(DRAFT_STORY, {"story": story_id}, created_by=ANALYST, now=now)
    jobs.start(failed.id, now=now)
    jobs.fail(failed.id, "<script>alert(1)</script>", now=now)
    return [queued.id, done.id, batch.id, failed.id]


def every_rewrite_state(site: Site, item_ids: list[int]) -> list[int]:
    """Paragraph rewrites of the writing desk, cycled with the items of ``samples``: one
    finished (its proposal shows in the editor, hostile text and all) for the fifth
    ``/items/{item_id}/rewrites/{job_id}`` pair (the first item), one still queued (the
    panel polls) for the sixth (the second item)."""
    jobs, now = site.store.jobs, datetime.now(UTC)
    done = jobs.add(
        REWRITE_PARAGRAPH, {"item": item_ids[0], "paragraph": 1, "version": 1},
        created_by=ANALYST, now=now,
    )  # fmt: skip
    jobs.start(done.id, now=now)
    proposal = {
        "item": item_ids[0], "paragraph": 1, "version": 1, "original": "旧段落。",
        "text": "<script>alert(1)</script>新段落，投资3亿元。", "rounds": 0, "writer": "llm:x",
        "unsupported": [{"text": "3亿元", "start": 30, "end": 33, "kind": "money"}],
    }  # fmt: skip
    jobs.finish(done.id, proposal, now=now)
    queued = jobs.add(
        REWRITE_PARAGRAPH, {"item": item_ids[1], "paragraph": 1, "version": 1},
        created_by=ANALYST, now=now,
    )  # fmt: skip
    return [done.id, queued.id]


def visits(routes: list[str], values: dict[str, list[str]]) -> list[Visit]:
    """Every route with each sample of its parameters (several parameters are cycled
    together, not multiplied: every value is opened at least once)."""
    out: list[Visit] = []
    for route in routes:
        names = PARAM.findall(route)
        missing = [n for n in names if not values.get(n)]
        assert not missing, f"no sample value for {missing} in {route}; add one to samples()"
        rounds = max((len(values[n]) for n in names), default=1)
        for n in range(rounds):
            path = route
            for name in names:
                options = values[name]
                path = path.replace(f"{{{name}}}", options[n % len(options)])
            out.append(Visit(route, path))
    # /lang/… switches the language for what follows; open it last.
    return sorted(out, key=lambda v: v.route.startswith("/lang/"))


def expected_refusal(message: Any, refused: set[str]) -> bool:
    """Chromium logs every 4xx document as a console error; those are the app's answer
    (a refusal below one's role, say), which the test checks by status instead."""
    location = (message.location or {}).get("url", "")
    return message.text.startswith("Failed to load resource") and location in refused


@pytest.fixture(scope="module")
def every_visit(site: Site) -> list[Visit]:
    return visits(get_routes(site), samples(site))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("role", [None, Role.ANALYST, Role.EDITOR, Role.ADMIN], ids=str)
def test_every_page_answers_for_every_role(
    browser: Any, site: Site, every_visit: list[Visit], role: Role | None, lang: str
) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    watch = Watch()
    refused: set[str] = set()
    console: list[str] = []

    def on_console(message: Any) -> None:
        if message.type == "error" and not expected_refusal(message, refused):
            console.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", watch.on_page_error)
    page.on("dialog", watch.on_dialog)
    failures: list[str] = []
    try:
        if role is not None:
            page.goto(site.url("/login"))
            page.fill("input[name=name]", SIGNED_IN[role])
            page.fill("input[name=password]", PASSWORD)
            with page.expect_navigation():
                page.click(".login button[type=submit]")
            assert page.url == site.url("/"), page.url
        page.goto(site.url(f"/lang/{lang}?next=/login"))  # the English switch, as a person
        assert (page.locator("html").get_attribute("lang") or "").startswith(lang)
        for visit in every_visit:
            url = site.url(visit.path)
            if visit.in_page:
                refused.add(url)
                response = page.goto(url)
                assert response is not None, url
                status = response.status
                page.wait_for_load_state("load")
            else:
                status = context.request.get(url, max_redirects=0).status
            if status >= 500:
                failures.append(f"{visit.path} ({visit.route}): {status}")
    finally:
        context.close()
    assert failures == [], f"as {role} ({lang}): server errors {failures}"
    assert console == [], f"as {role} ({lang}): console errors {console}"
    watch.assert_clean()
