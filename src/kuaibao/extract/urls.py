"""URL canonicalisation: one spelling per page, so the same article is stored once.

Pure string work (no DNS, no requests). ``canonicalize_url`` applies the RFC 3986
normalisations that never change which resource a URL names (case of scheme and host,
default ports, dot segments, percent-encoding), plus one that changes the spelling only:
it drops the query parameters that analytics tools append to shared links.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

import idna

DEFAULT_PORTS = {"http": 80, "https": 443}

# Query keys (compared case-insensitively) that only say how a reader arrived.
TRACKING_KEYS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
        "ttclid", "igshid", "li_fat_id", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc",
        "_hsmi", "mkt_tok", "spm", "ref", "ref_src", "ref_url", "cmpid", "ncid",
        "s_kwcid", "ef_id", "oly_anon_id", "oly_enc_id", "vero_id", "wickedid",
        "rb_clickid", "sr_share", "__twitter_impression", "hmsr", "hmpl", "hmcu",
        "hmkw", "hmci",
    }
)  # fmt: skip
# Key prefixes of whole tracking families (Google Analytics, Matomo, Piwik).
TRACKING_PREFIXES = ("utm_", "mtm_", "pk_")

# Second-level labels under which country registries sell names (bbc.co.uk, gov.cn).
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PATH_SAFE = "!$&'()*+,;=:@/"
_QUERY_SAFE = "!$'()*+,;:@/?"
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")


def canonicalize_url(url: str, base: str | None = None) -> str:
    """Return one stable spelling of ``url`` (resolved against ``base`` if relative)."""
    url = url.strip()
    if base:
        url = urljoin(base.strip(), url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    netloc = _normalize_netloc(parts.netloc, scheme)
    path = _normalize_path(parts.path)
    if netloc and not path:
        path = "/"
    query = _normalize_query(parts.query)
    return urlunsplit((scheme, netloc, path, query, ""))


def is_tracking_key(key: str) -> bool:
    """Tell whether a query key only records where the click came from."""
    lowered = key.lower()
    return lowered in TRACKING_KEYS or lowered.startswith(TRACKING_PREFIXES)


def _normalize_netloc(netloc: str, scheme: str) -> str:
    """Lower-case and IDNA-encode the host and drop the port the scheme implies."""
    if not netloc:
        return ""
    userinfo, _, hostport = netloc.rpartition("@")
    host, port = _split_port(hostport)
    host = _normalize_host(host)
    if port is not None and port.isdigit() and int(port) == DEFAULT_PORTS.get(scheme):
        port = None
    if port == "":
        port = None
    result = host if port is None else f"{host}:{int(port) if port.isdigit() else port}"
    return f"{userinfo}@{result}" if userinfo else result


def _split_port(hostport: str) -> tuple[str, str | None]:
    """Split ``host:port``, keeping IPv6 literals in brackets intact."""
    if hostport.startswith("["):
        end = hostport.find("]")
        if end != -1:
            rest = hostport[end + 1 :]
            return hostport[: end + 1], rest[1:] if rest.startswith(":") else None
    host, colon, port = hostport.partition(":")
    return host, port if colon else None


def _normalize_host(host: str) -> str:
    """Lower-case a host and spell international names in their ASCII (punycode) form."""
    host = host.strip().rstrip(".").lower()
    if not host or host.startswith("[") or host.isascii():
        return host
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError:
        try:
            return host.encode("idna").decode("ascii")
        except UnicodeError:
            return host


def _normalize_path(path: str) -> str:
    """Resolve dot segments and normalise percent-encoding in a path."""
    return _normalize_escapes(_remove_dot_segments(path), _PATH_SAFE)


def _remove_dot_segments(path: str) -> str:
    """Apply RFC 3986 section 5.2.4 so ``/a/./b/../c`` becomes ``/a/c``."""
    if "." not in path or not path.startswith("/"):
        return path
    output: list[str] = []
    segments = path.split("/")
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == ".":
            if last:
                output.append("")
        elif segment == "..":
            if len(output) > 1:
                output.pop()
            if last:
                output.append("")
        else:
            output.append(segment)
    result = "/".join(output)
    return result if result.startswith("/") else "/" + result


def _normalize_query(query: str) -> str:
    """Drop tracking parameters, keep the others in order, normalise their escapes."""
    if not query:
        return ""
    kept = []
    for pair in query.split("&"):
        if not pair:
            continue
        key = pair.split("=", 1)[0]
        if is_tracking_key(_unquote_all(key)):
            continue
        kept.append(_normalize_escapes(pair, _QUERY_SAFE + "&="))
    return "&".join(kept)


def _unquote_all(text: str) -> str:
    """Decode every ASCII escape (for comparing keys only; never for output)."""
    return _ESCAPE.sub(_decode_ascii_escape, text)


def _decode_ascii_escape(match: re.Match[str]) -> str:
    """``%41`` -> ``A``; escapes of non-ASCII bytes stay as they are."""
    value = int(match.group(1), 16)
    return chr(value) if value < 128 else match.group(0)


def _normalize_escapes(text: str, safe: str) -> str:
    """Decode escaped unreserved characters, upper-case other escapes, escape the rest."""
    out: list[str] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char == "%" and _ESCAPE.match(text, index):
            value = int(text[index + 1 : index + 3], 16)
            decoded = chr(value)
            out.append(decoded if decoded in _UNRESERVED else f"%{value:02X}")
            index += 3
            continue
        if char in _UNRESERVED or char in safe:
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))
        index += 1
    return "".join(out)
