"""`kuaibao crawl`, `documents list` and `watch` as scripts call them."""

from __future__ import annotations

import json
import signal
from pathlib import Path

from kuaibao.store import Store
from tests.support import cli
from tests.support.pages import article, prose, rss
from tests.support.server import LocalServer, Reply


def _feed(server: LocalServer, names: list[str]) -> None:
    items = []
    for name in names:
        server.route(f"/a/{name}", Reply(body=article(f"Title {name}", prose(name))))
        items.append((server.url(f"/a/{name}"), f"Title {name}"))
    server.route("/rss", Reply(body=rss(items), content_type="application/rss+xml"))


def test_crawl_json_summary_and_documents_contract(server: LocalServer, tmp_path: Path) -> None:
    _feed(server, ["n1", "n2"])
    cli.init(tmp_path)
    cli.run("sources", "add", server.url("/rss"), "--allow-private", "--data-dir", str(tmp_path))
    summary = cli.run_json("crawl", "--json", "--data-dir", str(tmp_path))
    assert (summary["sources"], summary["stored"], summary["failed"]) == (1, 2, 0)
    docs = cli.run_json("--data-dir", str(tmp_path), "documents", "list", "--json")
    assert len(docs) == 2
    required = {"id", "url", "canonical_url", "title", "text", "language", "source", "published_at"}
    assert all(required <= set(d) for d in docs)
    assert {d["title"] for d in docs} == {"Title n1", "Title n2"}
    assert all(d["language"] == "en" and d["published_at"].startswith("2026-11") for d in docs)
    health = cli.run_json("sources", "check", "--json", "--data-dir", str(tmp_path))
    assert health[0]["status"] == "ok" and health[0]["last_error"] is None
    # Not due again yet: a plain crawl polls nothing.
    again = cli.run_json("crawl", "--json", "--data-dir", str(tmp_path))
    assert again["sources"] == 0


def test_watch_stops_cleanly_on_sigterm(server: LocalServer, tmp_path: Path) -> None:
    _feed(server, ["w1"])
    cli.init(tmp_path)
    cli.run("sources", "add", server.url("/rss"), "--allow-private", "--data-dir", str(tmp_path))
    child = cli.start("--data-dir", str(tmp_path), "watch", "--json")
    url = cli.sqlite_url(tmp_path)

    def stored() -> bool:
        st = Store(url, migrate=False)
        try:
            return st.documents.count() == 1
        finally:
            st.close()

    cli.wait_for(stored, timeout=60, what="the first watch pass")
    child.send_signal(signal.SIGTERM)
    out, err = child.communicate(timeout=20)
    assert child.returncode == 0, err
    assert json.loads(out)["stored"] == 1
