"""`kuaibao triage` and the review commands, run as users run them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kuaibao.domain import Role, User
from kuaibao.store import Store
from tests.support.cli import run, run_json, sqlite_url, start
from tests.triage.corpus import CHIP, DAY0, GRANT, SPORT, document, sources


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data dir whose store holds three reports of one grant, a chip story and sport."""
    store = Store(sqlite_url(tmp_path))
    store.sources.upsert_many(sources(), now=DAY0)
    ids = {s.name: s.id for s in store.sources.all()}
    store.documents.add_many(
        [
            document(*GRANT[0], "https://agency.example/q", source_id=ids["Agency"]),
            document(*GRANT[1], "https://wire.example/q", source_id=ids["Wire"], day=1),
            document(*GRANT[2], "https://daily.example/q", source_id=ids["Daily"], day=1),
            document(*CHIP, "https://wire.example/chips", source_id=ids["Wire"]),
            document(*SPORT, "https://daily.example/cup", source_id=ids["Daily"]),
        ]
    )
    store.close()
    return tmp_path


def test_triage_lists_ranked_stories_with_reasons(data_dir: Path) -> None:
    d = str(data_dir)
    stories = run_json("triage", "--json", "--days", "36500", "--data-dir", d)
    assert len(stories) == 3
    top = stories[0]
    assert top["title"].startswith("UKRI commits") and top["sources"] == 3
    assert top["domain"] == "量子技术"
    assert any("3 independent sources" in r for r in top["reasons"])
    assert stories[-1]["domain"] == "无关"
    assert [s["score"] for s in stories] == sorted((s["score"] for s in stories), reverse=True)
    table = run("triage", "--no-update", "--days", "36500", "--data-dir", d).stdout
    assert "UKRI commits" in table
    shown = run_json("triage", "show", str(top["story"]), "--json", "--data-dir", d)
    assert shown["reports"][0]["url"] == "https://agency.example/q"


def test_decisions_move_stories_out_of_the_queue(data_dir: Path) -> None:
    d = str(data_dir)
    stories = run_json("triage", "--json", "--days", "36500", "--data-dir", d)
    sport = next(s for s in stories if s["domain"] == "无关")["story"]
    chip = next(s for s in stories if s["domain"] == "半导体")["story"]
    assert (
        run_json("triage", "reject", str(sport), "--json", "--data-dir", d)["state"] == "rejected"
    )
    relabelled = run_json(
        "triage", "relabel", str(chip), "--domain", "信息技术", "--json", "--data-dir", d
    )
    assert relabelled["domain"] == "信息技术" and relabelled["state"] == "new"
    left = run_json("triage", "--json", "--no-update", "--days", "36500", "--data-dir", d)
    assert sport not in [s["story"] for s in left]
    bad = run("triage", "relabel", str(chip), "--domain", "天文", "--data-dir", d, check=False)
    assert bad.returncode == 1 and "unknown domain" in bad.stderr + bad.stdout
    missing = run("triage", "accept", "999", "--data-dir", d, check=False)
    assert missing.returncode == 1 and "no story with id 999" in missing.stderr + missing.stdout


def test_draft_check_and_approve_a_story(data_dir: Path) -> None:
    d = str(data_dir)
    stories = run_json("triage", "--json", "--days", "36500", "--data-dir", d)
    grant = stories[0]["story"]
    drafted = run_json("triage", "draft", str(grant), "--contributor", "王五", "--json",
                       "--data-dir", d)  # fmt: skip
    item = drafted["item"]
    assert drafted["writer"] == "offline"
    assert drafted["check"]["ok"] is True
    assert set(item["source_urls"]) == {
        "https://agency.example/q",
        "https://wire.example/q",
        "https://daily.example/q",
    }
    assert item["original_title"].startswith("UKRI commits")
    assert "英国研究与创新署" in item["title"] + item["body"]
    run("items", "submit", str(item["id"]), "--data-dir", d)
    approved = run_json("items", "approve", str(item["id"]), "--json", "--data-dir", d)
    assert approved["approved"] is True and approved["item"]["state"] == "approved"
    after = run_json("triage", "--json", "--no-update", "--all", "--days", "36500",
                     "--data-dir", d)  # fmt: skip
    assert next(s for s in after if s["story"] == grant)["item"] == item["id"]


def test_a_draft_is_credited_to_the_user_who_drafts_it(data_dir: Path) -> None:
    d = str(data_dir)
    store = Store(sqlite_url(data_dir))
    store.users.add(User(name="zhangjuan", role=Role.ANALYST, display_name="张娟"), "h", now=DAY0)
    store.users.add(User(name="wu", role=Role.ANALYST), "h", now=DAY0)
    store.close()
    grant, chip, _ = (s["story"] for s in run_json("triage", "--json", "--days", "36500",
                                                    "--data-dir", d))  # fmt: skip
    drafted = run_json("triage", "draft", str(grant), "--user", "zhangjuan", "--json",
                       "--data-dir", d)  # fmt: skip
    assert drafted["item"]["contributors"] == ["张娟"]  # the display name, not the login
    plain = run_json("triage", "draft", str(chip), "--user", "wu", "--json", "--data-dir", d)
    assert plain["item"]["contributors"] == ["wu"]  # no display name: the login name
    unknown = run("triage", "draft", str(chip), "--user", "nobody", "--data-dir", d, check=False)
    assert unknown.returncode == 1 and "no user named 'nobody'" in unknown.stdout + unknown.stderr
    # Items drafted straight from documents follow the same rule.
    (simple,) = run_json("items", "draft", "4", "--user", "zhangjuan", "--json", "--data-dir", d)
    assert simple["contributors"] == ["张娟"]


def test_drafting_every_accepted_story_with_a_progress_bar(data_dir: Path) -> None:
    d = str(data_dir)
    grant, chip, sport = (s["story"] for s in run_json("triage", "--json", "--days", "36500",
                                                        "--data-dir", d))  # fmt: skip
    for story in (grant, chip):
        run("triage", "accept", str(story), "--data-dir", d)
    first = run("triage", "draft", str(chip), "--data-dir", d)  # already has an item: skipped
    chip_item = int(first.stdout.split()[1])
    batch = run("triage", "draft", "--all-accepted", "--user", "nobody", "--data-dir", d,
                check=False)  # fmt: skip
    assert batch.returncode == 1 and "no user named 'nobody'" in batch.stdout + batch.stderr
    done = run("triage", "draft", "--all-accepted", "--data-dir", d)
    assert "drafting" in done.stderr and "1/1" in done.stderr  # the bar, at its end
    assert f"story {grant} → item" in done.stdout and "1 drafted, 0 failed" in done.stdout
    after = {s["story"]: s for s in run_json("triage", "--json", "--no-update", "--all",
                                             "--days", "36500", "--data-dir", d)}  # fmt: skip
    assert after[grant]["item"] is not None and after[chip]["item"] == chip_item
    assert after[sport]["item"] is None, "not accepted: not drafted"
    again = run_json("triage", "draft", "--all-accepted", "--json", "--data-dir", d)
    assert again == {"drafted": [], "failed": []}
    both = run("triage", "draft", str(grant), "--all-accepted", "--data-dir", d, check=False)
    assert both.returncode == 1 and "not both" in both.stdout + both.stderr


def test_a_story_is_drafted_once(data_dir: Path) -> None:
    d = str(data_dir)
    grant = run_json("triage", "--json", "--days", "36500", "--data-dir", d)[0]["story"]
    first = run_json("triage", "draft", str(grant), "--json", "--data-dir", d)["item"]["id"]
    again = run("triage", "draft", str(grant), "--data-dir", d, check=False)
    assert again.returncode == 1 and f"already has item {first}" in again.stdout + again.stderr
    store = Store(sqlite_url(data_dir))
    try:
        assert store.items.count() == 1, "refused before a second item was written"
        assert store.stories.get(grant).item_id == first
    finally:
        store.close()


def test_drafting_one_story_from_several_shells_at_once_never_orphans_an_item(
    data_dir: Path,
) -> None:
    """Every process may pass the "no item yet" check before any links one; the workflow
    stores an item and its story link together, so the losers store nothing."""
    d = str(data_dir)
    grant = run_json("triage", "--json", "--days", "36500", "--data-dir", d)[0]["story"]
    shells = [start("triage", "draft", str(grant), "--json", "--data-dir", d) for _ in range(3)]
    answers = [(p.wait(timeout=120), *p.communicate()) for p in shells]
    won = [out for code, out, _ in answers if code == 0]
    assert len(won) == 1, answers
    assert all("already has item" in err for code, _, err in answers if code != 0), answers
    store = Store(sqlite_url(data_dir))
    try:
        items = store.items.find()
        assert len(items) == 1, "an item without its story would be an orphan"
        assert store.stories.get(grant).item_id == items[0].id
        assert items[0].id == json.loads(won[0])["item"]["id"]
    finally:
        store.close()
