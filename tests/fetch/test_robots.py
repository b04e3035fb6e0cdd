"""robots.txt: the parser (RFC 9309 matching), the cache, and the fetcher obeying both."""

from __future__ import annotations

import asyncio

import pytest

from kuaibao.errors import BlockedURLError
from kuaibao.fetch import Fetcher, RobotsRules, parse_robots
from kuaibao.fetch.robots import RobotsCache, product_token
from tests.fetch.fetching import fast_settings, gaps
from tests.support.server import LocalServer, Reply

UA = "kuaibao/0.1 (+https://example.org/bot)"


def test_product_token() -> None:
    assert product_token(UA) == "kuaibao"
    assert product_token("Kuaibao") == "kuaibao"


def test_star_group_applies_when_no_specific_group() -> None:
    rules = parse_robots("User-agent: *\nDisallow: /private\n", UA)
    assert not rules.allows("/private/report.html")
    assert rules.allows("/public/report.html")


def test_specific_group_replaces_star_group() -> None:
    text = """
User-agent: *
Disallow: /

User-agent: otherbot
Allow: /

user-agent: KUAIBAO/2.0   # version and case do not matter
Disallow: /drafts/
"""
    rules = parse_robots(text, UA)
    assert rules.allows("/news/1.html")  # the * group's "Disallow: /" does not apply to us
    assert not rules.allows("/drafts/x")


def test_groups_for_the_same_agent_are_merged() -> None:
    text = "User-agent: kuaibao\nDisallow: /a\n\nUser-agent: kuaibao\nDisallow: /b\n"
    rules = parse_robots(text, UA)
    assert not rules.allows("/a1")
    assert not rules.allows("/b1")
    assert rules.allows("/c")


def test_several_agents_share_one_group() -> None:
    text = "User-agent: somebot\nUser-agent: kuaibao\nDisallow: /shared\n"
    assert not parse_robots(text, UA).allows("/shared/page")


def test_longest_match_wins_and_allow_wins_ties() -> None:
    text = """User-agent: *
Disallow: /reports/
Allow: /reports/public/
Disallow: /same
Allow: /same
"""
    rules = parse_robots(text, UA)
    assert not rules.allows("/reports/internal.pdf")
    assert rules.allows("/reports/public/annual.pdf")
    assert rules.allows("/same/thing")


def test_wildcards_and_end_anchor() -> None:
    text = "User-agent: *\nDisallow: /*.pdf$\nDisallow: /*?session=\nAllow: /files/*.pdf$\n"
    rules = parse_robots(text, UA)
    assert not rules.allows("/docs/plan.pdf")
    assert rules.allows("/docs/plan.pdf.html")
    assert rules.allows("/files/plan.pdf")
    assert not rules.allows("/list?session=42")
    assert rules.allows("/list?page=2")


def test_percent_encoding_is_normalised() -> None:
    rules = parse_robots("User-agent: *\nDisallow: /%7Euser/\nDisallow: /新闻/\n", UA)
    assert not rules.allows("/~user/page")
    assert not rules.allows("/%e6%96%b0%e9%97%bb/today")


def test_empty_disallow_comments_and_junk_lines() -> None:
    text = "# header\nDisallow: /before-any-agent\nUser-agent: *\nDisallow:\nnonsense\n"
    rules = parse_robots(text, UA)
    assert rules.allows("/before-any-agent")
    assert rules.allows("/anything")


def test_crawl_delay_and_robots_txt_always_allowed() -> None:
    rules = parse_robots("User-agent: *\nCrawl-delay: 2.5\nDisallow: /\n", UA)
    assert rules.crawl_delay == 2.5
    assert rules.allows("/robots.txt")
    assert not rules.allows("/")
    assert parse_robots("User-agent: *\nCrawl-delay: soon\n", UA).crawl_delay is None


def test_unreachable_rules_disallow_everything() -> None:
    rules = RobotsRules(unreachable="HTTP 503", unreachable_kind="http_status")
    assert not rules.allows("/")
    assert rules.allows("/robots.txt")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_cache_loads_once_then_again_after_ttl() -> None:
    clock, loads = FakeClock(), []

    async def load() -> RobotsRules:
        loads.append(clock.now)
        return parse_robots(f"User-agent: *\nDisallow: /v{len(loads)}\n", UA)

    async def main() -> list[RobotsRules]:
        cache = RobotsCache(ttl=60, clock=clock)
        first = await asyncio.gather(*(cache.rules_for("http://a", load) for _ in range(5)))
        clock.now += 61
        return [*first, await cache.rules_for("http://a", load)]

    results = asyncio.run(main())
    assert len(loads) == 2  # five concurrent callers shared one load
    assert not results[0].allows("/v1")
    assert not results[-1].allows("/v2")


def test_cache_keeps_last_good_copy_through_an_outage() -> None:
    clock = FakeClock()
    answers = [
        parse_robots("User-agent: *\nDisallow: /x\n", UA),
        RobotsRules(unreachable="HTTP 503", unreachable_kind="http_status"),
    ]

    async def load() -> RobotsRules:
        return answers.pop(0)

    async def main() -> tuple[RobotsRules, RobotsRules]:
        cache = RobotsCache(ttl=60, clock=clock)
        good = await cache.rules_for("http://a", load)
        clock.now += 61
        return good, await cache.rules_for("http://a", load)

    good, during_outage = asyncio.run(main())
    assert during_outage is good


def test_cache_retries_an_unreachable_robots_sooner_than_the_ttl() -> None:
    clock, loads = FakeClock(), []

    async def load() -> RobotsRules:
        loads.append(clock.now)
        return RobotsRules(unreachable="timeout", unreachable_kind="timeout")

    async def main() -> None:
        cache = RobotsCache(ttl=86_400, clock=clock)
        await cache.rules_for("http://a", load)
        clock.now += 299
        await cache.rules_for("http://a", load)
        clock.now += 2
        await cache.rules_for("http://a", load)

    asyncio.run(main())
    assert len(loads) == 2


def run_fetches(server: LocalServer, paths: list[str], **settings: object) -> list[object]:
    """Fetch paths concurrently through one fetcher; exceptions are returned, not raised."""

    async def main() -> list[object]:
        async with Fetcher(fast_settings(**settings)) as fetcher:
            tasks = [fetcher.fetch(server.url(p), allow_private=True) for p in paths]
            return list(await asyncio.gather(*tasks, return_exceptions=True))

    return asyncio.run(main())


def test_disallowed_path_is_never_requested(server: LocalServer) -> None:
    server.route(
        "/robots.txt", Reply(body="User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    )
    server.route("/private/report", Reply(body="secret"))
    server.route("/public", Reply(body="open"))
    blocked, allowed = run_fetches(server, ["/private/report", "/public"])
    assert isinstance(blocked, BlockedURLError)
    assert blocked.kind == "robots"
    assert getattr(allowed, "body", None) == b"open"
    assert server.hits("/private/report") == []
    assert len(server.hits("/robots.txt")) == 1  # fetched once, shared by both fetches
    assert server.hits("/robots.txt")[0].headers["user-agent"].startswith("kuaibao/")


def test_our_group_is_obeyed_over_the_star_group(server: LocalServer) -> None:
    server.route(
        "/robots.txt",
        Reply(
            body="User-agent: kuaibao\nDisallow: /\n\nUser-agent: *\nAllow: /\n",
            content_type="text/plain",
        ),
    )
    (result,) = run_fetches(server, ["/page"])
    assert isinstance(result, BlockedURLError)
    assert result.kind == "robots"
    assert server.hits("/page") == []


def test_redirect_hop_is_checked_against_robots(server: LocalServer) -> None:
    server.route("/robots.txt", Reply(body="User-agent: *\nDisallow: /private\n"))
    server.route("/go", Reply(302, headers={"Location": "/private/page"}))
    (result,) = run_fetches(server, ["/go"])
    assert isinstance(result, BlockedURLError)
    assert result.kind == "robots"
    assert len(server.hits("/go")) == 1
    assert server.hits("/private/page") == []


def test_missing_robots_allows_everything(server: LocalServer) -> None:
    server.route("/page", Reply(body="ok"))
    (result,) = run_fetches(server, ["/page"])
    assert getattr(result, "body", None) == b"ok"
    assert len(server.hits("/robots.txt")) == 1


def test_robots_5xx_means_disallow_all(server: LocalServer) -> None:
    server.route("/robots.txt", Reply(503, "maintenance"))
    server.route("/page", Reply(body="ok"))
    (result,) = run_fetches(server, ["/page"], retries=1)
    assert isinstance(result, BlockedURLError)
    assert result.kind == "robots"
    assert "503" in str(result)
    assert server.hits("/page") == []
    assert len(server.hits("/robots.txt")) == 2  # robots.txt itself was retried


def test_robots_ignored_when_asked(server: LocalServer) -> None:
    server.route("/robots.txt", Reply(body="User-agent: *\nDisallow: /\n"))
    server.route("/page", Reply(body="ok"))
    (result,) = run_fetches(server, ["/page"], respect_robots=False)
    assert getattr(result, "body", None) == b"ok"
    assert server.hits("/robots.txt") == []


def test_crawl_delay_spaces_requests(server: LocalServer) -> None:
    server.route("/robots.txt", Reply(body="User-agent: *\nCrawl-delay: 0.25\n"))
    for i in range(3):
        server.route(f"/p{i}", Reply(body="ok"))
    results = run_fetches(server, ["/p0", "/p1", "/p2"])
    assert all(getattr(r, "status", None) == 200 for r in results)
    times = [server.hits(f"/p{i}")[0].at for i in range(3)]
    assert min(gaps(times)) >= 0.22


def test_crawl_delay_is_capped(server: LocalServer) -> None:
    server.route("/robots.txt", Reply(body="User-agent: *\nCrawl-delay: 3600\n"))
    results = run_fetches(server, ["/a", "/b"], max_retry_after=0.2)
    assert all(getattr(r, "kind", None) == "http_status" for r in results)  # both 404, fast
    times = [server.hits("/a")[0].at, server.hits("/b")[0].at]
    assert 0.17 <= gaps(times)[0] < 1.0


@pytest.mark.parametrize("status", [401, 403, 410])
def test_robots_4xx_allows_everything(server: LocalServer, status: int) -> None:
    server.route("/robots.txt", Reply(status, "no"))
    server.route("/page", Reply(body="ok"))
    (result,) = run_fetches(server, ["/page"])
    assert getattr(result, "body", None) == b"ok"
