"""The LLM usage log: one JSON line per request, so tokens and cost can be added up later.

Failed requests are logged too (with their outcome and whatever usage the server
reported), because retries and refusals are part of what a writer costs and a run of
timeouts is the first thing to look for when drafts stop arriving.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

USAGE_LOG_NAME = "llm-usage.jsonl"


@dataclass(frozen=True)
class UsageRecord:
    """One request to the endpoint, successful or not."""

    time: str
    model: str
    outcome: str  # ok, timeout, connect, http_<status>, invalid_reply
    attempt: int
    latency_ms: int
    status: int | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    total_tokens: int | None = None
    cost: float | None = None  # in the currency of the configured prices; None: unknown
    document_ids: list[int] = field(default_factory=list)
    error: str | None = None


def now_iso() -> str:
    """The current UTC time, to the second, as the log writes it."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def token_counts(usage: Any) -> tuple[int | None, int | None, int | None]:
    """``(prompt, completion, total)`` from an OpenAI ``usage`` object; None when absent."""
    if not isinstance(usage, dict):
        return None, None, None
    prompt = _count(usage.get("prompt_tokens"))
    completion = _count(usage.get("completion_tokens"))
    total = _count(usage.get("total_tokens"))
    if total is None and prompt is not None and completion is not None:
        total = prompt + completion
    return prompt, completion, total


def estimate_cost(
    prompt_tokens: int | None,
    completion_tokens: int | None,
    input_price_per_million: float,
    output_price_per_million: float,
) -> float | None:
    """The request's cost from per-million-token prices; None if a needed price is unknown."""
    if prompt_tokens is None and completion_tokens is None:
        return None
    cost = 0.0
    for tokens, price in (
        (prompt_tokens, input_price_per_million),
        (completion_tokens, output_price_per_million),
    ):
        if tokens:
            if price <= 0:
                return None
            cost += tokens * price / 1_000_000
    return round(cost, 8)


def append_usage(path: Path, record: UsageRecord) -> None:
    """Append one JSON line; the folder is created if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(asdict(record), ensure_ascii=False, separators=(",", ":"))
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def read_usage(path: Path) -> list[dict[str, Any]]:
    """Every record in a usage log, oldest first (for reports and tests)."""
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]
