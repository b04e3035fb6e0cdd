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
from typing import Any, TypeVar

from kuaibao.errors import ConfigError

DEFAULT_DATA_DIR = Path("kuaibao-data")
CONFIG_FILE_NAME = "kuaibao.toml"
ENV_PREFIX = "KUAIBAO_"
# The smallest prompt room a context window must leave: the instructions alone take
# about 700 tokens, and a story needs a few hundred more.
MIN_PROMPT_TOKENS = 1024


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
    # Seconds one source may take in one crawl pass; a stalled host resumes next pass.
    source_deadline: float = 120.0


@dataclass(frozen=True)
class LLMSettings:
    """The optional LLM draft writer: any OpenAI-compatible chat-completions endpoint.

    An empty ``base_url`` keeps the writer off. Prices are per million tokens in whatever
    currency the user thinks in; 0 means unknown and leaves the cost out of the usage log.
    """

    base_url: str = ""
    model: str = ""
    api_key: str = field(default="", repr=False)
    timeout: float = 120.0
    retries: int = 2
    backoff_base: float = 1.0
    backoff_max: float = 30.0
    max_retry_after: float = 60.0
    max_tokens: int = 1024
    temperature: float = 0.2
    json_mode: bool = True
    max_source_chars: int = 12000
    repair_rounds: int = 2
    input_price_per_million: float = 0.0
    output_price_per_million: float = 0.0
    # The model's context window in tokens (the server's n_ctx); 0 = unknown, and only
    # max_source_chars bounds the prompt. Prompt plus reply are kept within it.
    context_tokens: int = 0
    # Send the draft's JSON schema with JSON mode (llama.cpp's servers turn it into a
    # grammar, so even a small model can only write a draft-shaped object).
    json_schema: bool = False
    # Send the instructions as a system message; false puts them at the head of the first
    # user message, for chat templates that drop system messages (llama-cpp-python's
    # "gemma" format does, silently).
    system_role: bool = True

    @property
    def enabled(self) -> bool:
        """True when an endpoint is configured."""
        return bool(self.base_url.strip())


@dataclass(frozen=True)
class WebSettings:
    """The analysts' web app (``kuaibao serve``): address, cookies, sessions, login limits.

    ``secure_cookies`` marks cookies Secure even when the app sees plain HTTP (behind a TLS
    proxy that does not send X-Forwarded-Proto). The password cost is argon2id's; lower it
    only for tests.
    """

    host: str = "127.0.0.1"
    port: int = 8000
    secure_cookies: bool = False
    session_hours: float = 12.0
    login_max_failures: int = 5
    login_window_seconds: int = 300
    language: str = "zh"
    password_time_cost: int = 3
    password_memory_kib: int = 65536


@dataclass(frozen=True)
class Settings:
    """Everything configurable about one kuaibao installation."""

    data_dir: Path = DEFAULT_DATA_DIR
    database_url: str | None = None
    fetch: FetchSettings = field(default_factory=FetchSettings)
    llm: LLMSettings = field(default_factory=LLMSettings)
    web: WebSettings = field(default_factory=WebSettings)

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


_Section = TypeVar("_Section", "FetchSettings", "LLMSettings", "WebSettings")


def _apply(base: _Section, values: Mapping[str, Any], origin: str, table: str) -> _Section:
    """``base`` with ``values`` from one table of the config (or environment, or flags)
    applied, each converted to its default's type; an unknown key is an error."""
    known = {f.name for f in fields(base)}
    updates: dict[str, Any] = {}
    for key, raw in values.items():
        if key not in known:
            raise ConfigError(
                f"unknown {table} setting {key!r} in {origin}; known: {', '.join(sorted(known))}"
            )
        updates[key] = _coerce(key, raw, getattr(base, key))
    return replace(base, **updates)


def _apply_fetch(base: FetchSettings, values: Mapping[str, Any], origin: str) -> FetchSettings:
    return _apply(base, values, origin, "fetch")


def _apply_llm(base: LLMSettings, values: Mapping[str, Any], origin: str) -> LLMSettings:
    return _apply(base, values, origin, "llm")


def _validate_llm(llm: LLMSettings) -> None:
    if llm.enabled:
        if not llm.base_url.startswith(("http://", "https://")):
            raise ConfigError(
                f"llm base_url {llm.base_url!r} must start with http:// or https:// "
                "(for example http://127.0.0.1:8080/v1)"
            )
        if not llm.model.strip():
            raise ConfigError("llm base_url is set but llm model is empty: name the model to use")
    if llm.timeout <= 0:
        raise ConfigError("llm timeout must be positive (seconds)")
    if llm.retries < 0:
        raise ConfigError("llm retries cannot be negative")
    if llm.backoff_base < 0 or llm.backoff_max < 0 or llm.max_retry_after < 0:
        raise ConfigError("llm backoff_base, backoff_max and max_retry_after cannot be negative")
    if llm.max_tokens < 1:
        raise ConfigError("llm max_tokens must be at least 1")
    if not 0.0 <= llm.temperature <= 2.0:
        raise ConfigError("llm temperature must be between 0 and 2")
    if llm.max_source_chars < 500:
        raise ConfigError("llm max_source_chars must be at least 500")
    if llm.repair_rounds < 0:
        raise ConfigError("llm repair_rounds cannot be negative (0 turns the repair off)")
    if llm.input_price_per_million < 0 or llm.output_price_per_million < 0:
        raise ConfigError("llm prices cannot be negative (0 means unknown)")
    if llm.context_tokens < 0:
        raise ConfigError("llm context_tokens cannot be negative (0 means unknown)")
    if llm.context_tokens and llm.context_tokens < llm.max_tokens + MIN_PROMPT_TOKENS:
        raise ConfigError(
            f"llm context_tokens ({llm.context_tokens}) must leave at least "
            f"{MIN_PROMPT_TOKENS} tokens for the prompt after max_tokens ({llm.max_tokens}); "
            "0 means unknown"
        )


def _apply_web(base: WebSettings, values: Mapping[str, Any], origin: str) -> WebSettings:
    return _apply(base, values, origin, "web")


def _validate_web(web: WebSettings) -> None:
    if not 0 < web.port < 65536:
        raise ConfigError(f"web port {web.port} must be between 1 and 65535")
    if web.session_hours <= 0:
        raise ConfigError("web session_hours must be positive")
    if web.login_max_failures < 1 or web.login_window_seconds < 1:
        raise ConfigError("web login_max_failures and login_window_seconds must be at least 1")
    if web.language not in ("zh", "en"):
        raise ConfigError(f"web language {web.language!r} must be zh or en")
    if web.password_time_cost < 1 or web.password_memory_kib < 1024:
        raise ConfigError("web password_time_cost must be >= 1 and password_memory_kib >= 1024")


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
    if f.source_deadline <= 0:
        raise ConfigError("source_deadline must be positive (seconds per source and pass)")
    _validate_llm(settings.llm)
    _validate_web(settings.web)
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
    llm_overrides: Mapping[str, Any] | None = None,
    web_overrides: Mapping[str, Any] | None = None,
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
        if "llm" in doc:
            if not isinstance(doc["llm"], dict):
                raise ConfigError(f"{config_path}: `llm` must be a table ([llm])")
            settings = replace(settings, llm=_apply_llm(settings.llm, doc["llm"], str(config_path)))
        if "web" in doc:
            if not isinstance(doc["web"], dict):
                raise ConfigError(f"{config_path}: `web` must be a table ([web])")
            settings = replace(settings, web=_apply_web(settings.web, doc["web"], str(config_path)))

    if env.get(f"{ENV_PREFIX}DATABASE_URL"):
        settings = replace(settings, database_url=env[f"{ENV_PREFIX}DATABASE_URL"])
    fetch_env = {
        f.name: env[f"{ENV_PREFIX}FETCH_{f.name.upper()}"]
        for f in fields(FetchSettings)
        if f"{ENV_PREFIX}FETCH_{f.name.upper()}" in env
    }
    if fetch_env:
        settings = replace(settings, fetch=_apply_fetch(settings.fetch, fetch_env, "environment"))
    llm_env = {
        f.name: env[f"{ENV_PREFIX}LLM_{f.name.upper()}"]
        for f in fields(LLMSettings)
        if f"{ENV_PREFIX}LLM_{f.name.upper()}" in env
    }
    if llm_env:
        settings = replace(settings, llm=_apply_llm(settings.llm, llm_env, "environment"))
    web_env = {
        f.name: env[f"{ENV_PREFIX}WEB_{f.name.upper()}"]
        for f in fields(WebSettings)
        if f"{ENV_PREFIX}WEB_{f.name.upper()}" in env
    }
    if web_env:
        settings = replace(settings, web=_apply_web(settings.web, web_env, "environment"))

    if database_url:
        settings = replace(settings, database_url=database_url)
    if fetch_overrides:
        settings = replace(
            settings, fetch=_apply_fetch(settings.fetch, fetch_overrides, "command line")
        )
    if llm_overrides:
        settings = replace(settings, llm=_apply_llm(settings.llm, llm_overrides, "command line"))
    if web_overrides:
        settings = replace(settings, web=_apply_web(settings.web, web_overrides, "command line"))
    return _validate(settings)
