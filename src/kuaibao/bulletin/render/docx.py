"""A bulletin as a Word document (DOCX) built with python-docx and real Word styles.

Every layout line is its own paragraph, in the forms the importer reads back: the series
name (Title), ``2026年第7期（总第131期）``, the issuing unit and the date in one paragraph
separated by a tab (right-aligned date), then ``目录`` and the contents — numbered section
lines (``一、重点关注``) and bare item titles linked to their items, without page numbers
(Word cannot know them before layout). The first section heading starts a new page. Per
item: ``[领域]标题`` (Heading 2), body paragraphs (Normal), ``张三、李四 供稿``
(Contributor), one URL per paragraph as a clickable link (Source), ``原文标题：…``
(Original Title). Page numbers are a PAGE field centred in the footer.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from kuaibao.bulletin.house import HouseStyle
from kuaibao.bulletin.render import docx_styles as st
from kuaibao.bulletin.render.citation import citations_for
from kuaibao.bulletin.render.layout import (
    CONTENTS_LABEL,
    BulletinView,
    ItemView,
    bulletin_view,
)
from kuaibao.domain import Bulletin


def _text_run(text: str, char_style_id: str | None = None) -> Any:
    """A bare ``w:r`` with text (spaces kept), optionally in a character style."""
    run = OxmlElement("w:r")
    if char_style_id:
        props = OxmlElement("w:rPr")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), char_style_id)
        props.append(style)
        run.append(props)
    text_el = OxmlElement("w:t")
    text_el.set(qn("xml:space"), "preserve")
    text_el.text = text
    run.append(text_el)
    return run


def add_hyperlink(paragraph: Any, text: str, *, url: str = "", anchor: str = "") -> None:
    """Append a clickable link: external (``url``, via a relationship) or to a bookmark."""
    link = OxmlElement("w:hyperlink")
    if url:
        rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link.set(qn("r:id"), rel_id)
    else:
        link.set(qn("w:anchor"), anchor)
    style_id = paragraph.part.document.styles[st.HYPERLINK].style_id if url else None
    link.append(_text_run(text, style_id))
    paragraph._p.append(link)


def add_bookmark(paragraph: Any, name: str, ident: int) -> None:
    """Wrap a paragraph's content in a bookmark, the target of contents links."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(ident))
    has_props = paragraph._p.pPr is not None
    paragraph._p.insert(1 if has_props else 0, start)
    paragraph._p.append(end)


def add_page_field(paragraph: Any) -> None:
    """A PAGE field (begin, instruction, separate, placeholder, end) Word fills in."""
    run = paragraph.add_run()._r
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run.append(instr)
    paragraph.add_run("1")
    end_run = paragraph.add_run()._r
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    end_run.append(end)


def _page_setup(document: Any) -> None:
    """A4 portrait with the print margins of the PDF, page number centred at the foot."""
    for section in document.sections:
        section.page_width, section.page_height = st.A4_WIDTH, st.A4_HEIGHT
        section.left_margin = section.right_margin = st.SIDE_MARGIN
        section.top_margin, section.bottom_margin = Mm(25), Mm(22)
        footer = section.footer.paragraphs[0]
        footer.style = document.styles[st.PAGE_NUMBER]
        add_page_field(footer)


def _bookmark_name(anchor: str) -> str:
    """Word bookmark names allow letters, digits and underscores only."""
    return anchor.replace("-", "_")


def _masthead(document: Any, view: BulletinView) -> None:
    document.add_paragraph(view.masthead, st.TITLE)
    document.add_paragraph(view.issue_line, st.ISSUE)
    imprint = view.issuing_unit + (f"\t{view.date_line}" if view.date_line else "")
    document.add_paragraph(imprint, st.IMPRINT)


def _contents(document: Any, view: BulletinView) -> None:
    document.add_paragraph(CONTENTS_LABEL, st.CONTENTS_HEADING)
    for section in view.sections:
        if section.contents_label:
            line = document.add_paragraph(style=st.CONTENTS_SECTION)
            add_hyperlink(line, section.contents_label, anchor=_bookmark_name(section.anchor))
        for item in section.items:
            line = document.add_paragraph(style=st.CONTENTS_ENTRY)
            add_hyperlink(line, item.title, anchor=_bookmark_name(item.anchor))


def _item(document: Any, item: ItemView) -> None:
    heading = document.add_paragraph(item.heading, st.ITEM)
    add_bookmark(heading, _bookmark_name(item.anchor), 1000 + item.position)
    for paragraph in item.paragraphs:
        document.add_paragraph(paragraph, st.BODY)
    if item.contributor_line:
        document.add_paragraph(item.contributor_line, st.CONTRIBUTOR)
    for source in item.sources:
        line = document.add_paragraph(style=st.SOURCE)
        if source.linkable:
            add_hyperlink(line, source.url, url=source.url)
        else:
            line.add_run(source.url)
    if item.original_title_line:
        document.add_paragraph(item.original_title_line, st.ORIGINAL_TITLE)
    for reference in item.citations:
        document.add_paragraph(reference, st.CITATION)


def _body(document: Any, view: BulletinView) -> None:
    """Sections and items; the first of them starts a new page after the contents."""
    start = len(document.paragraphs)
    for number, section in enumerate(view.sections, start=1):
        if section.name:
            heading = document.add_paragraph(section.name, st.SECTION)
            add_bookmark(heading, _bookmark_name(section.anchor), number)
        for item in section.items:
            _item(document, item)
    if len(document.paragraphs) > start:
        document.paragraphs[start].paragraph_format.page_break_before = True
    if view.footer:
        document.add_paragraph(view.footer, st.DISTRIBUTION)


def render_docx(
    bulletin: Bulletin,
    style: HouseStyle,
    *,
    citations: bool = False,
    accessed: date | None = None,
) -> bytes:
    """The bulletin as DOCX bytes; ``citations`` adds GB/T 7714 references per item."""
    cite = citations_for(bulletin, accessed) if citations else None
    view = bulletin_view(bulletin, style, cite)
    document = docx.Document()
    st.apply_house_styles(document, style.fonts)
    _page_setup(document)
    _masthead(document, view)
    _contents(document, view)
    _body(document, view)
    props = document.core_properties
    props.title = f"{view.masthead} {view.issue_line}"
    props.author = bulletin.editor or style.editor
    props.language = "zh-CN"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
