"""The review rules on all three faces (command line, pages, JSON API), one scenario each.

An item is approved only after it was submitted: every face goes through
``workflow.transitions``; an editor's approval of a draft nobody submitted is refused (the
item stays a draft), the item is submitted on the same face, and the approval then goes
through. A bulletin is published only when every item names its contributor (供稿):
every face goes through ``bulletin.compile.publish``, which names the item that lacks one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from kuaibao.bulletin.house import HouseStyle
from kuaibao.domain import BulletinState, Item, ItemState
from kuaibao.web.core.state import utcnow
from kuaibao.workflow.bulletins import add_items, new_bulletin
from tests.support.cli import run
from tests.web.conftest import SignedIn, WebApp, only_sqlite

# (refused?, text shown) for one action on one face
Outcome = tuple[bool, str]


def _cli(web: WebApp, who: SignedIn, action: str, item: Item) -> Outcome:
    where = ["--data-dir", str(web.settings.data_dir), "--database-url", web.store.url]
    done = run("items", action, str(item.id), "--user", who.name, *where, check=False)
    return done.returncode != 0, done.stdout + done.stderr


def _page(web: WebApp, who: SignedIn, action: str, item: Item) -> Outcome:
    version = web.store.items.get(item.id or 0).version
    answer = who.http.post(
        f"/items/{item.id}/{action}", data={"csrf_token": who.csrf, "version": str(version)}
    )
    return answer.status_code != 303, answer.text


def _api(web: WebApp, who: SignedIn, action: str, item: Item) -> Outcome:
    version = web.store.items.get(item.id or 0).version
    answer = who.http.post(
        f"/api/items/{item.id}/{action}",
        json={"version": version},
        headers={"X-CSRF-Token": who.csrf},
    )
    return answer.status_code != 200, answer.text


FACES: dict[str, Callable[[WebApp, SignedIn, str, Item], Outcome]] = {
    "cli": _cli,
    "web": _page,
    "api": _api,
}


@only_sqlite
@pytest.mark.parametrize("face", list(FACES))
def test_a_draft_is_approved_only_after_it_was_submitted(
    face: str, web: WebApp, editor: SignedIn
) -> None:
    act = FACES[face]
    item = web.store.items.add(
        Item(title="旧条目", body=["2020年投资5亿元。"], contributors=["张娟"]), now=utcnow()
    )
    refused, text = act(web, editor, "approve", item)
    assert refused, text
    assert "submit" in text, text
    assert web.store.items.get(item.id or 0).state is ItemState.DRAFT
    # The editor page follows the same rule: no approve button on a draft.
    assert f'action="/items/{item.id}/approve"' not in editor.http.get(f"/items/{item.id}").text

    refused, text = act(web, editor, "submit", item)
    assert not refused, text
    assert web.store.items.get(item.id or 0).state is ItemState.IN_REVIEW
    assert f'action="/items/{item.id}/approve"' in editor.http.get(f"/items/{item.id}").text
    refused, text = act(web, editor, "approve", item)
    assert not refused, text
    assert web.store.items.get(item.id or 0).state is ItemState.APPROVED


def _publish_cli(web: WebApp, who: SignedIn, bulletin_id: int) -> Outcome:
    where = ["--data-dir", str(web.settings.data_dir), "--database-url", web.store.url]
    done = run("bulletin", "publish", str(bulletin_id), *where, check=False)
    return done.returncode != 0, done.stdout + done.stderr


def _publish_page(web: WebApp, who: SignedIn, bulletin_id: int) -> Outcome:
    answer = who.http.post(f"/bulletins/{bulletin_id}/publish", data={"csrf_token": who.csrf})
    return answer.status_code != 303, answer.text


def _publish_api(web: WebApp, who: SignedIn, bulletin_id: int) -> Outcome:
    answer = who.http.post(
        f"/api/bulletins/{bulletin_id}/publish", headers={"X-CSRF-Token": who.csrf}
    )
    return answer.status_code != 200, answer.text


PUBLISH: dict[str, Callable[[WebApp, SignedIn, int], Outcome]] = {
    "cli": _publish_cli,
    "web": _publish_page,
    "api": _publish_api,
}


@only_sqlite
@pytest.mark.parametrize("face", list(PUBLISH))
def test_a_bulletin_with_an_item_credited_to_nobody_is_not_published(
    face: str, web: WebApp, editor: SignedIn
) -> None:
    publish = PUBLISH[face]
    now = utcnow()
    signed, unsigned = web.store.items.add_many(
        [
            Item(title=f"条目{n}", body=["正文。"], section="产业动态", contributors=names,
                 state=ItemState.APPROVED)
            for n, names in enumerate((["张娟"], []))
        ],
        now=now,
    )  # fmt: skip
    bulletin = new_bulletin(web.store, HouseStyle())
    assert bulletin.id is not None and signed.id and unsigned.id
    add_items(web.store, bulletin.id, [signed.id, unsigned.id])

    composer = editor.http.get(f"/bulletins/{bulletin.id}").text
    assert composer.count('class="flag bl-unsigned"') == 1  # flagged before anyone publishes
    refused, text = publish(web, editor, bulletin.id)
    assert refused, text
    assert f"item {unsigned.id}" in text and "供稿" in text, text
    assert f"item {signed.id} " not in text
    assert web.store.bulletins.get(bulletin.id).state is BulletinState.OPEN
    assert web.store.items.get(unsigned.id).state is ItemState.APPROVED

    web.store.items.update(replace(unsigned, contributors=["黄茹"]), now=now)
    refused, text = publish(web, editor, bulletin.id)
    assert not refused, text
    assert web.store.bulletins.get(bulletin.id).state is BulletinState.PUBLISHED
