"""What the real web does to a crawl: dead links, broken feeds, hostile URLs, stalled hosts.

Real HTTP servers on 127.0.0.1 and real databases, as in test_crawl.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kuaibao import phrases
from kuaibao.config import Settings
from kuaibao.pipeline import crawl as crawl_module
from kuaibao.pipeline.crawl import crawl
from kuaibao.pipeline.health import check_sources
from kuaibao.pipeline.retries import GAVE_UP, MAX_ATTEMPTS
from kuaibao.store import Store
from tests.pipeline.test_crawl import FAST, register, serve_articles, settings
from tests.support.pages import prose, rss
from tests.support.server import LocalServer, Reply, Request, local_server

ETAG = '"v1"'


def _conditional(body: str) -> Any:
    """A feed handler that answers 304 to its own ETag, as real servers do."""

    def handler(req: Request) -> Reply:
        if req.headers.get("if-none-match") == ETAG:
            return Reply(304, b"", headers={"ETag": ETAG})
        return Reply(body=body, content_type="application/rss+xml", headers={"ETag": ETAG})

    return handler


def _make_due(store: Store, url: str) -> None:
    """Move a retry's next attempt into the past, as time passing would."""
    record = store.retries.get(url)
    assert record is not None
    past = datetime.now(UTC) - timedelta(seconds=1)
    store.retries.save(replace(record, next_attempt_at=past))


def test_dead_link_keeps_conditional_get_and_is_retried_after_304s(
    store: Store, server: LocalServer, tmp_path: Path
) -> None:
    items = serve_articles(server, ["alive"])
    dead_url = server.url("/news/dead.html")
    state = {"dead": True}

    def dead(_req: Request) -> Reply:
        if state["dead"]:
            return Reply(503, "try later")
        return serve_articles(server, ["dead"]) and server.routes["/news/dead.html"](_req)

    server.route("/news/gone.html", Reply(404, "gone"))
    items += [(dead_url, "Dead"), (server.url("/news/gone.html"), "Gone")]
    server.route("/feed.xml", _conditional(rss(items)))
    server.route("/news/dead.html", dead)
    register(store, server)

    first = crawl(store, settings(tmp_path), due_only=False)
    outcome = first.sources[0]
    assert (outcome.stored, outcome.failed, outcome.rejected) == (1, 1, 1)
    assert {r.url: r.reason for r in store.documents.rejections()} == {
        server.url("/news/gone.html"): "http_404"  # permanent at once, no retry record
    }
    (record,) = store.retries.all()
    assert (record.url, record.attempts, record.last_reason) == (dead_url, 1, "http_503")

    # The feed's validators were saved although an article failed: the next pass is a 304,
    # and the dead page waits for its back-off.
    dead_hits = len(server.hits("/news/dead.html"))
    second = crawl(store, settings(tmp_path), due_only=False)
    assert second.sources[0].status == "not_modified"
    assert server.hits("/feed.xml")[-1].headers.get("if-none-match") == ETAG
    assert len(server.hits("/news/dead.html")) == dead_hits

    # Once due it is tried again though the feed still answers 304.
    _make_due(store, dead_url)
    third = crawl(store, settings(tmp_path), due_only=False)
    assert third.sources[0].status == "not_modified" and third.sources[0].retried == 1
    assert len(server.hits("/news/dead.html")) > dead_hits
    again = store.retries.get(dead_url)
    assert again is not None and again.attempts == 2

    # The page comes back: stored, and its retry record is gone.
    state["dead"] = False
    _make_due(store, dead_url)
    fourth = crawl(store, settings(tmp_path), due_only=False)
    assert fourth.sources[0].stored == 1
    assert store.retries.all() == []
    assert store.documents.count() == 2


def test_a_link_dead_for_good_is_given_up_with_a_stored_reason(
    store: Store, server: LocalServer, tmp_path: Path
) -> None:
    dead_url = server.url("/news/dead.html")
    server.route("/news/dead.html", Reply(500, "broken"))
    server.route("/feed.xml", _conditional(rss([(dead_url, "Dead")])))
    register(store, server)
    crawl(store, settings(tmp_path), due_only=False)
    for _ in range(MAX_ATTEMPTS - 1):
        _make_due(store, dead_url)
        crawl(store, settings(tmp_path), due_only=False)
    assert store.retries.all() == []
    (rejection,) = store.documents.rejections()
    assert (rejection.url, rejection.reason) == (dead_url, GAVE_UP)
    assert f"{MAX_ATTEMPTS} failed passes" in (rejection.detail or "")
    assert "http_500" in (rejection.detail or "")
    hits = len(server.hits("/news/dead.html"))
    crawl(store, settings(tmp_path), due_only=False)
    assert len(server.hits("/news/dead.html")) == hits  # never fetched again


def test_malformed_feed_fails_with_line_and_column_and_counts_in_health(
    store: Store, server: LocalServer, tmp_path: Path
) -> None:
    ((link, _title),) = serve_articles(server, ["one"])
    broken = (  # the channel's <title> is never closed
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>News\n'
        f"<item><title>One</title><link>{link}</link></item></channel></rss>"
    )
    server.route("/broken.xml", Reply(body=broken, content_type="application/rss+xml"))
    sid = register(store, server, "/broken.xml")
    report = crawl(store, settings(tmp_path), due_only=False)
    (outcome,) = report.sources
    assert outcome.status == "failed"
    assert "malformed" in (outcome.error or "") and "line 3, column" in (outcome.error or "")
    (health,) = check_sources(store, datetime.now(UTC))
    assert health.source.id == sid
    assert health.source.health.consecutive_failures == 1
    assert "line 3, column" in (health.as_dict()["last_error"] or "")
    found = phrases.match(health.as_dict()["last_error"] or "")  # shown translated on the pages
    assert found is not None and found[0] is phrases.FEED_MALFORMED
    assert "last_poll_failed" in health.flags


def test_damaged_feed_that_still_gives_entries_is_a_warning_with_them_stored(
    store: Store, server: LocalServer, tmp_path: Path
) -> None:
    items = serve_articles(server, ["first", "second"])
    damaged = rss(items).replace("</channel></rss>", "<item><title>cut")  # truncated
    server.route("/feed.xml", Reply(body=damaged, content_type="application/rss+xml"))
    register(store, server)
    (outcome,) = crawl(store, settings(tmp_path), due_only=False).sources
    assert outcome.status == "warning"
    assert outcome.stored == 2
    assert "line" in (outcome.error or "")
    (health,) = check_sources(store, datetime.now(UTC))
    assert health.source.health.consecutive_failures == 0


def test_hostile_links_are_dropped_as_data_and_the_crawl_goes_on(
    store: Store, server: LocalServer, tmp_path: Path
) -> None:
    items = serve_articles(server, ["fine"])
    items += [
        ("http://127.0.0.1:99999/overflow.html", "port above 65535"),
        ("http://127.0.0.1:0/zero.html", "port zero"),
        ("http://xn--/bad-idna.html", "host that is not IDNA"),
        (server.url("/" + "a" * 2100), "too long for the store"),
    ]
    server.route("/feed.xml", Reply(body=rss(items), content_type="application/rss+xml"))
    server.route("/other.xml", Reply(body=rss(serve_articles(server, ["other"]))))
    register(store, server)
    register(store, server, "/other.xml", name="other")
    report = crawl(store, settings(tmp_path), due_only=False)
    assert [o.status for o in report.sources] == ["ok", "ok"]
    assert report.sources[0].entries == 1
    assert store.documents.count() == 2


def test_an_exception_from_one_entry_is_that_entrys_rejection(
    store: Store, server: LocalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = serve_articles(server, ["good", "poison"])
    server.route("/feed.xml", Reply(body=rss(items), content_type="application/rss+xml"))
    register(store, server)
    real = crawl_module.build_document

    def fragile(**kw: Any) -> Any:
        if "poison" in kw["url"]:
            raise OverflowError("a parser bug hostile input found")
        return real(**kw)

    monkeypatch.setattr(crawl_module, "build_document", fragile)
    (outcome,) = crawl(store, settings(tmp_path), due_only=False).sources
    assert (outcome.status, outcome.stored, outcome.rejected) == ("ok", 1, 1)
    (rejection,) = store.documents.rejections()
    assert rejection.reason == "extract_failed" and "OverflowError" in (rejection.detail or "")


def test_an_exception_from_one_source_fails_only_that_source(
    store: Store, server: LocalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.route("/a.xml", Reply(body=rss(serve_articles(server, ["a"]))))
    server.route("/b.xml", Reply(body=rss(serve_articles(server, ["b"]))))
    bad = register(store, server, "/a.xml", name="a")
    good = register(store, server, "/b.xml", name="b")
    real = crawl_module.entries_from_response

    async def fragile(fetcher: Any, source: Any, result: Any, **kw: Any) -> Any:
        if source.id == bad:
            raise RecursionError("deeply nested hostile markup")
        return await real(fetcher, source, result, **kw)

    monkeypatch.setattr(crawl_module, "entries_from_response", fragile)
    report = crawl(store, settings(tmp_path), due_only=False)
    status = {o.source_id: o.status for o in report.sources}
    assert status == {bad: "failed", good: "ok"}
    assert "RecursionError" in (store.sources.get(bad).health.last_error or "")


def test_a_stalled_host_is_cut_at_the_source_deadline_and_resumes_next_pass(
    store: Store, server: LocalServer, tmp_path: Path
) -> None:
    state = {"stalled": True}
    items = serve_articles(server, ["slow"])
    ok_page = server.routes["/news/slow.html"]

    def slow(req: Request) -> Reply:
        if state["stalled"]:
            return Reply(503, "busy", headers={"Retry-After": "99999"})
        return ok_page(req)

    server.route("/news/slow.html", slow)
    server.route("/feed.xml", _conditional(rss(items)))
    stalled = register(store, server, name="stalled")
    tight = Settings(data_dir=tmp_path, fetch=replace(FAST, retries=2, source_deadline=1.0))
    with local_server() as elsewhere:  # Retry-After pauses the whole host, so another one
        elsewhere.route("/other.xml", Reply(body=rss(serve_articles(elsewhere, ["quick"]))))
        other = register(store, elsewhere, "/other.xml", name="other")
        report = crawl(store, tight, due_only=False)
    status = {o.source_id: o.status for o in report.sources}
    assert status == {stalled: "partial", other: "ok"}
    assert "deadline" in (store.sources.get(stalled).health.last_error or "")
    found = phrases.match(store.sources.get(stalled).health.last_error or "")
    assert found is not None and found[0] is phrases.SOURCE_DEADLINE
    assert store.documents.count(source_id=other) == 1
    # The page cut short backs off like any passing failure, so a page that stalls on
    # every pass cannot hold its feed to the deadline for ever.
    (cut,) = store.retries.all()
    assert (cut.url, cut.last_reason) == (server.url("/news/slow.html"), "deadline")

    state["stalled"] = False
    _make_due(store, cut.url)
    again = crawl(store, tight, due_only=False)
    assert {o.source_id: o.status for o in again.sources}[stalled] == "ok"
    assert store.documents.count(source_id=stalled) == 1
    # The cut pass saved no validators, so the feed was read in full, not answered 304.
    assert server.hits("/feed.xml")[1].headers.get("if-none-match") is None


def test_a_feed_trickling_its_body_is_cut_at_the_deadline_without_holding_the_others(
    store: Store, server: LocalServer, tmp_path: Path
) -> None:
    slow_feed = rss(serve_articles(server, ["late"])).encode() + b" " * (3 * 65536)
    server.route("/slow.xml", Reply(body=slow_feed, chunk_delay=1.5))  # below read_timeout
    server.route("/other.xml", Reply(body=rss(serve_articles(server, ["quick"]))))
    slow = register(store, server, "/slow.xml", name="slow")
    other = register(store, server, "/other.xml", name="other")
    tight = Settings(data_dir=tmp_path, fetch=replace(FAST, source_deadline=1.0))
    report = crawl(store, tight, due_only=False)
    assert {o.source_id: o.status for o in report.sources} == {slow: "partial", other: "ok"}
    assert store.documents.count(source_id=other) == 1


def test_an_exception_building_one_full_content_entry_rejects_only_that_entry(
    store: Store, server: LocalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kuaibao.pipeline import workers

    items = [(server.url(f"/full/{n}.html"), f"Story {n}") for n in ("kept", "poison")]
    bodies = ["".join(f"<p>{p}</p>" for p in prose(n)) for n in ("kept", "poison")]
    server.route("/feed.xml", Reply(body=rss(items, content=bodies)))
    register(store, server, fetch_articles=False)
    real = workers.document_from_entry

    def fragile(entry: Any, **kw: Any) -> Any:
        if "poison" in entry.url:
            raise RecursionError("content nested past the parser's stack")
        return real(entry, **kw)

    monkeypatch.setattr(workers, "document_from_entry", fragile)
    (outcome,) = crawl(store, settings(tmp_path), due_only=False).sources
    assert (outcome.status, outcome.stored, outcome.rejected) == ("ok", 1, 1)
    (rejection,) = store.documents.rejections()
    assert rejection.reason == "extract_failed" and "RecursionError" in (rejection.detail or "")
    assert server.hits("/full/poison.html") == []  # rejected, not fetched as a teaser


def test_an_entry_that_trips_the_feed_reader_costs_only_itself(
    store: Store, server: LocalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kuaibao.fetch import feeds

    items = serve_articles(server, ["kept", "poison"])
    server.route("/feed.xml", Reply(body=rss(items), content_type="application/rss+xml"))
    register(store, server)
    real = feeds._author

    def fragile(raw: Any) -> Any:
        if "poison" in str(raw.get("link")):
            raise UnicodeError("a value no codec takes")
        return real(raw)

    monkeypatch.setattr(feeds, "_author", fragile)
    (outcome,) = crawl(store, settings(tmp_path), due_only=False).sources
    assert (outcome.status, outcome.entries, outcome.stored) == ("warning", 1, 1)
    assert "1 entries could not be read (UnicodeError" in (outcome.error or "")
