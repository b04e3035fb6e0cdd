"""The web app factory: ``create_app(settings)`` builds one FastAPI app on one store.

Pages are server-rendered (Jinja2) and work as plain forms and links; htmx, when its file
has been fetched (``scripts/fetch-web-assets.sh``), only makes them smoother. Each page
has a JSON twin under ``/api/`` built from the same models, described by /openapi.json
(``web.core.routers`` says how the route modules are laid out).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from kuaibao import __version__
from kuaibao.config import Settings
from kuaibao.jobs.kinds import JobContext
from kuaibao.jobs.runner import JobRunner
from kuaibao.pipeline.context import Context
from kuaibao.store import Job, Store
from kuaibao.web.core import errors
from kuaibao.web.core.auth.passwords import Passwords
from kuaibao.web.core.auth.throttle import LoginThrottle
from kuaibao.web.core.routers import ROUTERS
from kuaibao.web.core.security import SecurityHeaders
from kuaibao.web.core.state import AppState
from kuaibao.web.core.templating import Templates

STATIC = Path(__file__).parent.parent / "static"
HTMX = STATIC / "vendor" / "htmx.min.js"
JOB_WORKERS = 2  # drafts at once; the LLM endpoint, not the CPU, is the limit

API_DESCRIPTION = """\
The JSON API of kuaibao's analysts' web app. Every route except `/api/health` and
`/api/login` needs a session cookie (from `POST /api/login`) or an API token
(`Authorization: Bearer kb_…`, made with `POST /api/tokens`). Session callers send the
CSRF token from the login answer as `X-CSRF-Token` on every POST, PUT, PATCH and DELETE;
token callers need none. Text and URLs in answers come from crawled web pages: treat them
as untrusted.
"""


def job_runner(current: Callable[[], Settings], context: Context) -> JobRunner:
    """The app's runner: each job works on the app's store and catalogues with the
    settings of the moment it starts, as the user who asked for it (so a draft is
    credited to them)."""
    store, catalogs = context.store, context.catalogs

    def context_for(job: Job) -> JobContext:
        user = store.users.by_name(job.created_by) if job.created_by else None
        return JobContext(
            store=store,
            settings=current(),
            taxonomy=catalogs.taxonomy,
            gazetteer=catalogs.named_gazetteer,
            user=user,
        )

    return JobRunner(store, context_for, workers=JOB_WORKERS)


def app_state_of(app: FastAPI) -> AppState:
    state: AppState = app.state.kuaibao
    return state


def create_app(settings: Settings, *, store: Store | None = None) -> FastAPI:
    """Build the app. A store passed in stays the caller's; otherwise the app opens and
    closes its own on the configured database."""
    own_store = store is None
    the_store = store if store is not None else Store(settings.effective_database_url)
    context = Context(settings, the_store)  # catalogs, writer and pool, built once
    runner = job_runner(lambda: app_state_of(app).settings, context)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        runner.resume()  # jobs a dead process left running or queued
        yield
        runner.shutdown()
        context.close()
        if own_store:
            the_store.close()

    app = FastAPI(
        title="kuaibao",
        version=__version__,
        description=API_DESCRIPTION,
        docs_url=None,  # Swagger UI needs inline scripts and a CDN; the CSP allows neither
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    taxonomy = context.catalogs.taxonomy()
    app.state.kuaibao = AppState(
        settings=settings,
        store=the_store,
        passwords=Passwords.from_settings(settings.web),
        throttle=LoginThrottle(
            max_failures=settings.web.login_max_failures,
            window=settings.web.login_window_seconds,
        ),
        templates=Templates(
            htmx=HTMX.is_file(),
            language=settings.web.language,
            domain_labels={d.name: d.en or d.name for d in taxonomy.domains},
        ),
        jobs=runner,
        context=context,
    )
    app.add_middleware(SecurityHeaders)
    errors.install(app)
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
