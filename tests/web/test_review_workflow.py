"""The review rule on all three faces: an item is approved only after it was submitted.

The command line, the editor page and the JSON API all go through ``bulletin.workflow``;
the same scenario runs on each: an editor's approval of a draft nobody submitted is
refused (the item stays a draft), the item is submitted on the same face, and the same
approval then goes through.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kuaibao.domain import Item, ItemState
from kuaibao.web.state import utcnow
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

    refused, text = act(web, editor, "submit", item)
    assert not refused, text
    assert web.store.items.get(item.id or 0).state is ItemState.IN_REVIEW
    refused, text = act(web, editor, "approve", item)
    assert not refused, text
    assert web.store.items.get(item.id or 0).state is ItemState.APPROVED
