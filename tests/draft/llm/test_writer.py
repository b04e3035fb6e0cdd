"""The LLM writer against a real OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kuaibao.config import LLMSettings, Settings, load_settings
from kuaibao.domain import Document
from kuaibao.draft.llm.prompt import SYSTEM_PROMPT, messages_tokens
from kuaibao.draft.llm.reply import DRAFT_SCHEMA
from kuaibao.draft.llm.usage import read_usage
from kuaibao.draft.llm.writer import LLMWriter, writer_from_settings
from kuaibao.draft.model import StoryInput
from kuaibao.errors import ConfigError, DraftError
from kuaibao.facts.gazetteer import load_gazetteer
from tests.support.openai_server import OpenAIServer, completion, error, openai_server
from tests.support.server import Reply

KEY = "sk-test-9f3a"
GOOD = json.dumps(
    {
        "title": "美国国家科学基金会投入520亿美元支持量子传感研究",
        "body": [
            "2024年3月15日，美国国家科学基金会（NSF）宣布投入520亿美元支持量子传感研究。",
            "该计划为期5年。",
        ],
        "key_sentences": [
            "the National Science Foundation said it will invest $52 billion",
            "The NSF will also build a new headquarters.",
        ],
        "source_urls": ["https://invented.example/by-the-model"],
    },
    ensure_ascii=False,
)


def _story() -> StoryInput:
    lead = Document(
        id=11,
        url="https://nsf.example/news/1?utm_source=rss",
        canonical_url="https://nsf.example/news/1",
        title="NSF commits $52 billion to quantum sensing",
        text=(
            "On March 15, 2024, the National Science Foundation said it will invest "
            "$52 billion in quantum sensing over five years.\nThe NSF programme starts soon."
        ),
        content_hash="a" * 64,
        published_at=datetime(2024, 3, 16, 8, tzinfo=UTC),
    )
    echo = Document(
        id=12,
        url="https://wire.example/story",
        canonical_url="https://wire.example/story",
        title="US bets on quantum sensing",
        text="The agency's $52 billion plan was welcomed by researchers.",
        content_hash="b" * 64,
    )
    return StoryInput(documents=[lead, echo], domain="量子技术", section="科技政策与科研计划")


GLOSSARY = {"quantum sensing": "量子传感", "photonic chip": "光子芯片"}


@pytest.fixture
def llm() -> Iterator[OpenAIServer]:
    with openai_server() as srv:
        yield srv


def _settings(server: OpenAIServer, **changes: object) -> LLMSettings:
    base = LLMSettings(
        base_url=server.base_url,
        model="test-model",
        api_key=KEY,
        timeout=5.0,
        retries=2,
        backoff_base=0.01,
        input_price_per_million=2.0,
        output_price_per_million=8.0,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _writer(settings: LLMSettings, log: Path, waits: list[float]) -> LLMWriter:
    return LLMWriter(settings, usage_log=log, sleep=waits.append)


def test_reply_becomes_a_draft_with_metadata_from_the_documents(
    llm: OpenAIServer, tmp_path: Path
) -> None:
    llm.script(completion(GOOD))
    with _writer(_settings(llm), tmp_path / "usage.jsonl", []) as writer:
        draft = writer.write(_story(), gazetteer=load_gazetteer(), glossary=GLOSSARY)
    assert draft.title == "美国国家科学基金会投入520亿美元支持量子传感研究"
    assert draft.body[0].startswith("2024年3月15日，美国国家科学基金会（NSF）")
    assert (draft.domain, draft.section, draft.writer) == (
        "量子技术",
        "科技政策与科研计划",
        "llm:test-model",
    )
    assert draft.source_urls == ["https://nsf.example/news/1", "https://wire.example/story"]
    assert draft.original_title == "NSF commits $52 billion to quantum sensing"
    assert (draft.event_date, draft.document_ids) == ("2024-03-16", [11, 12])
    # the key sentence the sources hold is kept; the one the model made up is dropped
    assert draft.key_sentences == [
        "the National Science Foundation said it will invest $52 billion"
    ]
    assert draft.to_item().notes[0] == "[llm:test-model]"


def test_usage_line_has_tokens_latency_and_cost(llm: OpenAIServer, tmp_path: Path) -> None:
    log = tmp_path / "logs" / "usage.jsonl"
    llm.script(completion(GOOD, prompt_tokens=1500, completion_tokens=250))
    with _writer(_settings(llm), log, []) as writer:
        writer.write(_story())
    [line] = read_usage(log)
    assert line["outcome"] == "ok" and line["model"] == "test-model"
    assert (line["prompt_tokens"], line["completion_tokens"], line["total_tokens"]) == (
        1500,
        250,
        1750,
    )
    assert line["cost"] == pytest.approx(1500 * 2.0 / 1e6 + 250 * 8.0 / 1e6)
    assert isinstance(line["latency_ms"], int) and line["latency_ms"] >= 0
    assert line["document_ids"] == [11, 12] and line["time"].endswith("+00:00")
    assert KEY not in log.read_text(encoding="utf-8")


def test_unknown_prices_leave_the_cost_out(llm: OpenAIServer, tmp_path: Path) -> None:
    log = tmp_path / "usage.jsonl"
    llm.script(completion(GOOD))
    settings = _settings(llm, input_price_per_million=0.0, output_price_per_million=0.0)
    with _writer(settings, log, []) as writer:
        writer.write(_story())
    [line] = read_usage(log)
    assert line["prompt_tokens"] == 1200 and line["cost"] is None


def test_request_carries_key_model_house_style_glossary_and_facts(
    llm: OpenAIServer, tmp_path: Path
) -> None:
    llm.script(completion(GOOD))
    with _writer(_settings(llm, max_tokens=700), tmp_path / "u.jsonl", []) as writer:
        writer.write(_story(), gazetteer=load_gazetteer(), glossary=GLOSSARY)
    [request] = llm.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {KEY}"
    body = request.body
    assert (body["model"], body["max_tokens"], body["stream"]) == ("test-model", 700, False)
    assert body["response_format"] == {"type": "json_object"}
    system, user = request.message("system"), request.message("user")
    assert "520亿美元" in system and "2024年3月15日" in system and "编造" in system
    assert "National Science Foundation → 美国国家科学基金会（NSF）" in user
    assert "quantum sensing → 量子传感" in user
    assert "光子芯片" not in user  # glossary terms absent from the sources stay out
    assert "$52 billion → 520亿美元" in user and "March 15, 2024 → 2024年3月15日" in user
    assert "领域：量子技术" in user and "栏目：科技政策与科研计划" in user
    assert "https://wire.example/story" in user


INVENTED = json.dumps(
    {
        "title": "美国国家科学基金会投入900亿美元",
        "body": ["该基金会投入900亿美元支持量子传感研究。"],
    },
    ensure_ascii=False,
)


def test_repair_rounds_zero_sends_one_request_and_keeps_the_failing_draft(
    llm: OpenAIServer, tmp_path: Path
) -> None:
    llm.script(completion(INVENTED))
    with _writer(_settings(llm, repair_rounds=0), tmp_path / "u.jsonl", []) as writer:
        draft = writer.write(_story(), gazetteer=load_gazetteer())
    assert len(llm.requests) == 1
    assert draft.body == ["该基金会投入900亿美元支持量子传感研究。"]
    assert not any(n.startswith("LLM repair") for n in draft.to_item().notes)


def test_each_repair_round_carries_the_earlier_turns(llm: OpenAIServer, tmp_path: Path) -> None:
    llm.script(completion(INVENTED))
    with _writer(_settings(llm, repair_rounds=3), tmp_path / "u.jsonl", []) as writer:
        draft = writer.write(_story(), gazetteer=load_gazetteer())
    assert len(llm.requests) == 4
    assert [len(r.messages) for r in llm.requests] == [2, 4, 6, 8]
    assert "LLM repair: 3 round(s); still unsupported: 900亿美元" in draft.to_item().notes


BARE = json.dumps(
    {
        "title": "美国投入520亿美元支持量子传感研究",
        "body": ["近日，政府宣布投入520亿美元支持量子传感研究。"],
    },
    ensure_ascii=False,
)


def test_house_style_faults_go_back_to_the_model_with_what_fixes_them(
    llm: OpenAIServer, tmp_path: Path
) -> None:
    """A draft the fact check passes but a reader would mark (bare 政府, 近日) is repaired."""
    llm.script(completion(BARE), completion(GOOD))
    with _writer(_settings(llm), tmp_path / "u.jsonl", []) as writer:
        draft = writer.write(_story(), gazetteer=load_gazetteer())
    assert len(llm.requests) == 2
    ask = llm.requests[1].messages[-1]["content"]
    assert "「近日」请改为具体日期（原文发布于2024年3月16日）" in ask
    assert "「政府」未写明国家或机构" in ask and "事实核查" not in ask
    assert draft.title == json.loads(GOOD)["title"]
    assert draft.writer_notes == ["LLM repair: 1 round(s); the check passes"]


def test_house_style_the_model_cannot_fix_is_named_for_the_editor(
    llm: OpenAIServer, tmp_path: Path
) -> None:
    llm.script(completion(BARE))
    with _writer(_settings(llm, repair_rounds=1), tmp_path / "u.jsonl", []) as writer:
        draft = writer.write(_story(), gazetteer=load_gazetteer())
    assert len(llm.requests) == 2
    assert "house style still to fix by hand: 近日、政府" in draft.writer_notes


def test_no_authorization_header_without_a_key(llm: OpenAIServer, tmp_path: Path) -> None:
    llm.script(completion(GOOD))
    with _writer(_settings(llm, api_key=""), tmp_path / "u.jsonl", []) as writer:
        writer.write(_story())
    assert "authorization" not in llm.requests[0].headers


def test_server_error_then_success_is_retried(llm: OpenAIServer, tmp_path: Path) -> None:
    log = tmp_path / "u.jsonl"
    waits: list[float] = []
    llm.script(error(500, "model is loading"), completion(GOOD))
    with _writer(_settings(llm), log, waits) as writer:
        draft = writer.write(_story())
    assert draft.title.startswith("美国国家科学基金会")
    assert len(llm.requests) == 2 and len(waits) == 1
    assert [(r["outcome"], r["attempt"]) for r in read_usage(log)] == [("http_500", 1), ("ok", 2)]
    assert "model is loading" in read_usage(log)[0]["error"]


def test_429_waits_as_long_as_retry_after_says(llm: OpenAIServer, tmp_path: Path) -> None:
    waits: list[float] = []
    llm.script(error(429, "slow down", headers={"Retry-After": "7"}), completion(GOOD))
    with _writer(_settings(llm), tmp_path / "u.jsonl", waits) as writer:
        writer.write(_story())
    assert waits == [7.0] and len(llm.requests) == 2


def test_retry_after_is_capped(llm: OpenAIServer, tmp_path: Path) -> None:
    waits: list[float] = []
    llm.script(error(429, "quota", headers={"Retry-After": "3600"}), completion(GOOD))
    settings = _settings(llm, max_retry_after=20.0)
    with _writer(settings, tmp_path / "u.jsonl", waits) as writer:
        writer.write(_story())
    assert waits == [20.0]


def test_timeouts_end_in_a_draft_error_after_the_retries(llm: OpenAIServer, tmp_path: Path) -> None:
    log = tmp_path / "u.jsonl"
    waits: list[float] = []
    llm.script(Reply(200, "{}", content_type="application/json", delay=1.0))
    settings = _settings(llm, timeout=0.2, retries=1)
    with _writer(settings, log, waits) as writer, pytest.raises(DraftError) as caught:
        writer.write(_story())
    assert caught.value.kind == "timeout"
    assert "0.2 s" in str(caught.value) and "2 attempts" in str(caught.value)
    assert len(llm.requests) == 2 and len(waits) == 1
    assert [r["outcome"] for r in read_usage(log)] == ["timeout", "timeout"]


def test_reply_that_is_not_json_is_a_draft_error(llm: OpenAIServer, tmp_path: Path) -> None:
    log = tmp_path / "u.jsonl"
    llm.script(completion("好的，以下是快报：美国国家科学基金会投入巨资。"))
    with _writer(_settings(llm), log, []) as writer, pytest.raises(DraftError) as caught:
        writer.write(_story())
    assert caught.value.kind == "invalid_reply" and "not a JSON object" in str(caught.value)
    assert len(llm.requests) == 1  # a wrong answer is not retried: it would cost again
    [line] = read_usage(log)
    assert line["outcome"] == "invalid_reply" and line["prompt_tokens"] == 1200


def test_reply_cut_off_at_max_tokens_says_so(llm: OpenAIServer, tmp_path: Path) -> None:
    llm.script(completion('{"title": "美国国家科学基金会投入', finish_reason="length"))
    with (
        _writer(_settings(llm, max_tokens=64), tmp_path / "u.jsonl", []) as writer,
        pytest.raises(DraftError, match="max_tokens=64"),
    ):
        writer.write(_story())


def test_fenced_json_with_prose_is_accepted(llm: OpenAIServer, tmp_path: Path) -> None:
    llm.script(completion(f"好的。\n```json\n{GOOD}\n```\n以上。"))
    with _writer(_settings(llm), tmp_path / "u.jsonl", []) as writer:
        assert writer.write(_story()).body[1] == "该计划为期5年。"


def test_401_is_not_retried_and_names_the_key_setting(llm: OpenAIServer, tmp_path: Path) -> None:
    waits: list[float] = []
    llm.script(error(401, "Incorrect API key provided"))
    writer = _writer(_settings(llm), tmp_path / "u.jsonl", waits)
    with writer, pytest.raises(DraftError) as caught:
        writer.write(_story())
    assert caught.value.status == 401 and caught.value.kind == "http_status"
    assert "Incorrect API key provided" in str(caught.value) and "api_key" in str(caught.value)
    assert KEY not in str(caught.value)
    assert len(llm.requests) == 1 and waits == []


def test_server_without_json_mode_is_asked_again_without_it(
    llm: OpenAIServer, tmp_path: Path
) -> None:
    waits: list[float] = []
    llm.script(error(400, "response_format is not supported"), completion(GOOD))
    with _writer(_settings(llm, retries=0), tmp_path / "u.jsonl", waits) as writer:
        writer.write(_story())
    first, second = llm.requests
    assert "response_format" in first.body and "response_format" not in second.body
    assert waits == []


def test_unreachable_endpoint_is_a_connect_error(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = LLMSettings(base_url=f"http://127.0.0.1:{port}/v1", model="m", retries=0)
    writer = LLMWriter(settings, usage_log=tmp_path / "u.jsonl")
    with writer, pytest.raises(DraftError) as caught:
        writer.write(_story())
    assert caught.value.kind == "connect" and str(port) in str(caught.value)


def test_writer_is_off_unless_configured(tmp_path: Path) -> None:
    assert writer_from_settings(Settings(data_dir=tmp_path)) is None
    with pytest.raises(ConfigError, match="base_url"):
        LLMWriter(LLMSettings())


def test_writer_from_settings_logs_in_the_data_dir(llm: OpenAIServer, tmp_path: Path) -> None:
    llm.script(completion(GOOD))
    settings = Settings(data_dir=tmp_path, llm=_settings(llm))
    writer = writer_from_settings(settings)
    assert writer is not None
    with writer:
        writer.write(_story())
    assert read_usage(tmp_path / "llm-usage.jsonl")[0]["outcome"] == "ok"


# --- settings -----------------------------------------------------------------------------


def test_llm_settings_come_from_the_toml_file_then_the_environment(tmp_path: Path) -> None:
    (tmp_path / "kuaibao.toml").write_text(
        '[llm]\nbase_url = "http://127.0.0.1:8080/v1"\nmodel = "qwen2.5-7b"\n'
        "timeout = 300\ninput_price_per_million = 0.5\njson_mode = false\n",
        encoding="utf-8",
    )
    env = {"KUAIBAO_LLM_MODEL": "qwen2.5-14b", "KUAIBAO_LLM_API_KEY": KEY}
    env["KUAIBAO_LLM_RETRIES"] = "5"
    llm = load_settings(data_dir=tmp_path, environ=env).llm
    assert (llm.base_url, llm.model, llm.api_key) == (
        "http://127.0.0.1:8080/v1",
        "qwen2.5-14b",
        KEY,
    )
    assert (llm.timeout, llm.retries, llm.input_price_per_million) == (300.0, 5, 0.5)
    assert llm.json_mode is False and llm.enabled
    flags = load_settings(data_dir=tmp_path, environ=env, llm_overrides={"retries": 1})
    assert flags.llm.retries == 1


def test_the_writer_is_off_by_default(tmp_path: Path) -> None:
    llm = load_settings(data_dir=tmp_path, environ={}).llm
    assert llm.enabled is False and llm.base_url == ""


def test_unknown_llm_setting_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "kuaibao.toml").write_text('[llm]\nendpoint = "http://x/v1"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown llm setting 'endpoint'"):
        load_settings(data_dir=tmp_path, environ={})


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"KUAIBAO_LLM_TIMEOUT": "soon"}, "'timeout' must be a float"),
        ({"KUAIBAO_LLM_BASE_URL": "http://127.0.0.1:11434/v1"}, "model is empty"),
        ({"KUAIBAO_LLM_BASE_URL": "127.0.0.1:8080", "KUAIBAO_LLM_MODEL": "m"}, "http://"),
        ({"KUAIBAO_LLM_TEMPERATURE": "3"}, "temperature"),
        ({"KUAIBAO_LLM_RETRIES": "-1"}, "retries"),
        ({"KUAIBAO_LLM_REPAIR_ROUNDS": "-1"}, "repair_rounds"),
    ],
)
def test_bad_llm_values_stop_at_start_up(tmp_path: Path, env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(data_dir=tmp_path, environ=env)


def test_the_api_key_is_never_printed() -> None:
    settings = Settings(llm=LLMSettings(base_url="https://api.example/v1", model="m", api_key=KEY))
    assert KEY not in repr(settings) and KEY not in str(settings.llm)


# --- small local models: context budget, schema, system role -------------------------------


def _long_story() -> StoryInput:
    story = _story()
    text = " ".join(
        f"On March {day}, 2024 the agency funded {day} quantum sensing labs."
        for day in range(1, 29)
    )
    lead = replace(story.documents[0], text=story.documents[0].text + "\n" + text * 8)
    return replace(story, documents=[lead, *story.documents[1:]])


def test_the_prompt_fits_the_context_window_less_the_reply(
    llm: OpenAIServer, tmp_path: Path
) -> None:
    llm.script(completion(GOOD))
    settings = _settings(llm, context_tokens=2048, max_tokens=512)
    with _writer(settings, tmp_path / "u.jsonl", []) as writer:
        writer.write(_long_story(), gazetteer=load_gazetteer())
    [request] = llm.requests
    assert messages_tokens(request.messages) <= 2048 - 512
    assert "……（后略）" in request.message("user")
    with _writer(_settings(llm), tmp_path / "u.jsonl", []) as writer:
        writer.write(_long_story(), gazetteer=load_gazetteer())
    assert messages_tokens(llm.requests[1].messages) > 2048  # unbounded, it would not fit


def test_a_context_too_small_for_any_prompt_asks_nothing(llm: OpenAIServer, tmp_path: Path) -> None:
    llm.script(completion(GOOD))
    settings = _settings(llm, context_tokens=1100, max_tokens=64, max_source_chars=500)
    with (
        _writer(settings, tmp_path / "u.jsonl", []) as writer,
        pytest.raises(DraftError, match="context_tokens") as caught,
    ):
        writer.write(_long_story(), gazetteer=load_gazetteer(), glossary=dict.fromkeys("abc", "x"))
    assert caught.value.kind == "context" and llm.requests == []


def test_a_repair_that_overflows_the_window_sends_the_prompt_fitted_again(
    llm: OpenAIServer, tmp_path: Path
) -> None:
    llm.script(completion(INVENTED))
    settings = _settings(llm, context_tokens=3072, max_tokens=512, repair_rounds=2)
    with _writer(settings, tmp_path / "u.jsonl", []) as writer:
        writer.write(_long_story(), gazetteer=load_gazetteer())
    assert len(llm.requests) == 3
    for request in llm.requests:
        assert messages_tokens(request.messages) <= 3072 - 512
    # the earlier exchange is left out rather than the window overflowed
    assert [len(r.messages) for r in llm.requests] == [2, 4, 4]
    assert "900亿美元" in llm.requests[2].messages[-1]["content"]


def test_json_schema_and_instructions_in_the_user_turn_when_asked(
    llm: OpenAIServer, tmp_path: Path
) -> None:
    llm.script(completion(GOOD))
    settings = _settings(llm, json_schema=True, system_role=False)
    with _writer(settings, tmp_path / "u.jsonl", []) as writer:
        writer.write(_story())
    [request] = llm.requests
    assert request.body["response_format"] == {"type": "json_object", "schema": DRAFT_SCHEMA}
    assert [m["role"] for m in request.messages] == ["user"]
    assert request.messages[0]["content"].startswith(SYSTEM_PROMPT + "\n\n领域：")


def test_a_context_overflow_answer_names_the_setting(llm: OpenAIServer, tmp_path: Path) -> None:
    message = "This model's maximum context length is 2048 tokens. However, you requested 4100"
    llm.script(error(400, message))
    with (
        _writer(_settings(llm), tmp_path / "u.jsonl", []) as writer,
        pytest.raises(DraftError, match="llm context_tokens"),
    ):
        writer.write(_story())
