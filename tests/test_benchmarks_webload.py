"""The web load test at a tiny size: the archive builder fills a real store, and the load
driver runs the real app (``kuaibao serve``) and counts what it got. No timing asserts:
speed is the benchmark's business."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from benchmarks import webload
from benchmarks.webload_corpus import Archive, build_archive, cached_sqlite

from kuaibao.domain import Source, SourceKind
from kuaibao.store import Store

STORIES = 200


@pytest.fixture(scope="module")
def sqlite_archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Archive]:
    """One small archive for the module's SQLite tests (building one takes seconds)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('webload') / 'kuaibao.db'}"
    return url, build_archive(url, STORIES, workers=1)


def test_sqlite_archive_holds_what_triage_and_search_show(
    sqlite_archive: tuple[str, Archive],
) -> None:
    check_archive(*sqlite_archive)


@pytest.mark.postgres
def test_postgres_archive_holds_what_triage_and_search_show(postgres_url: str) -> None:
    check_archive(postgres_url, build_archive(postgres_url, STORIES, workers=1))
    store = Store(postgres_url)
    try:  # the bulk insert gave explicit ids: the sequences must have caught up
        assert (
            store.sources.add(
                Source(
                    name="new",
                    homepage="https://n.example/",
                    kind=SourceKind.RSS,
                    feed_url="https://n.example/feed",
                ),
                now=datetime.now(UTC),
            ).id
            == 401
        )
    finally:
        store.close()


def check_archive(url: str, archive: Archive) -> None:
    """Ranked stories of 1–3 documents, items, both bulletins, everything searchable."""
    store = Store(url)
    try:
        assert store.stories.count() == STORIES == archive.stories
        assert STORIES < store.documents.count() == archive.documents <= 3 * STORIES
        assert store.items.count() == archive.items > 0
        assert store.search.count() == archive.documents + archive.items
        best = store.stories.ranked(limit=5)
        assert [s.score for s in best] == sorted((s.score for s in best), reverse=True)
        story = best[0]
        assert story.ranking.signals["relevance"] == pytest.approx(story.relevance, abs=1e-3)
        assert any("source" in r for r in story.ranking.reasons)
        assert story.reasons[0].startswith("relevance")
        assert 1 <= len(story.document_ids) <= 3
        assert story.domain in archive.domains
        bulletins = {b.state.value: n for b, n in store.bulletins.all()}
        assert set(bulletins) == {"published", "open"}
        assert store.search.search(archive.queries[0], limit=1)
    finally:
        store.close()


def test_the_same_seed_builds_the_same_archive(tmp_path: Path) -> None:
    first = build_archive(f"sqlite:///{tmp_path / 'a.db'}", 50, workers=1)
    second = build_archive(f"sqlite:///{tmp_path / 'b.db'}", 50, workers=1)

    assert (first.documents, first.items, first.queries) == (
        second.documents,
        second.items,
        second.queries,
    )


def test_cached_archive_is_reused_until_rebuilt(tmp_path: Path) -> None:
    path, archive, cached = cached_sqlite(30, tmp_path, workers=1)
    again, _, cached_again = cached_sqlite(30, tmp_path, workers=1)
    _, _, rebuilt = cached_sqlite(30, tmp_path, rebuild=True, workers=1)

    assert (cached, cached_again, rebuilt) == (False, True, False)
    assert again == path and path.is_file() and archive.stories == 30


def test_load_run_drives_every_served_route_and_reports(
    sqlite_archive: tuple[str, Archive],
) -> None:
    url, archive = sqlite_archive
    args = webload.parse_args(["--users", "5", "--requests", "4", "--think", "0", "--alone", "1"])

    run = webload.load_run(url, "sqlite", archive, args)

    assert len(run.samples) == 5 * 4
    assert all(s.status for s in run.samples), [s.error for s in run.samples if s.error]
    assert [s.error for s in run.samples if s.error] == []
    assert run.server_peak_rss > 0
    figures = webload.run_figures(run)
    routes = figures["routes"]
    assert sum(r["requests"] for k, r in routes.items() if k != webload.FIRST_SEARCH) == 20
    first = [s for s in run.samples if s.first_asked]
    assert routes.get(webload.FIRST_SEARCH, {"requests": 0})["requests"] == len(first)
    assert all(webload.search_key(s.label.split()[1]) is not None for s in first)
    report = webload.build_report({"sqlite": figures}, {"sqlite": archive}, "not asked", args)
    assert [t.name for t in report.targets][:2] == [
        "sqlite worst route p95 ms",
        "sqlite errors",
    ]
    assert report.targets[1].passed is True
    assert report.targets[2].passed is None  # PostgreSQL not measured: SKIP, not FAIL


def test_mix_leaves_out_routes_the_app_does_not_serve() -> None:
    archive = Archive(
        version=1, stories=10, documents=10, items=0, sources=4, anchor="2026-01-01T00:00:00",
        domains=["能源"], sections=["产业动态"], queries=["battery"], countries=["CN"],
    )  # fmt: skip
    mix = webload.Mix(archive, {"/", "/api/dashboard", "/api/health"}, random.Random(1))

    assert set(mix.labels) == {"GET / (dashboard)", "GET /api/dashboard", webload.HEALTH}
    assert "GET /search?q=" in mix.left_out
    assert {mix.next().label for _ in range(50)} == set(mix.labels)


def test_searches_are_the_same_when_the_app_would_answer_them_alike() -> None:
    key = webload.search_key
    assert key("/search?q=quantum&page=2") == key("/api/search?page=2&q=+quantum+")
    assert key("/search?q=quantum") != key("/search?q=quantum&page=2")
    assert key("/search?q=quantum") != key("/search?q=quantum&kind=item")
    assert key("/triage?q=quantum") is None and key("/api/health") is None


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert webload.percentile(values, 0.95) == 95.0
    assert webload.percentile(values, 0.5) == 50.0
    assert webload.percentile([3.0], 0.99) == 3.0


def test_more_server_workers_run_the_same_app_under_uvicorn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = webload.server_command("sqlite:///x.db", tmp_path, 8000, 1)
    two = webload.server_command("sqlite:///x.db", tmp_path, 8000, 2)
    assert one[1:4] == ["-m", "kuaibao", "serve"]
    assert two[1:5] == ["-m", "uvicorn", "--factory", webload.FACTORY]
    assert two[-2:] == ["--workers", "2"]

    monkeypatch.setenv("KUAIBAO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KUAIBAO_DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    app = webload.app_from_environment()
    assert "/api/health" in app.openapi()["paths"]
