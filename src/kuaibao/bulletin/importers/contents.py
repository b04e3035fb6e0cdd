"""The table of contents (目录) a bulletin prints before its first item.

Its entries repeat section names and item titles, usually with dot leaders and page
numbers. They are recognised and set aside, but only when they match a section or an
item that the bulletin really has; any other line in the contents is reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kuaibao.bulletin.textstyle import normalize_title

_HEADING_RE = re.compile(r"^[【\[]?\s*目\s*录\s*[】\]]?\s*[：:]?$|^contents$", re.I)
_BULLET_RE = re.compile(r"^[-*+•·]\s+")
_LEADER_RE = re.compile(r"(?:\s*[.…·•．。_-]{2,}\s*|\s+)\d{1,4}$|\s*[.…·•．_-]{3,}$")


def is_contents_heading(text: str) -> bool:
    """``目录`` (or ``目 录``, ``【目录】``) on a line of its own."""
    return _HEADING_RE.match(text.strip()) is not None


def entry_text(text: str) -> str:
    """A contents line without bullet, dot leader and page number."""
    return _LEADER_RE.sub("", _BULLET_RE.sub("", text.strip())).strip()


def known_entry(text: str, titles: set[str], find_section: Callable[[str], str | None]) -> bool:
    """The line names a section or an item title of this bulletin."""
    entry = entry_text(text)
    if not entry:
        return False
    return normalize_title(entry) in titles or find_section(entry) is not None
