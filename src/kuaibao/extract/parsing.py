"""HTML text -> lxml tree, bounded against hostile pages and cheap to walk.

The parse follows ``trafilatura.load_html`` (its repairs, its parser settings, its
rejection of non-HTML) with one change: lxml.html's parser asks a Python method for the
class of every element it hands to Python, and trafilatura, htmldate and the metadata
readers are handed hundreds per page. Here the class is chosen inside lxml; every
element is a plain ``HtmlElement`` (none of the form-field subclasses, which no reader
here uses). That saves about 6% of extracting a typical article.
"""

from __future__ import annotations

import re

from lxml.etree import ElementDefaultClassLookup, XPath
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    fromstring,
)
from trafilatura.utils import repair_faulty_html

from kuaibao.errors import ExtractionError

# Hostile-input bounds: a longer page is cut (articles sit near the top), not refused.
# trafilatura needs up to 60 ms per 1,000 elements and pass; 30,000 keep it to seconds.
MAX_HTML_CHARS = 5_000_000
MAX_ELEMENTS = 30_000

# libxml2 parses attributes in quadratic time: a tag with 30,000 of them takes seconds,
# 100,000 take minutes. Long tags (the only ones that can hold that many) are checked.
_ANY_LONG_TAG = re.compile(r"<[^<>]{2048}")
_LONG_TAG = re.compile(r"<([A-Za-z][\w:-]{0,30})([^<>]{2048,})(>?)")
MAX_ATTRIBUTES = 200
_COUNT_ELEMENTS = XPath("count(//*)")
# libxml2 stops parsing a page, silently for lxml, where elements nest deeper than this:
# the rest of the page is lost. A page that reaches the limit is refused by name rather
# than extracted from a fragment (or reported as having no text).
MAX_DEPTH = 256
_REACHES_MAX_DEPTH = XPath("boolean(" + "/*" * MAX_DEPTH + ")")

# trafilatura's parser settings; only the element class lookup differs.
_PARSER = HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
)
_PARSER.set_element_class_lookup(
    ElementDefaultClassLookup(
        element=HtmlElement,
        comment=HtmlComment,
        pi=HtmlProcessingInstruction,
        entity=HtmlEntity,
    )
)


def parse_html(html: str) -> HtmlElement:
    """Parse a page into an lxml tree, or say that there is nothing to parse."""
    cleaned = _defuse_tags(html[:MAX_HTML_CHARS])
    if not cleaned.strip():
        raise ExtractionError("page is empty: the response body has no content", reason="empty")
    try:
        tree = load_html(cleaned)
    except Exception as exc:  # lxml raises many types on hostile input
        message = f"page is empty or not HTML: it could not be parsed ({exc})"
        raise ExtractionError(message, reason="empty") from exc
    if tree is None:
        raise ExtractionError("page is empty or not HTML: nothing could be parsed", reason="empty")
    if _REACHES_MAX_DEPTH(tree.getroottree()):
        message = (
            f"page nests elements {MAX_DEPTH} levels deep, the HTML parser's limit: it stops"
            " there, so the page cannot be read whole (a broken or hostile page)"
        )
        raise ExtractionError(message, reason="too_deep")
    if not any(chunk.strip() for chunk in tree.itertext()):
        raise ExtractionError("page is empty: no text in the HTML", reason="empty")
    _truncate_tree(tree, MAX_ELEMENTS)
    return tree


def load_html(html: str) -> HtmlElement | None:
    """``trafilatura.load_html`` for text: repair, parse, retry as bytes, reject non-HTML."""
    beginning = html[:50].lower()
    repaired = repair_faulty_html(html, beginning)
    tree, as_bytes = None, False
    try:
        tree = fromstring(repaired, parser=_PARSER)
    except ValueError:  # text that declares an XML encoding must be parsed as bytes
        tree, as_bytes = _parse_bytes(repaired), True
    except Exception:  # lxml's own errors: the bytes parser may still cope
        tree = None
    if (tree is None or len(tree) < 1) and not as_bytes:
        tree = _parse_bytes(repaired)
    if tree is not None and "html" not in beginning and len(tree) < 2:
        return None  # no HTML markers and next to no structure: not a page
    return tree


def _parse_bytes(html: str) -> HtmlElement | None:
    """Parse the UTF-8 encoding of ``html``; ``None`` when lxml gives up."""
    try:
        tree: HtmlElement = fromstring(html.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except Exception:  # the last attempt; the caller reports the page as unparseable
        return None
    return tree


def _truncate_tree(tree: HtmlElement, limit: int) -> None:
    """Drop every element after the first ``limit`` in document order."""
    if _COUNT_ELEMENTS(tree) <= limit:  # counted inside libxml2: no Python objects made
        return
    doomed = [element for index, element in enumerate(tree.iter()) if index >= limit]
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


def _defuse_tags(html: str) -> str:
    """Strip the attributes of tags that carry absurdly many (a parser-stalling attack)."""
    if _ANY_LONG_TAG.search(html) is None:  # the common case, four times cheaper
        return html
    return _LONG_TAG.sub(_defuse_one, html)


def _defuse_one(match: re.Match[str]) -> str:
    """Keep a long tag unless its attribute count is absurd, then keep only its name."""
    if match.group(2).count("=") <= MAX_ATTRIBUTES:
        return match.group(0)
    return f"<{match.group(1)}{match.group(3)}"
