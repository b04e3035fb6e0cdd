"""The prompt for the LLM writer: house style, the story's own terms and facts, the sources.

Everything here is pure so that what the model is told can be tested without a model.
The prompt stays small on purpose: only glossary and gazetteer entries that occur in the
sources are listed, and the source texts are capped, so that a local model with a short
context window still sees the whole instruction. Given a token budget (the model's
context window less the reply), ``build_messages`` also fits the prompt into it: it drops
the farthest style examples, then cuts the sources, and refuses (``DraftError``, kind
``context``) when even the shortest prompt would not fit. Tokens are counted by
``estimate_tokens``, which errs on the high side, since no tokenizer is at hand.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from kuaibao.domain import Document
from kuaibao.draft.housestyle import FaultKind, StyleFault
from kuaibao.draft.llm.examples import Example
from kuaibao.draft.llm.reply import FORMAT_BODY, FORMAT_KEY, FORMAT_TITLE
from kuaibao.draft.model import StoryInput
from kuaibao.errors import DraftError
from kuaibao.facts.check import Unsupported
from kuaibao.facts.extract import extract_facts
from kuaibao.facts.gazetteer import Gazetteer
from kuaibao.facts.model import Facts, Spanned, spans_of
from kuaibao.text.scripts import FULLWIDTH_FORMS, HAN

GLOSSARY_LIMIT = 40  # terms listed at most; the longest (most specific) win
# Sources are cut to this before the last style example is dropped, and to the minimum
# before the prompt is refused: a draft from 500 characters is still a draft.
SOURCE_FLOOR_CHARS = 1500
SOURCE_MIN_CHARS = 500
MESSAGE_OVERHEAD_TOKENS = 8  # the chat template's role markers around each message
TRUNCATED_MARK = "……（后略）"

SYSTEM_PROMPT = "\n".join(
    (
        "你是科技情报快报的编辑，负责依据所给原文撰写一条中文快报条目。",
        "",
        "写作要求：",
        "1. 只写原文明确提供的信息。不得编造、推测或补充原文没有的事实、数字、日期、"
        "机构、人物或引语；拿不准的内容宁可不写。",
        "2. 金额用阿拉伯数字加中文数量单位和币种，例如“520亿美元”“3500万英镑”，"
        "不要写成“52 billion美元”或“五百二十亿美元”。",
        "3. 百分比写作“62%”。",
        "4. 日期写作“2024年3月15日”；原文只给到月份或年份时，只写到月份或年份，不要自行补全。",
        "5. 机构、计划和法律使用标准中文名称，首次出现时在全角括号中附英文缩写，"
        "例如“美国国家科学基金会（NSF）”；术语表中列出的名称必须采用表中的中文译名。",
        "6. 没有通行中文译名的公司、产品和人名保留原文。",
        "7. 标题用一句话概括核心事实，不超过30个汉字，末尾不加句号。",
        "8. 正文1至3段：先写谁在何时做了什么，再写关键数字、具体内容和意义；"
        "语言客观、简洁、书面，不加评论。",
        "9. 使用简体中文和全角标点。",
        "",
        "只输出一个JSON对象，不要输出任何其他文字：",
        f'{{"title": "{FORMAT_TITLE}", "body": ["{FORMAT_BODY[0]}", "{FORMAT_BODY[1]}"], '
        f'"key_sentences": ["{FORMAT_KEY}"]}}',
    )
)


EXAMPLES_INTRO = (
    "\n本中心已发布快报中与本条相近的条目（只学习其篇幅、结构和措辞；"
    "其中的事实与本条无关，不得取用）："
)
# A new archive has nothing to show; these lines stand in for the examples.
BUILT_IN_GUIDANCE = (
    "\n写作参考（本中心尚无已发布快报可作示例）：标题一句话，主语在前，如"
    "“某机构宣布某项计划”；正文首段约80至150字，依次交代时间、主体、行动和关键数字，"
    "次段补充细节或意义；全文一般不超过300字。"
)
REPAIR_SOURCE_SENTENCES = 6  # source sentences quoted per repair request
REPAIR_SENTENCE_CHARS = 300
_SENTENCE_END = "。！？；!?\n"


@dataclass(frozen=True)
class SourceExcerpt:
    """One document as the model sees it: its text cut to its share of the budget."""

    title: str
    url: str
    published: str | None
    text: str


def _reference(story: StoryInput) -> date | None:
    if story.reference is not None:
        return story.reference
    lead = story.documents[0].published_at
    return lead.date() if lead else None


def source_excerpts(documents: Sequence[Document], budget: int) -> list[SourceExcerpt]:
    """Each document's text within ``budget`` characters in all, shared in order.

    A document shorter than its share leaves the rest to those after it, so a long lead
    report beside two short ones is cut less than an even split would cut it.
    """
    excerpts: list[SourceExcerpt] = []
    remaining = budget
    ordered = list(documents)
    for index, doc in enumerate(ordered):
        share = remaining // (len(ordered) - index)
        text = doc.text.strip()
        if len(text) > share:
            text = text[: max(share - len(TRUNCATED_MARK), 0)].rstrip() + TRUNCATED_MARK
        remaining -= len(text)
        excerpts.append(
            SourceExcerpt(
                title=doc.title.strip(),
                url=doc.canonical_url or doc.url,
                published=doc.published_at.date().isoformat() if doc.published_at else None,
                text=text,
            )
        )
    return excerpts


def _occurs(term: str, text: str, folded: str) -> bool:
    """Whole-word, case-insensitive for Latin terms; plain substring for Chinese ones."""
    if not term:
        return False
    if term.isascii():
        pattern = r"(?<![A-Za-z0-9])" + re.escape(term.lower()) + r"(?![A-Za-z0-9])"
        return re.search(pattern, folded) is not None
    return term in text


def glossary_terms(
    source: str, facts: Facts, glossary: Mapping[str, str] | None
) -> list[tuple[str, str]]:
    """``(original, Chinese)`` pairs for terms that occur in the source, and only those.

    Gazetteer hits come from the extracted facts (the name as written → the standard
    Chinese form); glossary entries are looked up in the source text.
    """
    pairs: dict[str, str] = {}
    for org in facts.organisations:
        if org.text != org.zh:
            pairs.setdefault(org.text, org.zh)
    if glossary:
        folded = source.lower()
        found = [
            (original.strip(), chinese.strip())
            for original, chinese in glossary.items()
            if original.strip()
            and chinese.strip()
            and original.strip() != chinese.strip()
            and _occurs(original.strip(), source, folded)
        ]
        found.sort(key=lambda pair: -len(pair[0]))
        for original, chinese in found:
            pairs.setdefault(original, chinese)
    return list(pairs.items())[:GLOSSARY_LIMIT]


def fact_lines(facts: Facts) -> list[str]:
    """One line per distinct fact: the words in the source → the house-style form."""
    lines: list[str] = []
    groups: list[tuple[str, list[tuple[str, str]]]] = [
        ("日期", [(d.text, d.zh) for d in facts.dates]),
        ("金额", [(m.text, m.zh) for m in facts.money]),
        ("百分比", [(p.text, p.zh) for p in facts.percentages]),
        ("地点", [(p.text, p.zh) for p in facts.places]),
    ]
    for label, hits in groups:
        for written, zh in dict.fromkeys(hits):
            lines.append(f"- {label}：{written} → {zh}" if written != zh else f"- {label}：{zh}")
    return lines


# Radicals, CJK symbols, kana and the like, Han, and full-width forms: one token each.
_CJK_RE = re.compile(f"[\u2e80-\u33ff{HAN}{FULLWIDTH_FORMS}]")
_WORD_RE = re.compile(r"[A-Za-z]+")
_DIGIT_RE = re.compile(r"[0-9]")


def estimate_tokens(text: str) -> int:
    """A token count for ``text`` that errs high for the tokenizers local models use.

    Each Chinese character or full-width mark counts as one token, each digit as one
    (Gemma, Qwen and Llama split numbers into digits or short groups), a Latin word as
    one per three letters, rounded up, and every other visible mark as one; spaces are
    free, as tokenizers fold them into the next word.
    """
    cjk = len(_CJK_RE.findall(text))
    digits = len(_DIGIT_RE.findall(text))
    words = _WORD_RE.findall(text)
    letters = sum(-(-len(word) // 3) for word in words)
    counted = cjk + digits + sum(len(word) for word in words)
    others = sum(1 for ch in text if not ch.isspace()) - counted
    newlines = text.count("\n")
    return cjk + digits + letters + max(others, 0) + newlines


def messages_tokens(messages: Sequence[Mapping[str, str]]) -> int:
    """The estimated prompt size of a chat conversation, template markers included."""
    return sum(estimate_tokens(m["content"]) + MESSAGE_OVERHEAD_TOKENS for m in messages)


def fold_system(messages: Sequence[Mapping[str, str]]) -> list[dict[str, str]]:
    """The conversation with its system messages moved to the head of the first user
    message, for servers whose chat template has no system role and drops it."""
    system = "\n\n".join(m["content"] for m in messages if m["role"] == "system")
    rest = [dict(m) for m in messages if m["role"] != "system"]
    if not system:
        return rest
    first = next((m for m in rest if m["role"] == "user"), None)
    if first is None:
        return [{"role": "user", "content": system}, *rest]
    first["content"] = f"{system}\n\n{first['content']}"
    return rest


def build_messages(
    story: StoryInput,
    *,
    gazetteer: Gazetteer | None = None,
    glossary: Mapping[str, str] | None = None,
    max_source_chars: int = 12000,
    examples: Sequence[Example] = (),
    prompt_tokens: int | None = None,
) -> list[dict[str, str]]:
    """The chat messages for one story: the house-style system prompt and the material.

    ``examples`` are the centre's own items nearest to the story (``draft.examples``),
    already cut to their budget, nearest first; with none, built-in guidance on length
    and structure stands in for them. With ``prompt_tokens`` the messages are fitted
    into that many (estimated) tokens: the farthest examples go first, keeping the
    nearest one, then the sources are cut to ``SOURCE_FLOOR_CHARS``, then the last
    example goes and the sources are cut down to ``SOURCE_MIN_CHARS``; a budget that
    even that overflows is a ``DraftError`` (kind ``context``).
    """
    kept = list(examples)
    chars = max_source_chars

    def compose() -> list[dict[str, str]]:
        return _compose(
            story, gazetteer=gazetteer, glossary=glossary, source_chars=chars, examples=kept
        )

    messages = compose()
    if prompt_tokens is None:
        return messages
    while (need := messages_tokens(messages)) > prompt_tokens:
        floor = SOURCE_FLOOR_CHARS if kept else SOURCE_MIN_CHARS
        if len(kept) > 1 or (kept and chars <= SOURCE_FLOOR_CHARS):
            kept.pop()
        elif chars > floor:
            # Shrink in proportion to the overflow (sources are most of the prompt),
            # and by a tenth at least, so the loop ends in a few rounds.
            chars = max(floor, min(int(chars * prompt_tokens / need), int(chars * 0.9)))
        else:
            raise DraftError(
                f"the prompt needs about {need} tokens even with the sources cut to "
                f"{chars} characters, but only {prompt_tokens} are left for it: raise llm "
                "context_tokens (the server's context size) or lower llm max_tokens",
                kind="context",
            )
        messages = compose()
    return messages


def _compose(
    story: StoryInput,
    *,
    gazetteer: Gazetteer | None,
    glossary: Mapping[str, str] | None,
    source_chars: int,
    examples: Sequence[Example],
) -> list[dict[str, str]]:
    """The messages for one story with the sources cut to ``source_chars``."""
    excerpts = source_excerpts(story.documents, source_chars)
    source = "\n\n".join(f"{e.title}\n{e.text}" for e in excerpts)
    facts = extract_facts(source, reference=_reference(story), gazetteer=gazetteer)

    parts = [f"领域：{story.domain}", f"栏目：{story.section}"]
    reference = _reference(story)
    if reference is not None:
        parts.append(f"参考日期：{reference.isoformat()}（原文中未写年份的日期属于这一年）")
    terms = glossary_terms(source, facts, glossary)
    if terms:
        parts.append(
            "\n术语表（原文名称 → 必须使用的中文名称）：\n"
            + "\n".join(f"- {original} → {chinese}" for original, chinese in terms)
        )
    lines = fact_lines(facts)
    if lines:
        parts.append(
            "\n原文中的事实（正文中的日期、金额和百分比只能取自原文；箭头右侧是规范写法）：\n"
            + "\n".join(lines)
        )
    parts.append(example_block(examples))
    count = len(excerpts)
    lead_note = "，第1篇为主要报道" if count > 1 else ""
    parts.append(f"\n原文（共{count}篇{lead_note}）：")
    for number, excerpt in enumerate(excerpts, start=1):
        header = [f"\n【第{number}篇】", f"标题：{excerpt.title}", f"网址：{excerpt.url}"]
        if excerpt.published:
            header.append(f"发布日期：{excerpt.published}")
        parts.append("\n".join([*header, "正文：", excerpt.text]))
    parts.append("\n请按要求只输出JSON对象。")
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": "\n".join(parts)},
    ]


def example_block(examples: Sequence[Example]) -> str:
    """The house-style examples as prompt text, or the built-in guidance when none."""
    if not examples:
        return BUILT_IN_GUIDANCE
    lines = [EXAMPLES_INTRO]
    for number, example in enumerate(examples, start=1):
        lines.append(f"【示例{number}】（{example.domain}／{example.section}）")
        lines.append(f"标题：{example.title}")
        lines.append(f"正文：{example.body}")
    return "\n".join(lines)


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding the span ``start:end`` (to the nearest 。！？; or
    line break on either side), so the model sees the figure in its context."""
    left = max((text.rfind(mark, 0, start) for mark in _SENTENCE_END), default=-1) + 1
    ends = [i for i in (text.find(mark, end) for mark in _SENTENCE_END) if i >= 0]
    right = min(ends) + 1 if ends else len(text)
    return text[left:right].strip()


def source_sentences(source: str) -> list[tuple[int, str]]:
    """The source split into sentences (English and Chinese stops, line breaks), each
    with its offset in the source."""
    found: list[tuple[int, str]] = []
    cursor = 0
    for piece in re.split(r"(?<=[.!?。！？；])\s+|(?<=[。！？；])|\n+", source):
        sentence = piece.strip()
        if sentence:
            at = source.find(sentence, cursor)
            found.append((at, sentence))
            cursor = at + len(sentence)
    return found


def _fact_spans(facts: Facts, kinds: set[str]) -> list[tuple[int, int]]:
    groups: list[Sequence[Spanned]] = []
    if "money" in kinds:
        groups.append(facts.money)
    if "date" in kinds:
        groups.append(facts.dates)
    if "percentage" in kinds:
        groups.append(facts.percentages)
    if "organisation" in kinds:
        groups.append(facts.organisations)
    return spans_of(*groups)


def relevant_sentences(source: str, kinds: set[str], facts: Facts | None = None) -> list[str]:
    """Source sentences that may hold the right value for the unsupported kinds, at most
    ``REPAIR_SOURCE_SENTENCES``, each cut to a bounded length.

    Sentences holding an extracted fact of those kinds (a sum for an unsupported sum)
    come first; then, as a fallback for what extraction misses, sentences with a digit
    (figures, dates) or a name (organisations), in source order.
    """
    facts = facts if facts is not None else extract_facts(source)
    spans = _fact_spans(facts, kinds)
    numeric = kinds & {"money", "date", "percentage", "number", "limit"}
    named = kinds - numeric
    holding: list[str] = []
    likely: list[str] = []
    for at, sentence in source_sentences(source):
        end = at + len(sentence)
        if any(at <= start and stop <= end for start, stop in spans):
            holding.append(sentence)
            continue
        has_digit = any(ch.isdigit() for ch in sentence)
        has_name = re.search(rf"\b[A-Z][A-Za-z]+|[{HAN}]{{2,}}", sentence) is not None
        if (numeric and has_digit) or (named and has_name):
            likely.append(sentence)
    picked = [*holding, *likely][:REPAIR_SOURCE_SENTENCES]
    return [
        sentence[:REPAIR_SENTENCE_CHARS] + ("…" if len(sentence) > REPAIR_SENTENCE_CHARS else "")
        for sentence in picked
    ]


def style_lines(
    draft_text: str,
    faults: Sequence[StyleFault],
    *,
    region: str | None = None,
    published: date | None = None,
) -> list[str]:
    """One instruction per house-style fault, with what the model needs to fix it: the
    province a 我省 stands for, the publication date a 近日 stands for."""
    day = f"{published.year}年{published.month}月{published.day}日" if published else ""
    hints = {
        FaultKind.BARE_ACTOR: "未写明国家或机构，请写出全称（如“英国政府”“哈佛大学研究人员”）",
        FaultKind.LOCAL_PLACE: f"请改为具体地名（来源网站所属：{region}）"
        if region
        else "请改为具体地名",
        FaultKind.RELATIVE_DATE: f"请改为具体日期（原文发布于{day}）" if day else "请改为具体日期",
        FaultKind.YEARLESS_DATE: "请补上年份",
        FaultKind.LIST: "请改写成说明其含义的完整句子，或删去",
    }
    lines = []
    for number, fault in enumerate(faults, start=1):
        context = sentence_around(draft_text, fault.start, fault.end)
        lines.append(f"{number}. 「{fault.text}」{hints[fault.kind]}；所在句子：{context}")
    return lines


def repair_message(
    draft_text: str,
    unsupported: Sequence[Unsupported],
    source: str,
    *,
    gazetteer: Gazetteer | None = None,
    style: Sequence[str] = (),
) -> str:
    """The request to correct a draft: each unsupported span with the sentence it is in,
    and the source sentences where the right value would be, then the house-style faults
    (``style_lines``), asking for the whole JSON draft again (the caller keeps the earlier
    turns in the conversation)."""
    lines = []
    if unsupported:
        lines.append("事实核查发现，你的稿件中以下内容在原文中找不到依据：")
        for number, finding in enumerate(unsupported, start=1):
            context = sentence_around(draft_text, finding.start, finding.end)
            lines.append(f"{number}. 「{finding.text}」，所在句子：{context}")
        kinds = {u.kind for u in unsupported}
        quoted = relevant_sentences(source, kinds, extract_facts(source, gazetteer=gazetteer))
        if quoted:
            lines.append("\n原文中的相关句子：")
            lines.extend(f"- {sentence}" for sentence in quoted)
    if style:
        lines.append(("\n" if lines else "") + "以下写法不符合快报编排规范：")
        lines.extend(style)
    lines.append(
        "\n请只依据原文改正或删去这些内容，其余部分保持不变，并按原要求重新输出完整的JSON对象。"
    )
    return "\n".join(lines)
