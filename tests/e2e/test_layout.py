"""The main pages at 1400 × 900 in Chromium: table headers and badges stay on one line,
and publishing a bulletin is apart from its exports.

Chinese text breaks between any two characters, so a squeezed column header or badge
wraps one character per line (状/态) instead of overflowing; measured here as the number
of line boxes each element takes, against its own line height.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kuaibao.domain import BulletinState, ItemState
from tests.e2e.conftest import ADMIN, Site
from tests.support.webapp import PASSWORD

WIDTH, HEIGHT = 1400, 900
ONE_LINE = "th, .flag, .badge, .state, .bl-state, td.short, button, .button"

# For every visible element matching the selector: how many lines its text takes, counted
# as the distinct tops of its text's line boxes (a table cell is as tall as its row, so its
# own height says nothing about its text).
LINES = """(selector) => [...document.querySelectorAll(selector)]
  .filter((el) => el.getClientRects().length && el.textContent.trim())
  .map((el) => {
    const cs = getComputedStyle(el);
    const size = parseFloat(cs.fontSize);
    const line = cs.lineHeight === "normal" ? size * 1.2 : parseFloat(cs.lineHeight);
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = [...range.getClientRects()]
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => r.top)
      .sort((a, b) => a - b);
    let lines = tops.length ? 1 : 0;
    for (let i = 1; i < tops.length; i++) if (tops[i] - tops[i - 1] > line / 2) lines++;
    return { tag: el.tagName, cls: el.className, text: el.textContent.trim(), lines };
  })"""


def pages(site: Site) -> list[str]:
    """The list pages, a bulletin and an item: every table and badge the app shows."""
    bulletins, _ = zip(*site.store.bulletins.all(), strict=True)
    published = next(b for b in bulletins if b.state is BulletinState.PUBLISHED)
    (item,) = site.store.items.find(state=ItemState.PUBLISHED, limit=1)
    return [
        "/",
        "/triage",
        "/triage?state=all",
        "/items",
        "/bulletins",
        f"/bulletins/{published.id}",
        f"/items/{item.id}",
        f"/items/{site.approved[0]}",  # an editable item: the desk beside the form
        "/sources",
        f"/sources/{site.hostile_source}",
        "/search?q=quantum",
        "/users",
        "/settings",
        "/tokens",
    ]


@pytest.fixture
def wide(browser: Any, site: Site) -> Iterator[Any]:
    """A page 1400 px wide, signed in as an admin (who sees every column)."""
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(site.url("/login"))
    page.fill("input[name=name]", ADMIN)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click(".login button[type=submit]")
    try:
        yield page
    finally:
        context.close()


def test_headers_and_badges_stay_on_one_line(wide: Any, site: Site) -> None:
    broken: list[str] = []
    measured = 0
    for path in pages(site):
        response = wide.goto(site.url(path))
        assert response is not None and response.ok, (path, response and response.status)
        found = wide.evaluate(LINES, ONE_LINE)
        measured += len(found)
        broken += [f"{path} {e['tag']}.{e['cls']} {e['text']!r}: {e['lines']} lines"
                   for e in found if e["lines"] != 1]  # fmt: skip
    assert measured > 50, "the pages showed almost no headers or badges to measure"
    assert broken == [], "\n".join(broken)


def test_publish_stands_apart_from_the_exports(browser: Any, site: Site) -> None:
    """On an open bulletin, 发布 is its own form, outside the export group, and asks first."""
    from kuaibao.bulletin.house import load_house_style
    from kuaibao.workflow.bulletins import new_bulletin

    opened = new_bulletin(site.store, load_house_style(site.settings.data_dir))
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(site.url("/login"))
        page.fill("input[name=name]", ADMIN)
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.click(".login button[type=submit]")
        page.goto(site.url(f"/bulletins/{opened.id}"))
        exports = page.locator(".bl-exports")
        assert exports.locator("a[download]").count() >= 4
        assert exports.locator("button, form").count() == 0, "nothing but downloads there"
        publish = page.locator(f"form.bl-publish-form[action='/bulletins/{opened.id}/publish']")
        assert publish.count() == 1 and publish.get_attribute("data-confirm")
        button = publish.locator("button.bl-publish").bounding_box()
        group = exports.bounding_box()
        assert button is not None and group is not None
        gap = button["x"] - (group["x"] + group["width"])
        below = button["y"] - (group["y"] + group["height"])
        assert gap >= 24 or below >= 8, f"publish sits against the exports: {button} {group}"
    finally:
        context.close()
