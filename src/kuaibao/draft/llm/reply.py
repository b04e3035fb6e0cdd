"""Reading a model's answer: the JSON draft, strictly if possible, leniently if not.

Servers that honour ``response_format`` return bare JSON; others wrap it in a Markdown
fence, put a sentence before it, or (reasoning models) prefix a ``<think>`` block. All
of these are accepted; anything without a JSON object holding a title and a body is a
``DraftError`` that quotes the start of the reply, so the user can see what went wrong.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from kuaibao.errors import DraftError

MAX_KEY_SENTENCES = 5

# The answer's shape as a JSON schema, sent with JSON mode when ``llm json_schema`` is on.
# Servers that turn a schema into a grammar (llama.cpp) then let the model write nothing
# else; the length bounds matter there, since a small model left inside an unbounded
# string keeps writing until max_tokens and the answer is cut off unparsed.
DRAFT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "title": {"type": "string", "minLength": 4, "maxLength": 40},
        "body": {
            "type": "array",
            "items": {"type": "string", "minLength": 10, "maxLength": 250},
            "minItems": 1,
            "maxItems": 3,
        },
        "key_sentences": {
            "type": "array",
            "items": {"type": "string", "maxLength": 200},
            "maxItems": 3,
        },
    },
    "required": ["title", "body", "key_sentences"],
}
_THINK_RE = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
_FENCE_RE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)```", re.DOTALL)


# The answer format's placeholders as the system prompt shows them. Small models copy the
# format line instead of writing a draft; such an answer is refused, not stored.
FORMAT_TITLE = "标题"
FORMAT_BODY = ("第一段", "第二段")
FORMAT_KEY = "支撑正文的原文关键句，保留原文语言，最多3句"
_PLACEHOLDER_MARKS = " \t\"'“”‘’，,：:()（）[]【】"


@dataclass(frozen=True)
class DraftReply:
    """What the model proposed: a title, paragraphs and optional key source sentences."""

    title: str
    body: list[str]
    key_sentences: list[str]


def _snippet(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + "…"


def _candidates(content: str) -> list[str]:
    """Texts that may be the JSON object, most literal first."""
    text = _THINK_RE.sub("", content).strip()
    found = [text]
    found += [m.group(1).strip() for m in _FENCE_RE.finditer(text)]
    start, end = text.find("{"), text.rfind("}")
    if 0 <= start < end:
        found.append(text[start : end + 1])
    return list(dict.fromkeys(found))


def _load_object(content: str) -> dict[str, Any]:
    for candidate in _candidates(content):
        try:
            value = json.loads(candidate, strict=False)  # raw newlines in strings, too
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict):
            return value
    raise DraftError(
        f"the model's reply is not a JSON object: {_snippet(content)!r}",
        kind="invalid_reply",
    )


def _paragraphs(value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.split("\n")
    if not isinstance(value, list):
        return []
    return [item.strip() for item in value if isinstance(item, str) and item.strip()]


def _bare(text: str) -> str:
    return "".join(ch for ch in text if ch not in _PLACEHOLDER_MARKS)


def echoes_format(title: str, body: list[str]) -> bool:
    """True when the title is the format line's placeholder and every paragraph is made
    of its placeholders only (a model copying ``{"title": "标题", "body": ["第一段"]}``,
    quotes and commas and all)."""
    if not _bare(title).startswith(FORMAT_TITLE) or len(_bare(title)) > len(FORMAT_TITLE) + 6:
        return False
    left = "".join(_bare(p) for p in body)
    for word in FORMAT_BODY:
        left = left.replace(word, "")
    return left == ""


def parse_draft_reply(content: str) -> DraftReply:
    """The draft in a model's reply; ``DraftError`` if there is none."""
    if not content.strip():
        raise DraftError("the model's reply is empty", kind="invalid_reply")
    obj = _load_object(content)
    title = obj.get("title")
    if not isinstance(title, str) or not title.strip():
        raise DraftError(
            f"the model's JSON has no `title` string: {_snippet(content)!r}", kind="invalid_reply"
        )
    body = _paragraphs(obj.get("body"))
    if not body:
        raise DraftError(
            f"the model's JSON has no `body` paragraphs: {_snippet(content)!r}",
            kind="invalid_reply",
        )
    if echoes_format(title, body):
        raise DraftError(
            f"the model copied the answer format instead of writing a draft: {_snippet(content)!r}",
            kind="invalid_reply",
        )
    keys = _paragraphs(obj.get("key_sentences"))[:MAX_KEY_SENTENCES]
    return DraftReply(title=" ".join(title.split()), body=body, key_sentences=keys)
