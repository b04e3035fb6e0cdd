"""What the app holds for its lifetime, in one typed object on ``app.state.kuaibao``.

Routes get it (or one of its parts) through the dependencies in ``web.core.deps``, never from
globals, so each test can build its own app on its own database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from starlette.requests import HTTPConnection

from kuaibao.config import Settings
from kuaibao.jobs.runner import JobRunner
from kuaibao.pipeline.context import Context
from kuaibao.store import Store
from kuaibao.web.core.auth.passwords import Passwords
from kuaibao.web.core.auth.throttle import LoginThrottle
from kuaibao.web.core.recent import Recent, RecentByKey
from kuaibao.web.core.templating import Templates
from kuaibao.web.items.desk_names import Rendering

SOURCE_MENU_SECONDS = 30.0
NAME_ARCHIVE_SECONDS = 60.0
NAME_ARCHIVE_SIZE = 512


@dataclass
class AppState:
    """Settings, the store, and the services built from them once at start-up."""

    settings: Settings
    store: Store
    passwords: Passwords
    throttle: LoginThrottle
    templates: Templates
    jobs: JobRunner  # background work (drafting); started and shut down with the app
    # The pipeline's context on the same store: the catalogs (taxonomy, gazetteer with the
    # glossary's names) each read once per file version, and the stages' process pool.
    context: Context
    # (id, name, country) of every source, for the filter menus; the app's source edits
    # clear it, other changes show within SOURCE_MENU_SECONDS.
    source_names: Recent[list[tuple[int, str, str | None]]] = field(init=False)
    # The writing desk: the archive's renderings of an organisation's name, by its
    # standard Chinese name and the item being edited, kept a minute (``web.items.desk_names``).
    name_archive: RecentByKey[tuple[str, int | None], list[Rendering]] = field(init=False)

    def __post_init__(self) -> None:
        self.source_names = Recent(self.store.sources.names, ttl=SOURCE_MENU_SECONDS)
        self.name_archive = RecentByKey(ttl=NAME_ARCHIVE_SECONDS, size=NAME_ARCHIVE_SIZE)


def app_state(connection: HTTPConnection) -> AppState:
    state: AppState = connection.app.state.kuaibao
    return state


def utcnow() -> datetime:
    """The one clock of the web app (timezone-aware UTC)."""
    return datetime.now(UTC)
