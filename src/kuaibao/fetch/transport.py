"""One HTTP attempt: the httpx client set-up, the capped body read, the error translation.

Everything above this module (retries, redirects, robots, politeness) works with
:class:`RawResponse` and :class:`~kuaibao.errors.FetchError`; httpx exceptions never leave
here. Redirects are *not* followed by httpx: the caller follows them so that each hop is
re-checked by the SSRF guard and robots.txt.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import httpcore
import httpx

from kuaibao import phrases
from kuaibao.config import FetchSettings
from kuaibao.errors import BlockedURLError, FetchError
from kuaibao.fetch.decoding import ACCEPTED, BodyDecoder, ContentDecodingError
from kuaibao.fetch.ssrf import AddressPolicy, GuardedBackend

ALLOW_PRIVATE = "kuaibao.allow_private"  # request extension choosing the unguarded pool
ACCEPT = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,"
    "application/atom+xml,application/feed+json,application/json;q=0.8,*/*;q=0.5"
)
ACCEPT_ENCODING = ACCEPTED  # only what can be decoded with a size bound


@dataclass(frozen=True)
class RawResponse:
    """What one attempt got back: status, lower-cased headers, the decoded body."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes


class _GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport with its connection pool dialling through :class:`GuardedBackend`.

    httpx offers no public hook for an httpcore network backend, so the pool it builds is
    replaced by an equivalent one that has it; everything else is stock httpx.
    """

    def __init__(self, limits: httpx.Limits, policy: AddressPolicy) -> None:
        super().__init__(limits=limits, trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedBackend(policy),
        )


class _RoutingTransport(httpx.AsyncBaseTransport):
    """Send ``allow_private`` requests through an unguarded pool, all others guarded."""

    def __init__(self, guarded: httpx.AsyncBaseTransport, open_: httpx.AsyncBaseTransport):
        self._guarded = guarded
        self._open = open_

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        chosen = self._open if request.extensions.get(ALLOW_PRIVATE) else self._guarded
        return await chosen.handle_async_request(request)

    async def aclose(self) -> None:
        await self._guarded.aclose()
        await self._open.aclose()


def build_client(settings: FetchSettings, policy: AddressPolicy) -> httpx.AsyncClient:
    """The one client a Fetcher uses: no proxies from the environment, no auto-redirects."""
    limits = httpx.Limits(
        max_connections=settings.max_concurrency,
        max_keepalive_connections=settings.max_concurrency,
        keepalive_expiry=30.0,
    )
    timeout = httpx.Timeout(
        connect=settings.connect_timeout,
        read=settings.read_timeout,
        write=settings.read_timeout,
        pool=settings.total_timeout,
    )
    transport = _RoutingTransport(
        _GuardedTransport(limits, policy), httpx.AsyncHTTPTransport(limits=limits, trust_env=False)
    )
    return httpx.AsyncClient(
        transport=transport,
        timeout=timeout,
        follow_redirects=False,
        trust_env=False,
        headers={
            "User-Agent": settings.user_agent,
            "Accept": ACCEPT,
            "Accept-Encoding": ACCEPT_ENCODING,
        },
    )


async def send_once(
    client: httpx.AsyncClient,
    url: str,
    *,
    headers: dict[str, str],
    allow_private: bool,
    max_bytes: int,
    total_timeout: float,
    truncate: bool = False,
) -> RawResponse:
    """One GET, body read only for 2xx answers, translated errors, bounded in time and size."""
    request = client.build_request(
        "GET", url, headers=headers, extensions={ALLOW_PRIVATE: allow_private}
    )
    try:
        async with asyncio.timeout(total_timeout):
            response = await client.send(request, stream=True)
            try:
                body = b""
                if 200 <= response.status_code < 300:
                    body = await _read_capped(response, url, max_bytes, truncate)
            finally:
                await response.aclose()
    except BlockedURLError as exc:
        raise BlockedURLError(str(exc), url=url, kind=exc.kind) from exc
    except FetchError:
        raise
    except TimeoutError as exc:
        raise FetchError(
            phrases.TOTAL_TIMEOUT(url=url, seconds=total_timeout), url=url, kind="timeout"
        ) from exc
    except httpx.HTTPError as exc:
        raise _translate(url, exc) from exc
    return RawResponse(
        url=url,
        status=response.status_code,
        headers={key.lower(): value for key, value in response.headers.items()},
        body=body,
    )


async def _read_capped(response: httpx.Response, url: str, max_bytes: int, truncate: bool) -> bytes:
    """Read and decode the body, refusing (or cutting) it once it passes ``max_bytes``.

    The raw bytes are decoded here, piece by piece (:mod:`kuaibao.fetch.decoding`), not by
    httpx, which expands a whole chunk at once: the cap must stop a decompression bomb
    while it expands, not after. Both the bytes on the wire and the decoded ones count.
    """
    declared = response.headers.get("content-length", "")
    if not truncate and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(
            phrases.TOO_LARGE_DECLARED(url=url, size=declared, limit=max_bytes),
            url=url,
            kind="too_large",
        )
    encoding = response.headers.get("content-encoding")
    body = bytearray()
    wire = 0
    try:
        decoder = BodyDecoder(encoding)
        async for raw in response.aiter_raw():
            wire += len(raw)
            for piece in decoder.feed(raw):
                body.extend(piece)
                if len(body) > max_bytes:
                    break
            if len(body) > max_bytes or wire > max_bytes:
                break
        else:
            for piece in decoder.finish():
                body.extend(piece)
                if len(body) > max_bytes:
                    break
    except ContentDecodingError as exc:
        raise FetchError(
            phrases.DECODE_FAILED_ENCODED(url=url, encoding=encoding, detail=exc),
            url=url,
            kind="decode",
        ) from exc
    if len(body) > max_bytes or wire > max_bytes:
        if truncate:
            return bytes(body[:max_bytes])
        raise FetchError(
            phrases.TOO_LARGE_ENCODED(url=url, limit=max_bytes, encoding=encoding)
            if encoding
            else phrases.TOO_LARGE(url=url, limit=max_bytes),
            url=url,
            kind="too_large",
        )
    return bytes(body)


def _translate(url: str, exc: httpx.HTTPError) -> FetchError:
    """Map an httpx failure to a FetchError kind an operator can act on."""
    if isinstance(exc, httpx.ConnectTimeout):
        return FetchError(phrases.CONNECT_TIMEOUT(url=url), url=url, kind="timeout")
    if isinstance(exc, httpx.TimeoutException):
        return FetchError(phrases.READ_TIMEOUT(url=url, detail=repr(exc)), url=url, kind="timeout")
    if isinstance(exc, httpx.ConnectError):
        return FetchError(
            phrases.CONNECT_FAILED(url=url, detail=exc or "connection failed"),
            url=url,
            kind="connect",
        )
    if isinstance(exc, httpx.DecodingError):
        return FetchError(phrases.DECODE_FAILED(url=url, detail=exc), url=url, kind="decode")
    return FetchError(phrases.NETWORK(url=url, detail=repr(exc)), url=url, kind="network")
