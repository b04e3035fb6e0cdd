"""The demo's web app, left running in the background after ``kuaibao demo``.

``make demo`` must end with a URL the user can open, so the server cannot run in the
foreground; it runs as its own process (a new session, so the terminal's Ctrl-C does not
reach it), with its pid in the demo folder. ``kuaibao demo --stop`` (``make stop-demo``)
ends it; a new ``kuaibao demo`` stops the previous one before wiping its folder.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx

from kuaibao.config import Settings
from kuaibao.domain import Role
from kuaibao.errors import KuaibaoError
from kuaibao.store import Store
from kuaibao.web.core.auth.accounts import add_user
from kuaibao.web.core.auth.passwords import Passwords

PID_FILE = "web.pid"
LOG_FILE = "web.log"
DEMO_USER = "demo"
DEMO_PASSWORD = "kuaibao-demo"  # a local demo on 127.0.0.1; say so wherever it is printed
DEFAULT_PORT = 8765
START_TIMEOUT = 60.0


@dataclass(frozen=True)
class RunningApp:
    """Where the demo app listens and how to sign in."""

    url: str
    pid: int
    user: str
    password: str
    log: Path


def add_demo_user(store: Store, settings: Settings) -> None:
    """The demo's one account: an admin, so every page of the app can be tried."""
    if store.users.by_name(DEMO_USER) is None:
        passwords = Passwords.from_settings(settings.web)
        add_user(store, passwords, DEMO_USER, Role.ADMIN, DEMO_PASSWORD, now=datetime.now(UTC))


def free_port(host: str, preferred: int) -> int:
    """``preferred`` when nothing listens there, else any free port."""
    for port in (preferred, 0):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return int(probe.getsockname()[1])
    raise KuaibaoError(f"no free port on {host}")


def start(data_dir: Path, *, host: str = "127.0.0.1", port: int = DEFAULT_PORT) -> RunningApp:
    """Start ``kuaibao serve`` on the demo folder in the background and wait until it answers."""
    chosen = free_port(host, port)
    log = data_dir / LOG_FILE
    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "kuaibao", "serve", "--data-dir", str(data_dir),
             "--host", host, "--port", str(chosen)],
            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    (data_dir / PID_FILE).write_text(f"{process.pid}\n", encoding="utf-8")
    url = f"http://{host}:{chosen}/"
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise KuaibaoError(
                f"the web app exited at start-up (code {process.returncode}); see {log}"
            )
        try:
            if httpx.get(url + "api/health", timeout=1.0).status_code == 200:
                return RunningApp(url, process.pid, DEMO_USER, DEMO_PASSWORD, log)
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop(data_dir)
    raise KuaibaoError(f"the web app did not answer within {START_TIMEOUT:.0f} s; see {log}")


def _is_our_server(pid: int) -> bool:
    """The pid still runs ``kuaibao serve`` (pids are reused; never signal a stranger)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return b"kuaibao" in cmdline and b"serve" in cmdline


def stop(data_dir: Path, *, timeout: float = 10.0) -> bool:
    """Stop the demo's web app if one runs for this folder; True when one was stopped."""
    pid_file = data_dir / PID_FILE
    try:
        pid = int(pid_file.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return False
    stopped = False
    if _is_our_server(pid):
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _is_our_server(pid) and time.monotonic() < deadline:
            _reap(pid)
            time.sleep(0.1)
        if _is_our_server(pid):
            os.kill(pid, signal.SIGKILL)
        _reap(pid)
        stopped = True
    pid_file.unlink(missing_ok=True)
    return stopped


def _reap(pid: int) -> None:
    """Collect the exit status when the server is our own child (else it stays a zombie)."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
