"""Rewriting one paragraph of an item from its sources with the LLM writer.

The analyst on the writing desk keeps the paragraphs that are right and asks the model for
a new version of one. The model sees what it sees when it drafts (house style, the
story's terms and facts, the sources: ``draft.prompt.build_messages``) plus the item as
it stands, and answers the usual JSON with one paragraph. The new paragraph is checked
inside the item exactly as approval will check it; while a fact in it is unsupported, the
spans go back to the model with the source sentences (``repair_message``) for at most
``repair_rounds`` rounds. Whatever is still unsupported is returned with the paragraph:
it is a proposal the analyst accepts or not, never written into the item here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from kuaibao.domain import Document, Item
from kuaibao.draft.llm.examples import choose_examples
from kuaibao.draft.llm.prompt import build_messages, repair_message
from kuaibao.draft.llm.reply import DraftReply
from kuaibao.draft.llm.writer import LLMWriter
from kuaibao.draft.model import StoryInput
from kuaibao.draft.review import check_item, draft_text, source_text
from kuaibao.errors import DraftError
from kuaibao.facts import Gazetteer
from kuaibao.facts.check import Unsupported


@dataclass(frozen=True)
class Rewrite:
    """A proposed paragraph, the facts in it the sources do not back, and the repair
    rounds it took."""

    paragraph: str
    unsupported: list[Unsupported]
    rounds: int
    key_sentences: list[str]


def rewrite_request(title: str, body: Sequence[str], index: int) -> str:
    """The instruction added to the drafting prompt: the item as it stands, which
    paragraph to write again (numbered from 1 for the model), and the answer's shape."""
    lines = ["\n现有条目（标题与正文，段落从1编号）：", f"标题：{title}"]
    lines += [f"第{n}段：{para}" for n, para in enumerate(body, start=1)]
    number = index + 1
    lines += [
        f"\n请只依据上面的原文重写第{number}段：事实准确，符合写作要求，与其他段落衔接；"
        "不要改写其他段落，不要加入原文没有的内容。",
        "只输出一个JSON对象，不要输出任何其他文字：",
        f'{{"title": "原标题", "body": ["重写后的第{number}段"], '
        '"key_sentences": ["支撑该段的原文句子，保留原文语言，最多3句"]}',
    ]
    return "\n".join(lines)


def paragraph_start(title: str, body: Sequence[str], index: int) -> int:
    """Where paragraph ``index`` begins in ``draft_text`` (title and paragraphs joined by
    newlines), so spans of the check can be told apart by paragraph."""
    return len(title) + 1 + sum(len(p) + 1 for p in body[:index])


def in_paragraph(
    unsupported: Sequence[Unsupported], title: str, body: Sequence[str], index: int
) -> list[Unsupported]:
    """The findings inside paragraph ``index``: the other paragraphs are the analyst's."""
    start = paragraph_start(title, body, index)
    end = start + len(body[index])
    return [u for u in unsupported if start <= u.start and u.end <= end]


def _answer(reply: DraftReply) -> str:
    """The model's earlier answer as it stays in the conversation for a repair."""
    shown = {
        "title": reply.title,
        "body": [_paragraph(reply)],
        "key_sentences": reply.key_sentences,
    }
    return json.dumps(shown, ensure_ascii=False)


def _paragraph(reply: DraftReply) -> str:
    """The reply's paragraph; several are joined (a Chinese paragraph has no spaces)."""
    return "".join(p.strip() for p in reply.body)


def rewrite_paragraph(
    writer: LLMWriter,
    story: StoryInput,
    item: Item,
    index: int,
    *,
    gazetteer: Gazetteer | None = None,
    glossary: Mapping[str, str] | None = None,
    archive: Sequence[Item] = (),
) -> Rewrite:
    """A new version of ``item.body[index]`` from ``story``'s documents; ``DraftError``
    when the model gives none (a failed repair keeps the last answer, flagged)."""
    if not 0 <= index < len(item.body):
        raise DraftError(f"item {item.id} has no paragraph {index + 1}", kind="invalid_request")
    docs = story.documents
    source = source_text(docs)
    examples = choose_examples(
        archive,
        domain=story.domain,
        section=story.section,
        content=source[: writer.settings.max_source_chars],
    )
    messages = build_messages(
        story,
        gazetteer=gazetteer,
        glossary=glossary,
        max_source_chars=writer.settings.max_source_chars,
        examples=examples,
    )
    messages[-1] = {
        "role": "user",
        "content": messages[-1]["content"] + "\n" + rewrite_request(item.title, item.body, index),
    }
    ids = [d.id for d in docs if d.id is not None]
    reply = writer.complete(messages, document_ids=ids)
    candidate, found = _checked(item, index, _paragraph(reply), docs, gazetteer)
    rounds = 0
    while found and rounds < writer.settings.repair_rounds:
        repair = repair_message(draft_text(candidate), found, source, gazetteer=gazetteer)
        messages = [
            *messages,
            {"role": "assistant", "content": _answer(reply)},
            {"role": "user", "content": repair},
        ]
        rounds += 1
        try:
            reply = writer.complete(messages, document_ids=ids)
        except DraftError:
            break
        candidate, found = _checked(item, index, _paragraph(reply), docs, gazetteer)
    return Rewrite(
        paragraph=candidate.body[index],
        unsupported=found,
        rounds=rounds,
        key_sentences=list(reply.key_sentences),
    )


def _checked(
    item: Item,
    index: int,
    paragraph: str,
    docs: Sequence[Document],
    gazetteer: Gazetteer | None,
) -> tuple[Item, list[Unsupported]]:
    body = [*item.body[:index], paragraph, *item.body[index + 1 :]]
    candidate = replace(item, body=body)
    result = check_item(candidate, docs, gazetteer=gazetteer)
    found = list(result.unsupported) if result is not None else []
    return candidate, in_paragraph(found, item.title, body, index)
