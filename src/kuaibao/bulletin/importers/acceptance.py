"""What makes an imported text a bulletin, so that anything else is refused, not stored.

A weekly newsletter, a README or a CSV parses into no items or into fragments; storing
that as a published issue pollutes the archive, the glossary and the numbering. The rule
is the shape every item of a real bulletin has:

* a **complete item** has a title, a body of at least ``MIN_BODY_CHARS`` characters and
  at least one http(s) source URL (the tail every bulletin item ends with);
* a text is a bulletin when complete items are at least half of all items (a newsletter
  with one bracketed line before a link is not), and either two items are complete or
  one complete item also names its analyst (供稿) or original title — a single
  "[视频]标题 … link" in a blog post is not an issue;
* or, when the text prints an issue header (第N期 or 总第N期), when at least one item
  has a title and a body (an issue whose source lines were lost in conversion).

``tests/bulletin/test_acceptance.py`` measures the rule: the seed bulletin, every real
bulletin the importer tests use and their PDF/DOCX/JSON renderings are accepted, and
junk texts written for the purpose (newsletters in Chinese and English, a README, a CSV,
random bytes, an empty PDF, …) are refused; a held-out part of the junk was written
after the rule was fixed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from kuaibao.domain import Item
from kuaibao.errors import ImportFailedError

MIN_BODY_CHARS = 10
MIN_COMPLETE_SHARE = 0.5


class NotABulletinError(ImportFailedError):
    """The file was read but is not a bulletin; nothing from it is stored."""


class ParsedShape(Protocol):
    """The parts of an imported bulletin the rule looks at."""

    items: list[Item]
    number: int | None
    running_number: int | None


@dataclass(frozen=True)
class Verdict:
    """Why a text is or is not a bulletin, in counts a message can quote."""

    items: int
    complete: int
    attributed: int  # complete items that also name 供稿 or an original title
    with_body: int
    has_header: bool

    @property
    def accepted(self) -> bool:
        if self.has_header and self.with_body > 0:
            return True
        enough = self.complete >= 2 or self.attributed >= 1
        return enough and self.complete >= MIN_COMPLETE_SHARE * self.items


def _is_web_url(url: str) -> bool:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def has_body(item: Item) -> bool:
    return bool(item.title.strip()) and sum(len(p.strip()) for p in item.body) >= MIN_BODY_CHARS


def is_complete(item: Item) -> bool:
    """Title, body and a source URL: what every item of a real bulletin carries."""
    return has_body(item) and any(_is_web_url(u) for u in item.source_urls)


def _attributed(item: Item) -> bool:
    return is_complete(item) and bool(item.contributors or item.original_title)


def judge(parsed: ParsedShape) -> Verdict:
    items: Sequence[Item] = parsed.items
    return Verdict(
        items=len(items),
        complete=sum(1 for i in items if is_complete(i)),
        attributed=sum(1 for i in items if _attributed(i)),
        with_body=sum(1 for i in items if has_body(i)),
        has_header=parsed.number is not None or parsed.running_number is not None,
    )


def check_bulletin(parsed: ParsedShape, name: str) -> None:
    """Raise NotABulletinError (in Chinese and English) unless the rule accepts the text."""
    verdict = judge(parsed)
    if verdict.accepted:
        return
    if not verdict.items:
        zh = "找不到任何条目（条目以“[领域]标题”开头）"
        en = "no item found (an item starts with a '[领域]标题' line)"
    else:
        zh = (
            f"{verdict.items} 个疑似条目中只有 {verdict.complete} 个有标题、正文和来源网址，"
            "且没有期号"
        )
        en = (
            f"only {verdict.complete} of {verdict.items} apparent items have a title, a body "
            "and a source URL, and there is no issue number"
        )
    raise NotABulletinError(
        f"{name}: 不是快报，未导入任何内容：{zh}。/ not a bulletin, nothing was imported: {en}."
    )
