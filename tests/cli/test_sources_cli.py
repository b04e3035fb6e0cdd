"""`kuaibao sources …` as scripts call it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support import cli
from tests.support.pages import rss
from tests.support.server import LocalServer, Reply


def _site(server: LocalServer) -> None:
    server.route(
        "/",
        Reply(
            body=(
                "<html><head><title>Example Science Office</title>"
                '<link rel="alternate" type="application/rss+xml" title="Press releases" '
                'href="/press/rss.xml"></head><body><p>Hello</p></body></html>'
            )
        ),
    )
    server.route(
        "/press/rss.xml",
        Reply(body=rss([(server.url("/p/1"), "One")]), content_type="application/rss+xml"),
    )


def test_add_discovers_the_announced_feed(server: LocalServer, tmp_path: Path) -> None:
    _site(server)
    cli.init(tmp_path)
    added = cli.run_json(
        "sources", "add", server.url("/"), "--allow-private", "--json", "--data-dir", str(tmp_path)
    )
    assert added["feed_url"] == server.url("/press/rss.xml")
    assert added["kind"] == "rss"
    listed = cli.run_json("sources", "list", "--json", "--data-dir", str(tmp_path))
    assert [s["feed_url"] for s in listed] == [server.url("/press/rss.xml")]
    assert listed[0]["allow_private"] is True


def test_add_refuses_loopback_without_allow_private(server: LocalServer, tmp_path: Path) -> None:
    _site(server)
    cli.init(tmp_path)
    proc = cli.run("sources", "add", server.url("/"), "--data-dir", str(tmp_path), check=False)
    assert proc.returncode != 0
    assert "allow_private" in proc.stderr.replace("-", "_")
    assert server.requests == []


def test_export_import_round_trip_yaml_and_opml(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    cli.run("init", "--with-defaults", "--data-dir", str(first))
    original = cli.run_json("sources", "list", "--json", "--data-dir", str(first))
    assert len(original) >= 40
    for fmt in ("yaml", "opml"):
        out = tmp_path / f"registry.{fmt}"
        cli.run(
            "sources", "export", "--format", fmt, "--output", str(out), "--data-dir", str(first)
        )
        target = second / fmt
        cli.init(target)
        summary = cli.run_json("sources", "import", str(out), "--json", "--data-dir", str(target))
        assert summary["added"] == len(original) and summary["errors"] == []
        again = cli.run_json("sources", "list", "--json", "--data-dir", str(target))
        keys = ("name", "feed_url", "kind", "country", "org_type", "tier", "language")
        assert [[s[k] for k in keys] for s in again] == [[s[k] for k in keys] for s in original]


def test_import_reports_bad_entries_and_keeps_good_ones(tmp_path: Path) -> None:
    cli.init(tmp_path / "d")
    registry = tmp_path / "r.yaml"
    registry.write_text(
        "sources:\n"
        "  - {name: Good, homepage: 'https://good.example/', kind: rss,"
        " feed_url: 'https://good.example/rss'}\n"
        "  - {name: Bad, homepage: 'ftp://bad', kind: telepathy, feed_url: 'nope'}\n",
        encoding="utf-8",
    )
    summary = cli.run_json(
        "sources", "import", str(registry), "--json", "--data-dir", str(tmp_path / "d")
    )
    assert summary["added"] == 1
    assert len(summary["errors"]) == 1 and "Bad" in summary["errors"][0]


def test_env_var_selects_the_data_dir(tmp_path: Path) -> None:
    cli.run("init", "--with-defaults", extra_env={"KUAIBAO_DATA_DIR": str(tmp_path / "env")})
    assert (tmp_path / "env" / "kuaibao.db").is_file()
    listed = cli.run_json(
        "sources", "list", "--json", extra_env={"KUAIBAO_DATA_DIR": str(tmp_path / "env")}
    )
    assert len(listed) >= 40


OPML = Path(__file__).resolve().parents[1] / "sources" / "opml"


def test_import_of_a_faulty_reader_export_keeps_folders_as_filterable_tags(
    tmp_path: Path,
) -> None:
    cli.init(tmp_path)
    data = ["--data-dir", str(tmp_path)]
    summary = cli.run_json("sources", "import", str(OPML / "feedly.opml"), "--json", *data)
    assert (summary["added"], summary["errors"]) == (4, [])
    assert summary["warnings"] and "not well-formed" in summary["warnings"][0]
    policy = cli.run_json("sources", "list", "--tag", "policy", "--json", *data)
    assert sorted(s["name"] for s in policy) == ["NSF News", "Nature"]
    nature = next(s for s in policy if s["name"] == "Nature")
    assert nature["tags"] == ["Science & Technology", "Policy"]
    table = cli.run("sources", "list", *data).stdout
    assert "Science & Technology, Policy" in table
    summary = cli.run_json("sources", "import", str(OPML / "thunderbird.opml"), "--json", *data)
    assert (summary["added"], summary["errors"], summary["warnings"]) == (3, [], [])
    listed = cli.run_json("sources", "list", "--tag", "半导体", "--json", *data)
    assert {s["name"]: s["homepage"] for s in listed} == {
        "SEMI News": None,
        "EE Times": "https://www.eetimes.com/",
    }


def test_json_is_printed_also_when_the_import_fails(tmp_path: Path) -> None:
    cli.init(tmp_path / "d")
    bad = tmp_path / "feeds.opml"
    bad.write_text("<html><body>not a feed list</body></html>", encoding="utf-8")
    proc = cli.run(
        "sources", "import", str(bad), "--json", "--data-dir", str(tmp_path / "d"), check=False
    )
    assert proc.returncode == 1
    summary = json.loads(proc.stdout)
    assert summary["added"] == 0 and "not an OPML file" in summary["errors"][0]


def test_names_from_the_file_are_not_read_as_console_markup(tmp_path: Path) -> None:
    cli.init(tmp_path)
    registry = tmp_path / "r.yaml"
    registry.write_text(
        "sources:\n  - {name: '[bold]x[/]', homepage: 'ftp://bad', kind: rss,"
        " feed_url: 'https://x.example/rss'}\n",
        encoding="utf-8",
    )
    proc = cli.run("sources", "import", str(registry), "--data-dir", str(tmp_path), check=False)
    assert "[bold]x[/]" in proc.stdout


def test_time_zone_is_set_on_add_changed_by_edit_and_survives_export(
    server: LocalServer, tmp_path: Path
) -> None:
    cli.init(tmp_path)
    _site(server)
    data = ("--data-dir", str(tmp_path))
    added = cli.run_json(
        "sources", "add", server.url("/"), "--allow-private", "--country", "CN",
        "--timezone", "asia/hong_kong", "--json", *data,
    )  # fmt: skip
    assert (added["country"], added["timezone"]) == ("CN", "Asia/Hong_Kong")
    edited = cli.run_json("sources", "edit", str(added["id"]), "--timezone", "", "--json", *data)
    assert edited["timezone"] is None and edited["country"] == "CN"
    shown = cli.run("sources", "edit", str(added["id"]), "--timezone", "Europe/Berlin", *data)
    assert "Europe/Berlin" in shown.stdout
    out = tmp_path / "registry.yaml"
    cli.run("sources", "export", "--output", str(out), *data)
    assert "timezone: Europe/Berlin" in out.read_text(encoding="utf-8")


def test_a_bad_time_zone_is_refused_with_what_is_expected(
    server: LocalServer, tmp_path: Path
) -> None:
    cli.init(tmp_path)
    _site(server)
    data = ("--data-dir", str(tmp_path))
    proc = cli.run(
        "sources", "add", server.url("/"), "--allow-private", "--timezone", "CST", *data,
        check=False,
    )  # fmt: skip
    assert proc.returncode != 0 and "IANA" in proc.stderr
    assert server.requests == []  # refused before any fetch
    added = cli.run_json("sources", "add", server.url("/"), "--allow-private", "--json", *data)
    proc = cli.run("sources", "edit", str(added["id"]), "--timezone", "Asia/Beijing", *data,
                   check=False)  # fmt: skip
    assert proc.returncode != 0 and "Asia/Shanghai" in proc.stderr


def test_region_is_set_on_add_changed_by_edit_and_survives_export(
    server: LocalServer, tmp_path: Path
) -> None:
    cli.init(tmp_path)
    _site(server)
    data = ("--data-dir", str(tmp_path))
    added = cli.run_json(
        "sources", "add", server.url("/"), "--allow-private", "--country", "CN",
        "--region", "云岚省", "--json", *data,
    )  # fmt: skip
    assert added["region"] == "云岚省"
    edited = cli.run_json(
        "sources", "edit", str(added["id"]), "--region", "云岚省岚州市", "--json", *data
    )
    assert edited["region"] == "云岚省岚州市"
    out = tmp_path / "registry.yaml"
    cli.run("sources", "export", "--output", str(out), *data)
    assert "region: 云岚省岚州市" in out.read_text(encoding="utf-8")
    proc = cli.run("sources", "edit", str(added["id"]), "--region", "Yunlan", *data, check=False)
    assert proc.returncode != 0 and "云岚省" in proc.stderr
    cleared = cli.run_json("sources", "edit", str(added["id"]), "--region", "", "--json", *data)
    assert cleared["region"] is None
