"""The effective configuration, read-only, for admins: what this server runs with.

Settings change only in ``kuaibao.toml`` or ``KUAIBAO_*`` variables and a restart; this
page shows the result of both. Secrets never leave the server: the LLM API key shows as
set or not set, passwords in URLs as ``***``, and any future setting declared with
``repr=False`` (the config's mark of a secret) is treated the same way.
"""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from starlette.requests import Request
from starlette.responses import HTMLResponse

from kuaibao.bulletin.house import HOUSE_STYLE_FILE
from kuaibao.classify.taxonomy import TAXONOMY_FILE
from kuaibao.config import CONFIG_FILE_NAME, ENV_PREFIX, Settings
from kuaibao.facts.gazetteer import GAZETTEER_FILE
from kuaibao.web.core.auth.roles import AdminUser
from kuaibao.web.core.deps import StateDep
from kuaibao.web.core.schemas import errors
from kuaibao.web.core.templating import render

router = APIRouter()

HIDDEN = "***"
SET, NOT_SET = "set", "not set"
# Query parameters that may carry a credential (``?password=…``, ``?api_key=…``).
_SECRET_WORDS = ("pass", "secret", "token", "key", "sig", "auth")

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

Scalar = str | int | float | bool


class DatabaseOut(BaseModel):
    backend: str = Field(description="sqlite or postgresql")
    url: str = Field(description="The database URL with any password replaced by ***")
    default: bool = Field(description="True when no database_url is set (SQLite in the data dir)")


class DataFileOut(BaseModel):
    name: str
    path: str | None = Field(description="The data directory's copy, or null: the packaged one")


class SettingsOut(BaseModel):
    """The effective settings (defaults < kuaibao.toml < KUAIBAO_* < command line)."""

    data_dir: str
    config_file: str
    config_file_found: bool
    database: DatabaseOut
    fetch: dict[str, Scalar]
    llm: dict[str, Scalar] = Field(description="api_key is only 'set' or 'not set'")
    web: dict[str, Scalar]
    data_files: list[DataFileOut]


def _secret_name(name: str) -> bool:
    return any(word in name.lower() for word in _SECRET_WORDS)


def mask_url(url: str) -> str:
    """``url`` with the password of its user part and secret-looking query values hidden
    (the rest kept as written); a URL that cannot be parsed is hidden whole."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # a malformed port raises here
    except ValueError:
        return HIDDEN
    shown = url
    if parts.password is not None:
        userinfo, _, host = parts.netloc.rpartition("@")
        user = userinfo.partition(":")[0]
        shown = shown.replace(parts.netloc, f"{user}:{HIDDEN}@{host}", 1)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if any(_secret_name(k) for k, _ in pairs):
        masked = urlencode([(k, HIDDEN if _secret_name(k) else v) for k, v in pairs], safe="*/")
        shown = shown.replace("?" + parts.query, "?" + masked, 1)
    return shown


def mask_database_url(url: str) -> str:
    """A SQLAlchemy URL as SQLAlchemy prints it without the password (which also finds
    passwords that ``urlsplit`` would not), then ``mask_url`` for the query."""
    try:
        shown = make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return HIDDEN
    return mask_url(shown)


def _backend(url: str) -> str:
    """``sqlite`` or ``postgresql``, as SQLAlchemy names the URL's dialect."""
    try:
        return make_url(url).get_backend_name()
    except ArgumentError:
        return HIDDEN


def _section(values: Any) -> dict[str, Scalar]:
    """One table of the settings; a field marked ``repr=False`` shows only if it is set."""
    shown: dict[str, Scalar] = {}
    for f in fields(values):
        value = getattr(values, f.name)
        if not f.repr:
            shown[f.name] = SET if value else NOT_SET
        elif isinstance(value, str) and _URL.match(value):
            shown[f.name] = mask_url(value)
        else:
            shown[f.name] = value
    return shown


def _data_file(data_dir: Path, name: str) -> DataFileOut:
    path = data_dir / name
    return DataFileOut(name=name, path=str(path.resolve()) if path.is_file() else None)


def build_settings(settings: Settings) -> SettingsOut:
    """What the page and the JSON show; nothing secret goes in."""
    data_dir = settings.data_dir
    config = data_dir / CONFIG_FILE_NAME
    url = settings.effective_database_url
    return SettingsOut(
        data_dir=str(data_dir.resolve()),
        config_file=str(config.resolve()),
        config_file_found=config.is_file(),
        database=DatabaseOut(
            backend=_backend(url),
            url=mask_database_url(url),
            default=not settings.database_url,
        ),
        fetch=_section(settings.fetch),
        llm=_section(settings.llm),
        web=_section(settings.web),
        data_files=[
            _data_file(data_dir, name) for name in (TAXONOMY_FILE, GAZETTEER_FILE, HOUSE_STYLE_FILE)
        ],
    )


@router.get("/api/settings", response_model=SettingsOut, responses=errors())
def settings_api(me: AdminUser, state: StateDep) -> SettingsOut:
    """The settings this server runs with (secrets masked); change them in kuaibao.toml or
    KUAIBAO_* variables and restart."""
    return build_settings(state.settings)


@router.get("/settings", include_in_schema=False)
def settings_page(request: Request, me: AdminUser, state: StateDep) -> HTMLResponse:
    return render(
        request,
        "settings.html",
        me,
        view=build_settings(state.settings),
        env_prefix=ENV_PREFIX,
    )
