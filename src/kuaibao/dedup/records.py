"""The pure side of ``kuaibao cluster --json``: records in, groups of ids out.

Input records are mappings ``{"id", "title", "text", "url", "published_at"}`` (one JSON
object per line on stdin); the output lists groups of ids, every id in exactly one
group, groups in order of their first member and members in input order. A bad record
stops the run with an error that names its line and says what is expected.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

from kuaibao.dedup.index import StoryIndex
from kuaibao.dedup.model import ClusterDoc, ClusterSettings, DocId
from kuaibao.errors import KuaibaoError

BATCH = 2_000
EXPECTED = 'one JSON object per line: {"id", "title", "text", "url", "published_at"}'


class RecordError(KuaibaoError, ValueError):
    """One input record is invalid; ``line`` is its 1-based line (or position) number."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(f"line {line}: {problem}")
        self.line = line


def _text_field(raw: Mapping[str, Any], name: str, line: int) -> str:
    value = raw.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RecordError(line, f"{name!r} must be a string, got {type(value).__name__}")
    return value


def _when(raw: Mapping[str, Any], line: int) -> datetime | None:
    value = raw.get("published_at")
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RecordError(line, "'published_at' must be an ISO 8601 string or null")
    try:
        return datetime.fromisoformat(value)
    except ValueError as exc:
        raise RecordError(
            line, f"'published_at' {value!r} is not ISO 8601 (e.g. 2026-11-10T09:30:00Z)"
        ) from exc


def parse_record(raw: object, line: int) -> ClusterDoc:
    """Validate one record; ``id`` is required (string or integer), the rest optional."""
    if not isinstance(raw, Mapping):
        raise RecordError(line, f"expected {EXPECTED}, got {type(raw).__name__}")
    doc_id = raw.get("id")
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int) or doc_id == "":
        raise RecordError(line, f"'id' must be a non-empty string or an integer, got {doc_id!r}")
    url = raw.get("url")
    if url is not None and not isinstance(url, str):
        raise RecordError(line, f"'url' must be a string, got {type(url).__name__}")
    title, text = _text_field(raw, "title", line), _text_field(raw, "text", line)
    return ClusterDoc(doc_id, title, text, url, _when(raw, line))


def read_json_lines(lines: Iterable[str]) -> Iterator[tuple[int, Any]]:
    """(line number, parsed value) for each non-blank line; bad JSON names its line."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            raise RecordError(number, f"not valid JSON ({exc.msg}); expected {EXPECTED}") from exc


def _docs(numbered: Iterable[tuple[int, Any]]) -> Iterator[ClusterDoc]:
    first_seen: dict[DocId, int] = {}
    for line, raw in numbered:
        doc = parse_record(raw, line)
        if doc.id in first_seen:
            raise RecordError(line, f"id {doc.id!r} already appeared on line {first_seen[doc.id]}")
        first_seen[doc.id] = line
        yield doc


def _by_time(docs: list[ClusterDoc]) -> list[ClusterDoc]:
    """Oldest first (undated last, input order among equals): the agency's report comes
    before the copies and translations of it, as it would from a crawl."""

    def when(n: int) -> tuple[bool, float, int]:
        stamp = docs[n].timestamp
        return (stamp is None, stamp or 0.0, n)

    return [docs[n] for n in sorted(range(len(docs)), key=when)]


def _cluster(
    numbered: Iterable[tuple[int, Any]], settings: ClusterSettings | None, workers: int
) -> list[list[DocId]]:
    docs = list(_docs(numbered))
    with StoryIndex(settings, workers=workers) as index:
        story_of = {a.doc_id: a.story_id for a in index.add_stream(_by_time(docs), BATCH)}
    groups: dict[int, list[DocId]] = {}
    for doc in docs:
        groups.setdefault(story_of[doc.id], []).append(doc.id)
    return list(groups.values())


def cluster_records(
    records: Iterable[Mapping[str, Any]],
    settings: ClusterSettings | None = None,
    workers: int = 1,
) -> list[list[DocId]]:
    """Groups of ids, one group per story; records are numbered from 1 in errors.

    ``workers`` > 1 computes document features in that many processes (worth it from a
    few thousand records on).
    """
    return _cluster(enumerate(records, start=1), settings, workers)


def cluster_json_lines(
    lines: Iterable[str], settings: ClusterSettings | None = None, workers: int = 1
) -> list[list[DocId]]:
    """``cluster_records`` over JSON lines (what ``kuaibao cluster --json`` reads on stdin)."""
    return _cluster(read_json_lines(lines), settings, workers)
