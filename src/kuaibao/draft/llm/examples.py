"""House style by example: the archive items nearest to a story, cut to a prompt budget.

Rules in a system prompt describe a style; two or three real items of the centre's own
bulletins show it (length, order of facts, set phrases), which small models follow far
better. The nearest items are the ones worth showing: same domain first (a semiconductor
item reads differently from a policy one), then same section, then shared words. Words
are the search index's tokens (jieba for Chinese, stemmed English), so a story's
Chinese glossary and gazetteer names meet the archive's Chinese text. Everything here is
pure; the store read lives in ``pipeline.drafting``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kuaibao.domain import Item
from kuaibao.search.tokens import index_tokens

EXAMPLE_COUNT = 3
EXAMPLE_CHARS = 600  # per example: three of them stay under 2,000 characters
DOMAIN_WEIGHT = 2.0  # a shared domain outweighs any word overlap (overlap is at most 1)
SECTION_WEIGHT = 1.0
TRUNCATED_MARK = "……"


@dataclass(frozen=True)
class Example:
    """One archive item as the model sees it: where it belongs and its text, cut."""

    domain: str
    section: str
    title: str
    body: str


def _words(text: str) -> frozenset[str]:
    return frozenset(index_tokens(text))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard overlap of two token sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def nearest_items(
    archive: Iterable[Item],
    *,
    domain: str,
    section: str,
    content: str,
    limit: int = EXAMPLE_COUNT,
) -> list[Item]:
    """The ``limit`` archive items nearest to a story by domain, section and content.

    Items with no body teach nothing about style and are skipped. Ties keep archive
    order, so the caller decides (newest first from the store).
    """
    words = _words(content)
    scored: list[tuple[float, int, Item]] = []
    for order, item in enumerate(archive):
        if not item.title.strip() or not any(p.strip() for p in item.body):
            continue
        score = (
            DOMAIN_WEIGHT * (item.domain == domain)
            + SECTION_WEIGHT * (item.section == section)
            + _overlap(words, _words(" ".join([item.title, *item.body])))
        )
        scored.append((-score, order, item))
    scored.sort(key=lambda entry: (entry[0], entry[1]))
    return [item for _, _, item in scored[:limit]]


def _cut(text: str, budget: int) -> str:
    """``text`` within ``budget`` characters, ending at a sentence when one fits."""
    if len(text) <= budget:
        return text
    room = max(budget - len(TRUNCATED_MARK), 0)
    head = text[:room]
    stop = max(head.rfind(mark) for mark in "。！？；\n")
    if stop >= room // 2:
        head = head[: stop + 1]
    return head.rstrip() + TRUNCATED_MARK


def as_example(item: Item, budget: int = EXAMPLE_CHARS) -> Example:
    """An item cut to ``budget`` characters of title and body together; the title is
    kept whole when it fits, since it shows the headline style."""
    title = _cut(item.title.strip(), budget)
    body = "\n".join(p.strip() for p in item.body if p.strip())
    return Example(
        domain=item.domain or "",
        section=item.section or "",
        title=title,
        body=_cut(body, max(budget - len(title), 0)),
    )


def choose_examples(
    archive: Sequence[Item],
    *,
    domain: str,
    section: str,
    content: str,
    limit: int = EXAMPLE_COUNT,
    budget: int = EXAMPLE_CHARS,
) -> list[Example]:
    """The nearest archive items as prompt examples, each within ``budget`` characters."""
    chosen = nearest_items(archive, domain=domain, section=section, content=content, limit=limit)
    return [as_example(item, budget) for item in chosen]
