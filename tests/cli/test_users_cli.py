"""``kuaibao users`` (in-process, through Typer's runner) and ``kuaibao serve`` (for real)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from typer.testing import CliRunner

from kuaibao.cli import app
from kuaibao.store import Store
from kuaibao.web.core.auth.passwords import Passwords
from tests.support.cli import env, init

FAST = {"KUAIBAO_WEB_PASSWORD_TIME_COST": "1", "KUAIBAO_WEB_PASSWORD_MEMORY_KIB": "1024"}


def _kuaibao(*args: str, input_text: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=input_text, env=FAST)
    return result.exit_code, result.stdout, result.stderr


def test_users_add_and_list(tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path)]
    init(tmp_path)
    code, out, _ = _kuaibao(
        "users", "add", "wang", "--role", "editor", "--password", "a long secret", "--json", *data
    )
    assert code == 0 and json.loads(out)["role"] == "editor"
    code, out, _ = _kuaibao(
        "users", "add", "li", "--role", "analyst", *data, input_text="another one\nanother one\n"
    )
    assert code == 0 and "Added user li" in out
    code, out, _ = _kuaibao("users", "list", "--json", *data)
    listed = json.loads(out)
    assert [(u["name"], u["role"]) for u in listed] == [("li", "analyst"), ("wang", "editor")]
    assert "hash" not in out

    code, _, err = _kuaibao("users", "add", "wang", "--role", "admin", "--password", "x" * 9, *data)
    assert code == 1 and "already exists" in err
    code, _, err = _kuaibao("users", "add", "zhao", "--role", "admin", "--password", "short", *data)
    assert code == 1 and "at least 8" in err
    code, _, err = _kuaibao("users", "add", "a b", "--role", "admin", "--password", "x" * 9, *data)
    assert code == 1 and "not allowed" in err
    code, _, _ = _kuaibao("users", "add", "sun", "--role", "boss", "--password", "x" * 9, *data)
    assert code == 2


def test_users_role_disable_enable_and_password(tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path)]
    init(tmp_path)
    for name, role in (("an", "admin"), ("li", "analyst")):
        assert _kuaibao("users", "add", name, "--role", role, "--password", "x" * 9, *data)[0] == 0

    code, out, _ = _kuaibao("users", "role", "li", "editor", "--json", *data)
    assert code == 0 and json.loads(out)["role"] == "editor"
    code, out, _ = _kuaibao("users", "role", "li", "analyst", *data)
    assert code == 0 and "li is now analyst" in out
    code, _, err = _kuaibao("users", "role", "an", "editor", *data)
    assert code == 1 and "last enabled admin" in err
    code, _, err = _kuaibao("users", "role", "nobody", "editor", *data)
    assert code == 1 and "no user named 'nobody'" in err
    assert _kuaibao("users", "role", "li", "boss", *data)[0] == 2

    code, out, _ = _kuaibao("users", "disable", "li", *data)
    assert code == 0 and "li is disabled" in out
    listed = json.loads(_kuaibao("users", "list", "--json", *data)[1])
    assert [(u["name"], u["disabled"]) for u in listed] == [("an", False), ("li", True)]
    code, _, err = _kuaibao("users", "disable", "an", *data)
    assert code == 1 and "last enabled admin" in err
    code, _, err = _kuaibao("users", "disable", "nobody", *data)
    assert code == 1 and "no user named" in err
    code, out, _ = _kuaibao("users", "enable", "li", "--json", *data)
    assert code == 0 and json.loads(out)["disabled"] is False

    store = Store(f"sqlite:///{tmp_path / 'kuaibao.db'}")
    try:
        li = store.users.by_name("li")
        assert li is not None and li.id is not None
        now = datetime.now(UTC)
        store.users.open_session("s" * 64, li.id, "x", now=now, expires_at=now + timedelta(hours=1))
        code, _, err = _kuaibao("users", "password", "li", "--password", "short", *data)
        assert code == 1 and "at least 8" in err
        assert store.users.session("s" * 64, now=now) is not None, "a refused reset ends nothing"
        code, _, err = _kuaibao("users", "password", "nobody", *data, input_text="")
        assert code == 1 and "no user named" in err, "an unknown name fails before the prompt"
        code, out, _ = _kuaibao(
            "users", "password", "li", *data, input_text="new secret 1\nnew secret 1\n"
        )
        assert code == 0 and "New password set for li" in out
        found = store.users.credentials("li")
        assert found is not None
        assert Passwords(time_cost=1, memory_kib=1024).verify(found[1], "new secret 1")
        assert store.users.session("s" * 64, now=now) is None
    finally:
        store.close()


def test_users_display_name(tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path)]
    init(tmp_path)
    code, out, _ = _kuaibao(
        "users", "add", "zhangjuan", "--role", "analyst", "--display-name", "张娟",
        "--password", "x" * 9, "--json", *data,
    )  # fmt: skip
    assert code == 0 and json.loads(out)["display_name"] == "张娟"
    code, out, _ = _kuaibao("users", "display-name", "zhangjuan", "黄茹", *data)
    assert code == 0 and "zhangjuan signs as 黄茹" in out
    listed = json.loads(_kuaibao("users", "list", "--json", *data)[1])
    assert [(u["name"], u["display_name"]) for u in listed] == [("zhangjuan", "黄茹")]
    code, _, err = _kuaibao("users", "display-name", "zhangjuan", "x" * 101, *data)
    assert code == 1 and "at most 100" in err
    code, out, _ = _kuaibao("users", "display-name", "zhangjuan", "", "--json", *data)
    assert code == 0 and json.loads(out)["display_name"] is None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_answers_health_and_login(tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path)]
    init(tmp_path)
    assert (
        _kuaibao("users", "add", "an", "--role", "admin", "--password", "serve-it", *data)[0] == 0
    )
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kuaibao", "serve", "--port", str(port), *data],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(**FAST),
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"{base}/api/health", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.communicate()[1]
                assert time.monotonic() < deadline, "kuaibao serve did not start"
                time.sleep(0.1)
        assert health.json() == {"status": "ok", "database": "ok"}
        login = httpx.post(f"{base}/api/login", json={"name": "an", "password": "serve-it"})
        assert login.status_code == 200 and login.json()["role"] == "admin"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
