"""Decompression bombs served by a real 127.0.0.1 server: refused, memory bounded.

The fetches run in a child process so its peak RSS can be read; the bound is generous
(the interpreter with kuaibao imported is well under it) while each bomb expands to
1 GiB or more, so a decoder that expands before the size cap is checked fails it.
"""

from __future__ import annotations

import json
import sys

import pytest

from tests.support.bombs import brotli_bomb, double_gzip_bomb, zlib_bomb
from tests.support.peak import run_with_peak_rss
from tests.support.server import LocalServer, Reply

PEAK_BOUND_MIB = 400

_FETCH_ALL = """
import asyncio, json, sys
from kuaibao.config import FetchSettings
from kuaibao.errors import FetchError
from kuaibao.fetch import Fetcher

async def main():
    settings = FetchSettings(max_body_bytes=10 * 1024 * 1024, retries=0, total_timeout=60)
    out = {}
    async with Fetcher(settings) as fetcher:
        for url in sys.argv[1:]:
            try:
                result = await fetcher.fetch(url, allow_private=True, check_robots=False)
                out[url] = ["ok", len(result.body)]
            except FetchError as exc:
                out[url] = [exc.kind, str(exc)]
    print(json.dumps(out))

asyncio.run(main())
"""


@pytest.fixture
def bombs(server: LocalServer) -> dict[str, str]:
    """Path → Content-Encoding of each bomb the server holds, plus one healthy page."""
    served = {
        "/br": ("br", brotli_bomb(1024)),
        "/gzip": ("gzip", zlib_bomb(1024)),
        "/gzip-gzip": ("gzip, gzip", double_gzip_bomb(1024)),
        "/chunked-br": ("br", brotli_bomb(1024)),
    }
    for path, (encoding, body) in served.items():
        server.route(
            path,
            Reply(body=body, headers={"Content-Encoding": encoding}, chunked="chunked" in path),
        )
    server.route("/fine", Reply(body="<html><body><p>fine</p></body></html>"))
    return {path: encoding for path, (encoding, _body) in served.items()}


def test_bombs_are_refused_while_they_expand(server: LocalServer, bombs: dict[str, str]) -> None:
    urls = [server.url(p) for p in [*bombs, "/fine"]]
    proc, peak = run_with_peak_rss([sys.executable, "-c", _FETCH_ALL, *urls])
    assert proc.returncode == 0, proc.stderr
    outcome = json.loads(proc.stdout)
    for path, encoding in bombs.items():
        kind, message = outcome[server.url(path)]
        assert kind == "too_large", (path, message)
        assert "max_body_bytes" in message and encoding in message
    assert outcome[server.url("/fine")][0] == "ok"
    assert peak < PEAK_BOUND_MIB, f"peak RSS {peak} MiB"
