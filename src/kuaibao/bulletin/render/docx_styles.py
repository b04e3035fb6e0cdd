"""The Word styles of a bulletin, so editors restyle the document instead of each paragraph.

Built-in styles carry the structure (Title, Heading 1 for sections, Heading 2 for items,
Normal for body text with a two-character first-line indent); house styles carry the
rest (Contributor, Source, Original Title, Citation, the masthead and contents lines).
Every style names its East Asian font explicitly (``w:rFonts w:eastAsia``) and drops the
theme fonts of the default template, which would otherwise win in Word.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from kuaibao.bulletin.house import Fonts

TITLE = "Title"
SECTION = "Heading 1"
ITEM = "Heading 2"
BODY = "Normal"
ISSUE = "Issue Line"
IMPRINT = "Imprint"
CONTENTS_HEADING = "Contents Heading"
CONTENTS_SECTION = "Contents Section"
CONTENTS_ENTRY = "Contents Entry"
CONTRIBUTOR = "Contributor"
SOURCE = "Source"
ORIGINAL_TITLE = "Original Title"
CITATION = "Citation"
DISTRIBUTION = "Distribution"
HYPERLINK = "Hyperlink"
PAGE_NUMBER = "Page Number Line"

A4_WIDTH, A4_HEIGHT, SIDE_MARGIN = Mm(210), Mm(297), Mm(22)
TEXT_WIDTH = Mm(210 - 2 * 22)
# Children of w:pPr that must follow w:pBdr (Word rejects them out of schema order).
_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_RED = RGBColor(0xC0, 0x00, 0x00)
_BLACK = RGBColor(0x11, 0x11, 0x11)


@dataclass(frozen=True)
class Look:
    """How one paragraph style looks (sizes in points; ``align`` None is left)."""

    size: float
    east_asian: str
    bold: bool = False
    align: Any = None
    indent_chars: int = 0
    before: float = 0
    after: float = 0
    color: RGBColor = _BLACK
    keep_with_next: bool = False


def set_fonts(rpr_owner: Any, latin: str, east_asian: str) -> None:
    """Name the Latin and East Asian faces on an element with ``rPr``; drop theme fonts."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def _drop_borders(style: Any) -> None:
    """Remove the rules a template style draws (the default Title has a blue one)."""
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:pBdr")):
        ppr.remove(old)


def _border(style: Any, edge: str, color: str, size: int) -> None:
    """A single rule above or below paragraphs of a style (replaces any other border)."""
    _drop_borders(style)
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{edge}")
    for key, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "4")):
        line.set(qn(key), value)
    line.set(qn("w:color"), color)
    borders.append(line)
    ppr.insert_element_before(borders, *_AFTER_PBDR)


def _paragraph_style(document: Any, name: str) -> Any:
    """An existing style, or a new paragraph style based on Normal."""
    if name in [s.name for s in document.styles]:
        return document.styles[name]
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles[BODY]
    style.quick_style = True
    return style


def _apply(style: Any, look: Look, latin: str) -> None:
    """Write a Look onto a style: fonts, size, weight, colour, alignment, spacing."""
    rpr = style.element.get_or_add_rPr()
    for spacing in rpr.findall(qn("w:spacing")):
        rpr.remove(spacing)
    set_fonts(style.element, latin, look.east_asian)
    style.font.size = Pt(look.size)
    style.font.bold = look.bold
    style.font.color.rgb = look.color
    fmt = style.paragraph_format
    fmt.alignment = look.align
    fmt.space_before = Pt(look.before)
    fmt.space_after = Pt(look.after)
    fmt.keep_with_next = look.keep_with_next
    fmt.first_line_indent = Pt(look.size * look.indent_chars)
    ind = style.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(look.indent_chars * 100))


def _looks(fonts: Fonts) -> dict[str, Look]:
    serif, sans = fonts.cjk_serif, fonts.cjk_sans
    center, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    return {
        BODY: Look(12, serif, indent_chars=2, after=3),
        TITLE: Look(30, sans, bold=True, align=center, after=6, color=_RED),
        ISSUE: Look(12, serif, align=center, after=6),
        IMPRINT: Look(11, serif, after=12),
        CONTENTS_HEADING: Look(15, sans, bold=True, align=center, before=6, after=6),
        CONTENTS_SECTION: Look(10.5, sans, bold=True, before=4),
        CONTENTS_ENTRY: Look(10.5, serif),
        SECTION: Look(15, sans, bold=True, before=14, after=8, keep_with_next=True),
        ITEM: Look(12.5, sans, bold=True, before=10, after=6, keep_with_next=True),
        CONTRIBUTOR: Look(12, serif, align=right, before=4, after=2),
        SOURCE: Look(9, serif),
        ORIGINAL_TITLE: Look(9, serif, before=1),
        CITATION: Look(8, serif, color=RGBColor(0x44, 0x44, 0x44)),
        DISTRIBUTION: Look(10.5, serif, before=24),
        PAGE_NUMBER: Look(9, serif, align=center),
    }


def _hyperlink_style(document: Any, fonts: Fonts) -> None:
    """The character style of web links: blue and underlined, like Word's own."""
    if HYPERLINK in [s.name for s in document.styles]:
        style = document.styles[HYPERLINK]
    else:
        style = document.styles.add_style(HYPERLINK, WD_STYLE_TYPE.CHARACTER)
    style.font.color.rgb = RGBColor(0x1A, 0x4F, 0x9C)
    style.font.underline = True
    set_fonts(style.element, fonts.latin, fonts.cjk_serif)


def _document_defaults(document: Any, fonts: Fonts) -> None:
    """Defaults for anything without a style: our faces and Chinese as East Asian language."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    rpr = rpr_default.find(qn("w:rPr")) if rpr_default is not None else None
    if rpr is None:
        return
    fonts_el = rpr.find(qn("w:rFonts"))
    if fonts_el is None:
        fonts_el = OxmlElement("w:rFonts")
        rpr.insert(0, fonts_el)
    for attr in _THEME_ATTRS:
        fonts_el.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts_el.set(qn(attr), fonts.latin)
    fonts_el.set(qn("w:eastAsia"), fonts.cjk_serif)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def apply_house_styles(document: Any, fonts: Fonts) -> None:
    """Create or restyle every style the bulletin uses."""
    _document_defaults(document, fonts)
    for name, look in _looks(fonts).items():
        _apply(_paragraph_style(document, name), look, fonts.latin)
    _border(document.styles[IMPRINT], "bottom", "C00000", 16)
    _drop_borders(document.styles[TITLE])
    document.styles[IMPRINT].paragraph_format.tab_stops.add_tab_stop(
        TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT
    )
    _border(document.styles[DISTRIBUTION], "top", "111111", 8)
    _hyperlink_style(document, fonts)
    names = {s.name for s in document.styles}
    for linked in ("Title Char", "Heading 1 Char", "Heading 2 Char"):
        if linked in names:  # what Word shows when a run is styled like its paragraph
            set_fonts(document.styles[linked].element, fonts.latin, fonts.cjk_sans)
