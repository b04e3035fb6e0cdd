"""The client's transport dials through the SSRF guard (``fetch.transport``).

httpx has no public hook for an httpcore network backend, so ``_GuardedTransport``
replaces the connection pool httpx built with one that has ``GuardedBackend``. If an httpx
release moved that pool, requests would dial unguarded; these tests would then fail.
"""

from __future__ import annotations

import asyncio

import pytest

from kuaibao.errors import BlockedURLError
from kuaibao.fetch import AddressPolicy
from kuaibao.fetch.transport import RawResponse, build_client, send_once
from tests.fetch.fetching import fast_settings
from tests.support.server import LocalServer, Reply


def _get(url: str, *, allow_private: bool) -> RawResponse:
    async def main() -> RawResponse:
        client = build_client(fast_settings(), AddressPolicy())
        try:
            return await send_once(
                client,
                url,
                headers={},
                allow_private=allow_private,
                max_bytes=10_000,
                total_timeout=5,
            )
        finally:
            await client.aclose()

    return asyncio.run(main())


def test_the_guarded_pool_refuses_a_name_resolving_to_loopback(server: LocalServer) -> None:
    server.route("/", Reply(body="hello"))
    # No URL check runs here: only the connection-time guard stands in the way.
    with pytest.raises(BlockedURLError, match="localhost resolves to"):
        _get(f"http://localhost:{server.port}/", allow_private=False)
    assert server.hits("/") == []


def test_allow_private_requests_take_the_open_pool(server: LocalServer) -> None:
    server.route("/", Reply(body="hello"))
    answer = _get(f"http://localhost:{server.port}/", allow_private=True)
    assert (answer.status, answer.body) == (200, b"hello")
