"""``kuaibao classify``, ``taxonomy explain``, ``train`` and ``evaluate``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from kuaibao.classify.evaluation import evaluate as evaluate_examples
from kuaibao.classify.examples import (
    Decision,
    Example,
    examples_from_decisions,
    examples_from_items,
    load_examples,
)
from kuaibao.classify.explain import explain
from kuaibao.classify.jsonlines import classify_json_lines
from kuaibao.classify.model import model_path, saved_model, train
from kuaibao.classify.taxonomy import load_taxonomy
from kuaibao.cli.common import (
    DatabaseOpt,
    DataDirOpt,
    JsonOpt,
    console,
    friendly_errors,
    open_store,
    print_json,
    settings_for,
)
from kuaibao.facts.gazetteer import load_gazetteer

taxonomy_app = typer.Typer(help="The taxonomy of domains and sections.", no_args_is_help=True)
ExamplesOpt = Annotated[
    list[Path] | None,
    typer.Option("--examples", help="Labelled examples (YAML or JSON lines); repeatable."),
]


def classify_command(as_json: JsonOpt = False, data_dir: DataDirOpt = None) -> None:
    """Classify JSON lines {"title", "text"} from stdin: domain, section, relevance, reasons.

    Uses the trained model in the data dir when there is one (`kuaibao train`), else the
    taxonomy's rules alone. Exit status 1 if a line could not be read.
    """
    settings = settings_for(data_dir, None)
    with friendly_errors():
        taxonomy = load_taxonomy(settings.data_dir)
        model = saved_model(settings.data_dir)
        failed = False
        for result in classify_json_lines(sys.stdin, model=model, taxonomy=taxonomy):
            failed = failed or "error" in result
            if as_json:
                sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
            elif "error" in result:
                console.print(f"[red]line {result['line']}[/]: {result['error']}")
            else:
                console.print(
                    f"{result['domain']:<8} {result['section'] or '—':<12} "
                    f"{result['relevance']:.2f}  {'; '.join(result['reasons'][:3])}",
                    markup=False,
                    highlight=False,
                )
    if failed:
        raise typer.Exit(1)


@taxonomy_app.command("explain")
def explain_command(
    text: Annotated[str, typer.Argument(help="The text to explain (quote it).")],
    title: Annotated[str, typer.Option(help="A title, weighted above the text.")] = "",
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Show which taxonomy rules fire on a text, per domain and section, with weights."""
    settings = settings_for(data_dir, None)
    with friendly_errors():
        taxonomy = load_taxonomy(settings.data_dir)
        result = explain(text, title, taxonomy, load_gazetteer(settings.data_dir))
    if as_json:
        print_json(result.to_json())
    else:
        for line in result.lines():
            console.print(line, markup=False, highlight=False)


def _examples(
    paths: list[Path] | None, data_dir: Path | None, database_url: str | None
) -> tuple[list[Example], dict[str, int]]:
    settings = settings_for(data_dir, database_url)
    taxonomy = load_taxonomy(settings.data_dir)
    with open_store(settings) as store:
        from_items = examples_from_items(store.items.find(), taxonomy)
        decisions = [
            Decision(d.action.value, d.title, d.text, d.domain, d.section)
            for d in store.stories.decisions()
        ]
    from_decisions = examples_from_decisions(decisions, taxonomy)
    counts = {"stored items": len(from_items), "triage decisions": len(from_decisions)}
    examples = [*from_items, *from_decisions]
    for path in paths or []:
        loaded = load_examples(path, taxonomy)
        counts[str(path)] = len(loaded)
        examples.extend(loaded)
    return examples, counts


def train_command(
    examples: ExamplesOpt = None, data_dir: DataDirOpt = None, database_url: DatabaseOpt = None
) -> None:
    """Train the classifier from stored items (imported bulletins) and example files."""
    settings = settings_for(data_dir, database_url)
    with friendly_errors():
        found, counts = _examples(examples, data_dir, database_url)
        model = train(found)
        path = model_path(settings.data_dir)
        model.save(path)
    for origin, n in counts.items():
        console.print(f"{n:>6} examples from {origin}", highlight=False)
    console.print(f"model saved to {path}", highlight=False)


def evaluate_command(
    folds: Annotated[int, typer.Option(help="Cross-validation folds.")] = 5,
    examples: ExamplesOpt = None,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Cross-validated per-class precision, recall, F1 and confusion matrices."""
    settings = settings_for(data_dir, database_url)
    with friendly_errors():
        found, _ = _examples(examples, data_dir, database_url)
        report = evaluate_examples(found, folds=folds, taxonomy=load_taxonomy(settings.data_dir))
    if as_json:
        print_json(report.to_json())
    else:
        console.print(report)
