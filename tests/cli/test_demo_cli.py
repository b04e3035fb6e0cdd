"""`kuaibao demo` ends with the web app running on its data; `--stop` ends it."""

from __future__ import annotations

from pathlib import Path

import httpx

from kuaibao.demo.serving import free_port
from tests.support.cli import run, run_json


def test_demo_leaves_a_signed_in_app_running_and_stop_ends_it(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    port = free_port("127.0.0.1", 0)
    out = run_json("demo", "--data-dir", str(folder), "--port", str(port), "--json")
    web = out["web"]
    try:
        assert web["url"] == f"http://127.0.0.1:{port}/"
        assert out["bulletin"]["items"] >= 4
        with httpx.Client(base_url=web["url"], timeout=10) as client:
            assert client.get("/api/health").status_code == 200
            assert client.get("/api/me").status_code == 401
            login = client.post(
                "/api/login", json={"name": web["user"], "password": web["password"]}
            )
            assert login.status_code == 200 and login.json()["role"] == "admin"
            dashboard = client.get("/api/dashboard")
            assert dashboard.status_code == 200
    finally:
        stopped = run("demo", "--stop", "--data-dir", str(folder))
    assert "stopped" in stopped.stdout
    try:
        httpx.get(web["url"] + "api/health", timeout=2)
        raise AssertionError("the demo app still answers after --stop")
    except httpx.TransportError:
        pass
    again = run("demo", "--stop", "--data-dir", str(folder))
    assert "no demo web app" in again.stdout
