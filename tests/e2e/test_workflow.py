"""The whole editorial day in a browser: triage, draft, edit, check, review, compose, publish.

An analyst signs in with the form, accepts the queue's top story with the keyboard,
relabels the next one from the queue's relabel bar and opens it, drafts it with one click,
puts a wrong figure into the draft (the live check flags and marks it while they type),
fixes it, saves and submits. An editor approves the item, opens a new bulletin, adds it and
two more approved items, drags the last one to the top, exports a PDF and publishes; the
published issue is then read-only.
"""

from __future__ import annotations

import re

from kuaibao.domain import BulletinState, ItemState, StoryState
from tests.e2e.conftest import ANALYST, EDITOR, Tab

WRONG = "987.6亿美元"  # a sum no report states
LEAD_IN = "另据报道，合计"
FIXED = "金额以来源为准。"


def item_id_of(url: str) -> int:
    found = re.search(r"/items/(\d+)", url)
    assert found, url
    return int(found.group(1))


def bulletin_id_of(url: str) -> int:
    found = re.search(r"/bulletins/(\d+)", url)
    assert found, url
    return int(found.group(1))


def triage_and_draft(tab: Tab) -> int:
    """The analyst's part up to the drafted item; returns its id."""
    page, store = tab.page, tab.site.store
    tab.login(ANALYST)
    assert page.locator("main h1").count() >= 1
    tab.shot("01-dashboard")

    tab.go("/triage")
    rows = page.locator("tr[data-triage-row]")
    assert rows.count() >= 5
    cells = page.locator("tr[data-triage-row] td.score").all_inner_texts()  # "★ 67"
    scores = [int(re.findall(r"\d+", cell)[-1]) for cell in cells]
    assert scores == sorted(scores, reverse=True), scores
    assert rows.first.locator("ul.reasons li").count() >= 2  # why it ranks where it does
    tab.shot("02-triage")

    # The first row is current when the page opens: "a" accepts it, the row leaves the
    # queue in place (htmx), and the next story becomes the current one.
    first = rows.first.get_attribute("id")
    assert first and page.evaluate("document.activeElement.id") == first
    page.keyboard.press("a")
    page.locator(f"#{first}").wait_for(state="detached")
    accepted = store.stories.get(int(first.removeprefix("story-")))
    assert accepted.state is StoryState.ACCEPTED
    current = page.locator("tr.current[data-triage-row]")
    next_id = current.get_attribute("id")
    assert next_id and next_id != first

    # "l" moves to the queue's relabel bar; a domain chosen there and Enter relabel the
    # current story, whose row is swapped in place and stays the current one.
    story_id = int(next_id.removeprefix("story-"))
    target = "能源" if store.stories.get(story_id).domain == "新材料" else "新材料"
    page.keyboard.press("l")
    assert page.evaluate("document.activeElement.name") == "domain"
    page.select_option("#relabel-bar select[name=domain]", target)
    page.keyboard.press("Enter")
    page.locator(f"#{next_id} .labels", has_text=target).wait_for()
    assert store.stories.get(story_id).domain == target
    page.wait_for_function(f"document.activeElement.id === {next_id!r}")

    # "o" opens the current story.
    with page.expect_navigation():
        page.keyboard.press("o")
    assert page.url == tab.site.url(f"/stories/{story_id}")
    assert page.locator("article.report").count() >= 1
    assert page.locator(".why table.signals tr").count() >= 3
    tab.shot("03-story")

    # Drafting is one click: a background job writes the draft while its page follows it
    # (htmx), then the browser lands in the item editor.
    page.click(".decide form[action$='/draft'] button[data-key=draft]")
    page.wait_for_url(re.compile(r".*/items/\d+$"))
    item_id = item_id_of(page.url)
    assert store.stories.get(story_id).state is StoryState.ACCEPTED
    assert store.items.get(item_id).state is ItemState.DRAFT
    page.locator("#fact-check .check-ok").wait_for()
    return item_id


def edit_with_live_check(tab: Tab, item_id: int) -> None:
    """Type a wrong sum (flagged and marked as the analyst types), fix it, save, submit."""
    page = tab.page
    original = page.input_value("#item-body")
    body = page.locator("#item-body")
    body.focus()
    page.keyboard.press("Control+End")
    # Han characters go in as text input (no key events), digits as real key presses: the
    # live check listens for keyup, as it does for a person typing.
    page.keyboard.insert_text(LEAD_IN)
    page.keyboard.type(WRONG[:5], delay=20)
    page.keyboard.insert_text(WRONG[5:] + "。")
    page.keyboard.press("End")

    check = page.locator("#fact-check")
    flagged = check.locator("ol.faults > li", has_text=WRONG)
    flagged.wait_for()
    assert check.locator("p.error").count() == 1
    mark = check.locator(".marked-body mark.fact", has_text=WRONG)
    assert mark.count() == 1
    # The finding is shown in its sentence of the draft, the sum marked in it.
    sentence = flagged.locator("blockquote.fault-sentence")
    assert sentence.inner_text() == f"{LEAD_IN}{WRONG}。"
    assert sentence.locator("mark").inner_text() == WRONG
    tab.shot("04-item-editor-failing-check")

    # The fix: delete the figure, say where the amount is to be found instead.
    for _ in range(len(WRONG) + 1):
        page.keyboard.press("Backspace")
    page.keyboard.insert_text(FIXED)
    page.keyboard.press("End")
    check.locator(".check-ok").wait_for()
    assert check.locator("mark").count() == 0
    assert page.input_value("#item-body") == original + LEAD_IN + FIXED

    with page.expect_navigation():
        page.click("form.item-form .actions button[type=submit]:not([formaction])")
    assert page.url.endswith(f"/items/{item_id}?done=saved")
    saved = tab.site.store.items.get(item_id)
    assert saved.version == 2 and (LEAD_IN + FIXED) in "\n".join(saved.body)
    assert WRONG not in "\n".join(saved.body)

    with page.expect_navigation():
        page.click("form[action$='/submit'] button")
    assert page.url.endswith("?done=submitted")
    assert page.locator("span.state-in_review").count() == 1
    assert tab.site.store.items.get(item_id).state is ItemState.IN_REVIEW
    tab.logout()


def approve_and_compose(tab: Tab, item_id: int) -> int:
    """The editor approves the item, opens a bulletin and adds three items; returns its id."""
    page, site = tab.page, tab.site
    tab.login(EDITOR)
    tab.go(f"/items/{item_id}")
    with page.expect_navigation():
        page.click("form[action$='/approve'] button")
    assert page.url.endswith("?done=approved")
    assert site.store.items.get(item_id).state is ItemState.APPROVED

    tab.go("/bulletins")
    with page.expect_navigation():
        page.click("form.bl-new button[type=submit]")
    bulletin_id = bulletin_id_of(page.url)
    wanted = [str(item_id), *(str(i) for i in site.approved)]
    page.select_option(".bl-add select[name=item_ids]", wanted)
    page.select_option(".bl-add select[name=section]", index=1)  # all in one section
    with page.expect_navigation():
        page.click(".bl-add button[type=submit]")
    assert bulletin_id_of(page.url) == bulletin_id
    listed = page.locator("ol.bl-items[data-section] > li[data-item-id]")
    assert sorted(listed.evaluate_all("els => els.map(e => e.dataset.itemId)")) == sorted(wanted)
    return bulletin_id


def shown_order(tab: Tab) -> list[int]:
    ids = tab.page.locator("ol.bl-items[data-section] > li[data-item-id]").evaluate_all(
        "els => els.map(e => Number(e.dataset.itemId))"
    )
    return [int(i) for i in ids]


def reorder_by_drag(tab: Tab, bulletin_id: int) -> list[int]:
    """Drag the last item above the first with the mouse; the order survives a reload."""
    page, store = tab.page, tab.site.store
    before = shown_order(tab)
    assert len(before) == 3
    last, first = before[-1], before[0]
    page.locator(f"#item-{last}").scroll_into_view_if_needed()
    page.drag_and_drop(
        f"#item-{last} .bl-item-head",
        f"#item-{first} .bl-item-head",
        target_position={"x": 10, "y": 2},
    )
    status = page.locator(".bl-composer .bl-status")
    saved_text = page.locator(".bl-composer").get_attribute("data-msg-saved")
    assert saved_text
    status.filter(has_text=saved_text).wait_for()
    expected = [last, *before[:-1]]
    assert shown_order(tab) == expected

    tab.go(f"/bulletins/{bulletin_id}")
    assert shown_order(tab) == expected
    assert [i.id for i in store.bulletins.get(bulletin_id).items] == expected

    # The preview frame is the rendered bulletin, in the new order.
    frame = page.frame_locator("#bulletin-preview")
    text = frame.locator("body").inner_text()
    titles = [store.items.get(i).title for i in expected]
    at = [text.find(title) for title in titles]
    assert all(n >= 0 for n in at), (titles, text[:500])
    assert at == sorted(at), at
    tab.shot("05-composer")
    return expected


def export_and_publish(tab: Tab, bulletin_id: int, order: list[int]) -> None:
    page, store = tab.page, tab.site.store
    with page.expect_download() as download:
        page.click(f"a[href='/bulletins/{bulletin_id}/export.pdf']")
    pdf = download.value
    assert pdf.suggested_filename.endswith(".pdf")
    path = pdf.path()
    assert path is not None
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    tab.watch.confirms = 1  # the publish form asks first
    with page.expect_navigation():
        page.click("button.bl-publish")
    assert tab.watch.confirms == 0
    published = store.bulletins.get(bulletin_id)
    assert published.state is BulletinState.PUBLISHED
    assert [i.id for i in published.items] == order
    assert all(store.items.get(i).state is ItemState.PUBLISHED for i in order)

    # Read-only: no drag and drop, no item forms, no publish; only a correction offered.
    assert page.locator(".bl-state-published").count() == 1
    assert page.locator("p.notice").count() == 1
    assert page.locator(".bl-composer[data-order-url]").count() == 0
    assert page.locator("li[draggable=true]").count() == 0
    assert page.locator(f"form[action^='/bulletins/{bulletin_id}/items']").count() == 0
    assert page.locator("button.bl-publish").count() == 0
    assert page.locator(f"form[action='/bulletins/{bulletin_id}/correct']").count() == 1
    # …and the server agrees: a reorder sent anyway is refused.
    token = page.evaluate("JSON.parse(document.body.getAttribute('hx-headers'))")
    refused = page.request.post(
        tab.site.url(f"/bulletins/{bulletin_id}/order"),
        data={"item_ids": list(reversed(order))},
        headers=token,
    )
    assert refused.status == 409, (refused.status, refused.text())
    assert [i.id for i in store.bulletins.get(bulletin_id).items] == order


def test_analyst_drafts_and_editor_publishes(tab: Tab) -> None:
    item_id = triage_and_draft(tab)
    edit_with_live_check(tab, item_id)
    bulletin_id = approve_and_compose(tab, item_id)
    order = reorder_by_drag(tab, bulletin_id)
    export_and_publish(tab, bulletin_id, order)
    tab.watch.assert_clean()
