"""Search and sources in the browser, and hostile crawled content on every page that shows it.

The hostile report (``conftest.HOSTILE_*``) carries ``<script>`` tags, ``onerror=`` and
``onmouseover=`` attributes and a ``javascript:`` URL, in its title, text, URL and source
name. Shown on the triage queue, the story view, search and the source list it must stay
text: no dialog opens (the watch fails the test on any), no element carries an event
handler or a ``javascript:`` link, and the browser reports no error (a CSP violation would
be one).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from tests.e2e.conftest import (
    ANALYST,
    HOSTILE_SOURCE,
    HOSTILE_TITLE,
    HOSTILE_WORD,
    Tab,
)

# Everything the page holds that could run script: handler attributes, javascript: URLs
# in any attribute, script elements other than the app's own files.
DANGER = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const value = attr.value.replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
      if (attr.name.startsWith("on")) found.push(`${el.tagName} ${attr.name}`);
      if (value.startsWith("javascript:")) found.push(`${el.tagName} ${attr.name}=${value}`);
    }
    if (el.tagName === "SCRIPT" && !(el.getAttribute("src") || "").startsWith("/static/")) {
      found.push("inline script");
    }
  }
  return found;
}"""


def assert_inert(tab: Tab, *shown: str) -> None:
    """The page shows ``shown`` as text and holds nothing that could run."""
    page = tab.page
    page.wait_for_load_state("networkidle")  # an injected <img onerror> would have fired
    text = page.locator("main").inner_text()
    for piece in shown:
        assert piece in text, f"{piece!r} not shown on {page.url}"
    assert page.evaluate(DANGER) == [], page.url
    assert page.locator("main img").count() == 0
    tab.watch.assert_clean()


def test_search_and_sources(tab: Tab) -> None:
    page = tab.page
    tab.login(ANALYST)
    tab.go("/search")
    page.fill("#q", "quantum")
    page.press("#q", "Enter")  # htmx swaps the results in and pushes the URL
    page.wait_for_url(re.compile(r"/search\?q="))
    hits = page.locator("#search-results li.hit")
    hits.first.wait_for()
    assert hits.count() >= 3
    assert page.locator("#search-results .facets li").count() >= 2
    assert page.locator("#search-results mark").count() >= 1  # the matches are marked
    tab.shot("06-search")

    tab.go("/sources")
    rows = page.locator("table.source-table tbody tr")
    assert rows.count() >= 5
    assert rows.filter(has_text="Nordic Space Office").count() == 1
    tab.shot("07-sources")
    tab.watch.assert_clean()


def test_hostile_content_stays_text(tab: Tab) -> None:
    site = tab.site
    tab.login(ANALYST)

    tab.go(f"/triage?state=all&source={site.hostile_source}")
    row = tab.page.locator(f"#story-{site.hostile_story}")
    assert row.count() == 1
    assert_inert(tab, HOSTILE_TITLE, HOSTILE_SOURCE)

    tab.go(f"/stories/{site.hostile_story}")
    assert_inert(tab, HOSTILE_TITLE, HOSTILE_SOURCE, '<script>alert("text")</script>')
    # The report's javascript: URL is not a link: its title is plain text.
    assert tab.page.locator(f"#doc-{site.hostile_document} a").count() == 0

    tab.go(f"/search?q={quote(HOSTILE_WORD)}")
    assert tab.page.locator("#search-results li.hit").count() >= 1
    assert_inert(tab, HOSTILE_TITLE, "javascript:alert(document.cookie)")

    tab.go("/sources")
    assert_inert(tab, HOSTILE_SOURCE)
