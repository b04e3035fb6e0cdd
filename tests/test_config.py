"""Settings: defaults < kuaibao.toml < KUAIBAO_* environment < command-line flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from kuaibao.config import load_settings
from kuaibao.errors import ConfigError


def _toml(folder: Path, text: str) -> Path:
    (folder / "kuaibao.toml").write_text(text, encoding="utf-8")
    return folder


def test_defaults_without_file_or_environment(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, environ={})
    assert settings.fetch.per_host_concurrency == 2
    assert not settings.llm.enabled
    assert settings.effective_database_url.endswith("kuaibao.db")


def test_each_layer_overrides_the_one_below(tmp_path: Path) -> None:
    _toml(tmp_path, "[fetch]\nper_host_rate = 5.0\nretries = 7\n[web]\nport = 9000\n")
    from_file = load_settings(data_dir=tmp_path, environ={})
    assert (from_file.fetch.per_host_rate, from_file.fetch.retries) == (5.0, 7)
    assert from_file.web.port == 9000
    env = {"KUAIBAO_FETCH_RETRIES": "2", "KUAIBAO_WEB_PORT": "9100"}
    from_env = load_settings(data_dir=tmp_path, environ=env)
    assert (from_env.fetch.per_host_rate, from_env.fetch.retries) == (5.0, 2)
    assert from_env.web.port == 9100
    flags = load_settings(data_dir=tmp_path, environ=env, fetch_overrides={"retries": 0})
    assert flags.fetch.retries == 0


def test_database_url_from_environment_then_flag(tmp_path: Path) -> None:
    env = {"KUAIBAO_DATABASE_URL": "postgresql+psycopg://a@127.0.0.1/x"}
    assert load_settings(data_dir=tmp_path, environ=env).database_url == env["KUAIBAO_DATABASE_URL"]
    flag = load_settings(data_dir=tmp_path, environ=env, database_url="sqlite:///other.db")
    assert flag.database_url == "sqlite:///other.db"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[fetch]\nretires = 3\n", "unknown fetch setting 'retires'"),
        ("[llm]\nmodle = 'x'\n", "unknown llm setting 'modle'"),
        ("[web]\nprot = 1\n", "unknown web setting 'prot'"),
        ("[fetch]\nretries = 'many'\n", "must be a int"),
        ("[fetch]\nper_host_rate = 0\n", "per_host_rate must be positive"),
        ("database_url = 'mysql://x'\n", "unsupported database URL"),
        ("[fetch\n", "is not valid TOML"),
    ],
)
def test_bad_settings_stop_with_a_clear_message(tmp_path: Path, toml: str, message: str) -> None:
    _toml(tmp_path, toml)
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        load_settings(data_dir=tmp_path, environ={})


def test_bad_environment_value_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="'read_timeout' must be a float"):
        load_settings(data_dir=tmp_path, environ={"KUAIBAO_FETCH_READ_TIMEOUT": "soon"})


def test_data_dir_from_environment(tmp_path: Path) -> None:
    chosen = tmp_path / "elsewhere"
    settings = load_settings(environ={"KUAIBAO_DATA_DIR": str(chosen)})
    assert settings.data_dir == chosen
