"""The page without what trafilatura always deletes: a cheaper tree and a bound on text.

trafilatura deletes scripts, styles, navigation, footers, asides, forms' widgets and a
few dozen other elements, text and all, before it looks for the article. Its fast
precise pass reads none of them first, so it can be handed a copy without them; its
XPath pruning then walks a smaller tree. The same copy, counted inside libxml2, bounds
how much text any pass can keep, which tells whether a short result may have lost the
article. The copy's runs of prose tell whether more article could be there at all, and
what the pruning rules (by class and id) delete in the fast passes tells whether the
text a broader pass adds is text the fast passes were denied.
"""

from __future__ import annotations

from copy import copy

from lxml.etree import XPath, strip_elements
from lxml.html import HtmlElement
from trafilatura.settings import MANUALLY_CLEANED
from trafilatura.xpaths import (
    OVERALL_DISCARD_XPATH,
    PRECISION_DISCARD_XPATH,
    TEASER_DISCARD_XPATH,
)

# Kept although trafilatura deletes them: it keeps forms that wrap the whole page,
# figures that hold tables, and the LaTeX source of <math> formulas.
_SALVAGED = frozenset({"form", "figure", "math"})
LEAN_DROPPED = tuple(sorted(frozenset(MANUALLY_CLEANED) - _SALVAGED))
# trafilatura reads JSON-LD to tell forum threads, where comments are the content.
_FORUM_MARKER = "DiscussionForumPosting"
_JSON_LD = XPath("//script[@type='application/ld+json']")
_TEXT_CHARS = XPath("string-length(normalize-space(/))")
_COUNT_ELEMENTS = XPath("count(//*)")
# Its text output marks list items ("- ") and table cells ("| ") on top of a separator.
_COUNT_MARKED = XPath("count(//li|//td|//th)")
_HAS_PARAGRAPH = XPath("boolean(//p)")
MARKER_CHARS = 2
# The class and id rules of trafilatura's pruning in precision mode, paywall and teaser
# boxes included.
_PRUNING_RULES = (*OVERALL_DISCARD_XPATH, *TEASER_DISCARD_XPATH, *PRECISION_DISCARD_XPATH)
_TEXT_OUTSIDE_LINKS = XPath("//text()[not(ancestor::a)]")


def lean_copy(tree: HtmlElement) -> HtmlElement:
    """A copy of ``tree`` without the elements trafilatura deletes with their text."""
    lean = copy(tree)
    forum_scripts = [copy(s) for s in _JSON_LD(lean) if _FORUM_MARKER in (s.text or "")]
    strip_elements(lean, *LEAN_DROPPED, with_tail=False)
    for script in forum_scripts:
        script.tail = None
        lean.append(script)
    return lean


def reachable_chars(lean: HtmlElement, page: HtmlElement) -> int:
    """An upper estimate of the text length a trafilatura pass can keep from ``page``.

    ``lean`` is ``lean_copy(page)``. Counts its whitespace-collapsed text plus the
    separators and list or cell markers the text output adds, all inside libxml2 (a
    walk in Python would cost more than the skipped pass saves). When the lean copy has
    no paragraph left but the page had some, recall mode keeps everything: count it all.
    """
    tree = lean
    if not _HAS_PARAGRAPH(lean) and _HAS_PARAGRAPH(page):
        tree = page
    text = int(_TEXT_CHARS(tree))
    return text + int(_COUNT_ELEMENTS(tree)) + MARKER_CHARS * int(_COUNT_MARKED(tree))


def prose_runs(lean: HtmlElement) -> list[str]:
    """The page's text runs outside links, whitespace collapsed (selected in libxml2).

    Long runs are prose; menus, link lists and buttons come in short ones.
    """
    runs = (" ".join(str(run).split()) for run in _TEXT_OUTSIDE_LINKS(lean))
    return [run for run in runs if run]


def pruned_text(lean: HtmlElement) -> str:
    """The text of what the pruning rules match in ``lean``, one outermost element a line.

    Whitespace collapsed, for checking where a text came from. The rules test classes
    and ids with regular expressions that call back into Python for every element, which
    costs about a fast pass on a large page: only computed for a rescue about to be taken.
    """
    matched = {element for rule in _PRUNING_RULES for element in rule(lean)}
    outer = [e for e in lean.iter() if e in matched and not matched.intersection(e.iterancestors())]
    return "\n".join(" ".join(element.text_content().split()) for element in outer)
