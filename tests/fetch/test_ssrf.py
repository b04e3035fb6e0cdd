"""The SSRF guard: address classes, URL syntax, redirect hops and the connect-time check."""

from __future__ import annotations

import asyncio
import ipaddress

import pytest

from kuaibao.errors import BlockedURLError, ConfigError
from kuaibao.fetch import AddressPolicy, Fetcher, blocked_reason, guard_url
from kuaibao.fetch.ssrf import GuardedBackend, check_syntax
from tests.fetch.fetching import LogRecorder, fast_settings
from tests.support.server import LocalServer, Reply


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.5", "private"),
        ("192.168.1.1", "private"),
        ("fd12:3456::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("100.127.255.254", "carrier-grade NAT"),
        ("240.0.0.1", "reserved"),
        ("fec0::1", "site-local"),
        ("192.0.2.10", "private"),
    ],
)
def test_blocked_addresses(address: str, reason: str) -> None:
    assert blocked_reason(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize(
    "address",
    ["::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe", "2002:c0a8:0101::1"],
)
def test_ipv6_forms_embedding_private_ipv4_are_blocked(address: str) -> None:
    reason = blocked_reason(ipaddress.ip_address(address))
    assert reason is not None
    assert "embedded" in reason


@pytest.mark.parametrize(
    "address", ["8.8.8.8", "93.184.216.34", "2001:4860:4860::8888", "::ffff:8.8.8.8", "100.63.0.1"]
)
def test_public_addresses_pass(address: str) -> None:
    assert blocked_reason(ipaddress.ip_address(address)) is None


def test_policy_trusts_listed_networks_only() -> None:
    policy = AddressPolicy.trusting(["10.20.0.0/16"])
    assert policy.reason("10.20.3.4") is None
    assert policy.reason("10.21.0.1") == "private"
    assert policy.reason("fe80::1%eth0") == "link-local"
    with pytest.raises(ConfigError):
        AddressPolicy.trusting(["not-a-network"])


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("ftp://example.org/file", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
        ("http://user:secret@example.org/", "credentials"),
        ("http:///nohost", "no host"),
    ],
)
def test_syntax_refusals(url: str, fragment: str) -> None:
    with pytest.raises(BlockedURLError, match=fragment) as info:
        check_syntax(url)
    assert info.value.kind == "blocked"


def test_guard_refuses_loopback_and_names_the_way_out() -> None:
    with pytest.raises(BlockedURLError) as info:
        asyncio.run(guard_url("http://127.0.0.1:9/"))
    message = str(info.value)
    assert info.value.kind == "blocked"
    assert "127.0.0.1" in message
    assert "loopback" in message
    assert "allow_private" in message


def test_guard_resolves_names_and_odd_ip_spellings() -> None:
    for url in ("http://localhost/", "http://2130706433/", "http://127.1/", "http://[::1]/"):
        with pytest.raises(BlockedURLError):
            asyncio.run(guard_url(url))


def test_guard_lets_private_through_when_allowed_but_not_bad_schemes() -> None:
    asyncio.run(guard_url("http://127.0.0.1/", allow_private=True))
    with pytest.raises(BlockedURLError):
        asyncio.run(guard_url("gopher://127.0.0.1/", allow_private=True))


def test_fetcher_refuses_loopback_without_allow_private(server: LocalServer) -> None:
    server.route("/secret", Reply(body="internal"))
    log = LogRecorder()

    async def main() -> None:
        async with Fetcher(fast_settings(), log=log) as fetcher:
            await fetcher.fetch(server.url("/secret"))

    with pytest.raises(BlockedURLError) as info:
        asyncio.run(main())
    assert info.value.kind == "blocked"
    assert server.requests == []  # not even robots.txt was asked for
    assert [e.error_kind for e in log.entries] == ["blocked"]


def test_non_http_scheme_through_the_fetcher() -> None:
    async def main() -> None:
        async with Fetcher(fast_settings()) as fetcher:
            await fetcher.fetch("ftp://example.org/pub/file.txt")

    with pytest.raises(BlockedURLError) as info:
        asyncio.run(main())
    assert info.value.kind == "blocked"


def test_redirect_to_private_address_is_refused(server: LocalServer) -> None:
    # 127.0.0.1 is trusted for this fetcher, so the first hop is allowed as if it were a
    # public site; its redirect to another loopback address must still be refused.
    server.route("/hop", Reply(302, headers={"Location": f"http://127.0.0.2:{server.port}/in"}))
    server.route("/in", Reply(body="internal"))

    async def main() -> None:
        async with Fetcher(fast_settings(), trusted_networks=["127.0.0.1/32"]) as fetcher:
            await fetcher.fetch(server.url("/hop"), check_robots=False)

    with pytest.raises(BlockedURLError) as info:
        asyncio.run(main())
    assert "127.0.0.2" in str(info.value)
    assert "allow_private" in str(info.value)
    assert len(server.hits("/hop")) == 1
    assert server.hits("/in") == []


def test_redirect_to_non_http_scheme_is_refused(server: LocalServer) -> None:
    server.route("/hop", Reply(302, headers={"Location": "file:///etc/passwd"}))

    async def main() -> None:
        async with Fetcher(fast_settings()) as fetcher:
            await fetcher.fetch(server.url("/hop"), allow_private=True, check_robots=False)

    with pytest.raises(BlockedURLError, match="only http and https"):
        asyncio.run(main())


def test_connect_time_check_refuses_names_resolving_to_loopback(server: LocalServer) -> None:
    # The check that matters against DNS rebinding runs when the socket is opened.
    async def main(policy: AddressPolicy) -> None:
        stream = await GuardedBackend(policy).connect_tcp("localhost", server.port, timeout=2)
        await stream.aclose()

    with pytest.raises(BlockedURLError, match="localhost resolves to"):
        asyncio.run(main(AddressPolicy()))
    asyncio.run(main(AddressPolicy.trusting(["127.0.0.0/8", "::1/128"])))
