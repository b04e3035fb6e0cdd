"""Keep the crawler from being pointed at the network it runs in (SSRF).

Source lists and feeds are untrusted input: a feed entry, or a redirect, can name
``http://169.254.169.254/`` (cloud metadata), ``http://localhost:5432/`` or a router's admin
page. Every URL, and every redirect hop, is checked here before a request is sent:

* only ``http`` and ``https``, and no ``user:password@`` in the URL;
* the host is resolved and *every* address must be public: loopback, private (RFC 1918,
  unique-local), link-local, multicast, reserved, unspecified, carrier-grade NAT
  (100.64.0.0/10), site-local, and IPv6 forms that embed such an IPv4 address
  (IPv4-mapped, NAT64, 6to4, Teredo) are refused. A host with one bad address among good
  ones is refused too: that is what DNS-rebinding setups look like.

Checking the name and then letting the HTTP library resolve it again would leave a
window for DNS rebinding (the second answer can differ). So the connection itself goes
through :class:`GuardedBackend`, which resolves once, re-applies the same policy to the
answer and dials exactly those addresses; TLS still verifies the certificate against the
host name. The up-front :func:`guard_url` check exists to fail early with a clear message
and to re-check each redirect hop before robots.txt or politeness come into play.

Sources that legitimately live on a private network are fetched with
``allow_private=True`` (the source's ``allow_private`` flag), which skips the address
checks but not the scheme and credential checks. Individual networks can be trusted for
every source with :class:`AddressPolicy` (e.g. an internal mirror).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import typing
from collections.abc import Iterable
from dataclasses import dataclass

import httpcore
import httpx

from kuaibao import phrases
from kuaibao.errors import BlockedURLError, ConfigError, FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

ALLOWED_SCHEMES = frozenset({"http", "https"})
_CGNAT = ipaddress.IPv4Network("100.64.0.0/10")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def blocked_reason(address: IPAddress) -> str | None:
    """Why an address must not be contacted (e.g. ``"loopback"``), or ``None`` if public."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            inner = blocked_reason(embedded)
            return f"{inner} (IPv4 {embedded} embedded in IPv6)" if inner else None
    checks = (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("unspecified", address.is_unspecified),
        ("carrier-grade NAT", isinstance(address, ipaddress.IPv4Address) and address in _CGNAT),
        ("site-local", isinstance(address, ipaddress.IPv6Address) and address.is_site_local),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
        ("non-global", not address.is_global),
    )
    return next((name for name, hit in checks if hit), None)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form smuggles (mapped, NAT64, 6to4, Teredo), if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    return None


@dataclass(frozen=True)
class AddressPolicy:
    """Which resolved addresses may be contacted; ``trusted`` networks are always allowed."""

    trusted: tuple[IPNetwork, ...] = ()

    @classmethod
    def trusting(cls, networks: Iterable[str]) -> AddressPolicy:
        """Build a policy from CIDR strings such as ``"10.1.2.0/24"``."""
        parsed: list[IPNetwork] = []
        for network in networks:
            try:
                parsed.append(ipaddress.ip_network(network, strict=False))
            except ValueError as exc:
                raise ConfigError(f"trusted network {network!r} is not a valid CIDR") from exc
        return cls(tuple(parsed))

    def reason(self, address: str) -> str | None:
        """Why this address is refused, or ``None`` when it may be contacted."""
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            return "unparsable"
        if any(ip.version == net.version and ip in net for net in self.trusted):
            return None
        return blocked_reason(ip)


def check_syntax(url: str) -> httpx.URL:
    """Parse a URL, refusing schemes other than http(s), credentials and missing hosts."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        message = phrases.INVALID_URL(url=repr(url), detail=exc)
        raise BlockedURLError(message, url=url, kind="blocked") from exc
    if parsed.scheme not in ALLOWED_SCHEMES:
        raise BlockedURLError(
            phrases.NOT_HTTP(url=url, scheme=parsed.scheme or "no"),
            url=url,
            kind="blocked",
        )
    if parsed.userinfo:
        raise BlockedURLError(
            phrases.CREDENTIALS(url=url),
            url=url,
            kind="blocked",
        )
    if not parsed.host:
        raise BlockedURLError(phrases.NO_HOST(url=url), url=url, kind="blocked")
    return parsed


async def resolve(host: str, port: int, timeout: float | None = None) -> list[str]:
    """All addresses a host name resolves to, in resolver order, via the event loop."""
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(timeout):
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(
            phrases.RESOLVE_FAILED(host=repr(host), detail=exc.strerror),
            url=host,
            kind="dns",
        ) from exc
    addresses: list[str] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = str(sockaddr[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def refuse_addresses(url: str, host: str, addresses: list[str], policy: AddressPolicy) -> None:
    """Raise ``BlockedURLError`` naming the first address the policy refuses."""
    for address in addresses:
        reason = policy.reason(address)
        if reason is not None:
            message = (
                phrases.BLOCKED(url=url, host=host, reason=reason)
                if host == address
                else phrases.BLOCKED_RESOLVED(url=url, host=host, address=address, reason=reason)
            )
            raise BlockedURLError(
                message,
                url=url,
                kind="blocked",
            )


async def guard_url(
    url: str,
    *,
    allow_private: bool = False,
    policy: AddressPolicy | None = None,
    timeout: float | None = None,
) -> None:
    """Refuse a URL before any request: bad scheme, credentials, or a non-public address."""
    parsed = check_syntax(url)
    if allow_private:
        return
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        addresses = await resolve(parsed.raw_host.decode("ascii"), port, timeout)
    except FetchError as exc:
        raise FetchError(str(exc), url=url, kind=exc.kind) from exc
    except TimeoutError as exc:
        raise FetchError(
            phrases.RESOLVE_TIMEOUT(host=repr(parsed.host)), url=url, kind="timeout"
        ) from exc
    refuse_addresses(url, parsed.host, addresses, policy or AddressPolicy())


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """An httpcore network backend that dials only addresses the policy accepts.

    Resolution happens here, once per new connection, and the connection goes to the
    checked address itself, closing the DNS-rebinding gap between check and connect.
    """

    def __init__(
        self, policy: AddressPolicy, inner: httpcore.AsyncNetworkBackend | None = None
    ) -> None:
        self._policy = policy
        self._inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Resolve, refuse the whole host if any address is not allowed, then dial in order."""
        try:
            addresses = await resolve(host, port, timeout)
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(f"resolving {host!r} timed out") from exc
        refuse_addresses(f"{host}:{port}", host, addresses, self._policy)
        failure: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        raise failure or httpcore.ConnectError(f"{host!r} resolved to no address")

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Unix sockets are local by definition, so the guarded backend never opens one."""
        raise httpcore.ConnectError(f"refusing to open unix socket {path!r}")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)
