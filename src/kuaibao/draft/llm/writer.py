"""The optional LLM writer: drafts through any OpenAI-compatible chat-completions endpoint.

Hosted services and local servers (llama.cpp ``llama-server``, vLLM, Ollama) speak the
same protocol, so one writer serves them all; which endpoint to trust with the sources is
the user's choice in ``[llm]`` settings. The writer is off unless ``base_url`` is set.

Each request is retried on timeouts, dropped connections, 429 and transient 5xx with
full-jitter back-off (a server's ``Retry-After`` wins, within ``max_retry_after``); other
4xx answers are final. Every request, successful or not, leaves one line in the usage log.
The model writes only the title, body and key sentences: sources, original title, event
date and document ids come from the documents, so the model cannot get them wrong.

The prompt shows the centre's own archive items nearest to the story (``draft.examples``)
as style examples. Each answer is fact-checked as the approval gate will check it; while
a figure, date or name is unsupported, the spans go back to the model with the source
sentences, for at most ``repair_rounds`` rounds. A draft that still fails is returned
as it is, with a note naming what stayed unsupported: the check notes flag it and the
approval gate refuses it, so it is never approved unseen.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx

from kuaibao import phrases
from kuaibao.config import LLMSettings, Settings
from kuaibao.domain import Document, Item
from kuaibao.draft.housestyle import StyleFault, style_faults
from kuaibao.draft.llm.examples import choose_examples
from kuaibao.draft.llm.prompt import (
    build_messages,
    fold_system,
    glossary_terms,
    messages_tokens,
    repair_message,
    style_lines,
)
from kuaibao.draft.llm.reply import DRAFT_SCHEMA, DraftReply, parse_draft_reply
from kuaibao.draft.llm.usage import (
    USAGE_LOG_NAME,
    UsageRecord,
    append_usage,
    estimate_cost,
    now_iso,
    token_counts,
)
from kuaibao.draft.model import Draft, StoryInput, story_published
from kuaibao.draft.review import check_item, draft_text, source_text
from kuaibao.errors import ConfigError, DraftError
from kuaibao.facts.check import CheckResult
from kuaibao.facts.extract import extract_facts
from kuaibao.facts.gazetteer import Gazetteer
from kuaibao.fetch.retry import backoff_delay, is_retryable_status, retry_after_seconds

_DETAIL_LIMIT = 300
_HINTS = {
    401: "check llm api_key",
    403: "check llm api_key and the account's access to the model",
    404: "check llm base_url (most servers want it to end in /v1) and llm model",
}
_CONTEXT_HINT = "set llm context_tokens to the server's context size so the prompt is cut to fit"


def _detail(response: httpx.Response) -> str:
    """The server's own error message when it gives one, else the start of the body."""
    try:
        doc = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        doc = None
    if isinstance(doc, dict):
        error = doc.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            return str(error["message"])[:_DETAIL_LIMIT]
        if isinstance(error, str):
            return error[:_DETAIL_LIMIT]
        if isinstance(doc.get("message"), str):
            return str(doc["message"])[:_DETAIL_LIMIT]
    return " ".join(response.text.split())[:_DETAIL_LIMIT]


def _event_date(documents: Sequence[Document]) -> str | None:
    for doc in documents:
        if doc.published_at is not None:
            return doc.published_at.date().isoformat()
    return None


def _story_content(
    source: str, gazetteer: Gazetteer | None, glossary: Mapping[str, str] | None
) -> str:
    """What a story is about, for finding archive items like it: its sources plus the
    Chinese names of its terms, since the archive is written in Chinese."""
    facts = extract_facts(source, gazetteer=gazetteer)
    names = [chinese for _, chinese in glossary_terms(source, facts, glossary)]
    return "\n".join([source, *names])


def _flat(text: str) -> str:
    return " ".join(text.split())


def quoted_from(sentences: Sequence[str], source: str) -> list[str]:
    """The key sentences that really are in the sources (spacing aside). The editor reads
    them as the sources' own words, so one the model made up is dropped, not shown."""
    flat = _flat(source)
    return [s for s in sentences if len(_flat(s)) >= 10 and _flat(s) in flat]


def _reply_json(reply: DraftReply) -> str:
    """The model's earlier answer as it is kept in the conversation for a repair."""
    return json.dumps(
        {"title": reply.title, "body": reply.body, "key_sentences": reply.key_sentences},
        ensure_ascii=False,
    )


class LLMWriter:
    """Writes one ``Draft`` per story with a chat-completions model; see the module doc."""

    def __init__(
        self,
        settings: LLMSettings,
        *,
        usage_log: Path | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        if not settings.enabled:
            raise ConfigError("the LLM writer is off: set llm base_url (and model) to use it")
        self.settings = settings
        self.usage_log = usage_log
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._json_mode = settings.json_mode
        headers = {"Accept": "application/json"}
        if settings.api_key:
            headers["Authorization"] = f"Bearer {settings.api_key}"
        self._client = httpx.Client(
            timeout=httpx.Timeout(settings.timeout), transport=transport, headers=headers
        )

    @property
    def name(self) -> str:
        """The writer's name on drafts: ``llm:<model>``."""
        return f"llm:{self.settings.model}"

    @property
    def endpoint(self) -> str:
        return self.settings.base_url.rstrip("/") + "/chat/completions"

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> LLMWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def write(
        self,
        story: StoryInput,
        *,
        gazetteer: Gazetteer | None = None,
        glossary: Mapping[str, str] | None = None,
        archive: Sequence[Item] = (),
    ) -> Draft:
        """A checked draft for one story; ``DraftError`` when the endpoint gives none.

        ``archive`` holds the centre's published and imported items; the nearest few
        become style examples. A repair request that fails (endpoint down, malformed
        answer) ends the repair and keeps the last draft, still flagged by its check.
        """
        docs = story.documents
        source = source_text(docs)
        examples = choose_examples(
            archive,
            domain=story.domain,
            section=story.section,
            content=_story_content(source[: self.settings.max_source_chars], gazetteer, glossary),
        )

        def prompt(room: int | None) -> list[dict[str, str]]:
            return build_messages(
                story,
                gazetteer=gazetteer,
                glossary=glossary,
                max_source_chars=self.settings.max_source_chars,
                examples=examples,
                prompt_tokens=room,
            )

        messages = prompt(self.prompt_room())
        ids = [d.id for d in docs if d.id is not None]
        reply = self.complete(messages, document_ids=ids)
        draft = self._draft(story, reply)
        result = check_item(draft.to_item(), docs, gazetteer=gazetteer)
        faults = style_faults(draft_text(draft.to_item()))
        rounds = 0
        while _needs_repair(result, faults) and rounds < self.settings.repair_rounds:
            text = draft_text(draft.to_item())
            exchange = [
                {"role": "assistant", "content": _reply_json(reply)},
                {
                    "role": "user",
                    "content": repair_message(
                        text,
                        result.unsupported if result is not None else [],
                        source,
                        gazetteer=gazetteer,
                        style=style_lines(
                            text,
                            faults,
                            region=story.source(0).region,
                            published=story_published(story),
                        ),
                    ),
                },
            ]
            rounds += 1
            try:
                messages = self._with_repair(messages, exchange, prompt)
                reply = self.complete(messages, document_ids=ids)
            except DraftError:
                break
            draft = self._draft(story, reply)
            result = check_item(draft.to_item(), docs, gazetteer=gazetteer)
            faults = style_faults(draft_text(draft.to_item()))
        notes = []
        if rounds and result is not None:
            if result.ok:
                notes.append(phrases.LLM_REPAIRED(rounds=rounds))
            else:
                found = "、".join(dict.fromkeys(u.text for u in result.unsupported))
                notes.append(phrases.LLM_REPAIR_FAILED(rounds=rounds, facts=found))
        if faults:
            left = "、".join(dict.fromkeys(f.text for f in faults))
            notes.append(phrases.STYLE_FAULTS(faults=left))
        return replace(draft, writer_notes=notes) if notes else draft

    def prompt_room(self) -> int | None:
        """Tokens the prompt may take: the context window less the reply; None if unknown."""
        if not self.settings.context_tokens:
            return None
        return self.settings.context_tokens - self.settings.max_tokens

    def _with_repair(
        self,
        messages: list[dict[str, str]],
        exchange: list[dict[str, str]],
        prompt: Callable[[int | None], list[dict[str, str]]],
    ) -> list[dict[str, str]]:
        """The conversation for a repair round: every earlier turn when it fits the
        context window; else the first prompt, fitted again into the room the newest
        answer and repair request leave, followed by those two."""
        room = self.prompt_room()
        whole = [*messages, *exchange]
        if room is None or messages_tokens(whole) <= room:
            return whole
        return [*prompt(room - messages_tokens(exchange)), *exchange]

    def _draft(self, story: StoryInput, reply: DraftReply) -> Draft:
        docs = story.documents
        return Draft(
            title=reply.title,
            body=reply.body,
            domain=story.domain,
            section=story.section,
            source_urls=list(dict.fromkeys(d.canonical_url or d.url for d in docs)),
            original_title=docs[0].title or None,
            event_date=_event_date(docs),
            document_ids=[d.id for d in docs if d.id is not None],
            writer=self.name,
            key_sentences=quoted_from(reply.key_sentences, source_text(docs)),
        )

    def _payload(self, messages: list[dict[str, str]]) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "model": self.settings.model,
            "messages": messages if self.settings.system_role else fold_system(messages),
            "max_tokens": self.settings.max_tokens,
            "temperature": self.settings.temperature,
            "stream": False,
        }
        if self._json_mode:
            payload["response_format"] = {"type": "json_object"}
            if self.settings.json_schema:
                payload["response_format"]["schema"] = DRAFT_SCHEMA
        return payload

    def complete(
        self, messages: list[dict[str, str]], *, document_ids: Sequence[int] = ()
    ) -> DraftReply:
        """Send the messages, retrying what can heal; the parsed draft reply."""
        attempts = self.settings.retries + 1
        attempt = 0
        while True:
            attempt += 1
            started = time.perf_counter()
            try:
                response = self._client.post(self.endpoint, json=self._payload(messages))
            except httpx.TimeoutException:
                failure = DraftError(
                    f"the LLM endpoint {self.endpoint} did not answer within "
                    f"{self.settings.timeout:g} s (raise llm timeout for slow local models)",
                    kind="timeout",
                )
                self._log(attempt, started, document_ids, outcome="timeout", error=failure)
                wait = self._backoff(attempt)
            except httpx.HTTPError as exc:
                failure = DraftError(
                    f"cannot reach the LLM endpoint {self.endpoint}: {exc}", kind="connect"
                )
                self._log(attempt, started, document_ids, outcome="connect", error=failure)
                wait = self._backoff(attempt)
            else:
                if response.is_success:
                    return self._accept(response, attempt, started, document_ids)
                status = response.status_code
                detail = _detail(response)
                hint = _HINTS.get(status)
                if status == 400 and "context" in detail.lower():
                    hint = _CONTEXT_HINT
                failure = DraftError(
                    f"the LLM endpoint {self.endpoint} answered {status}: {detail}"
                    + (f" ({hint})" if hint else ""),
                    kind="http_status",
                    status=status,
                )
                self._log(attempt, started, document_ids, outcome=f"http_{status}", error=failure)
                if status == 400 and self._json_mode and "response_format" in detail:
                    # The server does not do JSON mode: ask again without it, free of charge.
                    self._json_mode = False
                    attempts += 1
                    continue
                if not is_retryable_status(status):
                    raise failure
                wait = self._retry_wait(response, attempt)
            if attempt >= attempts:
                if attempts > 1:
                    raise DraftError(
                        f"{failure} (gave up after {attempt} attempts)",
                        kind=failure.kind,
                        status=failure.status,
                    ) from failure
                raise failure
            self._sleep(wait)

    def _backoff(self, attempt: int) -> float:
        return backoff_delay(
            attempt, self.settings.backoff_base, self.settings.backoff_max, self._rng
        )

    def _retry_wait(self, response: httpx.Response, attempt: int) -> float:
        asked = retry_after_seconds(response.headers.get("retry-after"))
        if asked is None:
            return self._backoff(attempt)
        return min(asked, self.settings.max_retry_after)

    def _accept(
        self,
        response: httpx.Response,
        attempt: int,
        started: float,
        document_ids: Sequence[int],
    ) -> DraftReply:
        try:
            doc = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            failure = DraftError(
                f"the LLM endpoint {self.endpoint} answered {response.status_code} with "
                f"something that is not JSON: {response.text[:200]!r}",
                kind="invalid_reply",
            )
            self._log(attempt, started, document_ids, outcome="invalid_reply", error=failure)
            raise failure from exc
        usage = doc.get("usage") if isinstance(doc, dict) else None
        try:
            reply = self._reply(doc)
        except DraftError as exc:
            self._log(
                attempt, started, document_ids, outcome="invalid_reply", error=exc, usage=usage
            )
            raise
        self._log(attempt, started, document_ids, outcome="ok", status=200, usage=usage)
        return reply

    def _reply(self, doc: Any) -> DraftReply:
        """The draft in a chat-completions answer (``choices[0].message.content``)."""
        choices = doc.get("choices") if isinstance(doc, dict) else None
        first = choices[0] if isinstance(choices, list) and choices else None
        message = first.get("message") if isinstance(first, dict) else None
        content = message.get("content") if isinstance(message, dict) else None
        if not isinstance(content, str):
            raise DraftError(
                f"the LLM endpoint {self.endpoint} answered without a message text "
                "(expected choices[0].message.content)",
                kind="invalid_reply",
            )
        try:
            return parse_draft_reply(content)
        except DraftError as exc:
            if isinstance(first, dict) and first.get("finish_reason") == "length":
                raise DraftError(
                    f"{exc} (the reply was cut off at max_tokens={self.settings.max_tokens}; "
                    "raise llm max_tokens)",
                    kind="invalid_reply",
                ) from exc
            raise

    def _log(
        self,
        attempt: int,
        started: float,
        document_ids: Sequence[int],
        *,
        outcome: str,
        error: DraftError | None = None,
        status: int | None = None,
        usage: Any = None,
    ) -> None:
        if self.usage_log is None:
            return
        prompt, completion, total = token_counts(usage)
        record = UsageRecord(
            time=now_iso(),
            model=self.settings.model,
            outcome=outcome,
            attempt=attempt,
            latency_ms=round((time.perf_counter() - started) * 1000),
            status=status if status is not None else (error.status if error else None),
            prompt_tokens=prompt,
            completion_tokens=completion,
            total_tokens=total,
            cost=estimate_cost(
                prompt,
                completion,
                self.settings.input_price_per_million,
                self.settings.output_price_per_million,
            ),
            document_ids=list(document_ids),
            error=str(error) if error else None,
        )
        append_usage(self.usage_log, record)


def _needs_repair(result: CheckResult | None, faults: Sequence[StyleFault]) -> bool:
    """A draft goes back to the model for an unsupported fact or a house-style fault."""
    return bool(faults) or (result is not None and not result.ok)


def writer_from_settings(settings: Settings) -> LLMWriter | None:
    """The configured LLM writer, logging to ``DATA_DIR/llm-usage.jsonl``; None when off."""
    if not settings.llm.enabled:
        return None
    return LLMWriter(settings.llm, usage_log=settings.data_dir / USAGE_LOG_NAME)
