"""End-to-end tests: the web app served on 127.0.0.1, driven by a real headless Chromium.

The store is filled once per session by the demo pipeline (the sample web crawled, stories
clustered and ranked, the best drafted, approved and published), plus two more approved
items for the composer and one hostile report. Everything runs on SQLite: the pages are
what is under test here; the store's two databases are tested elsewhere.

Chromium is Debian's (``/usr/bin/chromium``, installed by ``make test``;
``KUAIBAO_E2E_CHROMIUM`` names another); Playwright drives it through ``executable_path``
and never downloads a browser. Without it (or without the
vendored htmx the pages' live parts need) the tests skip and say why. Screenshots of the
main pages go to ``build/e2e-screenshots`` (``KUAIBAO_E2E_SCREENSHOTS`` overrides it); the
terminal summary prints the folder.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kuaibao.classify.model import saved_model
from kuaibao.classify.taxonomy import IRRELEVANT, load_taxonomy
from kuaibao.config import Settings, load_settings
from kuaibao.demo.run import DEMO_WINDOW_DAYS, compile_demo_bulletin, import_archive
from kuaibao.demo.web import SampleWeb
from kuaibao.domain import Document, Role, Source, SourceKind, StoryState
from kuaibao.extract.document import content_hash
from kuaibao.facts import load_gazetteer
from kuaibao.pipeline.crawl import crawl
from kuaibao.pipeline.drafting import draft_story
from kuaibao.pipeline.indexing import index_new_documents
from kuaibao.pipeline.ranking import rank_recent
from kuaibao.pipeline.stories import cluster_new_documents
from kuaibao.store import Store
from kuaibao.web.core.app import HTMX, create_app
from kuaibao.workflow.items import approve, submit
from tests.support.webapp import FAST_PASSWORDS, PASSWORD, make_user, serve_app

HERE = Path(__file__).parent
CHROMIUM = Path(os.environ.get("KUAIBAO_E2E_CHROMIUM") or "/usr/bin/chromium")
TIMEOUT_MS = 15_000  # one step; a failing wait should not eat the whole budget

ANALYST = "analyst-e2e"
EDITOR = "editor-e2e"
ADMIN = "admin-e2e"

# A report written to attack the pages: markup in its title, text and source name, and a
# javascript: URL. A unique word (HOSTILE_WORD) finds it in search.
HOSTILE_WORD = "Zorblatt"
HOSTILE_TITLE = (
    f'<script>alert("title")</script><img src=x onerror="alert(1)"> {HOSTILE_WORD} '
    "quantum sensor maker raises $90 million"
)
HOSTILE_TEXT = (
    f'<img src=x onerror="alert(2)"><b onmouseover="alert(3)">{HOSTILE_WORD} Sensing</b>, '
    "a quantum sensor start-up, said it raised $90 million to build magnetometers for "
    'hospitals. <script>alert("text")</script> <a href="javascript:alert(4)">more</a> '
    "The company employs 80 people."
)
HOSTILE_URL = "javascript:alert(document.cookie)"
HOSTILE_SOURCE = '<img src=x onerror="alert(5)">Evil Wire'


def _skip_reason() -> str | None:
    if not CHROMIUM.is_file():
        return f"end-to-end tests need Debian's chromium at {CHROMIUM} (make deps-debian)"
    if importlib.util.find_spec("playwright") is None:
        return "end-to-end tests need the playwright package (pip install -e '.[dev]')"
    if not HTMX.is_file():
        return f"end-to-end tests need htmx at {HTMX} (scripts/fetch-web-assets.sh)"
    return None


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: drives the web app in a real headless Chromium")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark this folder's tests ``e2e`` and skip them, with the reason, when the browser
    (or htmx) is missing."""
    reason = _skip_reason()
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.e2e)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


def screenshot_dir(config: pytest.Config) -> Path:
    chosen = os.environ.get("KUAIBAO_E2E_SCREENSHOTS")
    return Path(chosen) if chosen else config.rootpath / "build" / "e2e-screenshots"


_SHOTS: list[Path] = []


@pytest.fixture(scope="session")
def screenshots(pytestconfig: pytest.Config) -> Path:
    """The folder screenshots go to, emptied once per session."""
    folder = screenshot_dir(pytestconfig)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    _SHOTS.append(folder)
    return folder


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for folder in _SHOTS:
        count = len(list(folder.glob("*.png")))
        terminalreporter.write_line(f"e2e screenshots: {folder} ({count} files)")


# ----------------------------------------------------------------------------- the site


@dataclass
class Site:
    """The served app, its store, and what the fixture put there for the tests."""

    base: str
    store: Store
    settings: Settings
    approved: list[int]  # approved items in no bulletin, besides what the test approves
    hostile_source: int
    hostile_story: int
    hostile_document: int

    def url(self, path: str) -> str:
        return self.base + path


def build_store(data_dir: Path) -> tuple[Store, Settings]:
    """The demo's store: archive imported, sample web crawled, stories ranked, the best
    drafted, approved and published (``kuaibao.demo.run`` without its rendering)."""
    settings = load_settings(
        data_dir,
        None,
        environ={},
        fetch_overrides={"per_host_rate": 100.0},
        web_overrides=FAST_PASSWORDS,
    )
    store = Store(settings.effective_database_url)
    with SampleWeb() as web:
        import_archive(store, settings)
        store.sources.upsert_many(web.sources(), now=datetime.now(UTC))
        crawl(store, settings, due_only=False)
    index_new_documents(store)
    compile_demo_bulletin(store, settings)
    return store, settings


def approve_more(store: Store, settings: Settings, count: int) -> list[int]:
    """Draft, submit and approve ``count`` of the lowest-ranked relevant new stories, so the
    composer has approved items besides the one the test drafts (the queue's top stays)."""
    now = datetime.now(UTC)
    taxonomy = load_taxonomy(settings.data_dir)
    gazetteer = load_gazetteer(settings.data_dir)
    stories = store.stories.ranked(states=[StoryState.NEW], limit=None)
    relevant = [s for s in stories if s.domain and s.domain != IRRELEVANT]
    approved: list[int] = []
    for story in reversed(relevant):
        item = draft_story(
            store, story.id, settings=settings, taxonomy=taxonomy, gazetteer=gazetteer, now=now,
            contributors=["e2e"], editor="e2e",
        ).item  # fmt: skip
        assert item.id is not None
        submit(store, item.id, now=now, editor="e2e")
        approve(store, item.id, now=now, editor="e2e-editor", gazetteer=gazetteer)
        approved.append(item.id)
        if len(approved) == count:
            break
    assert len(approved) == count, "the demo left too few new stories"
    return approved


def add_hostile(store: Store, settings: Settings) -> tuple[int, int, int]:
    """A source and a report full of markup, clustered, ranked and indexed like any other."""
    now = datetime.now(UTC)
    source = Source(
        name=HOSTILE_SOURCE,
        homepage="https://evil.example/",
        kind=SourceKind.RSS,
        feed_url="https://evil.example/feed.xml",
        tier=3,
    )
    store.sources.upsert_many([source], now=now)
    source_id = next(s.id for s in store.sources.all() if s.name == HOSTILE_SOURCE)
    assert source_id is not None
    doc = Document(
        url=HOSTILE_URL,
        canonical_url=HOSTILE_URL,
        title=HOSTILE_TITLE,
        text=HOSTILE_TEXT,
        content_hash=content_hash(HOSTILE_TEXT),
        source_id=source_id,
        language="en",
        published_at=now,
        fetched_at=now,
    )
    (stored, _), *_ = store.documents.add_many([doc])
    assert stored.id is not None
    cluster_new_documents(
        store,
        settings.data_dir,
        now=now,
        taxonomy=load_taxonomy(settings.data_dir),
        model=saved_model(settings.data_dir),
    )
    rank_recent(store, now=now, window_days=DEMO_WINDOW_DAYS)
    index_new_documents(store)
    story = next(s for s in store.stories.find() if stored.id in s.document_ids)
    return source_id, story.id, stored.id


@pytest.fixture(scope="package")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    store, settings = build_store(tmp_path_factory.mktemp("e2e-site"))
    try:
        approved = approve_more(store, settings, 2)
        source_id, story_id, doc_id = add_hostile(store, settings)
        make_user(store, ANALYST, Role.ANALYST)
        make_user(store, EDITOR, Role.EDITOR)
        make_user(store, ADMIN, Role.ADMIN)
        for name, shown in ((ANALYST, "张娟"), (EDITOR, "黄茹")):  # bylines, as people have
            user = store.users.by_name(name)
            assert user is not None and user.id is not None
            store.users.change(user.id, display_name=shown)
        app = create_app(settings, store=store)
        with serve_app(app) as base:
            yield Site(base, store, settings, approved, source_id, story_id, doc_id)
    finally:
        store.close()


# ---------------------------------------------------------------------------- the browser


@pytest.fixture(scope="package")
def browser(site: Site) -> Iterator[Any]:
    """One headless Chromium for the e2e package (root needs --no-sandbox); closed after
    its last test, because the event loop Playwright keeps running would break
    ``asyncio.run`` in every test that comes after.

    Built after ``site``: Playwright's sync API keeps an event loop running in this
    thread, and the crawl that fills the site runs its own with ``asyncio.run``.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox"], headless=True
        )
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class Watch:
    """What a page did that it should not: dialogs, console errors, uncaught exceptions."""

    confirms: int = 0  # confirm() prompts the test expects (data-confirm forms)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def on_dialog(self, dialog: Any) -> None:
        if dialog.type == "confirm" and self.confirms > 0:
            self.confirms -= 1
            dialog.accept()
            return
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def on_page_error(self, error: Any) -> None:
        self.errors.append(f"uncaught: {error}")

    def assert_clean(self) -> None:
        assert self.dialogs == [], f"unexpected dialogs: {self.dialogs}"
        assert self.errors == [], f"errors in the browser: {self.errors}"


@dataclass
class Tab:
    """A page in its own browser context (its own cookies), watched."""

    page: Any
    watch: Watch
    site: Site
    shots: Path

    def go(self, path: str) -> Any:
        response = self.page.goto(self.site.url(path))
        assert response is not None and response.ok, f"GET {path}: {response and response.status}"
        return response

    def shot(self, name: str) -> Path:
        path = self.shots / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def login(self, name: str, password: str = PASSWORD) -> None:
        """Sign in with the login form, as a person does."""
        self.go("/login")
        self.page.fill("input[name=name]", name)
        self.page.fill("input[name=password]", password)
        with self.page.expect_navigation():
            self.page.click(".login button[type=submit]")
        assert self.page.url == self.site.url("/"), self.page.url

    def logout(self) -> None:
        with self.page.expect_navigation():
            self.page.click("header.top form[action='/logout'] button")
        assert self.page.url.startswith(self.site.url("/login")), self.page.url


@pytest.fixture
def tab(browser: Any, site: Site, screenshots: Path) -> Iterator[Tab]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="zh-CN"
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watch = Watch()
    page.on("dialog", watch.on_dialog)
    page.on("console", watch.on_console)
    page.on("pageerror", watch.on_page_error)
    try:
        yield Tab(page, watch, site, screenshots)
    finally:
        context.close()
