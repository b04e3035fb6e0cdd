"""Hostile sources crawled alongside healthy ones: one bad source costs the others nothing.

The crawl is the real ``kuaibao crawl`` in a child process, so its peak memory can be
read; the sites are real servers on 127.0.0.1.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from kuaibao.domain import Source, SourceKind
from kuaibao.store import Store
from tests.support import cli
from tests.support.bombs import brotli_bomb, double_gzip_bomb
from tests.support.pages import article, prose, rss
from tests.support.peak import run_with_peak_rss
from tests.support.server import LocalServer, Reply

NOW = datetime(2026, 11, 20, tzinfo=UTC)
HEALTHY = 4
ARTICLES = 3
PEAK_BOUND_MIB = 400  # measured about 160; each bomb alone expands to 1 GiB


def _healthy_site(server: LocalServer, site: int) -> str:
    items = []
    for n in range(ARTICLES):
        path = f"/s{site}/a{n}.html"
        server.route(path, Reply(body=article(f"Site {site} story {n}", prose(f"s{site}n{n}"))))
        items.append((server.url(path), f"Site {site} story {n}"))
    server.route(f"/s{site}/feed.xml", Reply(body=rss(items), content_type="application/rss+xml"))
    return f"/s{site}/feed.xml"


def _add(store: Store, server: LocalServer, path: str, name: str) -> int:
    source = Source(
        name=name,
        homepage=server.url("/"),
        kind=SourceKind.RSS,
        feed_url=server.url(path),
        allow_private=True,
    )
    stored = store.sources.add(source, now=NOW)
    assert stored.id is not None
    return stored.id


def test_bombs_cost_the_healthy_sources_nothing(server: LocalServer, tmp_path: Path) -> None:
    store = Store(cli.sqlite_url(tmp_path))
    healthy = [_add(store, server, _healthy_site(server, s), f"site {s}") for s in range(HEALTHY)]
    # A feed that is a bomb, and a healthy feed one of whose articles is a bomb.
    bomb = brotli_bomb(1024)
    server.route("/bomb/feed.xml", Reply(body=bomb, headers={"Content-Encoding": "br"}))
    bomb_feed = _add(store, server, "/bomb/feed.xml", "bomb feed")
    server.route(
        "/mixed/bomb.html",
        Reply(body=double_gzip_bomb(1024), headers={"Content-Encoding": "gzip, gzip"}),
    )
    server.route("/mixed/fine.html", Reply(body=article("Mixed fine", prose("mixed"))))
    items = [(server.url("/mixed/bomb.html"), "Bomb"), (server.url("/mixed/fine.html"), "Fine")]
    server.route("/mixed/feed.xml", Reply(body=rss(items), content_type="application/rss+xml"))
    mixed = _add(store, server, "/mixed/feed.xml", "mixed")
    store.close()

    argv = [sys.executable, "-m", "kuaibao", "crawl", "--json", "--data-dir", str(tmp_path)]
    proc, peak = run_with_peak_rss(argv, env=cli.env(KUAIBAO_FETCH_MAX_BODY_BYTES="10000000"))
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["stored"] == HEALTHY * ARTICLES + 1
    assert peak < PEAK_BOUND_MIB, f"peak RSS {peak} MiB"

    store = Store(cli.sqlite_url(tmp_path), migrate=False)
    try:
        for sid in healthy:
            assert store.documents.count(source_id=sid) == ARTICLES
        assert [d.url for d in store.documents.find(source_id=mixed)] == [items[1][0]]
        (rejected,) = store.documents.rejections(source_id=mixed)
        assert (rejected.url, rejected.reason) == (server.url("/mixed/bomb.html"), "too_large")
        health = store.sources.get(bomb_feed).health
        assert health.last_attempt is not None and health.consecutive_failures == 1
        assert "max_body_bytes" in (health.last_error or "")
    finally:
        store.close()


def test_adding_a_bomb_as_a_source_is_a_clear_error(server: LocalServer, tmp_path: Path) -> None:
    cli.init(tmp_path)
    server.route("/", Reply(body=brotli_bomb(1024), headers={"Content-Encoding": "br"}))
    argv = [sys.executable, "-m", "kuaibao", "sources", "add", server.url("/"), "--allow-private"]
    proc, peak = run_with_peak_rss([*argv, "--data-dir", str(tmp_path)], env=cli.env())
    assert proc.returncode == 1
    assert "max_body_bytes" in proc.stderr and "Traceback" not in proc.stderr
    assert peak < PEAK_BOUND_MIB, f"peak RSS {peak} MiB"
