"""A bulletin as a download or a preview: formats, file names and the headers that keep the
rendered HTML inert.

The preview is the renderer's own HTML (it escapes every item field), served with a
sandboxing CSP and framed by the composer, so what the editor sees is what is exported.
"""

from __future__ import annotations

from typing import Literal

from starlette.responses import Response

from kuaibao.bulletin.render import EXTENSIONS, MEDIA_TYPES, render
from kuaibao.domain import Bulletin
from kuaibao.issue import issue_slug
from kuaibao.store import Store
from kuaibao.web.bulletins.views import house_style
from kuaibao.web.core.security import CONTENT_SECURITY_POLICY
from kuaibao.web.core.state import AppState

ExportFormat = Literal["pdf", "docx", "html", "md"]
EXPORT_FORMATS: tuple[str, ...] = ("pdf", "docx", "html", "md")

# The preview is the rendered bulletin: its own inline stylesheet, no scripts, no forms,
# no plugins, framed only by this app's composer.
PREVIEW_CSP = "; ".join(
    [
        "sandbox",
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        "img-src data:",
        "form-action 'none'",
        "base-uri 'none'",
        "frame-ancestors 'self'",
    ]
)
PREVIEW_HEADERS = {"Content-Security-Policy": PREVIEW_CSP, "X-Frame-Options": "SAMEORIGIN"}
# The composer is an ordinary page that may frame the preview from this origin.
COMPOSER_HEADERS = {"Content-Security-Policy": CONTENT_SECURITY_POLICY + "; frame-src 'self'"}


def export_filename(bulletin: Bulletin, fmt: str) -> str:
    """``bulletin-2026-02.pdf``; later revisions add ``-r2`` (ASCII, safe in any header)."""
    revision = f"-r{bulletin.revision}" if bulletin.revision > 1 else ""
    return f"bulletin-{issue_slug(bulletin)}{revision}.{EXTENSIONS[fmt]}"


def export_response(store: Store, state: AppState, bulletin_id: int, fmt: str) -> Response:
    bulletin = store.bulletins.get(bulletin_id)
    data = render(bulletin, fmt, house_style(state))
    headers = {"Content-Disposition": f'attachment; filename="{export_filename(bulletin, fmt)}"'}
    if fmt == "html":
        headers.update(PREVIEW_HEADERS)  # opened from disk or inline, it still runs nothing
    return Response(data, media_type=MEDIA_TYPES[fmt], headers=headers)


def preview_response(store: Store, state: AppState, bulletin_id: int) -> Response:
    """Exactly the exported HTML, sandboxed: no scripts, framed only by the composer."""
    bulletin = store.bulletins.get(bulletin_id)
    html = render(bulletin, "html", house_style(state))
    return Response(html, media_type=MEDIA_TYPES["html"], headers=PREVIEW_HEADERS)
