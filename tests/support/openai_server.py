"""A small OpenAI-compatible chat-completions server on 127.0.0.1 for the LLM writer's tests.

Tests script its answers in order (the last one repeats) and read back every request it
received — headers and JSON body — so they can check the prompt, the model name and the
``Authorization`` header that really went over the wire, with no HTTP client patched.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.support.server import Reply, _QuietServer

CHAT_PATH = "/v1/chat/completions"


@dataclass
class ChatRequest:
    """One request as the server saw it."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any  # the parsed JSON, or the raw text when it was not JSON

    @property
    def messages(self) -> list[dict[str, str]]:
        return list(self.body.get("messages", [])) if isinstance(self.body, dict) else []

    def message(self, role: str) -> str:
        """The text of the first message with this role."""
        return next((m["content"] for m in self.messages if m.get("role") == role), "")


Scripted = Reply | Callable[[ChatRequest], Reply]


def completion(
    content: str,
    *,
    prompt_tokens: int | None = 1200,
    completion_tokens: int | None = 300,
    model: str = "test-model",
    finish_reason: str = "stop",
) -> Reply:
    """A successful chat-completions answer carrying ``content``."""
    doc: dict[str, Any] = {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": finish_reason,
            }
        ],
    }
    if prompt_tokens is not None and completion_tokens is not None:
        doc["usage"] = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        }
    return Reply(200, json.dumps(doc, ensure_ascii=False), content_type="application/json")


def error(status: int, message: str, *, headers: dict[str, str] | None = None) -> Reply:
    """An OpenAI-style error answer."""
    body = json.dumps({"error": {"message": message, "type": "test_error", "code": status}})
    return Reply(status, body, headers=headers or {}, content_type="application/json")


class OpenAIServer:
    """Answers POST /v1/chat/completions from a script; everything else is 404."""

    def __init__(self) -> None:
        self.requests: list[ChatRequest] = []
        self._script: list[Scripted] = []
        self._lock = threading.Lock()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                try:
                    body: Any = json.loads(raw)
                except json.JSONDecodeError:
                    body = raw
                request = ChatRequest(
                    method="POST",
                    path=self.path,
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=body,
                )
                with server._lock:
                    server.requests.append(request)
                    step = server._next() if self.path == CHAT_PATH else None
                if step is None:
                    reply = error(404, f"no route {self.path}")
                else:
                    reply = step(request) if callable(step) else step
                self._send(reply)

            def _send(self, reply: Reply) -> None:
                if reply.delay:
                    threading.Event().wait(reply.delay)
                data = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    return

        self._httpd = _QuietServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def _next(self) -> Scripted:
        if not self._script:
            return error(500, "nothing scripted for this request")
        return self._script.pop(0) if len(self._script) > 1 else self._script[0]

    @property
    def base_url(self) -> str:
        """What ``llm base_url`` should be set to (the ``/v1`` prefix, as real servers use)."""
        return f"http://127.0.0.1:{self.port}/v1"

    def script(self, *replies: Scripted) -> None:
        """Answer the next requests with these, in order; the last one repeats."""
        with self._lock:
            self._script = list(replies)

    def start(self) -> OpenAIServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@contextmanager
def openai_server() -> Iterator[OpenAIServer]:
    server = OpenAIServer().start()
    try:
        yield server
    finally:
        server.stop()
