"""``kuaibao sources …``: the registry of watched sites."""

from __future__ import annotations

import asyncio
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from kuaibao.cli.common import (
    SOURCES_FAILING,
    DatabaseOpt,
    DataDirOpt,
    JsonOpt,
    console,
    fail,
    friendly_errors,
    open_store,
    print_json,
    settings_for,
)
from kuaibao.domain import Source, SourceKind
from kuaibao.errors import KuaibaoError
from kuaibao.fetch.zones import effective_timezone
from kuaibao.pipeline.discovery import discover, propose_source
from kuaibao.pipeline.health import HealthReport, any_in_error, check_sources
from kuaibao.sources import dump_opml, dump_yaml, load_opml, load_yaml, source_to_dict
from kuaibao.sources.fields import FieldValueError
from kuaibao.sources.registry import FIELD_PARSERS

app = typer.Typer(help="Manage the registry of watched sources.", no_args_is_help=True)

CountryOpt = Annotated[
    str | None, typer.Option(help="ISO 3166-1 code (CN, US, …), EU or INT; '' clears it.")
]
TimezoneOpt = Annotated[
    str | None,
    typer.Option(
        help="IANA zone the site's times are in when it names none (default: its country's "
        "capital, e.g. Asia/Shanghai for CN); '' clears it."
    ),
]
RegionOpt = Annotated[
    str | None,
    typer.Option(
        help="Province and/or city the site serves, in Chinese (云岚省, 广东省深圳市): drafts "
        "write it for 我省 and 本市; '' clears it."
    ),
]
_CLEARABLE = frozenset({"country", "timezone", "language", "region"})


def source_json(source: Source) -> dict[str, Any]:
    """Every field, null when unset, so scripts can rely on the keys."""
    data: dict[str, Any] = {
        "id": source.id,
        "homepage": None,
        "country": None,
        "timezone": None,
        "region": None,
        "org_type": None,
        "language": None,
        "selectors": None,
        "tags": [],
    }
    data.update(source_to_dict(source))
    data["health"] = asdict(source.health)
    return data


@app.command("add")
def add(
    url: Annotated[str, typer.Argument(help="Homepage or feed URL of the site.")],
    name: Annotated[str | None, typer.Option(help="Display name (default: feed title).")] = None,
    kind: Annotated[
        SourceKind | None, typer.Option(help="Force a kind instead of the discovered one.")
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option("--allow-private", help="Allow loopback/private addresses (tests, intranet)."),
    ] = False,
    country: CountryOpt = None,
    timezone: TimezoneOpt = None,
    region: RegionOpt = None,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Discover a site's feed, sitemap or listing page and register it.

    Example: kuaibao sources add https://www.nsf.gov/ --name "NSF News" --country US
    """
    settings = settings_for(data_dir, database_url)
    fields = _checked_fields({"country": country, "timezone": timezone, "region": region})
    with friendly_errors(), open_store(settings) as store:
        found = asyncio.run(discover(url, settings.fetch, allow_private=allow_private))
        source = propose_source(found, name=name, kind=kind, allow_private=allow_private)
        stored = store.sources.add(replace(source, **fields), now=datetime.now(UTC))
    if as_json:
        payload = source_json(stored)
        payload["discovered"] = [
            {"url": f.url, "kind": f.kind.value, "how": f.how} for f in found.found
        ]
        print_json(payload)
        return
    console.print(f"Added source [bold]{stored.id}[/]: {stored.name}")
    console.print(f"  kind {stored.kind.value}, reading {stored.feed_url}")
    for extra in found.found[1:]:
        console.print(f"  also found: {extra.kind.value} {extra.url} ({extra.how})")


def has_tag(source: Source, tag: str) -> bool:
    """Tags compare case-insensitively and ignoring spacing, as they are written by hand."""
    wanted = " ".join(tag.split()).casefold()
    return any(t.casefold() == wanted for t in source.tags)


@app.command("edit")
def edit(
    source_id: int,
    name: Annotated[str | None, typer.Option(help="Display name.")] = None,
    country: CountryOpt = None,
    timezone: TimezoneOpt = None,
    region: RegionOpt = None,
    language: Annotated[
        str | None, typer.Option(help="Language tag such as en or zh; '' clears it.")
    ] = None,
    tier: Annotated[int | None, typer.Option(help="1 official, 2 secondary, 3 other.")] = None,
    interval: Annotated[
        str | None, typer.Option(help="Poll interval: minutes, or e.g. 2h, 1d 6h.")
    ] = None,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Change a source's fields; those not given stay as they are.

    Example: kuaibao sources edit 12 --timezone Asia/Hong_Kong
    """
    changes = {
        "name": name,
        "country": country,
        "timezone": timezone,
        "region": region,
        "language": language,
        "tier": tier,
        "poll_interval_minutes": interval,
    }
    fields = _checked_fields({key: value for key, value in changes.items() if value is not None})
    if not fields:
        raise fail("nothing to change: give at least one option, e.g. --timezone Asia/Shanghai")
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        stored = store.sources.update(replace(store.sources.get(source_id), **fields))
    if as_json:
        print_json(source_json(stored))
        return
    console.print(f"source {source_id} updated: " + ", ".join(sorted(fields)))
    zone = effective_timezone(stored.timezone, stored.country)
    console.print(f"  times without a zone are read as {zone}")


def _checked_fields(values: dict[str, object]) -> dict[str, Any]:
    """Parse option values as a registry file's would be; '' clears the clearable ones."""
    fields: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue
        if key in _CLEARABLE and isinstance(value, str) and not value.strip():
            fields[key] = None
            continue
        try:
            fields[key] = FIELD_PARSERS[key](value)
        except FieldValueError as exc:
            raise fail(f"--{key.split('_')[0]} {exc}") from exc
    return fields


@app.command("list")
def list_sources(
    tag: Annotated[
        str | None, typer.Option("--tag", help="Only sources with this tag (an OPML folder).")
    ] = None,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """List registered sources, optionally only those with a tag."""
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        sources = store.sources.all()
    if tag is not None:
        sources = [s for s in sources if has_tag(s, tag)]
    if as_json:
        print_json([source_json(s) for s in sources])
        return
    table = Table("id", "name", "kind", "country", "type", "tier", "every", "on", "tags")
    for s in sources:
        table.add_row(
            str(s.id),
            s.name,
            s.kind.value,
            s.country or "",
            s.org_type or "",
            str(s.tier),
            f"{s.poll_interval_minutes}m",
            "yes" if s.enabled else "no",
            ", ".join(s.tags),
        )
    console.print(table)
    console.print(f"{len(sources)} sources")


@app.command("import")
def import_sources(
    file: Annotated[Path, typer.Argument(help="A YAML or OPML registry file.", exists=True)],
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Import sources from YAML or OPML; existing feed URLs are updated, bad entries reported.

    Every entry that can be read is imported; the others are listed (exit code 1 only
    when nothing could be imported). With --json the summary is JSON even on failure.
    """
    settings = settings_for(data_dir, database_url)
    data = file.read_bytes()
    is_opml = (
        file.suffix.lower() in (".opml", ".xml") or data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"
    )
    try:
        with open_store(settings) as store:
            if is_opml:
                loaded = load_opml(data)
            else:
                loaded = load_yaml(data.decode("utf-8", errors="replace"))
            added, updated = store.sources.upsert_many(loaded.sources, now=datetime.now(UTC))
    except KuaibaoError as exc:
        if as_json:
            print_json({"added": 0, "updated": 0, "errors": [str(exc)], "warnings": []})
            raise typer.Exit(1) from exc
        raise fail(str(exc)) from exc
    errors = [str(e) for e in loaded.errors]
    if as_json:
        print_json(
            {"added": added, "updated": updated, "errors": errors, "warnings": loaded.warnings}
        )
    else:
        console.print(f"{added} added, {updated} updated, {len(errors)} rejected")
        for warning in loaded.warnings:
            console.print(Text.assemble(("  ! ", "yellow"), warning))
        for err in errors:  # names come from the file: never read them as markup
            console.print(Text.assemble(("  ✗ ", "red"), err))
    if errors and not loaded.sources:
        raise typer.Exit(1)


@app.command("export")
def export_sources(
    format: Annotated[str, typer.Option("--format", help="yaml or opml")] = "yaml",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default stdout).")
    ] = None,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Export the registry as YAML (kuaibao's format) or OPML (for feed readers)."""
    if format not in ("yaml", "opml"):
        raise fail(f"unknown format {format!r}: use yaml or opml")
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        sources = store.sources.all()
    text = dump_yaml(sources) if format == "yaml" else dump_opml(sources)
    if output:
        output.write_text(text, encoding="utf-8")
        console.print(f"wrote {len(sources)} sources to {output}")
    else:
        typer.echo(text, nl=not text.endswith("\n"))


@app.command("check")
def check(
    as_json: JsonOpt = False, data_dir: DataDirOpt = None, database_url: DatabaseOpt = None
) -> None:
    """Report each source's health: failures, last error, empty extraction, sudden drops.

    Exits with status 3 when an enabled source is in error (failing, dropped to zero,
    extraction yields nothing), 0 otherwise, so a monitor can alert on it.
    """
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        reports = check_sources(store, datetime.now(UTC))
    if as_json:
        print_json([r.as_dict() for r in reports])
    else:
        _print_health(reports)
    if any_in_error(reports):
        raise typer.Exit(SOURCES_FAILING)


def _print_health(reports: list[HealthReport]) -> None:
    table = Table("id", "name", "status", "docs", "last items", "fails", "flags / last error")
    colour = {"ok": "green", "warning": "yellow", "error": "red"}
    for r in reports:
        h = r.source.health
        detail = ", ".join(r.flags) + (f" — {h.last_error}" if h.last_error else "")
        table.add_row(
            str(r.source.id),
            r.source.name,
            f"[{colour[r.status]}]{r.status}[/]",
            str(r.documents),
            "" if h.items_last_poll is None else str(h.items_last_poll),
            str(h.consecutive_failures),
            detail,
        )
    console.print(table)


@app.command("enable")
def enable(
    source_id: int,
    off: Annotated[bool, typer.Option("--off", help="Pause the source instead.")] = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Resume (or with --off pause) polling a source."""
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        source = store.sources.get(source_id)
        source.enabled = not off
        store.sources.update(source)
    console.print(f"source {source_id} {'paused' if off else 'enabled'}")
