"""The web app under load: triage and search pages with 50 users, SQLite and PostgreSQL.

An archive of 100,000 ranked stories (``webload_corpus.py``: 1–3 documents each, items,
a published and an open bulletin, everything in the search index) is served by the real
app, ``kuaibao serve``, as a separate process on 127.0.0.1 (one process, the only way
``kuaibao serve`` runs; ``--server-workers N`` tries uvicorn's workers on the same app).
Fifty users, each an ``httpx.AsyncClient`` with keep-alive signed in once through
``POST /api/login``, then make requests in turn over a mix of the triage page (first
page, filtered, later pages), the search page (Chinese and English words from the
archive), their JSON twins and the dashboard, thinking 0–4 s between two requests
(``--think``). Every request's latency is its own: from sending to the last byte read.
Before the load, each route is timed alone, with the server CPU it costs.

The app keeps recent search answers for a few seconds (``web.search.pages``), and the
mix repeats searches as analysts do (paging, the page and its JSON twin). So the report
has one more row, ``search, first time asked``: the searches no user had made before in
the run, which no cache answered. It counts toward the target like the routes.

``GET /api/health`` is part of the mix as the peer: the framework's floor under the
same load (routing, middleware, one tiny query), so ``p95 / health`` shows what each
page costs above it. Targets: p95 below 200 ms on every route, no errors.

Run: ``python -m benchmarks webload [--quick] [--json]``; ``--help`` for the options.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import httpx

from benchmarks.databases import postgres_schema, postgres_unavailable, postgres_url, schema_url
from benchmarks.measure import MB, Report, Target, below, clean_env, emit, equal, log
from benchmarks.webload_corpus import (
    CORPUS_VERSION,
    Archive,
    build_archive,
    cached_sqlite,
    default_cache_dir,
    fresh_archive,
)

TARGET_P95_MS = 200.0
USER_NAME = "webload"
PASSWORD = "webload-password"  # a throw-away account on a benchmark store
# Cheap argon2 for the 50 logins (they are not measured); production uses the defaults.
PASSWORD_SETTINGS = {"WEB_PASSWORD_TIME_COST": "1", "WEB_PASSWORD_MEMORY_KIB": "8192"}
HEALTH = "health"
FACTORY = "benchmarks.webload:app_from_environment"
THINK = 2.0  # mean seconds between one user's requests (uniform 0 to twice this)
PAGE = 50  # stories per triage page (the app's default)
START_TIMEOUT = 120.0
REQUEST_TIMEOUT = 30.0


@dataclass(frozen=True)
class Call:
    """One request of the mix: the route it measures (its label) and the path."""

    label: str
    path: str


@dataclass
class Sample:
    label: str
    ms: float
    status: int
    error: str = ""
    first_asked: bool = False  # a search no user had asked before in this run


FIRST_SEARCH = "search, first time asked"  # the app keeps recent answers; this row has none


def search_key(path: str) -> tuple[str, ...] | None:
    """What the app's search caches key on (the page and its JSON twin alike), for a
    search path; None for other routes."""
    route, _, query = path.partition("?")
    if route not in ("/search", "/api/search"):
        return None
    params = dict(parse_qsl(query))
    return tuple(params.get(k, "").strip() for k in ("q", "kind", "domain", "year", "page"))


@dataclass
class Run:
    """One backend's load run: every sample, the wall time and the server's own usage."""

    backend: str
    samples: list[Sample] = field(default_factory=list)
    seconds: float = 0.0
    server_cpu_seconds: float = 0.0  # during the timed load only
    client_cpu_seconds: float = 0.0  # the load generator's, same period
    server_peak_rss: int = 0
    alone: dict[str, dict[str, float]] = field(default_factory=dict)
    load_average: tuple[float, float] = (0.0, 0.0)  # 1-minute, before and after
    skipped_routes: dict[str, str] = field(default_factory=dict)


# -- the request mix ------------------------------------------------------------------


class Mix:
    """Which pages users ask for, and how often (weights), built from the archive.

    Routes the app does not serve (yet) are left out, with a note; the dashboard stands
    in for the triage page while there is none.
    """

    def __init__(self, archive: Archive, served: set[str], rng: random.Random) -> None:
        self.rng = rng
        self.archive = archive
        self.served = served
        self.choices: list[tuple[str, Callable[[], str], int]] = []
        self.left_out: dict[str, str] = {}
        self._plan()

    def _want(self, label: str, route: str, make: Callable[[], str], weight: int) -> None:
        if route in self.served:
            self.choices.append((label, make, weight))
        else:
            self.left_out[label] = f"{route} is not served"

    def _domain(self) -> str:
        return self.rng.choice(self.archive.domains)

    def _query(self) -> str:
        return self.rng.choice(self.archive.queries)

    def _plan(self) -> None:
        q = self._query
        if "/triage" in self.served:
            self._want("GET /triage", "/triage", lambda: "/triage", 16)
            self._want(
                "GET /triage?<filter>", "/triage", lambda: "/triage?" + urlencode(self._filter()), 8
            )
            self._want(
                "GET /triage?offset=",
                "/triage",
                lambda: "/triage?" + urlencode(self._later_page()),
                8,
            )
            self._want(
                "GET /api/stories",
                "/api/stories",
                lambda: "/api/stories?" + urlencode(self._stories_params()),
                10,
            )
            self._want("GET / (dashboard)", "/", lambda: "/", 4)  # where a sign-in lands
        else:
            self._want("GET / (dashboard)", "/", lambda: "/", 16)
            self._want("GET /api/dashboard", "/api/dashboard", lambda: "/api/dashboard", 10)
            self.left_out["GET /triage"] = "/triage is not served yet (dashboard instead)"
        self._want("GET /search?q=", "/search", lambda: "/search?" + urlencode({"q": q()}), 20)
        self._want(
            "GET /search?q=&page=",
            "/search",
            lambda: "/search?" + urlencode({"q": q(), "page": self.rng.randint(2, 5)}),
            6,
        )
        self._want(
            "GET /api/search", "/api/search", lambda: "/api/search?" + urlencode({"q": q()}), 10
        )
        self._want(HEALTH, "/api/health", lambda: "/api/health", 10)

    def _filter(self) -> dict[str, str]:
        """One or two of the queue's filters, as an analyst narrows it down."""
        rng, archive = self.rng, self.archive
        roll = rng.random()
        if roll < 0.45:
            return {"domain": self._domain()}
        if roll < 0.6:
            return {"section": rng.choice(archive.sections)}
        if roll < 0.7:
            return {"domain": self._domain(), "section": rng.choice(archive.sections)}
        if roll < 0.8:
            return {"source": str(rng.randint(1, archive.sources))}
        if roll < 0.9 and archive.countries:
            return {"country": rng.choice(archive.countries)}
        return {"state": "all", "min_relevance": "0.8"}

    def _later_page(self) -> dict[str, str]:
        """A page further down (pages hold ``PAGE`` stories), sometimes of a filter."""
        page = {"offset": str(PAGE * self.rng.randint(1, 19))}
        return {**self._filter(), **page} if self.rng.random() < 0.3 else page

    def _stories_params(self) -> dict[str, str]:
        roll = self.rng.random()
        if roll < 0.4:
            return {}
        if roll < 0.8:
            return self._filter()
        return self._later_page()

    @property
    def labels(self) -> list[str]:
        return [label for label, _, _ in self.choices]

    def next(self) -> Call:
        weights = [w for _, _, w in self.choices]
        label, make, _ = self.rng.choices(self.choices, weights=weights)[0]
        return Call(label, make())

    def call(self, label: str) -> Call:
        """A request of one route (with fresh random parameters)."""
        make = next(m for name, m, _ in self.choices if name == label)
        return Call(label, make())


# -- the server -----------------------------------------------------------------------


@dataclass
class Server:
    base: str
    process: subprocess.Popen[bytes]
    log_path: Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def add_bench_user(url: str) -> None:
    """The analyst every simulated user signs in as (added, or its password reset)."""
    from kuaibao.domain import Role
    from kuaibao.store import Store
    from kuaibao.web.core.auth.accounts import add_user
    from kuaibao.web.core.auth.passwords import Passwords

    passwords = Passwords(
        time_cost=int(PASSWORD_SETTINGS["WEB_PASSWORD_TIME_COST"]),
        memory_kib=int(PASSWORD_SETTINGS["WEB_PASSWORD_MEMORY_KIB"]),
    )
    store = Store(url)
    try:
        existing = store.users.by_name(USER_NAME)
        if existing is None or existing.id is None:
            add_user(store, passwords, USER_NAME, Role.ANALYST, PASSWORD, now=datetime.now(UTC))
        else:
            store.users.set_password(existing.id, passwords.hash(PASSWORD))
    finally:
        store.close()


def app_from_environment() -> Any:
    """The app as ``kuaibao serve`` builds it (settings from ``KUAIBAO_*``), for
    ``uvicorn --factory --workers N``: ``--server-workers`` measures what more worker
    processes would give, which ``kuaibao serve`` (one process) cannot show."""
    from kuaibao.config import load_settings
    from kuaibao.web.core.app import create_app
    from kuaibao.web.core.warmup import prepare

    app = create_app(load_settings())
    prepare(app)  # as `kuaibao serve` does
    return app


def server_command(url: str, data_dir: Path, port: int, workers: int) -> list[str]:
    """``kuaibao serve`` itself for one worker; uvicorn with the factory above for more."""
    address = ["--host", "127.0.0.1", "--port", str(port)]
    if workers <= 1:
        return [sys.executable, "-m", "kuaibao", "serve", *address,
                "--data-dir", str(data_dir), "--database-url", url]  # fmt: skip
    return [sys.executable, "-m", "uvicorn", "--factory", FACTORY, *address,
            "--workers", str(workers)]  # fmt: skip


@contextlib.contextmanager
def serve(url: str, workdir: Path, workers: int = 1) -> Iterator[Server]:
    """The app server as a child process on a free port, until the block ends."""
    port = free_port()
    data_dir = workdir / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    log_path = workdir / "server.log"
    settings = {f"KUAIBAO_{k}": v for k, v in PASSWORD_SETTINGS.items()}
    settings |= {"KUAIBAO_DATA_DIR": str(data_dir), "KUAIBAO_DATABASE_URL": url}
    root = str(Path(__file__).resolve().parent.parent)  # the factory's module, for uvicorn
    settings["PYTHONPATH"] = os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))
    with log_path.open("wb") as out:
        process = subprocess.Popen(
            server_command(url, data_dir, port, workers),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=clean_env(settings),
        )
    server = Server(f"http://127.0.0.1:{port}", process, log_path)
    try:
        _wait_until_up(server)
        yield server
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_up(server: Server) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            tail = server.log_path.read_text(errors="replace")[-1500:]
            raise RuntimeError(f"the app server exited ({server.process.returncode}): {tail}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{server.base}/api/health", timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"the app server did not answer within {START_TIMEOUT:.0f} s")


def process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants (uvicorn's workers), from ``/proc``."""
    parents: dict[int, list[int]] = defaultdict(list)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                parents[ppid].append(int(entry.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo += parents.get(current, [])
    return tree


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds used so far by a server and its worker processes."""
    return sum(process_cpu_seconds(p) for p in process_tree(pid))


def peak_rss(pid: int) -> int:
    """Peak resident memory (bytes) of a server and its workers, summed (``VmHWM``)."""
    total = 0
    for p in process_tree(pid):
        with contextlib.suppress(OSError, StopIteration, ValueError):
            status = Path(f"/proc/{p}/status").read_text()
            line = next(x for x in status.splitlines() if x.startswith("VmHWM:"))
            total += int(line.split()[1]) * 1024
    return total


def served_routes(base: str) -> set[str]:
    """The app's paths: the API from /openapi.json; a page counts when its JSON twin
    does, or when it answers something other than 404."""
    spec = httpx.get(f"{base}/openapi.json", timeout=10).json()
    paths = set(spec.get("paths", {}))
    for page in ("/triage", "/search", "/"):
        status = httpx.get(f"{base}{page}", timeout=30, follow_redirects=False).status_code
        if status != 404:
            paths.add(page)
    return paths


# -- the users ------------------------------------------------------------------------


async def _sign_in(base: str, users: int) -> list[httpx.AsyncClient]:
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    clients = []
    for _ in range(users):
        client = httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT, limits=limits)
        answer = await client.post("/api/login", json={"name": USER_NAME, "password": PASSWORD})
        if answer.status_code != 200:
            raise RuntimeError(f"login failed: {answer.status_code} {answer.text[:200]}")
        clients.append(client)
    return clients


async def _request(client: httpx.AsyncClient, call: Call) -> Sample:
    started = time.perf_counter()
    try:
        answer = await client.get(call.path)
        ms = (time.perf_counter() - started) * 1000
        error = "" if answer.status_code == 200 else f"HTTP {answer.status_code} {call.path}"
        return Sample(call.label, ms, answer.status_code, error)
    except httpx.HTTPError as exc:
        ms = (time.perf_counter() - started) * 1000
        return Sample(call.label, ms, 0, f"{type(exc).__name__} {call.path}")


async def _user(
    client: httpx.AsyncClient,
    mix: Mix,
    requests: int,
    think: float,
    rng: random.Random,
    out: list[Sample],
    asked: set[tuple[str, ...]],
) -> None:
    """One analyst: a first pause (so users do not start in step), then request, think.
    ``asked``: the searches any user has made so far (shared)."""
    await asyncio.sleep(rng.uniform(0, think))
    for _ in range(requests):
        call = mix.next()
        key = search_key(call.path)
        first = key is not None and key not in asked
        if key is not None:
            asked.add(key)
        sample = await _request(client, call)
        sample.first_asked = first
        out.append(sample)
        if think > 0:
            await asyncio.sleep(rng.uniform(0, 2 * think))


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process so far (Linux ``/proc``)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Load:
    """What ``drive`` measured: the timed samples, each route alone, CPU used meanwhile."""

    samples: list[Sample]
    seconds: float
    alone: dict[str, dict[str, float]]
    warm_errors: list[str]
    server_cpu_seconds: float
    client_cpu_seconds: float


async def one_at_a_time(
    client: httpx.AsyncClient,
    mix: Mix,
    repeat: int,
    server_pid: int | None,
    asked: set[tuple[str, ...]],
) -> tuple[dict[str, dict[str, float]], list[str]]:
    """Each route by itself, before the load (which also warms it up): the latency of a
    lone request and the server CPU it costs. Returns figures per route and any errors;
    the searches made are added to ``asked``."""
    figures, errors = {}, []
    for label in mix.labels:
        calls = [mix.call(label) for _ in range(repeat + 2)]
        asked.update(k for k in map(search_key, (c.path for c in calls)) if k is not None)
        for call in calls[:2]:  # untimed: first queries, templates, jieba
            errors += [s.error for s in [await _request(client, call)] if s.error]
        cpu = tree_cpu_seconds(server_pid) if server_pid else 0.0
        timed = [await _request(client, call) for call in calls[2:]]
        cpu = tree_cpu_seconds(server_pid) - cpu if server_pid else 0.0
        errors += [s.error for s in timed if s.error]
        figures[label] = {
            "alone_ms": statistics.median(s.ms for s in timed),
            "cpu_ms": 1000 * cpu / repeat,
        }
    return figures, errors


async def drive(
    base: str,
    mix: Mix,
    *,
    users: int,
    requests: int,
    think: float,
    seed: int = 7,
    server_pid: int | None = None,
    alone: int = 20,
) -> Load:
    """Sign ``users`` clients in, time each route alone (``alone`` requests each), then
    run the load. ``server_pid``: the server whose CPU time is measured."""
    clients = await _sign_in(base, users)
    try:
        asked: set[tuple[str, ...]] = set()
        by_route, warm_errors = await one_at_a_time(clients[0], mix, alone, server_pid, asked)
        samples: list[Sample] = []
        server_cpu = tree_cpu_seconds(server_pid) if server_pid else 0.0
        client_cpu = time.process_time()
        started = time.perf_counter()
        await asyncio.gather(
            *(
                _user(client, mix, requests, think, random.Random(seed * 1000 + n), samples, asked)
                for n, client in enumerate(clients)
            )
        )
        seconds = time.perf_counter() - started
        client_cpu = time.process_time() - client_cpu
        if server_pid:
            server_cpu = tree_cpu_seconds(server_pid) - server_cpu
        return Load(samples, seconds, by_route, warm_errors, server_cpu, client_cpu)
    finally:
        await asyncio.gather(*(c.aclose() for c in clients))


def load_run(url: str, backend: str, archive: Archive, args: argparse.Namespace) -> Run:
    """Serve the store at ``url`` and put it under load; the server is stopped after."""
    add_bench_user(url)
    workdir = Path(tempfile.mkdtemp(prefix=f"kuaibao-bench-webload-{backend}-"))
    run = Run(backend)
    try:
        run.load_average = (os.getloadavg()[0], 0.0)
        with serve(url, workdir, args.server_workers) as server:
            mix = Mix(archive, served_routes(server.base), random.Random(args.seed))
            run.skipped_routes = dict(mix.left_out)
            log(
                f"  {backend}: {args.users} users × {args.requests} requests over "
                f"{', '.join(mix.labels)}"
            )
            load = asyncio.run(
                drive(
                    server.base,
                    mix,
                    users=args.users,
                    requests=args.requests,
                    think=args.think,
                    seed=args.seed,
                    server_pid=server.process.pid,
                    alone=args.alone,
                )
            )
            run.samples, run.seconds = load.samples, load.seconds
            run.server_cpu_seconds, run.client_cpu_seconds = (
                load.server_cpu_seconds,
                load.client_cpu_seconds,
            )
            run.alone = load.alone
            if load.warm_errors:
                errors = "; ".join(sorted(set(load.warm_errors))[:5])
                run.skipped_routes["errors before the load"] = errors
            run.load_average = (run.load_average[0], os.getloadavg()[0])
            run.server_peak_rss = peak_rss(server.process.pid)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            log(f"  kept {workdir}")
    return run


# -- figures --------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (the value below which ``fraction`` of samples fall)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))]


def route_figures(run: Run) -> dict[str, dict[str, float]]:
    """Per route: count, errors, p50/p95/p99/max in ms, requests per second, and (from
    before the load) a lone request's latency and server CPU."""
    by_label: dict[str, list[Sample]] = defaultdict(list)
    for sample in run.samples:
        by_label[sample.label].append(sample)
        if sample.first_asked:
            by_label[FIRST_SEARCH].append(sample)
    out = {}
    for label, samples in by_label.items():
        ms = [s.ms for s in samples]
        out[label] = {
            "requests": len(samples),
            "errors": sum(1 for s in samples if s.error),
            "p50_ms": statistics.median(ms),
            "p95_ms": percentile(ms, 0.95),
            "p99_ms": percentile(ms, 0.99),
            "max_ms": max(ms),
            "per_second": len(samples) / run.seconds if run.seconds else 0.0,
            **run.alone.get(label, {}),
        }
    return out


def run_figures(run: Run) -> dict[str, Any]:
    ms = [s.ms for s in run.samples]
    errors = [s.error for s in run.samples if s.error]
    cpu_ms = 1000 * run.server_cpu_seconds / max(1, len(ms))
    return {
        "requests": len(run.samples),
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:5],
        "seconds": run.seconds,
        "per_second": len(ms) / run.seconds if run.seconds else 0.0,
        "p50_ms": statistics.median(ms) if ms else None,
        "p95_ms": percentile(ms, 0.95) if ms else None,
        "server_cpu_seconds": run.server_cpu_seconds,
        "server_cpu_ms_per_request": cpu_ms,
        "capacity_per_second": 1000 / cpu_ms if cpu_ms else None,
        "client_cpu_ms_per_request": 1000 * run.client_cpu_seconds / max(1, len(ms)),
        "server_peak_rss_mb": run.server_peak_rss / MB,
        "load_average": list(run.load_average),
        "left_out": run.skipped_routes,
        "routes": route_figures(run),
    }


def _cells(f: dict[str, float] | None, health: dict[str, float] | None) -> list[str]:
    if f is None:
        return [""] * len(COLUMNS)
    ratio = f["p95_ms"] / health["p95_ms"] if health and health["p95_ms"] else None
    return [
        f"{f['p50_ms']:.0f}",
        f"{f['p95_ms']:.0f}",
        f"{f['p99_ms']:.0f}",
        f"{ratio:.1f}" if ratio is not None else "",
        f"{f['cpu_ms']:.1f}" if "cpu_ms" in f else "",
        str(int(f["errors"])),
    ]


COLUMNS = ("p50 ms", "p95", "p99", "p95/health", "CPU ms", "errors")
TITLES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def _run_note(name: str, f: dict[str, Any], archive: Archive) -> str:
    before, after = f["load_average"]
    return (
        f"{TITLES[name]}: {f['requests']:,} requests in {f['seconds']:.1f} s = "
        f"{f['per_second']:.1f}/s; server CPU {f['server_cpu_ms_per_request']:.1f} ms per "
        f"request of the mix (one busy core serves {f['capacity_per_second'] or 0:.0f}/s),"
        f" load generator {f['client_cpu_ms_per_request']:.1f} ms; server peak RSS "
        f"{f['server_peak_rss_mb']:.0f} MB; machine load average {before:.1f} before, "
        f"{after:.1f} after; archive of {archive.stories:,} stories, {archive.documents:,} "
        f"documents, {archive.items:,} items ({archive.extra.get('origin', 'built')} in "
        f"{archive.build_seconds:.0f} s)"
    )


def _targets(name: str, f: dict[str, Any] | None, skip: str) -> list[Target]:
    if f is None:
        return [
            below(f"{name} worst route p95 ms", None, TARGET_P95_MS, skip),
            equal(f"{name} errors", None, 0, skip),
        ]
    pages = {k: v for k, v in f["routes"].items() if k != HEALTH}
    worst = max(pages, key=lambda k: pages[k]["p95_ms"]) if pages else None
    worst_p95 = pages[worst]["p95_ms"] if worst else None
    return [
        below(f"{name} worst route p95 ms", worst_p95, TARGET_P95_MS, worst or ""),
        equal(f"{name} errors", f["errors"], 0, "; ".join(f["error_examples"][:2])),
    ]


def build_report(
    figures: dict[str, dict[str, Any]],
    archives: dict[str, Archive],
    pg_skip: str | None,
    args: argparse.Namespace,
) -> Report:
    """Routes down, backends side by side; the health route last, as the peer."""
    backends = list(figures)
    headers = ["route"]
    for name in backends:
        headers += [f"{TITLES[name]} {COLUMNS[0]}", *COLUMNS[1:]]
    labels = list(dict.fromkeys(label for f in figures.values() for label in f["routes"]))
    labels.sort(key=lambda label: (label == HEALTH, label))
    rows = []
    for label in labels:
        row = [label if label != HEALTH else "GET /api/health (peer)"]
        for name in backends:
            routes = figures[name]["routes"]
            row += _cells(routes.get(label), routes.get(HEALTH))
        rows.append(row)
    targets: list[Target] = []
    server = (
        "one process (`kuaibao serve`)"
        if args.server_workers <= 1
        else f"uvicorn --workers {args.server_workers} on the same app"
    )
    notes = [
        f"{args.users} users, each signed in once (keep-alive), {args.requests} requests each, "
        f"think time uniform 0–{2 * args.think:g} s; server: {server}; latency from sending "
        "to the last byte; `CPU ms`: server CPU per request of the route alone (mean of "
        f"{args.alone} lone requests before the load)"
    ]
    for name in ("sqlite", "postgresql"):
        f = figures.get(name)
        skip = (pg_skip or "") if name == "postgresql" else "--no-sqlite given"
        targets += _targets(name, f, skip)
        if f is not None:
            notes.append(_run_note(name, f, archives[name]))
            notes += [f"{TITLES[name]}: left out {k}: {why}" for k, why in f["left_out"].items()]
    return Report("webload", headers, rows, targets, notes, figures)


# -- the runs -------------------------------------------------------------------------


def sqlite_run(args: argparse.Namespace) -> tuple[Run, Archive]:
    cache = Path(args.cache_dir) if args.cache_dir else None
    path, archive, cached = cached_sqlite(
        args.stories, cache, rebuild=args.rebuild, workers=args.workers, progress=log
    )
    archive.extra["origin"] = "cached, built" if cached else "built"
    log(f"  sqlite archive {path} ({'cached' if cached else 'built'})")
    return load_run(f"sqlite:///{path}", "sqlite", archive, args), archive


def postgres_run(args: argparse.Namespace) -> tuple[Run, Archive]:
    if args.keep_postgres:
        url, archive = kept_postgres_archive(args)
        return load_run(url, "postgresql", archive, args), archive
    with postgres_schema() as url:
        log(f"  building the PostgreSQL archive ({args.stories:,} stories) ...")
        archive = build_archive(url, args.stories, workers=args.workers, progress=log)
        log(f"  built in {archive.build_seconds:.0f} s")
        return load_run(url, "postgresql", archive, args), archive


def kept_postgres_archive(args: argparse.Namespace) -> tuple[str, Archive]:
    """``--keep-postgres``: a named schema that outlives the run, reused while fresh
    (its description lives in the cache folder beside the SQLite archive)."""
    from sqlalchemy import create_engine, text

    name = f"kb_webload_v{CORPUS_VERSION}_{args.stories}"
    url = schema_url(name)
    meta = (Path(args.cache_dir) if args.cache_dir else default_cache_dir()) / f"{name}.json"
    admin = create_engine(postgres_url())
    try:
        with admin.begin() as conn:
            found = conn.execute(
                text("SELECT 1 FROM information_schema.schemata WHERE schema_name = :n"),
                {"n": name},
            ).first()
            archive = None if args.rebuild else fresh_archive(meta, args.stories)
            if found and archive is not None:
                archive.extra["origin"] = f"kept schema {name}, built"
                return url, archive
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
    finally:
        admin.dispose()
    log(f"  building the PostgreSQL archive in schema {name} (kept) ...")
    archive = build_archive(url, args.stories, workers=args.workers, progress=log)
    meta.parent.mkdir(parents=True, exist_ok=True)
    meta.write_text(json.dumps(asdict(archive), ensure_ascii=False), encoding="utf-8")
    return url, archive


def collect(argv: list[str] | None = None) -> Report:
    """Build (or reuse) the archives, load each backend's app, build the report."""
    args = parse_args(argv)
    figures: dict[str, dict[str, Any]] = {}
    archives: dict[str, Archive] = {}
    if not args.skip_sqlite:
        log(f"  sqlite: archive of {args.stories:,} stories ...")
        run, archives["sqlite"] = sqlite_run(args)
        figures["sqlite"] = run_figures(run)
    pg_skip = "--no-postgres given" if args.skip_postgres else postgres_unavailable()
    if pg_skip is None:
        run, archives["postgresql"] = postgres_run(args)
        figures["postgresql"] = run_figures(run)
    else:
        log(f"  postgresql skipped: {pg_skip}")
    return build_report(figures, archives, pg_skip, args)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks webload",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--quick", action="store_true", help="10,000 stories and 10 requests per user"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--stories", type=int, default=None, help="archive size (100,000)")
    parser.add_argument("--users", type=int, default=50, help="concurrent users (50)")
    parser.add_argument(
        "--requests", type=int, default=None, help="requests per user (40; --quick 10)"
    )
    parser.add_argument(
        "--think",
        type=float,
        default=THINK,
        help=f"mean think time between a user's requests, s ({THINK:g})",
    )
    parser.add_argument(
        "--alone",
        type=int,
        default=None,
        help="lone requests per route before the load (20; --quick 5)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes building the archive (default: up to 2)",
    )
    parser.add_argument(
        "--cache-dir",
        default=None,
        help="where the SQLite archive is kept (default: $KUAIBAO_BENCH_CACHE "
        "or TMPDIR/kuaibao-bench-cache)",
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="rebuild the cached (or kept) archive"
    )
    parser.add_argument(
        "--server-workers",
        type=int,
        default=1,
        help="1: `kuaibao serve` (one process); more: uvicorn --workers N on the same app",
    )
    parser.add_argument(
        "--keep-postgres",
        action="store_true",
        help="keep the PostgreSQL archive in a named schema and reuse it while fresh "
        "(default: a throw-away schema, built every run)",
    )
    parser.add_argument(
        "--no-postgres", dest="skip_postgres", action="store_true", help="measure SQLite only"
    )
    parser.add_argument(
        "--no-sqlite", dest="skip_sqlite", action="store_true", help="measure PostgreSQL only"
    )
    parser.add_argument("--seed", type=int, default=7, help="seed of the request mix")
    parser.add_argument("--keep", action="store_true", help="keep the server's log folder")
    args = parser.parse_args(argv)
    if args.stories is None:
        args.stories = 10_000 if args.quick else 100_000
    if args.requests is None:
        args.requests = 10 if args.quick else 40
    if args.alone is None:
        args.alone = 5 if args.quick else 20
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures; exit 1 when a target is missed."""
    args = parse_args(argv)
    return emit(collect(argv), args.json)


if __name__ == "__main__":
    sys.exit(main())
