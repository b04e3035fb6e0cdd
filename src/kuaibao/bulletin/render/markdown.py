"""A bulletin as CommonMark, for wikis, chat and review diffs.

Headings carry the structure (``#`` series, ``##`` contents and sections, ``### [领域]标题``
per item); every layout line is its own paragraph; http(s) sources are autolinks
(``<https://…>``), anything else is plain text. Item text is untrusted, so Markdown and
HTML specials in it are backslash-escaped: it can never open a link, an image, raw HTML
or a list.
"""

from __future__ import annotations

import re

from kuaibao.bulletin.house import HouseStyle
from kuaibao.bulletin.render.layout import CONTENTS_LABEL, BulletinView, ItemView, bulletin_view
from kuaibao.domain import Bulletin

_INLINE = re.compile(r"([\\`*_{}\[\]<>()#!|~&$^])")
_LIST_START = re.compile(r"^([-+=:]|\d{1,9}[.)])")


def escape(text: str) -> str:
    """Backslash-escape what CommonMark (and GFM) would read as markup."""
    escaped = _INLINE.sub(r"\\\1", text)
    match = _LIST_START.match(escaped)
    if match:
        marker = match.group(1)
        escaped = marker[:-1] + "\\" + marker[-1] + escaped[len(marker) :]
    return escaped


def autolink(url: str) -> str:
    """``<url>`` with the few characters an autolink cannot hold percent-encoded."""
    return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"


def _item_lines(item: ItemView) -> list[str]:
    """The item's blocks; the domain brackets are ours, so they stay unescaped."""
    domain = f"[{escape(item.domain)}]" if item.domain else ""
    lines = [f"### {domain}{escape(item.title)}", *(escape(p) for p in item.paragraphs)]
    if item.contributor_line:
        lines.append(escape(item.contributor_line))
    lines.extend(autolink(s.url) if s.linkable else escape(s.url) for s in item.sources)
    if item.original_title_line:
        lines.append(escape(item.original_title_line))
    lines.extend(escape(reference) for reference in item.citations)
    return lines


def _contents_lines(view: BulletinView) -> list[str]:
    rows: list[str] = []
    for section in view.sections:
        indent = ""
        if section.contents_label:
            rows.append(f"- {escape(section.contents_label)}")
            indent = "  "
        rows.extend(f"{indent}- {escape(item.title)}" for item in section.items)
    return [f"## {CONTENTS_LABEL}", "\n".join(rows)] if rows else []


def render_view(view: BulletinView) -> str:
    """Blocks joined by blank lines, so each layout line is one Markdown paragraph."""
    imprint = escape(view.issuing_unit) + (f"　{view.date_line}" if view.date_line else "")
    blocks = [f"# {escape(view.masthead)}", escape(view.issue_line), imprint]
    blocks.extend(_contents_lines(view))
    for section in view.sections:
        if section.name:
            blocks.append(f"## {escape(section.name)}")
        for item in section.items:
            blocks.extend(_item_lines(item))
    if view.footer:
        blocks.extend(["---", escape(view.footer)])
    return "\n\n".join(blocks) + "\n"


def render_markdown(bulletin: Bulletin, style: HouseStyle) -> str:
    """The bulletin as Markdown text."""
    return render_view(bulletin_view(bulletin, style))
