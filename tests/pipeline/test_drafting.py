"""Drafting a story: the offline writer, the LLM writer, its fallback, and the check."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from kuaibao import phrases
from kuaibao.classify.taxonomy import load_taxonomy
from kuaibao.config import LLMSettings, Settings
from kuaibao.domain import Item, ItemState, StoryState
from kuaibao.draft.llm.prompt import BUILT_IN_GUIDANCE
from kuaibao.errors import KuaibaoError, ReviewError
from kuaibao.facts import load_gazetteer
from kuaibao.pipeline.drafting import draft_story, redraft_item, story_input
from kuaibao.pipeline.stories import cluster_new_documents
from kuaibao.store import Store
from kuaibao.workflow.items import approve, submit
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


INVENTED = {
    "title": "英国研究与创新署投资1.2亿英镑建设量子计算中心",
    "body": ["2026年11月12日，英国研究与创新署宣布投资1.8亿英镑建设五个量子计算中心。"],
}
CORRECTED = {
    "title": "英国研究与创新署投资1.2亿英镑建设量子计算中心",
    "body": ["2026年11月12日，英国研究与创新署宣布投资1.2亿英镑建设五个量子计算中心。"],
}


def _json(reply: dict[str, object]) -> str:
    return json.dumps(reply, ensure_ascii=False)


def test_a_model_that_never_fixes_an_invented_sum_stops_and_the_draft_stays_flagged(
    store: Store, tmp_path: Path, llm: OpenAIServer
) -> None:
    story_id = _grant_story(store, tmp_path)
    llm.script(completion(_json(INVENTED)))
    outcome = _draft(store, story_id, _settings(tmp_path, llm), use_llm=True)
    assert outcome.writer == "llm:test-model"
    assert outcome.check is not None and not outcome.check.ok
    assert [u.text for u in outcome.check.unsupported] == ["1.8亿英镑"]
    assert any("1.8亿英镑" in n and n.startswith("[check]") for n in outcome.item.notes)
    assert phrases.LLM_REPAIR_FAILED(rounds=2, facts="1.8亿英镑") in outcome.item.notes
    prompt = llm.requests[0].message("user") + llm.requests[0].message("system")
    assert "£120 million" in prompt
    assert len(llm.requests) == 3  # the draft and repair_rounds (2) corrections
    for request in llm.requests[1:]:
        assert "1.8亿英镑" in request.messages[-1]["content"]
    usage = (tmp_path / "llm-usage.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(usage) == 3
    # nothing approves it on the way: a draft, and the gate refuses it once submitted
    assert outcome.item.state is ItemState.DRAFT and outcome.item.id is not None
    submit(store, outcome.item.id, now=NOW)
    with pytest.raises(ReviewError):
        approve(store, outcome.item.id, now=NOW, gazetteer=GAZETTEER)


def test_an_invented_sum_is_sent_back_and_the_corrected_draft_passes(
    store: Store, tmp_path: Path, llm: OpenAIServer
) -> None:
    story_id = _grant_story(store, tmp_path)
    llm.script(completion(_json(INVENTED)), completion(_json(CORRECTED)))
    outcome = _draft(store, story_id, _settings(tmp_path, llm), use_llm=True)
    assert outcome.check is not None and outcome.check.ok
    assert outcome.item.body == CORRECTED["body"]
    assert phrases.LLM_REPAIRED(rounds=1) in outcome.item.notes
    assert len(llm.requests) == 2
    repair = llm.requests[1].messages
    assert [m["role"] for m in repair[-2:]] == ["assistant", "user"]
    assert "1.8亿英镑" in repair[-2]["content"]  # the model's own answer, kept
    asked = repair[-1]["content"]
    assert "「1.8亿英镑」" in asked and "宣布投资1.8亿英镑建设五个量子计算中心。" in asked
    assert "£120 million" in asked  # the source sentence holding the right sum


def test_a_malformed_repair_answer_keeps_the_flagged_draft(
    store: Store, tmp_path: Path, llm: OpenAIServer
) -> None:
    story_id = _grant_story(store, tmp_path)
    llm.script(completion(_json(INVENTED)), completion("Sorry, I cannot help with that."))
    outcome = _draft(store, story_id, _settings(tmp_path, llm), use_llm=True)
    assert outcome.writer == "llm:test-model" and outcome.note is None
    assert outcome.item.body == INVENTED["body"]
    assert outcome.check is not None and not outcome.check.ok
    assert phrases.LLM_REPAIR_FAILED(rounds=1, facts="1.8亿英镑") in outcome.item.notes
    assert len(llm.requests) == 2


def test_a_malformed_first_answer_falls_back_to_the_offline_writer(
    store: Store, tmp_path: Path, llm: OpenAIServer
) -> None:
    story_id = _grant_story(store, tmp_path)
    llm.script(completion("Here is your draft: the UK invests in quantum."))
    outcome = _draft(store, story_id, _settings(tmp_path, llm), use_llm=True)
    assert outcome.writer == "offline"
    assert outcome.note is not None and "not a JSON object" in outcome.note
    assert phrases.match(outcome.note) is not None


def _published(store: Store, title: str, body: str, domain: str, section: str) -> None:
    item = Item(title=title, body=[body], domain=domain, section=section)
    saved = store.items.add(item, now=NOW)
    assert saved.id is not None
    store.items.set_state([saved.id], ItemState.PUBLISHED, now=NOW)


def test_the_nearest_archive_items_are_the_prompts_style_examples(
    store: Store, tmp_path: Path, llm: OpenAIServer
) -> None:
    story_id = _grant_story(store, tmp_path)
    story = store.stories.get(story_id)
    _published(store, "示例甲：量子计算中心落成", "同领域同栏目的量子计算中心条目。",
               story.domain or "", story.section or "")  # fmt: skip
    _published(store, "示例乙：量子传感计划启动", "同领域的量子传感条目。",
               story.domain or "", "其他栏目")  # fmt: skip
    # neither shares the domain; 丙 shares words with the story (丁 is newer)
    _published(
        store, "示例丙：英国研究与创新署资助芯片工厂", "另一领域的条目。", "半导体", "产业动态"
    )
    _published(store, "示例丁：电池回收新规", "另一领域的条目。", "新能源", "产业动态")
    draft = store.items.add(Item(title="示例戊：未发布的草稿", body=["草稿"]), now=NOW)
    assert draft.state is ItemState.DRAFT
    llm.script(completion(_json(CORRECTED)))
    _draft(store, story_id, _settings(tmp_path, llm), use_llm=True)
    user = llm.requests[0].message("user")
    assert "示例甲" in user and "示例乙" in user and "示例丙" in user
    assert user.index("示例甲") < user.index("示例乙") < user.index("示例丙")
    assert "示例丁" not in user  # three at most
    assert "示例戊" not in user  # drafts are not the house style
    assert BUILT_IN_GUIDANCE not in user


def test_a_new_archive_falls_back_to_built_in_guidance(
    store: Store, tmp_path: Path, llm: OpenAIServer
) -> None:
    story_id = _grant_story(store, tmp_path)
    llm.script(completion(_json(CORRECTED)))
    _draft(store, story_id, _settings(tmp_path, llm), use_llm=True)
    user = llm.requests[0].message("user")
    assert BUILT_IN_GUIDANCE in user and "【示例" not in user


def test_a_redraft_by_the_llm_gets_examples_and_repair_too(
    store: Store, tmp_path: Path, llm: OpenAIServer
) -> None:
    story_id = _grant_story(store, tmp_path)
    first = _draft(store, story_id, _settings(tmp_path)).item
    assert first.id is not None
    _published(store, "示例甲：量子计算中心落成", "同领域的条目。", first.domain or "", "产业动态")
    llm.script(completion(_json(INVENTED)), completion(_json(CORRECTED)))
    outcome = redraft_item(
        store, first.id, version=first.version, settings=_settings(tmp_path, llm),
        taxonomy=TAXONOMY, gazetteer=GAZETTEER, now=NOW, use_llm=True,
    )  # fmt: skip
    assert "示例甲" in llm.requests[0].message("user")
    assert outcome.check is not None and outcome.check.ok
    assert phrases.LLM_REPAIRED(rounds=1) in outcome.item.notes
    assert outcome.item.state is ItemState.DRAFT


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


def test_the_writer_sees_each_documents_source_country_and_region(
    store: Store, tmp_path: Path
) -> None:
    story_id = _grant_story(store, tmp_path)
    agency = next(s for s in store.sources.all() if s.name == "Agency")
    store.sources.update(replace(agency, country="GB", region="云岚省岚州市"))
    story = store.stories.get(story_id)
    given = story_input(story, store.documents.get_many(story.document_ids), store, TAXONOMY)
    by_url = {d.url: given.source(i) for i, d in enumerate(given.documents)}
    lead = by_url["https://agency.example/q"]
    assert (lead.name, lead.country, lead.region) == ("Agency", "GB", "云岚省岚州市")
    assert by_url["https://wire.example/q"].name == "Wire"
    assert len(given.sources) == len(given.documents)
