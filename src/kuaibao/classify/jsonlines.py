"""``kuaibao classify --json``: JSON lines of {"title", "text"} in, one result per line out.

A line that is not a JSON object with string ``title``/``text`` yields
``{"line": n, "error": "..."}`` instead, so one bad line does not stop a batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from kuaibao.classify.classifier import classify_many
from kuaibao.classify.model import Model
from kuaibao.classify.taxonomy import Taxonomy, load_taxonomy

BATCH = 256


def parse_line(line: str) -> tuple[str, str]:
    """The (title, text) of one input line; ValueError says what is wrong with it."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError('expected an object like {"title": "...", "text": "..."}')
    title, text = data.get("title", ""), data.get("text", "")
    if not isinstance(title, str) or not isinstance(text, str):
        raise ValueError("`title` and `text` must be strings")
    if not (title.strip() or text.strip()):
        raise ValueError("needs a non-empty `title` or `text`")
    return title, text


def _batch(
    numbered: list[tuple[int, str]], model: Model | None, taxonomy: Taxonomy
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    good: list[tuple[int, tuple[str, str]]] = []
    for n, line in numbered:
        try:
            good.append((n, parse_line(line)))
        except ValueError as exc:
            out.append({"line": n, "error": str(exc)})
    results = classify_many([pair for _, pair in good], model=model, taxonomy=taxonomy)
    out += [{"line": n, **r.to_json()} for (n, _), r in zip(good, results, strict=True)]
    return sorted(out, key=lambda d: int(d["line"]))


def classify_json_lines(
    lines: Iterable[str], *, model: Model | None = None, taxonomy: Taxonomy | None = None
) -> Iterator[dict[str, Any]]:
    """One result dict per non-blank input line, in input order, classified in batches."""
    tax = taxonomy or load_taxonomy()
    numbered = ((n, line) for n, line in enumerate(lines, 1) if line.strip())
    while chunk := list(islice(numbered, BATCH)):
        for result in _batch(chunk, model, tax):
            if "error" not in result:
                result.pop("line")
            yield result
