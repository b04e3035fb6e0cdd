"""The read-only settings page: admins see the effective configuration, never a secret."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kuaibao.config import load_settings
from kuaibao.domain import Role
from kuaibao.store import Store
from kuaibao.web.core.app import create_app
from kuaibao.web.settings.pages import mask_database_url, mask_url
from tests.support.webapp import FAST_PASSWORDS, AppSwitch, login, make_user

API_KEY = "sk-fake-4b7e9d0c1a"
DB_PASSWORD = "pg-Secret-3141"
LLM_PASSWORD = "llm-proxy-pw-2718"
DATABASE_URL = f"postgresql+psycopg://kuaibao:{DB_PASSWORD}@db.invalid:5432/kuaibao"
SECRETS = (API_KEY, DB_PASSWORD, LLM_PASSWORD)


@pytest.fixture
def served(
    web_server: tuple[AppSwitch, str], store: Store, tmp_path: Path
) -> Iterator[dict[Role, httpx.Client]]:
    """An app whose settings hold secrets (from the file and the environment), with one
    signed-in client per role. The store is the test database; the settings only claim
    a PostgreSQL URL, which the page reads and nobody connects to."""
    (tmp_path / "kuaibao.toml").write_text(
        f'[llm]\napi_key = "{API_KEY}"\nmodel = "qwen-test"\n', encoding="utf-8"
    )
    (tmp_path / "house_style.yaml").write_text("{}\n", encoding="utf-8")
    environ = {
        "KUAIBAO_DATABASE_URL": DATABASE_URL,
        "KUAIBAO_LLM_BASE_URL": f"https://kb:{LLM_PASSWORD}@llm.invalid/v1",
        "KUAIBAO_FETCH_MAX_CONCURRENCY": "7",
    }
    settings = load_settings(data_dir=tmp_path, environ=environ, web_overrides=FAST_PASSWORDS)
    switch, base = web_server
    switch.target = create_app(settings, store=store)
    clients: dict[Role, httpx.Client] = {}
    try:
        for role in Role:
            make_user(store, role.value, role)
            client = httpx.Client(base_url=base, follow_redirects=False, verify=False)
            login(client, role.value)
            clients[role] = client
        yield clients
    finally:
        for client in clients.values():
            client.close()
        switch.target = None


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_admins_see_the_settings_without_secrets(
    served: dict[Role, httpx.Client], tmp_path: Path
) -> None:
    admin = served[Role.ADMIN]
    data = admin.get("/api/settings")
    assert data.status_code == 200
    body = data.json()
    assert body["data_dir"] == str(tmp_path.resolve()) and body["config_file_found"] is True
    assert body["database"] == {
        "backend": "postgresql",
        "url": "postgresql+psycopg://kuaibao:***@db.invalid:5432/kuaibao",
        "default": False,
    }
    assert body["llm"]["api_key"] == "set" and body["llm"]["model"] == "qwen-test"
    assert body["llm"]["base_url"] == "https://kb:***@llm.invalid/v1"
    assert body["fetch"]["max_concurrency"] == 7 and body["web"]["port"] == 8000
    files = {f["name"]: f["path"] for f in body["data_files"]}
    assert files["house_style.yaml"] == str((tmp_path / "house_style.yaml").resolve())
    assert files["taxonomy.yaml"] is None and files["gazetteer.yaml"] is None

    page = admin.get("/settings")
    assert page.status_code == 200
    html = page.text
    assert 'href="/settings"' in html and "kuaibao.toml" in html and "KUAIBAO_" in html
    assert "KUAIBAO_FETCH_MAX_CONCURRENCY" in html and "qwen-test" in html
    assert "db.invalid" in html and "使用内置版本" in html
    for secret in SECRETS:
        assert secret not in data.text and secret not in html
    admin.cookies.set("lang", "en")
    assert "restart kuaibao serve" in admin.get("/settings").text


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_only_admins_see_the_settings(served: dict[Role, httpx.Client]) -> None:
    for role in (Role.ANALYST, Role.EDITOR):
        client = served[role]
        assert client.get("/settings").status_code == 403
        assert client.get("/api/settings").status_code == 403
        assert 'href="/settings"' not in client.get("/").text
        for secret in SECRETS:
            assert secret not in client.get("/settings").text


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("sqlite:////srv/kb/kuaibao.db", "sqlite:////srv/kb/kuaibao.db"),
        ("postgresql+psycopg://kb:p@ss@h/kb", "postgresql+psycopg://kb:***@h/kb"),
        (
            "postgresql+psycopg:///kb?host=/run/pg&user=kb&password=hunter2",
            "postgresql+psycopg:///kb?host=/run/pg&password=***&user=kb",
        ),
        ("not a url", "***"),
    ],
)
def test_database_urls_are_masked(url: str, shown: str) -> None:
    assert mask_database_url(url) == shown


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1"),
        ("https://u:pw@llm.example:8443/v1", "https://u:***@llm.example:8443/v1"),
        ("https://llm.example/v1?api_key=abc&x=1", "https://llm.example/v1?api_key=***&x=1"),
        ("http://h:99999/v1", "***"),
    ],
)
def test_urls_are_masked(url: str, shown: str) -> None:
    assert mask_url(url) == shown
