"""robots.txt: parse it the way RFC 9309 and Google do, and remember it per site.

``urllib.robotparser`` applies the first matching rule and knows no ``*`` or ``$``
wildcards, so sites that rely on the longest-match rule would be misread; this small
parser follows RFC 9309 instead:

* the group(s) naming our product token (``kuaibao``, case-insensitive) apply, merged if
  several; otherwise the ``*`` group(s); otherwise everything is allowed;
* the longest matching ``Allow``/``Disallow`` pattern wins, ``Allow`` on a tie;
  ``*`` matches any run of characters and a trailing ``$`` anchors the end;
* ``/robots.txt`` itself is always allowed; ``Crawl-delay`` (not in the RFC, widely used)
  is read from the chosen group.

What happens when robots.txt cannot be read also follows Google's documented behaviour:
2xx → parse it; 4xx other than 429 → no restrictions; 429, 5xx or no answer at all
(timeout, refused, DNS) → *everything disallowed*, since the site may be in trouble, and
retried after :data:`UNREACHABLE_RETRY_SECONDS`; while a previously fetched copy exists
it keeps being used instead. The fetching itself is done by the caller-supplied loader
(see :mod:`kuaibao.fetch.client`), so this module stays free of HTTP.

A page refused because robots.txt was unreachable gets ``BlockedURLError(kind="robots")``,
except when the cause was the network (timeout, refused connection, DNS): then the
``FetchError`` keeps that kind, because the site is simply down.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from kuaibao.errors import BlockedURLError, FetchError

UNREACHABLE_RETRY_SECONDS = 300.0
MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309 asks crawlers to parse at least 500 KiB
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_SAFE = "/:@!$&'()*+,;=?#[]%~-._"
_NETWORK_KINDS = frozenset({"timeout", "connect", "network", "dns"})


@dataclass(frozen=True)
class Rule:
    """One ``Allow`` or ``Disallow`` line, its path pattern normalised."""

    pattern: str
    allow: bool


@dataclass(frozen=True)
class RobotsRules:
    """What one site's robots.txt says to us; ``unreachable`` means it could not be read."""

    rules: tuple[Rule, ...] = ()
    crawl_delay: float | None = None
    unreachable: str | None = None
    unreachable_kind: str | None = None

    def allows(self, path: str) -> bool:
        """Whether a path (with its query string) may be fetched."""
        if path.split("?", 1)[0] == "/robots.txt":
            return True
        if self.unreachable is not None:
            return False
        target = normalize_path(path or "/")
        best: Rule | None = None
        for rule in self.rules:
            if not _pattern(rule.pattern).match(target):
                continue
            if (
                best is None
                or len(rule.pattern) > len(best.pattern)
                or (len(rule.pattern) == len(best.pattern) and rule.allow)
            ):
                best = rule
        return best is None or best.allow


def product_token(user_agent: str) -> str:
    """The name robots.txt groups are matched against: ``kuaibao/0.1 (...)`` → ``kuaibao``."""
    token = re.split(r"[/\s]", user_agent.strip(), maxsplit=1)[0]
    return token.lower()


def parse_robots(text: str, user_agent: str) -> RobotsRules:
    """Parse robots.txt text and keep only what applies to ``user_agent``."""
    groups = _groups(text)
    token = product_token(user_agent)
    chosen = [g for g in groups if token in g.agents] or [g for g in groups if "*" in g.agents]
    rules = tuple(rule for group in chosen for rule in group.rules)
    delays = [g.crawl_delay for g in chosen if g.crawl_delay is not None]
    return RobotsRules(rules=rules, crawl_delay=max(delays) if delays else None)


@dataclass
class _Group:
    agents: list[str]
    rules: list[Rule]
    crawl_delay: float | None = None


def _groups(text: str) -> list[_Group]:
    """Split robots.txt into groups: consecutive user-agent lines, then their rules."""
    groups: list[_Group] = []
    current: _Group | None = None
    in_agents = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        key, sep, value = line.partition(":")
        if not sep:
            continue
        key, value = key.strip().lower(), value.strip()
        if key == "user-agent":
            if current is None or not in_agents:
                current = _Group([], [])
                groups.append(current)
            current.agents.append(product_token(value) if value != "*" else "*")
            in_agents = True
            continue
        in_agents = False
        if current is None:
            continue  # rules before any user-agent line belong to nobody
        if key in ("allow", "disallow") and value:
            current.rules.append(Rule(normalize_path(_rooted(value)), key == "allow"))
        elif key == "crawl-delay":
            current.crawl_delay = _seconds(value)
    return groups


def _rooted(pattern: str) -> str:
    """Patterns should start with ``/``; be lenient with ``private/`` style lines."""
    return pattern if pattern.startswith(("/", "*")) else "/" + pattern


def _seconds(value: str) -> float | None:
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if 0 <= seconds < float("inf") else None


def normalize_path(path: str) -> str:
    """Compare paths as RFC 9309 says: unreserved escapes decoded, others upper-cased,
    non-ASCII percent-encoded as UTF-8."""

    def fix(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else "%" + match.group(1).upper()

    return quote(re.sub(r"%([0-9A-Fa-f]{2})", fix, path), safe=_SAFE)


@lru_cache(maxsize=4096)
def _pattern(pattern: str) -> re.Pattern[str]:
    """Compile a robots pattern: ``*`` is any run of characters, trailing ``$`` anchors."""
    anchored = pattern.endswith("$")
    body = pattern[:-1] if anchored else pattern
    regex = ".*".join(re.escape(part) for part in body.split("*"))
    return re.compile(regex + (r"\Z" if anchored else ""), re.DOTALL)


def rules_from_answer(status: int, body: bytes, user_agent: str) -> RobotsRules:
    """Read a robots.txt answer: 2xx parse, other 4xx/3xx no rules, 429 and 5xx unreachable."""
    if 200 <= status < 300:
        return parse_robots(body.decode("utf-8", "replace").lstrip("\ufeff"), user_agent)
    if status < 500 and status != 429:
        return RobotsRules()
    return RobotsRules(
        unreachable=f"robots.txt answered HTTP {status}", unreachable_kind="http_status"
    )


def rules_from_failure(error: FetchError) -> RobotsRules:
    """Read a failed robots.txt fetch: endless redirects mean no rules, the rest unreachable."""
    if error.kind in ("redirect_loop", "too_many_redirects"):
        return RobotsRules()  # RFC 9309 §2.3.1.2: treat as unavailable, i.e. no rules
    return RobotsRules(unreachable=str(error), unreachable_kind=error.kind)


def refusal_for(
    url: str, origin: str, path: str, rules: RobotsRules, user_agent: str
) -> FetchError | None:
    """The error that stops a page fetch, or ``None`` when robots.txt lets it through.

    An unreadable robots.txt refuses everything. When the cause was the network (the
    site is down) the original kind is kept, so logs say "connect" rather than "robots".
    """
    retry = f"checked again within {int(UNREACHABLE_RETRY_SECONDS)} s"
    if rules.unreachable is not None and rules.unreachable_kind in _NETWORK_KINDS:
        return FetchError(
            f"{origin}/robots.txt could not be fetched ({rules.unreachable}); the site is"
            f" skipped until it answers ({retry})",
            url=url,
            kind=rules.unreachable_kind or "network",
        )
    if rules.unreachable is not None:
        return BlockedURLError(
            f"{origin}/robots.txt is unavailable ({rules.unreachable}); like Google and"
            f" RFC 9309 we treat the whole site as disallowed until it recovers ({retry})",
            url=url,
            kind="robots",
        )
    if rules.allows(path):
        return None
    return BlockedURLError(
        f"robots.txt of {origin} disallows {path} for {product_token(user_agent)!r};"
        " the page is skipped",
        url=url,
        kind="robots",
    )


@dataclass
class _Entry:
    rules: RobotsRules
    expires: float
    good: RobotsRules | None  # the last copy actually read, kept through outages


RobotsLoader = Callable[[], Awaitable[RobotsRules]]


class RobotsCache:
    """robots.txt per origin, fetched once by one task while others wait, then kept."""

    def __init__(self, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl
        self._clock = clock
        self._entries: dict[str, _Entry] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def rules_for(self, origin: str, load: RobotsLoader) -> RobotsRules:
        """Cached rules for ``scheme://host:port``, loading them when missing or expired."""
        lock = self._locks.setdefault(origin, asyncio.Lock())
        async with lock:
            entry = self._entries.get(origin)
            if entry is not None and entry.expires > self._clock():
                return entry.rules
            fresh = await load()
            self._entries[origin] = self._next_entry(fresh, entry)
            return self._entries[origin].rules

    def _next_entry(self, fresh: RobotsRules, previous: _Entry | None) -> _Entry:
        """Keep a good copy for the TTL; through an outage reuse the last good copy."""
        now = self._clock()
        if fresh.unreachable is None:
            return _Entry(fresh, now + self._ttl, fresh)
        retry_at = now + min(self._ttl, UNREACHABLE_RETRY_SECONDS)
        good = previous.good if previous is not None else None
        return _Entry(good if good is not None else fresh, retry_at, good)
