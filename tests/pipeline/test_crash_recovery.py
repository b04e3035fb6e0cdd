"""A crawl killed with SIGKILL loses nothing it committed; the next run finishes the job."""

from __future__ import annotations

import signal
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, text

from kuaibao.domain import Source, SourceKind
from kuaibao.store import Store
from tests.support import cli
from tests.support.pages import article, prose, rss
from tests.support.server import LocalServer, Reply, Request

N = 24


def _count(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("select count(*) from documents")).scalar() or 0)
    except Exception:  # the table may not exist yet while the child migrates
        return 0
    finally:
        engine.dispose()


def _kill_mid_crawl(server: LocalServer, tmp_path: Path) -> str:
    """Register the server's feed in a new store, start a crawl and SIGKILL it once a few
    documents are committed; the store's URL."""
    url = cli.sqlite_url(tmp_path)
    store = Store(url)
    store.sources.add(
        Source(
            name="slow",
            homepage=server.url("/"),
            kind=SourceKind.RSS,
            feed_url=server.url("/feed.xml"),
            allow_private=True,
        ),
        now=datetime.now(UTC),
    )
    store.close()
    child = cli.start("--data-dir", str(tmp_path), "crawl", "--all", "--json")
    cli.wait_for(lambda: _count(url) >= 4, timeout=60, what="some documents committed")
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    return url


def test_sigkill_mid_crawl_then_rerun_completes_without_duplicates(
    server: LocalServer, tmp_path: Path
) -> None:
    items = []
    for i in range(N):
        path = f"/n/{i}.html"
        server.route(path, Reply(body=article(f"Item {i}", prose(f"item{i}")), delay=0.15))
        items.append((server.url(path), f"Item {i}"))
    server.route(
        "/feed.xml",
        Reply(body=rss(items), content_type="application/rss+xml", headers={"ETag": '"same"'}),
    )
    url = _kill_mid_crawl(server, tmp_path)
    before = _count(url)
    assert 0 < before < N

    cli.run("--data-dir", str(tmp_path), "crawl", "--all", "--json")
    store = Store(url)
    docs = store.documents.find()
    store.close()
    assert len(docs) == N
    assert len({d.canonical_url for d in docs}) == N
    refetched = sum(len(server.hits(f"/n/{i}.html")) for i in range(N)) - N
    assert refetched <= N - before  # committed pages were not fetched again


def _ids(url: str) -> set[int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {int(i) for i in conn.execute(text("select id from documents")).scalars()}
    finally:
        engine.dispose()


def test_sigkill_between_full_content_feed_batches_loses_nothing_committed(
    server: LocalServer, tmp_path: Path
) -> None:
    feeds, per_feed = 20, 3  # enough feeds that an idle machine parses them in workers
    url = cli.sqlite_url(tmp_path)
    store = Store(url)
    for f in range(feeds):
        items = [(server.url(f"/f{f}/{i}.html"), f"Story {f}-{i}") for i in range(per_feed)]
        bodies = ["".join(f"<p>{p}</p>" for p in prose(f"f{f}i{i}")) for i in range(per_feed)]
        server.route(
            f"/feed{f}.xml",
            Reply(
                body=rss(items, content=bodies),
                content_type="application/rss+xml",
                headers={"ETag": f'"v{f}"'},
                delay=0.1 + 0.05 * f,
            ),
        )
        store.sources.add(
            Source(
                name=f"feed {f}",
                homepage=server.url("/"),
                kind=SourceKind.RSS,
                feed_url=server.url(f"/feed{f}.xml"),
                allow_private=True,
                fetch_articles=False,
            ),
            now=datetime.now(UTC),
        )
    store.close()

    child = cli.start("--data-dir", str(tmp_path), "crawl", "--all", "--json")
    cli.wait_for(lambda: _count(url) >= per_feed, timeout=60, what="a feed's batch committed")
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    committed = _ids(url)
    assert 0 < len(committed) < feeds * per_feed
    assert len(committed) % per_feed == 0  # whole feeds or nothing

    cli.run("--data-dir", str(tmp_path), "crawl", "--all", "--json")
    store = Store(url)
    docs = store.documents.find()
    store.close()
    assert committed <= {d.id for d in docs}
    assert len(docs) == feeds * per_feed
    assert len({d.canonical_url for d in docs}) == feeds * per_feed


def test_sigkill_mid_poll_with_a_dead_link_loses_nothing_and_then_keeps_conditional_get(
    server: LocalServer, tmp_path: Path
) -> None:
    """Validators are now saved although an article failed; a kill must still lose nothing."""
    items = []
    for i in range(N):
        path = f"/n/{i}.html"
        server.route(path, Reply(body=article(f"Item {i}", prose(f"item{i}")), delay=0.15))
        items.append((server.url(path), f"Item {i}"))
    server.route("/n/dead.html", Reply(503, "down"))
    items.append((server.url("/n/dead.html"), "Dead"))

    def feed(req: Request) -> Reply:
        if req.headers.get("if-none-match") == '"same"':
            return Reply(304, b"", headers={"ETag": '"same"'})
        return Reply(
            body=rss(items), content_type="application/rss+xml", headers={"ETag": '"same"'}
        )

    server.route("/feed.xml", feed)
    url = _kill_mid_crawl(server, tmp_path)
    assert 0 < _count(url) < N

    cli.run("--data-dir", str(tmp_path), "crawl", "--all", "--json")
    store = Store(url)
    assert store.documents.count() == N
    assert [r.url for r in store.retries.all()] == [server.url("/n/dead.html")]
    store.close()
    third = cli.run_json("--data-dir", str(tmp_path), "crawl", "--all", "--json")
    assert third["per_source"][0]["status"] == "not_modified"
