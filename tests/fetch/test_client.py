"""The fetcher against a real local server: retries, validators, redirects, limits, logs."""

from __future__ import annotations

import asyncio
import gzip
import socket
import time
import zlib
from collections.abc import Callable

import brotli  # type: ignore[import-untyped]
import pytest

from kuaibao.config import FetchSettings
from kuaibao.errors import FetchError
from kuaibao.fetch import Fetcher, FetchResult, parse_content_type
from tests.fetch.fetching import LogRecorder, fast_settings, wait_until
from tests.support.server import LocalServer, Reply, Request

CHINESE = "国家科技部今天发布了关于人工智能发展的新政策，强调加强基础研究和人才培养。"


def fetch(
    server: LocalServer,
    path: str,
    *,
    settings: FetchSettings | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
) -> FetchResult:
    """One fetch of a path on the test server, private addresses allowed."""

    async def main() -> FetchResult:
        async with Fetcher(settings or fast_settings()) as fetcher:
            return await fetcher.fetch(
                server.url(path), allow_private=True, etag=etag, last_modified=last_modified
            )

    return asyncio.run(main())


def sequence(*replies: Reply) -> tuple[list[Request], Callable[[Request], Reply]]:
    """A handler answering each request with the next reply (the last one repeats)."""
    seen: list[Request] = []

    def handler(request: Request) -> Reply:
        seen.append(request)
        return replies[min(len(seen), len(replies)) - 1]

    return seen, handler


def test_result_fields(server: LocalServer) -> None:
    server.route(
        "/page",
        Reply(
            body="<p>hello</p>",
            content_type="Text/HTML; Charset=UTF-8",
            headers={"ETag": '"abc"', "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"},
        ),
    )
    result = fetch(server, "/page")
    assert result.status == 200
    assert result.body == b"<p>hello</p>"
    assert result.content_type == "text/html"
    assert result.declared_charset == "utf-8"
    assert result.etag == '"abc"'
    assert result.last_modified == "Mon, 01 Jan 2024 00:00:00 GMT"
    assert result.headers["etag"] == '"abc"'
    assert result.final_url == result.url == server.url("/page")
    assert result.attempts == 1
    assert not result.not_modified
    assert server.hits("/page")[0].headers["user-agent"].startswith("kuaibao/")


def test_503_then_200_is_retried(server: LocalServer) -> None:
    seen, handler = sequence(Reply(503, "busy"), Reply(200, "fine"))
    server.route("/flaky", handler)
    result = fetch(server, "/flaky")
    assert result.body == b"fine"
    assert result.attempts == 2
    assert len(seen) == 2


def test_persistent_503_gives_http_status_error(server: LocalServer) -> None:
    server.route("/down", Reply(503, "down"))
    with pytest.raises(FetchError) as info:
        fetch(server, "/down", settings=fast_settings(retries=1))
    assert info.value.kind == "http_status"
    assert info.value.status == 503
    assert len(server.hits("/down")) == 2


def test_404_is_not_retried(server: LocalServer) -> None:
    with pytest.raises(FetchError) as info:
        fetch(server, "/missing")
    assert (info.value.kind, info.value.status) == ("http_status", 404)
    assert len(server.hits("/missing")) == 1


def test_retry_after_pauses_only_that_host(server: LocalServer) -> None:
    seen, handler = sequence(
        Reply(429, "slow down", headers={"Retry-After": "30"}), Reply(200, "done")
    )
    server.route("/busy", handler)
    server.route("/other", Reply(body="other"))
    log = LogRecorder()
    settings = fast_settings(max_retry_after=0.6)  # caps the 30 s the server asks for

    async def main() -> FetchResult:
        async with Fetcher(settings, log=log) as fetcher:
            busy = asyncio.create_task(
                fetcher.fetch(server.url("/busy"), allow_private=True, check_robots=False)
            )
            await wait_until(lambda: any(e.status == 429 for e in log.entries))
            elsewhere = f"http://localhost:{server.port}/other"
            await fetcher.fetch(elsewhere, allow_private=True, check_robots=False)
            await fetcher.fetch(server.url("/other"), allow_private=True, check_robots=False)
            return await busy

    started = time.monotonic()
    result = asyncio.run(main())
    assert result.body == b"done"
    assert result.attempts == 2
    first, retry = seen[0].at, seen[1].at
    assert 0.55 <= retry - first < 3.0
    by_host = {r.headers["host"].split(":")[0]: r.at for r in server.hits("/other")}
    assert by_host["localhost"] < first + 0.5  # the other host was not held up
    assert by_host["127.0.0.1"] >= first + 0.55  # the paused host was
    assert time.monotonic() - started < 3.0


def test_retry_after_http_date_is_understood(server: LocalServer) -> None:
    seen, handler = sequence(
        Reply(503, "later", headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}),
        Reply(200, "ok"),
    )
    server.route("/dated", handler)
    result = fetch(server, "/dated")
    assert result.attempts == 2  # a date in the past means: retry now
    assert seen[1].at - seen[0].at < 1.0


def test_etag_gives_304(server: LocalServer) -> None:
    def handler(request: Request) -> Reply:
        if request.headers.get("if-none-match") == '"v1"':
            return Reply(304, headers={"ETag": '"v1"'})
        return Reply(body="content", headers={"ETag": '"v1"'})

    server.route("/feed", handler)
    first = fetch(server, "/feed")
    second = fetch(server, "/feed", etag=first.etag)
    assert first.etag == '"v1"'
    assert not first.not_modified
    assert second.not_modified
    assert second.status == 304
    assert second.body == b""
    assert second.etag == '"v1"'


def test_last_modified_gives_304(server: LocalServer) -> None:
    stamp = "Tue, 02 Jan 2024 10:00:00 GMT"

    def handler(request: Request) -> Reply:
        if request.headers.get("if-modified-since") == stamp:
            return Reply(304)
        return Reply(body="content", headers={"Last-Modified": stamp})

    server.route("/feed", handler)
    first = fetch(server, "/feed")
    second = fetch(server, "/feed", last_modified=first.last_modified)
    assert not first.not_modified
    assert second.not_modified
    assert second.body == b""
    assert second.last_modified == stamp  # carried over when the 304 omits it


def test_redirect_is_followed(server: LocalServer) -> None:
    server.route("/old", Reply(301, headers={"Location": "/new#frag"}))
    server.route("/new", Reply(body="moved"))
    result = fetch(server, "/old")
    assert result.final_url == server.url("/new")
    assert result.url == server.url("/old")
    assert result.body == b"moved"
    assert result.attempts == 2


def test_redirect_loop(server: LocalServer) -> None:
    server.route("/a", Reply(302, headers={"Location": "/b"}))
    server.route("/b", Reply(302, headers={"Location": "/a"}))
    with pytest.raises(FetchError) as info:
        fetch(server, "/a")
    assert info.value.kind == "redirect_loop"
    assert len(server.hits("/a")) == 1
    assert len(server.hits("/b")) == 1


def test_too_many_redirects(server: LocalServer) -> None:
    for i in range(10):
        server.route(f"/r{i}", Reply(302, headers={"Location": f"/r{i + 1}"}))
    with pytest.raises(FetchError) as info:
        fetch(server, "/r0", settings=fast_settings(max_redirects=3))
    assert info.value.kind == "too_many_redirects"
    assert [bool(server.hits(f"/r{i}")) for i in range(6)] == [True] * 4 + [False] * 2


def test_slow_server_times_out(server: LocalServer) -> None:
    server.route("/slow", Reply(body="late", delay=1.0))
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetch(server, "/slow", settings=fast_settings(read_timeout=0.2, retries=1))
    assert info.value.kind == "timeout"
    assert len(server.hits("/slow")) == 2  # timeouts are retried
    assert time.monotonic() - started < 1.5


def test_total_timeout_bounds_a_trickling_body(server: LocalServer) -> None:
    server.route("/trickle", Reply(body=b"x" * 65536 * 6, chunk_delay=0.15))
    with pytest.raises(FetchError) as info:
        fetch(server, "/trickle", settings=fast_settings(total_timeout=0.3, retries=0))
    assert info.value.kind == "timeout"
    assert "total_timeout" in str(info.value)


def test_content_length_too_large_is_refused_before_reading(server: LocalServer) -> None:
    # The server announces far more than it sends: reading would hang until a timeout.
    server.route("/huge", Reply(body=b"x" * 10, headers={"Content-Length": "50000000"}))
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetch(server, "/huge", settings=fast_settings(max_body_bytes=4096, read_timeout=3.0))
    assert info.value.kind == "too_large"
    assert time.monotonic() - started < 1.5


def test_streamed_body_too_large_is_aborted(server: LocalServer) -> None:
    server.route("/stream", Reply(body=b"y" * 300_000, chunked=True))
    with pytest.raises(FetchError) as info:
        fetch(server, "/stream", settings=fast_settings(max_body_bytes=100_000))
    assert info.value.kind == "too_large"
    assert "content-length" not in server.hits("/stream")[0].headers  # sanity: a request


def test_streamed_body_within_limit_is_read(server: LocalServer) -> None:
    server.route("/stream", Reply(body=b"z" * 150_000, chunked=True))
    assert fetch(server, "/stream").body == b"z" * 150_000


def test_decompression_bomb_is_capped(server: LocalServer) -> None:
    server.route(
        "/bomb", Reply(body=gzip.compress(b"\0" * 5_000_000), headers={"Content-Encoding": "gzip"})
    )
    with pytest.raises(FetchError) as info:
        fetch(server, "/bomb", settings=fast_settings(max_body_bytes=1_000_000))
    assert info.value.kind == "too_large"


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [("gzip", gzip.compress), ("br", brotli.compress), ("deflate", zlib.compress)],
)
def test_compressed_bodies(
    server: LocalServer, encoding: str, compress: Callable[[bytes], bytes]
) -> None:
    text = ("<p>" + CHINESE + "</p>\n") * 50
    packed = compress(text.encode("utf-8"))
    server.route("/packed", Reply(body=packed, headers={"Content-Encoding": encoding}))
    result = fetch(server, "/packed")
    assert result.text() == text
    assert encoding in server.hits("/packed")[0].headers["accept-encoding"]


def test_broken_gzip_is_a_decode_error(server: LocalServer) -> None:
    server.route("/broken", Reply(body=b"not gzip at all", headers={"Content-Encoding": "gzip"}))
    with pytest.raises(FetchError) as info:
        fetch(server, "/broken")
    assert info.value.kind == "decode"


@pytest.mark.parametrize("header", ["iso-8859-1", "utf-8", "big5"])
def test_lying_charset_header_is_overruled(server: LocalServer, header: str) -> None:
    html = f"<html><body><p>{CHINESE}</p></body></html>"
    server.route(
        "/gb", Reply(body=html.encode("gb18030"), content_type=f"text/html; charset={header}")
    )
    result = fetch(server, "/gb")
    assert result.declared_charset == header
    assert result.text() == html


def test_connection_refused(server: LocalServer) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = LogRecorder()

    async def main() -> None:
        async with Fetcher(fast_settings(retries=1), log=log) as fetcher:
            await fetcher.fetch(f"http://127.0.0.1:{port}/", allow_private=True, check_robots=False)

    with pytest.raises(FetchError) as info:
        asyncio.run(main())
    assert info.value.kind == "connect"
    assert [e.error_kind for e in log.entries] == ["connect", "connect"]


def test_connection_refused_during_robots_keeps_the_cause(server: LocalServer) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    async def main() -> None:
        async with Fetcher(fast_settings(retries=0)) as fetcher:
            await fetcher.fetch(f"http://127.0.0.1:{port}/page", allow_private=True)

    with pytest.raises(FetchError) as info:
        asyncio.run(main())
    assert info.value.kind == "connect"
    assert "robots.txt" in str(info.value)


def test_log_sees_every_attempt(server: LocalServer) -> None:
    _seen, handler = sequence(Reply(503), Reply(500), Reply(200, "ok"))
    server.route("/flaky", handler)
    server.route("/a", Reply(302, headers={"Location": "/b"}))
    server.route("/b", Reply(302, headers={"Location": "/a"}))
    log = LogRecorder()

    async def main() -> None:
        async with Fetcher(fast_settings(), log=log) as fetcher:
            await fetcher.fetch(server.url("/flaky"), allow_private=True, source_id=7)
            with pytest.raises(FetchError):
                await fetcher.fetch(server.url("/a"), allow_private=True, source_id=7)

    asyncio.run(main())
    sent = [e for e in log.entries if e.status is not None]
    assert len(sent) == len(server.requests)  # one entry per request the server saw
    assert [e.status for e in log.for_path("/robots.txt")] == [404]
    assert [e.status for e in log.for_path("/flaky")] == [503, 500, 200]
    assert [e.error_kind for e in log.for_path("/flaky")] == ["http_status", "http_status", None]
    assert all(e.source_id == 7 for e in log.entries)
    assert log.for_path("/flaky")[-1].bytes == 2
    refusals = [e for e in log.entries if e.status is None]
    assert [e.error_kind for e in refusals] == ["redirect_loop"]


def test_fetch_outside_context_is_a_clear_error() -> None:
    async def main() -> None:
        await Fetcher(fast_settings()).fetch("http://example.org/")

    with pytest.raises(RuntimeError, match="async with"):
        asyncio.run(main())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('Text/HTML; charset="GBK"', ("text/html", "gbk")),
        ("application/rss+xml", ("application/rss+xml", None)),
        ("text/plain;charset=Shift_JIS;format=flowed", ("text/plain", "shift_jis")),
        (None, ("", None)),
    ],
)
def test_parse_content_type(value: str | None, expected: tuple[str, str | None]) -> None:
    assert parse_content_type(value) == expected


@pytest.mark.parametrize(
    "url", ["http://a\u200b.example/", "http://\u00ad.example/", "http://xn--a.example/"]
)
def test_a_host_that_is_not_valid_idna_is_a_clear_fetch_error(url: str) -> None:
    """Hostile URLs from feeds must not escape as httpx or codec exceptions."""

    async def main() -> None:
        async with Fetcher(fast_settings()) as fetcher:
            await fetcher.fetch(url)

    with pytest.raises(FetchError, match="is not a valid URL") as caught:
        asyncio.run(main())
    assert caught.value.kind == "invalid_url"
