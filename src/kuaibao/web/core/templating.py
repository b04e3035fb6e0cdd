"""Jinja2 rendering for the pages: autoescape always on, and links only to http(s).

Everything crawled is untrusted. Templates print it with ``{{ … }}`` (escaped); they
never use ``|safe`` on fetched text, and links to fetched URLs go through ``safe_url``,
which renders anything but an http(s) URL as inert text. ``Markup`` appears only here,
around HTML this module writes itself with escaped values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape
from starlette.requests import HTTPConnection, Request
from starlette.responses import HTMLResponse

from kuaibao.domain import Role
from kuaibao.i18n import N_
from kuaibao.web.core.auth import csrf
from kuaibao.web.core.auth.principal import Principal
from kuaibao.web.core.i18n import Translator, install, language
from kuaibao.web.core.routing import served_paths
from kuaibao.web.core.stored_text import stored


@dataclass(frozen=True)
class NavEntry:
    """A top-level page: message key, path, and the least role that sees it."""

    key: str
    path: str
    role: Role = Role.ANALYST


# Pages appear in the navigation once a route serves them (see ``Templates.nav``).
NAV = (
    NavEntry(N_("nav.dashboard"), "/"),
    NavEntry(N_("nav.triage"), "/triage"),
    NavEntry(N_("nav.items"), "/items"),
    NavEntry(N_("nav.bulletins"), "/bulletins"),
    NavEntry(N_("nav.sources"), "/sources"),
    NavEntry(N_("nav.search"), "/search"),
    NavEntry(N_("nav.users"), "/users", Role.ADMIN),
    NavEntry(N_("nav.settings"), "/settings", Role.ADMIN),
    NavEntry(N_("nav.tokens"), "/tokens"),
)


def is_http_url(url: object) -> bool:
    """True for an absolute http(s) URL with a host and no control characters."""
    if not isinstance(url, str):
        return False
    candidate = url.strip()
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in candidate):
        return False
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def safe_url(url: object, text: object = None) -> Markup:
    """A link when ``url`` is http(s), else the text shown inert (``javascript:`` …)."""
    shown = url if text is None else text
    label = "" if shown is None else str(shown)
    if is_http_url(url):
        return Markup(
            '<a href="{}" rel="noopener noreferrer nofollow" target="_blank">{}</a>'
        ).format(str(url).strip(), label)
    return Markup('<span class="inert-url">{}</span>').format(label)


def select_options(choices: Iterable[tuple[str, str]], selected: object = None) -> Markup:
    """``<option>`` tags for (value, label) pairs, ``selected`` marked: long menus (hundreds
    of sources) cost a template loop per option, this one escape per value and label."""
    chosen = "" if selected is None else str(selected)
    return Markup(
        "".join(
            f'<option value="{escape(value)}"{" selected" if value == chosen else ""}>'
            f"{escape(label)}</option>"
            for value, label in choices
        )
    )


def when(value: datetime | None) -> str:
    """A time as analysts read it: ``2024-03-15 14:02 UTC``; ``—`` when unknown."""
    if value is None:
        return "—"
    return value.strftime("%Y-%m-%d %H:%M UTC")


class Templates:
    """The page renderer: one Jinja2 environment per app.

    ``language`` is the app's default (``zh`` or ``en``, a request may ask for the other)
    and ``domain_labels`` maps each Chinese domain name to its English label for the switch.
    """

    def __init__(
        self,
        *,
        htmx: bool,
        language: str = "zh",
        domain_labels: Mapping[str, str] | None = None,
    ) -> None:
        self.htmx = htmx
        self.language = language
        self.domain_labels = dict(domain_labels or {})
        self.env = Environment(
            loader=PackageLoader("kuaibao.web", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        install(self.env)
        self.env.filters["safe_url"] = safe_url
        self.env.filters["when"] = when
        self.env.filters["stored"] = stored
        self.env.globals["select_options"] = select_options
        self.env.tests["http_url"] = is_http_url

    @staticmethod
    def nav(request: Request, principal: Principal | None) -> list[NavEntry]:
        """The entries this user may open, for pages that exist in this app."""
        if principal is None:
            return []
        served = served_paths(request.app)
        return [e for e in NAV if e.path in served and principal.role.allows(e.role)]

    def render(
        self,
        request: Request,
        template: str,
        principal: Principal | None,
        *,
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        **context: Any,
    ) -> HTMLResponse:
        """Render ``templates/<template>`` with what every page needs plus ``context``."""
        t = Translator(language(request, self.language))
        token = principal.csrf_token if principal else None

        def csrf_field() -> Markup:
            return Markup('<input type="hidden" name="{}" value="{}">').format(
                csrf.FIELD, token or ""
            )

        def domain_label(domain: str | None) -> str:
            if not domain:
                return t.gettext("dashboard.unclassified")
            return self.domain_labels.get(domain, domain) if t.lang == "en" else domain

        html = self.env.get_template(template).render(
            request=request,
            translator=t,
            lang=t.lang,
            html_lang=t.html_lang,
            me=principal,
            csrf_token=token,
            csrf_header=csrf.HEADER,
            csrf_field=csrf_field,
            nav=self.nav(request, principal),
            htmx=self.htmx,
            path=request.url.path,
            domain_label=domain_label,
            **context,
        )
        return HTMLResponse(html, status_code=status_code, headers=dict(headers or {}))


def render(
    request: Request,
    template: str,
    principal: Principal | None,
    *,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    """Render a page with the app's templates (what route functions call)."""
    return templates_of(request).render(
        request, template, principal, status_code=status_code, headers=headers, **context
    )


def templates_of(connection: HTTPConnection) -> Templates:
    """The app's renderer, ``AppState.templates`` (``web.core.state`` holds it and sits above)."""
    templates: Templates = connection.app.state.kuaibao.templates
    return templates
