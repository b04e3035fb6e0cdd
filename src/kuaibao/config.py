"""The one settings object.

Precedence, lowest first: built-in defaults < ``kuaibao.toml`` in the data directory <
``KUAIBAO_*`` environment variables < command-line flags. Settings are validated once, at
start-up, and passed down; no other module reads the environment.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from kuaibao.errors import ConfigError

DEFAULT_DATA_DIR = Path("kuaibao-data")
CONFIG_FILE_NAME = "kuaibao.toml"
ENV_PREFIX = "KUAIBAO_"


@dataclass(frozen=True)
class FetchSettings:
    """Limits that keep the crawler polite to others and safe for us."""

    user_agent: str = "kuaibao/0.1 (+https://github.com/kuaibao/kuaibao; S&T briefing crawler)"
    max_concurrency: int = 32
    per_host_concurrency: int = 2
    per_host_rate: float = 2.0
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_body_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 3
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    max_retry_after: float = 120.0
    robots_ttl_seconds: int = 6 * 3600
    respect_robots: bool = True


@dataclass(frozen=True)
class Settings:
    """Everything configurable about one kuaibao installation."""

    data_dir: Path = DEFAULT_DATA_DIR
    database_url: str | None = None
    fetch: FetchSettings = field(default_factory=FetchSettings)

    @property
    def effective_database_url(self) -> str:
        """The configured URL, or a SQLite file inside the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'kuaibao.db').resolve()}"


def _coerce(name: str, raw: Any, target: Any) -> Any:
    """Convert a file or environment value to the type of the default it replaces."""
    kind = type(target)
    try:
        if kind is bool:
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
        if kind is int:
            return int(raw)
        if kind is float:
            return float(raw)
        return str(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            f"setting {name!r} must be a {kind.__name__}, got {raw!r}; fix the config file "
            "or environment variable"
        ) from exc


def _apply_fetch(base: FetchSettings, values: Mapping[str, Any], origin: str) -> FetchSettings:
    known = {f.name for f in fields(FetchSettings)}
    updates: dict[str, Any] = {}
    for key, raw in values.items():
        if key not in known:
            raise ConfigError(f"unknown fetch setting {key!r} in {origin}")
        updates[key] = _coerce(key, raw, getattr(base, key))
    return replace(base, **updates)


def _validate(settings: Settings) -> Settings:
    f = settings.fetch
    if f.max_concurrency < 1 or f.per_host_concurrency < 1:
        raise ConfigError("max_concurrency and per_host_concurrency must be at least 1")
    if f.per_host_rate <= 0:
        raise ConfigError("per_host_rate must be positive (requests per second per host)")
    if f.max_body_bytes < 1024:
        raise ConfigError("max_body_bytes must be at least 1024")
    if f.retries < 0 or f.max_redirects < 0:
        raise ConfigError("retries and max_redirects cannot be negative")
    url = settings.database_url
    if url and not (url.startswith("sqlite") or url.startswith("postgresql")):
        raise ConfigError(
            f"unsupported database URL {url!r}: use sqlite:///PATH or postgresql+psycopg://…"
        )
    return settings


def load_settings(
    data_dir: Path | str | None = None,
    database_url: str | None = None,
    environ: Mapping[str, str] | None = None,
    fetch_overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Build the settings from defaults, the data dir's config file, environment and flags."""
    env = os.environ if environ is None else environ
    chosen_dir = (
        Path(data_dir) if data_dir else Path(env.get(f"{ENV_PREFIX}DATA_DIR") or DEFAULT_DATA_DIR)
    )
    settings = Settings(data_dir=chosen_dir)

    config_path = chosen_dir / CONFIG_FILE_NAME
    if config_path.is_file():
        try:
            doc = tomllib.loads(config_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{config_path} is not valid TOML: {exc}") from exc
        if "database_url" in doc:
            settings = replace(settings, database_url=str(doc["database_url"]))
        if isinstance(doc.get("fetch"), dict):
            settings = replace(
                settings, fetch=_apply_fetch(settings.fetch, doc["fetch"], str(config_path))
            )

    if env.get(f"{ENV_PREFIX}DATABASE_URL"):
        settings = replace(settings, database_url=env[f"{ENV_PREFIX}DATABASE_URL"])
    fetch_env = {
        f.name: env[f"{ENV_PREFIX}FETCH_{f.name.upper()}"]
        for f in fields(FetchSettings)
        if f"{ENV_PREFIX}FETCH_{f.name.upper()}" in env
    }
    if fetch_env:
        settings = replace(settings, fetch=_apply_fetch(settings.fetch, fetch_env, "environment"))

    if database_url:
        settings = replace(settings, database_url=database_url)
    if fetch_overrides:
        settings = replace(
            settings, fetch=_apply_fetch(settings.fetch, fetch_overrides, "command line")
        )
    return _validate(settings)
