"""Run the real ``kuaibao`` command in a subprocess, as users and scripts do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

FAST_ENV = {
    "KUAIBAO_FETCH_PER_HOST_RATE": "500",
    "KUAIBAO_FETCH_PER_HOST_CONCURRENCY": "4",
    "KUAIBAO_FETCH_RETRIES": "1",
    "KUAIBAO_FETCH_BACKOFF_BASE": "0.01",
    "KUAIBAO_FETCH_READ_TIMEOUT": "5",
}


def env(**extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("KUAIBAO_")}
    return {**base, **FAST_ENV, "COLUMNS": "200", **extra}


def run(
    *args: str,
    check: bool = True,
    input_text: str | None = None,
    extra_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "kuaibao", *args],
        capture_output=True,
        text=True,
        input=input_text,
        env=env(**(extra_env or {})),
        timeout=120,
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f"kuaibao {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
        )
    return proc


def run_json(*args: str, **kw: Any) -> Any:
    return json.loads(run(*args, **kw).stdout)


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kuaibao", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(),
    )


def wait_for(condition: Callable[[], bool], timeout: float = 30.0, what: str = "") -> None:
    """Poll a condition until it holds or the deadline passes (no blind sleeps)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout}s waiting for {what or condition}")


def init(data_dir: Path) -> None:
    """Create the store in ``data_dir`` as ``kuaibao init`` does; other commands need one."""
    from kuaibao.store import Store

    data_dir.mkdir(parents=True, exist_ok=True)
    Store(sqlite_url(data_dir)).close()


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{(data_dir / 'kuaibao.db').resolve()}"
