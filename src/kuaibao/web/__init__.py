"""The analysts' web app (``kuaibao serve``): FastAPI, server-rendered pages, a JSON API.

The package is cut by feature. ``core`` holds what every feature shares: ``core.app.
create_app`` builds the app, ``core.auth`` checks who asks and what they may do,
``core.templating`` renders pages, ``core.schemas`` has the safe input types. Each other
folder is one feature (``triage``, ``items``, ``bulletins``, ``sources``, ``search``,
``users``, ``dashboard``, ``jobs``, ``settings``) with its modules named plainly:
``pages.py`` (HTML routes), ``api.py`` (their JSON twins, when the feature is large),
``views.py`` (pydantic models of what is shown and the plain functions that build them
from the store) and ``changes.py`` (what the feature changes, through
``kuaibao.workflow`` for stories, items and bulletins). Features import ``core`` and not
each other, except where one shows another's parts (items and jobs read triage). Importing
this package stays cheap: FastAPI loads only when ``kuaibao.web.core.app`` is imported.

How to add a page (copy ``dashboard/``):

1. A folder ``web/<feature>/`` with an ``__init__.py`` docstring saying what it is for.
2. ``views.py``: pydantic models for what the page shows (``class Things(BaseModel)``)
   and one plain function that reads the store and builds them (``build_things``).
3. ``pages.py`` (and ``api.py`` once it grows) with a module-level ``router``: a JSON
   route under ``/api/`` returning the model (it becomes part of /openapi.json) and an
   HTML route rendering ``templates/<feature>.html`` with the same model
   (``include_in_schema=False``), both declaring their role with ``AnalystUser``,
   ``EditorUser`` or ``AdminUser``::

    from kuaibao.web.core.auth.roles import AnalystUser, EditorUser  # .user, .role
    from kuaibao.web.core.deps import StoreDep                  # (StateDep: the AppState)
    from kuaibao.web.core.schemas import Id, Label, errors     # safe input, 401/403
    from kuaibao.web.core.templating import render

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
        ...                                                   # changes.py does the work
        return RedirectResponse("/things", status_code=303)  # POST-redirect-GET

   Nothing registers the router by hand: ``core.routers`` imports every module of every
   feature folder and serves each ``router`` it finds. Route functions are plain ``def``
   (the store is synchronous; FastAPI runs them in a thread pool). The role alias also
   checks the CSRF token on every POST/PUT/PATCH/DELETE made with the session cookie.
   Raise ``HTTPException`` or kuaibao errors to refuse; the handlers in ``core.errors``
   answer JSON under ``/api/`` and an HTML page elsewhere.
4. ``changes.py`` for what a form changes: parse in the route, change the store here
   (stories, items and bulletins only through ``kuaibao.workflow``).
5. The template ``templates/<feature>.html`` (templates stay in one folder for all
   features) extends ``base.html`` and fills ``{% block title %}`` and
   ``{% block content %}`` (``head_extra`` for a page's own static CSS/JS file). It gets
   ``_("key")`` and ``ngettext("key", "key", n)``, ``me``, ``csrf_field()`` (put it in
   every ``<form method="post">``; htmx requests get the header from ``<body
   hx-headers>``), ``domain_label(name)`` and the ``when`` and ``safe_url`` filters.
   Never mark fetched text ``|safe``; link fetched URLs with ``{{ url|safe_url(title) }}``.
   Add a ``NavEntry`` in ``core.templating.NAV`` if the page belongs in the navigation.
6. Messages: every new msgid in both catalogues ``src/kuaibao/locales/{zh,en}/
   LC_MESSAGES/kuaibao.po`` (``make messages`` extracts them; keys built from data go in
   ``core/message_keys.py``); ``tests/web/test_messages.py`` fails on a missing one.
7. Tests: ``tests/web/test_<feature>.py`` for the pages and JSON. The every-page checks
   need nothing added: ``tests/web/test_routes.py`` audits every route (public on purpose
   in ``core.routers.PUBLIC_PATHS`` or refused without a session, below its role and,
   when it changes state, without the CSRF token), and ``tests/e2e/test_every_page.py``
   opens every page in Chromium for every role (a route with parameters needs a
   sample value in its ``samples()``).
"""
