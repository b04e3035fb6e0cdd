"""A scripted OpenAI-compatible chat-completions server on 127.0.0.1 for the benchmarks.

It stands in for a decent model: each request is matched to a story by the lead report's
title, which the LLM writer's prompt always carries, and answered with that story's
scripted JSON. A request holding an earlier assistant turn is a repair request (the
writer sends the unsupported spans back): it gets the story's repaired answer, or the
same answer again when none was written (a model that cannot fix its draft). The
requests are kept, so a benchmark can count how many repair rounds ran. The approach is
the one ``tests/support/openai_server.py`` takes for the writer's unit tests; it is
written again here because benchmarks do not import from the test suite.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

CHAT_PATH = "/v1/chat/completions"


@dataclass(frozen=True)
class Script:
    """What the server answers for one story: its first answer and its repair answer."""

    key: str  # text the prompt must contain (the lead report's title)
    answer: Mapping[str, Any]
    repaired: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Seen:
    """One request as the server saw it: which story it matched and whether a repair."""

    key: str | None
    repair: bool


def _completion(content: str) -> bytes:
    doc = {
        "id": "chatcmpl-scripted",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": "scripted",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
    }
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _error(status: int, message: str) -> bytes:
    return json.dumps({"error": {"message": message, "code": status}}).encode("utf-8")


def choose(scripts: list[Script], messages: list[dict[str, Any]]) -> tuple[Script | None, bool]:
    """The script a request is about (by the first user message) and whether it is a repair."""
    first_user = next((str(m.get("content", "")) for m in messages if m.get("role") == "user"), "")
    matches = [s for s in scripts if s.key in first_user]
    repair = any(m.get("role") == "assistant" for m in messages)
    best = max(matches, key=lambda s: len(s.key)) if matches else None
    return best, repair


class ScriptedModel:
    """Serves the scripts until stopped; ``seen`` lists every request it answered."""

    def __init__(self, scripts: list[Script]) -> None:
        self.scripts = list(scripts)
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    body = json.loads(self.rfile.read(length).decode("utf-8"))
                except (json.JSONDecodeError, UnicodeDecodeError):
                    body = None
                if self.path != CHAT_PATH or not isinstance(body, dict):
                    self._send(404, _error(404, f"no route {self.path} or no JSON body"))
                    return
                messages = [m for m in body.get("messages", []) if isinstance(m, dict)]
                script, repair = choose(server.scripts, messages)
                with server._lock:
                    server.seen.append(Seen(script.key if script else None, repair))
                if script is None:
                    self._send(500, _error(500, "no scripted answer matches this prompt"))
                    return
                answer = script.repaired if repair and script.repaired else script.answer
                self._send(200, _completion(json.dumps(answer, ensure_ascii=False)))

            def _send(self, status: int, data: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        """What ``llm base_url`` is set to (with the ``/v1`` prefix real servers use)."""
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> ScriptedModel:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@contextmanager
def scripted_model(scripts: list[Script]) -> Iterator[ScriptedModel]:
    """A running scripted server, stopped on exit."""
    server = ScriptedModel(scripts).start()
    try:
        yield server
    finally:
        server.stop()
