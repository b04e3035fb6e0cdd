"""Which site a URL belongs to: its registrable domain, from the public suffix list.

"Is this the same publisher?" comes up wherever kuaibao counts or groups sites: the
independent sources behind a story, the links of a listing page that stay on the site,
the canonical link a page may point at. Cutting the host to its last two labels gets
``news.bbc.co.uk`` wrong, and so does any rule of thumb for ``alice.github.io`` and
``bob.github.io`` — two people, two sites. The public suffix list (ICANN and private
sections, as browsers use it) says where registration happens; ``publicsuffixlist``
ships a copy inside the package, so nothing is downloaded at run time.

Politeness is a different question (how hard may we hit this server?) and stays keyed
by host and port in :func:`kuaibao.fetch.client.host_key`.

Hosts that have no registrable domain — IP addresses, ``localhost``, a public suffix
itself — are their own site, and for them the port counts too: two services on one
address are no more the same publisher than two sites on one shared host.
"""

from __future__ import annotations

import functools
import ipaddress
from urllib.parse import urlsplit

import idna
from publicsuffixlist import PublicSuffixList


def registrable_domain(host: str) -> str:
    """``news.bbc.co.uk`` → ``bbc.co.uk``, ``alice.github.io`` stays; other hosts as they are.

    International names compare in their ASCII (punycode) form.
    """
    name = _normalize_host(host)
    if not name or _is_ip(name):
        return name
    return _list().privatesuffix(name) or name


def site_of(url: str) -> str | None:
    """The site key of a URL: its registrable domain (with the port for bare hosts), or None."""
    try:
        parts = urlsplit(url.strip())
        host, port = parts.hostname or "", parts.port
    except ValueError:
        return None
    if not host:
        return None
    domain = registrable_domain(host)
    if port is not None and (_is_ip(domain) or "." not in domain or domain == host_suffix(host)):
        return f"{domain}:{port}"
    return domain


def same_site(a: str, b: str) -> bool:
    """Whether two URLs belong to the same site (scheme ignored)."""
    site = site_of(a)
    return site is not None and site == site_of(b)


def host_suffix(host: str) -> str | None:
    """The public suffix of a host (``co.uk``, ``github.io``), or None for IP addresses."""
    name = _normalize_host(host)
    if not name or _is_ip(name):
        return None
    suffix: str | None = _list().publicsuffix(name)
    return suffix


@functools.cache
def _list() -> PublicSuffixList:
    return PublicSuffixList()


def _normalize_host(host: str) -> str:
    host = host.strip().rstrip(".").lower()
    if not host or host.startswith("[") or host.isascii():
        return host.strip("[]")
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError:
        return host


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
