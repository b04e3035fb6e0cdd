"""Drafting a story: the offline writer, the LLM writer, its fallback, and the check."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from kuaibao.classify.taxonomy import load_taxonomy
from kuaibao.config import LLMSettings, Settings
from kuaibao.domain import StoryState
from kuaibao.errors import KuaibaoError
from kuaibao.facts import load_gazetteer
from kuaibao.pipeline.drafting import draft_story
from kuaibao.pipeline.stories import cluster_new_documents
from kuaibao.store import Store
from tests.support.openai_server import OpenAIServer, completion, error, openai_server
from tests.triage.corpus import DAY0, GRANT, document, sources

NOW = DAY0 + timedelta(days=1)
TAXONOMY = load_taxonomy()
GAZETTEER = load_gazetteer()


@pytest.fixture
def llm() -> Iterator[OpenAIServer]:
    with openai_server() as srv:
        yield srv


def _grant_story(store: Store, data_dir: Path) -> int:
    store.sources.upsert_many(sources(), now=NOW)
    ids = {s.name: s.id for s in store.sources.all()}
    store.documents.add_many(
        [
            document(*GRANT[0], "https://agency.example/q", source_id=ids["Agency"]),
            document(*GRANT[1], "https://wire.example/q", source_id=ids["Wire"], day=1),
        ]
    )
    cluster_new_documents(store, data_dir, now=NOW, taxonomy=TAXONOMY)
    (story,) = store.stories.find()
    return story.id


def _settings(tmp_path: Path, llm: OpenAIServer | None = None) -> Settings:
    if llm is None:
        return Settings(data_dir=tmp_path)
    return Settings(
        data_dir=tmp_path,
        llm=LLMSettings(
            base_url=llm.base_url, model="test-model", retries=1, backoff_base=0.01, timeout=5.0
        ),
    )


def _draft(store: Store, story_id: int, settings: Settings, *, use_llm: bool = False):  # type: ignore[no-untyped-def]
    return draft_story(
        store, story_id, settings=settings, taxonomy=TAXONOMY, gazetteer=GAZETTEER, now=NOW,
        use_llm=use_llm, contributors=["王五"],
    )  # fmt: skip


def test_offline_draft_is_checked_stored_and_linked(store: Store, tmp_path: Path) -> None:
    story_id = _grant_story(store, tmp_path)
    outcome = _draft(store, story_id, _settings(tmp_path))
    item = outcome.item
    assert outcome.writer == "offline" and outcome.check is not None and outcome.check.ok
    assert item.source_urls[0] == "https://agency.example/q" and len(item.source_urls) == 2
    assert item.contributors == ["王五"] and item.domain == "量子技术"
    assert any(n.startswith("[check] ok") for n in item.notes)
    assert store.items.get(item.id).notes == item.notes  # type: ignore[arg-type]
    story = store.stories.get(story_id)
    assert story.item_id == item.id and story.state is StoryState.ACCEPTED


def test_an_llm_draft_with_an_invented_sum_is_flagged(
    store: Store, tmp_path: Path, llm: OpenAIServer
) -> None:
    story_id = _grant_story(store, tmp_path)
    reply = {
        "title": "英国研究与创新署投资1.2亿英镑建设量子计算中心",
        "body": ["2026年11月12日，英国研究与创新署宣布投资1.8亿英镑建设五个量子计算中心。"],
    }
    llm.script(completion(json.dumps(reply, ensure_ascii=False)))
    outcome = _draft(store, story_id, _settings(tmp_path, llm), use_llm=True)
    assert outcome.writer == "llm:test-model"
    assert outcome.check is not None and not outcome.check.ok
    assert [u.text for u in outcome.check.unsupported] == ["1.8亿英镑"]
    assert any("1.8亿英镑" in n for n in outcome.item.notes)
    prompt = llm.requests[0].message("user") + llm.requests[0].message("system")
    assert "£120 million" in prompt
    usage = (tmp_path / "llm-usage.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(usage) == 1


def test_a_failing_endpoint_falls_back_to_the_offline_writer(
    store: Store, tmp_path: Path, llm: OpenAIServer
) -> None:
    story_id = _grant_story(store, tmp_path)
    llm.script(error(503, "overloaded"))
    outcome = _draft(store, story_id, _settings(tmp_path, llm), use_llm=True)
    assert outcome.writer == "offline"
    assert outcome.note is not None and "LLM writer failed" in outcome.note
    assert outcome.note in outcome.item.notes
    assert len(llm.requests) == 2  # the first try and one retry


def test_asking_for_an_unconfigured_llm_is_a_clear_error(store: Store, tmp_path: Path) -> None:
    story_id = _grant_story(store, tmp_path)
    with pytest.raises(KuaibaoError, match="not configured"):
        _draft(store, story_id, replace(_settings(tmp_path)), use_llm=True)
    assert store.items.count() == 0
