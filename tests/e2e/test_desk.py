"""The writing desk in Chromium: a click on a fact of the sources types its house-style
Chinese form at the cursor of the draft, the live check runs on it, and another report of
the story opens in the desk without leaving the page."""

from __future__ import annotations

from kuaibao.domain import ItemState
from tests.e2e.conftest import ANALYST, Tab

BODY = "#item-body"


def test_a_clicked_fact_is_inserted_in_house_style(tab: Tab) -> None:
    page, site = tab.page, tab.site
    item = site.store.items.get(site.approved[0])
    tab.login(ANALYST)
    tab.go(f"/items/{item.id}")
    marks = page.locator("#desk .report-text mark[data-insert]")
    assert marks.count() >= 1, "the lead report's facts are marked"
    mark = marks.first
    zh, written = mark.get_attribute("data-insert"), mark.inner_text()
    assert zh and zh != written, "the Chinese form, not the words of the source"
    before = page.input_value(BODY)
    page.evaluate("document.querySelector('#fact-check').dataset.seen = 'old'")
    # The cursor at the start of the body: the form goes there, not at the end.
    page.locator(BODY).evaluate("el => { el.focus(); el.setSelectionRange(0, 0); }")
    mark.click()
    assert page.input_value(BODY) == f"{zh}{before}"
    # The live check ran on the text with the inserted fact (htmx, half a second later).
    page.wait_for_function("() => document.querySelector('#fact-check').dataset.seen !== 'old'")
    # The facts list under the report does the same, at the cursor's new place.
    button = page.locator("#desk .desk-facts button[data-insert]").first
    inserted = button.get_attribute("data-insert") or ""
    button.click()
    assert page.input_value(BODY) == f"{zh}{inserted}{before}"
    assert page.evaluate("document.activeElement.id") == "item-body"
    tab.shot("10-writing-desk")
    # Nothing was saved: the form still holds the version it was opened at.
    assert site.store.items.get(item.id or 0).body == item.body
    tab.watch.assert_clean()


def test_another_report_opens_in_the_desk(tab: Tab) -> None:
    page, site = tab.page, tab.site
    items = [*site.store.items.find(state=ItemState.PUBLISHED), *map(site.store.items.get,
             site.approved)]  # fmt: skip
    stories = {i.id: site.store.stories.for_item(i.id or 0) for i in items}
    several = [i for i, s in stories.items() if s is not None and len(s.document_ids) > 1]
    assert several, "the demo drafts stories of several reports"
    tab.login(ANALYST)
    tab.go(f"/items/{several[0]}")
    first = page.locator("#desk h3").inner_text()
    page.locator("#desk .report-tabs a.tab:not(.current)").first.click()
    # htmx fetches the other report and swaps the desk; the page itself stays.
    page.wait_for_function(
        "first => document.querySelector('#desk h3').innerText !== first", arg=first
    )
    assert page.url.endswith(f"/items/{several[0]}")
    assert page.locator("#desk .report-tabs a.tab.current").count() == 1
    assert page.locator("#desk .report-text").inner_text().strip()
    tab.watch.assert_clean()
