"""A real HTTP server on 127.0.0.1 whose routes tests program, misbehaviour included.

Tests register handlers per path; each handler gets the request and returns a
``Reply``. Every request is recorded, so tests can assert on what the crawler really
sent (conditional headers, User-Agent, pacing) instead of patching the HTTP client.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Request:
    """What the server saw: method, path with query, headers (lower-case keys), time."""

    method: str
    path: str
    headers: dict[str, str]
    at: float


@dataclass
class Reply:
    """What a handler answers. ``delay`` sleeps before the status line (a slow server);
    ``chunk_delay`` sleeps between 64 KiB chunks of the body (a slow body); ``chunked``
    sends the body with chunked transfer encoding and no Content-Length (a stream)."""

    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0
    chunk_delay: float = 0.0
    chunked: bool = False


Handler = Callable[[Request], Reply]


class _QuietServer(ThreadingHTTPServer):
    """Does not print a traceback when a client simply drops its keep-alive connection."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class LocalServer:
    """A threaded HTTP/1.1 server on a random free loopback port."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def _serve(self) -> None:
                req = Request(
                    method=self.command,
                    path=self.path,
                    headers={k.lower(): v for k, v in self.headers.items()},
                    at=time.monotonic(),
                )
                with server._lock:
                    server.requests.append(req)
                route = server.routes.get(self.path) or server.routes.get(self.path.split("?")[0])
                reply = route(req) if route else Reply(404, "not found", content_type="text/plain")
                if reply.delay:
                    time.sleep(reply.delay)
                body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
                try:
                    self.send_response(reply.status)
                    headers = {"Content-Type": reply.content_type, **reply.headers}
                    for key, value in headers.items():
                        self.send_header(key, value)
                    if reply.chunked:
                        self.send_header("Transfer-Encoding", "chunked")
                    elif "Content-Length" not in headers:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if self.command == "HEAD":
                        return
                    if reply.chunked:
                        for i in range(0, len(body), 65536):
                            piece = body[i : i + 65536]
                            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                            self.wfile.flush()
                            time.sleep(reply.chunk_delay)
                        self.wfile.write(b"0\r\n\r\n")
                    elif reply.chunk_delay:
                        for i in range(0, len(body), 65536):
                            self.wfile.write(body[i : i + 65536])
                            self.wfile.flush()
                            time.sleep(reply.chunk_delay)
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    return

            def do_GET(self) -> None:
                self._serve()

            def do_HEAD(self) -> None:
                self._serve()

        self._httpd = _QuietServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, handler: Handler | Reply) -> None:
        """Serve ``handler`` at ``path``; a plain ``Reply`` is served every time."""
        self.routes[path] = handler if callable(handler) else (lambda _req, r=handler: r)

    def hits(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@contextmanager
def local_server() -> Iterator[LocalServer]:
    server = LocalServer().start()
    try:
        yield server
    finally:
        server.stop()
