"""Documents from a feed's own full content, for sources marked ``fetch_articles: false``.

A feed's ``content:encoded`` (or Atom ``content``) is already the article body, without
the site's navigation and footers, so boilerplate removal is wasted work there: a plain
walk over the fragment's block elements gives the text at a fraction of the cost, which
is what lets one process poll thousands of full-content feeds quickly.
"""

from __future__ import annotations

from datetime import datetime

from lxml import etree
from lxml import html as lxml_html

from kuaibao.domain import Document, FeedEntry
from kuaibao.errors import ExtractionError
from kuaibao.extract.document import content_hash, unexpected_failures_rejected
from kuaibao.extract.html import min_text_chars
from kuaibao.extract.language import detect_language
from kuaibao.extract.urls import canonicalize_url

BLOCK_TAGS = frozenset(
    {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "br",
     "section", "article", "figcaption", "dd", "dt"}
)  # fmt: skip
DROP_TAGS = ("script", "style", "noscript", "iframe", "object", "embed", "form", "template")
MAX_FRAGMENT_CHARS = 2_000_000
# Function words settle the language within the first paragraphs; reading on costs time.
LANGUAGE_SAMPLE_CHARS = 2_000


def fragment_text(fragment: str) -> str:
    """Visible text of an HTML fragment, one line per block element."""
    if not fragment.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(fragment[:MAX_FRAGMENT_CHARS], create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    etree.strip_elements(root, *DROP_TAGS, with_tail=False)
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = " ".join("".join(current).split())
        if line:
            lines.append(line)
        current.clear()

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in BLOCK_TAGS:
                flush()
            if element.text:
                current.append(element.text)
        else:
            if tag in BLOCK_TAGS:
                flush()
            if element.tail and element is not root:
                current.append(element.tail)
    flush()
    return "\n".join(lines)


def document_from_entry(
    entry: FeedEntry, *, source_id: int | None, fetched_at: datetime
) -> Document:
    """A Document from the entry's full content; ExtractionError when it is too thin."""
    with unexpected_failures_rejected(entry.url):
        return _document_from_entry(entry, source_id=source_id, fetched_at=fetched_at)


def _document_from_entry(
    entry: FeedEntry, *, source_id: int | None, fetched_at: datetime
) -> Document:
    text = fragment_text(entry.content_html or "")
    if len(text) < min_text_chars(text):
        raise ExtractionError(
            f"feed content of {entry.url} is too short ({len(text)} chars) to stand alone",
            reason="too_short",
        )
    title = " ".join((entry.title or "").split()) or text.split("\n", 1)[0][:200]
    return Document(
        url=entry.url,
        canonical_url=canonicalize_url(entry.url),
        title=title,
        text=text,
        content_hash=content_hash(text),
        source_id=source_id,
        language=detect_language(text[:LANGUAGE_SAMPLE_CHARS]),
        published_at=entry.published_at,
        fetched_at=fetched_at,
        author=entry.author,
        content_type="text/html",
        raw=(entry.content_html or "").encode("utf-8"),
    )
