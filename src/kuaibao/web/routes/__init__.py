"""The app's routes, a module per page group; ``ROUTERS`` lists them for ``create_app``.

A large group keeps its pages in ``<group>.py`` and its JSON twins in ``<group>_api.py``,
with the models and builders both use in ``web/<group>_views.py`` (what is shown) and
``web/<group>_changes.py`` (what is changed); see ``items``, ``bulletins`` and ``sources``.

How to add a page (copy ``dashboard.py``): a module ``web/routes/<group>.py`` with

* pydantic models for what the page shows (``class Dashboard(BaseModel)``),
* one plain function that reads the store and builds the model (``build_dashboard``),
* a JSON route under ``/api/`` returning the model (it becomes part of /openapi.json),
* an HTML route rendering ``templates/<group>.html`` with the same model
  (``include_in_schema=False``),
* both declaring their role with ``AnalystUser``, ``EditorUser`` or ``AdminUser``::

    from kuaibao.web.auth.roles import AnalystUser, EditorUser   # Principal: .user, .role
    from kuaibao.web.deps import StoreDep                         # (StateDep: the AppState)
    from kuaibao.web.schemas import Id, Label, errors            # safe input types, 401/403
    from kuaibao.web.state import utcnow
    from kuaibao.web.templating import render

    router = APIRouter()

    @router.get("/api/things", response_model=Things, responses=errors())
    def things_api(me: AnalystUser, store: StoreDep) -> Things:
        return build_things(store, me)

    @router.get("/things", include_in_schema=False)
    def things_page(request: Request, me: AnalystUser, store: StoreDep) -> HTMLResponse:
        return render(request, "things.html", me, things=build_things(store, me))

    @router.post("/things", include_in_schema=False)        # a form
    def add_thing(request: Request, me: EditorUser, store: StoreDep,
                  title: Annotated[str, Form(max_length=300)]) -> Response:
        ...                                                   # change the store
        return RedirectResponse("/things", status_code=303)  # POST-redirect-GET

The module's ``router`` is found and served automatically (``ROUTERS`` below). Route
functions are plain ``def`` (the store is synchronous; FastAPI runs them in a thread
pool). The role alias also checks the CSRF token on every POST/PUT/PATCH/DELETE made
with the session cookie, so templates must put ``{{ csrf_field() }}`` in every
``<form method="post">`` (htmx requests get the header from ``<body hx-headers>``). Never
mark fetched text ``|safe``; link fetched URLs with ``{{ url|safe_url(title) }}``. Raise
``HTTPException`` or kuaibao errors to refuse; the handlers in ``web.errors`` answer JSON
under ``/api/`` and an HTML page elsewhere.

Templates extend ``base.html`` and fill ``{% block title %}`` and ``{% block content %}``
(``head_extra`` for a page's own static CSS/JS file); they get ``_("key")`` and
``ngettext("key", "key", n)`` for text from the catalogues ``src/kuaibao/locales/<lang>/
LC_MESSAGES/kuaibao.po`` (every msgid in zh and en; see ``kuaibao.i18n``), ``me``,
``csrf_field()``, ``domain_label(name)`` and the ``when`` and ``safe_url`` filters. Add a
``NavEntry`` in ``templating.NAV`` if the page belongs in the navigation (it shows once
the path is served).

``tests/web/test_routes.py`` audits every route of the app automatically: each must be
public on purpose (``PUBLIC_PATHS``) or depend on ``require``; it is refused without a
session, below its role, and (when it changes state) without the CSRF token.
"""

from __future__ import annotations

import importlib
import pkgutil

from fastapi import APIRouter


def _routers() -> tuple[APIRouter, ...]:
    """Every ``router`` of the modules in this package, in module-name order, so a new page
    group is served by adding its module (no shared list to edit)."""
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        router = getattr(module, "router", None)
        if isinstance(router, APIRouter):
            found.append(router)
    return tuple(found)


ROUTERS: tuple[APIRouter, ...] = _routers()

# Routes anyone may call. Everything else needs a session (or, under /api/, a token).
PUBLIC_PATHS = frozenset({"/login", "/lang/{code}", "/api/health", "/api/login", "/openapi.json"})
