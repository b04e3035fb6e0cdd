"""Exit statuses scripts, cron and systemd rely on, and refusing a store never initialised."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kuaibao.domain import Source, SourceKind
from kuaibao.store import Store
from tests.support import cli
from tests.support.pages import article, prose, rss
from tests.support.server import LocalServer, Reply

SOURCES_FAILING = 3
STORE_COMMANDS = [
    ("crawl", "--json"),
    ("watch", "--json"),
    ("sources", "list", "--json"),
    ("sources", "check", "--json"),
    ("sources", "import", "registry.yaml"),
    ("documents", "list", "--json"),
    ("triage", "--json"),
    ("search", "quantum"),
    ("users", "list"),
    ("serve", "--port", "1"),
]


def _register(data_dir: Path, server: LocalServer, *paths: str) -> None:
    """Initialise the data dir as `kuaibao init` does, and register feeds on ``server``."""
    cli.run("init", "--data-dir", str(data_dir))
    store = Store(cli.sqlite_url(data_dir))
    for path in paths:
        store.sources.add(
            Source(
                name=path,
                homepage=server.url("/"),
                kind=SourceKind.RSS,
                feed_url=server.url(path),
                allow_private=True,
            ),
            now=datetime.now(UTC),
        )
    store.close()


@pytest.mark.parametrize("command", STORE_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_commands_refuse_a_data_dir_never_initialised(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    (tmp_path / "registry.yaml").write_text("sources: []\n", encoding="utf-8")
    missing = tmp_path / "typo"
    args = [a.replace("registry.yaml", str(tmp_path / "registry.yaml")) for a in command]
    proc = cli.run(*args, "--data-dir", str(missing), check=False)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "kuaibao init --data-dir" in " ".join(proc.stderr.split())
    assert not missing.exists()  # nothing created where the user did not ask for it


def test_init_creates_the_store_and_then_commands_open_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    cli.run("init", "--data-dir", str(data))
    assert (data / "kuaibao.db").is_file()
    assert cli.run_json("sources", "list", "--json", "--data-dir", str(data)) == []


def test_database_url_without_the_schema_is_refused_until_init(postgres_url: str) -> None:
    proc = cli.run("--database-url", postgres_url, "sources", "list", check=False)
    assert proc.returncode == 1
    assert "kuaibao init --database-url" in " ".join(proc.stderr.split())
    cli.run("--database-url", postgres_url, "init")
    assert cli.run_json("--database-url", postgres_url, "sources", "list", "--json") == []


def test_crawl_exits_3_only_when_every_polled_source_failed(
    server: LocalServer, tmp_path: Path
) -> None:
    server.route("/down.xml", Reply(503, "down"))
    server.route("/broken.xml", Reply(body="<rss><channel><title>x<item></rss>"))
    server.route("/a/ok", Reply(body=article("Fine", prose("fine"))))
    server.route("/ok.xml", Reply(body=rss([(server.url("/a/ok"), "Fine")])))
    failing, mixed = tmp_path / "failing", tmp_path / "mixed"
    _register(failing, server, "/down.xml", "/broken.xml")
    _register(mixed, server, "/down.xml", "/ok.xml")

    proc = cli.run("crawl", "--all", "--json", "--data-dir", str(failing), check=False)
    assert proc.returncode == SOURCES_FAILING, proc.stderr
    assert '"failed_sources": 2' in proc.stdout  # the summary is still printed
    table = cli.run("crawl", "--all", "--data-dir", str(failing), check=False)
    assert table.returncode == SOURCES_FAILING
    assert "every polled source failed" in table.stderr

    assert cli.run("crawl", "--all", "--json", "--data-dir", str(mixed)).returncode == 0
    nothing_due = cli.run("crawl", "--json", "--data-dir", str(mixed))
    assert '"sources": 0' in nothing_due.stdout


def test_sources_check_exits_3_for_a_failing_source_and_shows_the_parse_error(
    server: LocalServer, tmp_path: Path
) -> None:
    server.route("/broken.xml", Reply(body='<?xml version="1.0"?>\n<rss><channel><title>x<item>'))
    server.route("/a/ok", Reply(body=article("Fine", prose("fine"))))
    server.route("/ok.xml", Reply(body=rss([(server.url("/a/ok"), "Fine")])))
    _register(tmp_path, server, "/ok.xml", "/broken.xml")
    cli.run("crawl", "--all", "--data-dir", str(tmp_path))
    once = cli.run("sources", "check", "--json", "--data-dir", str(tmp_path))
    assert once.returncode == 0  # one failed poll is a warning, not yet an alert
    for _ in range(2):
        cli.run("crawl", "--all", "--data-dir", str(tmp_path))
    proc = cli.run("sources", "check", "--json", "--data-dir", str(tmp_path), check=False)
    assert proc.returncode == SOURCES_FAILING
    health = {h["feed_url"]: h for h in cli.json.loads(proc.stdout)}
    broken = health[server.url("/broken.xml")]
    assert broken["status"] == "error" and "failing" in broken["flags"]
    assert "malformed" in broken["last_error"] and "line 2" in broken["last_error"]
    assert health[server.url("/ok.xml")]["status"] == "ok"
    cli.run("sources", "enable", str(broken["id"]), "--off", "--data-dir", str(tmp_path))
    paused = cli.run("sources", "check", "--data-dir", str(tmp_path), check=False)
    assert paused.returncode == 0  # a paused source is the analyst's choice, not an alert
