"""A bulletin as one standalone HTML5 page: inline CSS, no external assets, printable on A4.

The page is rendered by Jinja2 with autoescaping on, because every title, paragraph and
URL comes from items and is untrusted; only absolute http(s) URLs become links. The same
page, printed by WeasyPrint, is the PDF (see ``pdf.py``): its print CSS adds page
numbers and the dot leaders and page numbers of the contents list.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources

import jinja2
from markupsafe import Markup

from kuaibao.bulletin.house import Fonts, HouseStyle
from kuaibao.bulletin.render.citation import citations_for
from kuaibao.bulletin.render.fitting import URL_FONT, fit_css, fit_text, fit_url
from kuaibao.bulletin.render.layout import CONTENTS_LABEL, BulletinView, bulletin_view
from kuaibao.domain import Bulletin

_PACKAGE = "kuaibao.bulletin.render"


@cache
def _environment() -> jinja2.Environment:
    """One template environment per process; autoescape is on for everything."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(_PACKAGE, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(fit_text=fit_text, fit_url=fit_url)
    return env


@cache
def _stylesheet() -> str:
    return (resources.files(_PACKAGE) / "templates" / "bulletin.css").read_text(encoding="utf-8")


def css_family(name: str) -> str:
    """Quote a font family for CSS, keeping only characters a family name needs."""
    safe = " ".join("".join(ch for ch in name if ch.isalnum() or ch in " -_").split())
    return f'"{safe}"' if safe else "serif"


def fonts_css(fonts: Fonts) -> str:
    """Latin face first, then the CJK face, so Chinese falls through to Noto CJK;
    URLs in the monospaced face whose widths ``fitting`` counts on."""
    serif = f"{css_family(fonts.latin)}, {css_family(fonts.cjk_serif)}, serif"
    sans = f"{css_family(fonts.cjk_sans)}, sans-serif"
    return (
        f"html {{ font-family: {serif}; }}\n"
        f".series, h2, h3, .contents-section {{ font-family: {sans}; }}\n"
        f".source {{ font-family: {css_family(URL_FONT)}, monospace; }}\n" + fit_css()
    )


def render_view(view: BulletinView, style: HouseStyle) -> str:
    """Fill the page template with a laid-out bulletin."""
    template = _environment().get_template("bulletin.html")
    return template.render(
        v=view,
        contents_label=CONTENTS_LABEL,
        css=Markup(_stylesheet()),
        fonts_css=Markup(fonts_css(style.fonts)),
    )


def render_html(
    bulletin: Bulletin,
    style: HouseStyle,
    *,
    citations: bool = False,
    accessed: date | None = None,
) -> str:
    """The page as text; ``citations`` adds GB/T 7714 references under each item."""
    cite = citations_for(bulletin, accessed) if citations else None
    return render_view(bulletin_view(bulletin, style, cite), style)
