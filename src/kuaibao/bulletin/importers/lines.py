"""One line of an imported bulletin and what kind of line it is.

Extracted text loses its structure; what is left is the shape of each line (its
indentation, width, last character, a trailing space some PDF producers leave at the
end of a paragraph) and a few fixed patterns: ``[领域]标题``, ``… 供稿``, URLs and
``原文标题：…``. This module names those patterns once for the whole importer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from kuaibao.text.scripts import is_han_char


class Kind(Enum):
    """What a line is, judged from the line alone."""

    SECTION = "section"
    TITLE = "title"
    CONTRIBUTOR = "contributor"
    URL = "url"
    ORIGINAL_TITLE = "original_title"
    TEXT = "text"


@dataclass
class Line:
    """A non-blank line with the layout facts paragraph detection needs."""

    number: int  # 1-based, counting "\n" in the input
    raw: str
    page_break_before: bool = False  # a page break or removed page furniture comes first
    gap_before: bool = False

    @property
    def text(self) -> str:
        return self.raw.strip()

    @property
    def indent(self) -> int:
        """Leading blank width in columns (an ideographic space counts two)."""
        head = self.raw[: len(self.raw) - len(self.raw.lstrip())]
        return sum(2 if c == "\u3000" else 4 if c == "\t" else 1 for c in head)

    @property
    def trailing(self) -> bool:
        return self.raw != self.raw.rstrip()

    @property
    def width(self) -> int:
        """Printed width in half-width columns, indentation included."""
        return self.indent + display_width(self.text)


def display_width(text: str) -> int:
    """Columns a string takes when printed: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_SECTION_DECOR_RE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]\s*)?[【\[［]?\s*|\s*[】\]］]?\s*[：:]?$"
)
TITLE_RE = re.compile(r"^[\[【［]\s*([\w &·/+-]{1,16}?)\s*[\]】］]\s*(\S.*)$")
_NOT_IN_TITLES = re.compile(r"[{}|\\^~`<>@#$*=_\x00-\x1f]")
_CONTRIB_RE = re.compile(
    r"^[（(]?\s*(?:供稿人?\s*[：:]\s*(?P<a>[^。；;]{1,40}?)"
    r"|(?P<b>[^。；;：:]{1,40}?)\s*供稿(?:自)?)\s*[）)]?\s*[。.]?$"
)
_NOT_A_NAME = re.compile(r"[由的了是将在]|^本文|https?:")
_URL_PREFIX = r"(?:(?:来源|原文链接|原文网址|链接|网址|出处|Source|URL)\s*[：:]\s*)?"
URL_LINE_RE = re.compile(rf"^{_URL_PREFIX}((?:https?://|www\.)\S+(?:\s+(?:https?://|www\.)\S+)*)$")
_ORIGINAL_RE = re.compile(r"^(?:原文标题|原标题|英文标题|Original title)\s*[：:]\s*(.*)$", re.I)
URL_FRAGMENT_RE = re.compile(r"^[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]+$")
SUBHEADING_RE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、．]|[（(][一二三四五六七八九十\d]{1,3}[）)]"
    r"|\d{1,2}[、．]|\d{1,2}\.(?!\d))"
)
SENTENCE_END = "。！？!?…；;"
_CLOSERS = "”’」』）)》〉】"


def section_key(text: str) -> str:
    """A heading without numbering, brackets or a closing colon, for lookup; letter-spaced
    Chinese headings (``重 点 关 注``) lose their spaces."""
    key = _SECTION_DECOR_RE.sub("", text.strip())
    return re.sub(r"\s+", "", key) if any(is_han_char(c) for c in key) else key


def title_parts(text: str) -> tuple[str, str] | None:
    """``(domain tag, headline)`` of an item title line, or None."""
    match = TITLE_RE.match(text)
    if not match:
        return None
    tag, headline = match.group(1), match.group(2)
    if not any(is_han_char(c) for c in tag) and sum(c.isalpha() for c in tag) < 2:
        return None  # "[1] …" is a reference, not a domain tag; tags are words
    if sum(1 for c in headline if is_han_char(c)) < 2 or _NOT_IN_TITLES.search(headline):
        return None  # headlines of a Chinese bulletin are Chinese, without code-like marks
    return tag, headline


def contributors_of(text: str) -> list[str] | None:
    """The names of a contributor line (``张三、李四 供稿``), or None for other lines."""
    match = _CONTRIB_RE.match(text)
    if not match:
        return None
    names = match.group("a") or match.group("b") or ""
    parts = [n for n in re.split(r"[、，,;；/\s]+", names) if n]
    if not parts or len(parts) > 8 or any(len(p) > 12 or _NOT_A_NAME.search(p) for p in parts):
        return None
    return parts


def urls_of(text: str) -> list[str] | None:
    """The URLs of a URL line (optionally labelled ``来源：``), or None."""
    match = URL_LINE_RE.match(text)
    return match.group(1).split() if match else None


def original_title_of(text: str) -> str | None:
    """The text after ``原文标题：``, or None when the line is something else."""
    match = _ORIGINAL_RE.match(text)
    return match.group(1).strip() if match else None


def classify(text: str, is_section: bool) -> Kind:
    """The kind of one stripped line; ``is_section`` comes from the taxonomy lookup."""
    if is_section:
        return Kind.SECTION
    if title_parts(text):
        return Kind.TITLE
    if original_title_of(text) is not None:
        return Kind.ORIGINAL_TITLE
    if urls_of(text):
        return Kind.URL
    if contributors_of(text):
        return Kind.CONTRIBUTOR
    return Kind.TEXT


def ends_sentence(text: str) -> bool:
    """The line's last mark closes a sentence (closing quotes and brackets skipped)."""
    stripped = text.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in SENTENCE_END


def latin_edge(char: str) -> bool:
    """ASCII letters and digits: a line break next to one may have been a space."""
    return char.isascii() and char.isalnum()


def wrap_separator(last: str, first: str) -> str:
    """What a line break stood for: a space between two Latin words, else nothing."""
    if not last or not first:
        return ""
    space = (latin_edge(last) or last in ",.;:!?)]\"'%’") and (
        latin_edge(first) or first in "([\"'‘“£$€"
    )
    return " " if space else ""


def join_wrapped(left: str, right: str) -> str:
    """Rejoin a wrapped line (see `wrap_separator`)."""
    left, right = left.rstrip(), right.lstrip()
    return left + wrap_separator(left[-1:], right[:1]) + right


def first_token_width(text: str) -> int:
    """Width of what a line starts with that could not be split: a word or one character."""
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9.,'’%-]*", text)
    if match:
        return display_width(match.group(0))
    return display_width(text[:1])


def mostly_latin(text: str) -> bool:
    """More Latin letters than Han: used to decide how wrapped titles continue."""
    han = sum(1 for c in text if is_han_char(c))
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    return latin > han
