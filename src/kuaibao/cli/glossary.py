"""The gazetteer the triage commands use (grown from the store's glossary when there is a
store) and ``kuaibao glossary list``, which shows what the glossary adds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from kuaibao.cli.common import (
    DatabaseOpt,
    DataDirOpt,
    JsonOpt,
    console,
    err_console,
    friendly_errors,
    open_store,
    print_json,
    settings_for,
)
from kuaibao.config import Settings
from kuaibao.errors import KuaibaoError
from kuaibao.facts import Gazetteer, GazetteerEntry, load_gazetteer
from kuaibao.facts.glossary import learn_entries
from kuaibao.pipeline.context import Catalogs

glossary_app = typer.Typer(
    help="The title glossary that imported bulletins fill.", no_args_is_help=True
)
_SQLITE = "sqlite:///"


def _has_store(settings: Settings) -> bool:
    """A configured database, or a SQLite file that already exists (never create one)."""
    url = settings.effective_database_url
    return not url.startswith(_SQLITE) or Path(url.removeprefix(_SQLITE)).is_file()


def read_glossary(settings: Settings) -> list[tuple[str, str]]:
    """The (original, Chinese) title pairs of the store; none when there is no store."""
    if not _has_store(settings):
        return []
    with open_store(settings) as store:
        return store.glossary.all()


def gazetteer_for(settings: Settings) -> Gazetteer:
    """The data dir's gazetteer plus the names its store's glossary teaches (the pipeline
    context's catalogs, as the web app and the stages read it). A store that cannot be read
    costs only the extra names."""
    try:
        if _has_store(settings):
            with open_store(settings) as store:
                return Catalogs(settings.data_dir, store).named_gazetteer()
    except KuaibaoError as exc:
        err_console.print(f"[yellow]warning:[/] glossary not used: {exc}", highlight=False)
    return load_gazetteer(settings.data_dir)


def entry_json(entry: GazetteerEntry) -> dict[str, Any]:
    return {
        "zh": entry.zh,
        "en": list(entry.en),
        "abbr": entry.abbr,
        "kind": entry.kind,
        "country": entry.country,
    }


@glossary_app.command("list")
def list_command(
    as_json: JsonOpt = False, data_dir: DataDirOpt = None, database_url: DatabaseOpt = None
) -> None:
    """Organisations, programmes and laws learned from the glossary that the gazetteer
    lacks; `kuaibao facts` and `kuaibao check` use them too."""
    settings = settings_for(data_dir, database_url)
    with friendly_errors():
        pairs = read_glossary(settings)
        entries = learn_entries(pairs, load_gazetteer(settings.data_dir))
    if as_json:
        print_json([entry_json(e) for e in entries])
        return
    for entry in entries:
        names = " / ".join([*entry.en, *([entry.abbr] if entry.abbr else [])])
        console.print(f"{entry.zh}\t{names}\t{entry.kind}", markup=False, highlight=False)
    console.print(
        f"{len(entries)} learned from {len(pairs)} glossary pairs", markup=False, highlight=False
    )
