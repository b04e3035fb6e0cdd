"""Draft quality: what share of drafts a Chinese editor could keep, per writer.

Every story of the labelled set (``tests/eval/drafting.yaml``, loaded by
``benchmarks.drafting_set``) becomes a ``StoryInput`` of real ``Document``s and is drafted
twice: by the offline writer (``write_offline_draft``) and by the LLM writer
(``LLMWriter``) talking HTTP to a scripted OpenAI-compatible server on 127.0.0.1
(``benchmarks.scripted_model``) that answers each story with the JSON a decent model would
give, and its repaired answer when the writer asks for a repair. About a quarter of the
scripted answers are flawed on purpose (an invented figure, a wrong date, a bare 政府), so
the repair round and the gate run as they would with a small model. The model writer is
shown the demo archive's items (``kuaibao/demo/archive``) as house-style examples.

Each draft is measured (definitions in ``benchmarks.draft_metrics``):

* fact check: ``check_draft(story_source(story), title + body,
  published=story_published(story))`` finds nothing unsupported;
* actors: every labelled actor in one of its full forms, no bare 政府 / 研究人员;
* key figure: the story's key figure in house style;
* no figure dump;
* length: the body's characters within the seed bulletin's band for the section, computed
  at run time from ``../shared/seeds/000_dbc9ab053260726e.txt`` (ordinary sections: 10th to
  90th percentile; 重点关注 longer; see ``draft_metrics.length_bands``); without the seed
  this measure is skipped;
* Chinese-source rewriting (Chinese sources only): no 我省/本市, relative or year-less date;
* title: does not repeat the first paragraph word for word.

It also gives the section accuracy of ``kuaibao.classify.classifier.classify`` (rules
only) on each story's lead report against the label (for a 重点关注 story, the section the
kind of act calls for, since the classifier never files under the editorial section).

Figures are given for all stories, the tuning third and the held-out two thirds (by a
hash of the id), and English and Chinese sources. Targets: the offline writer never
emits a draft its own check rejects; every model draft that still fails the check after
repair carries a note (never silently clean); the scripted server answered every story.

Run: ``python -m benchmarks draft_quality [--quick] [--json]``;
``python -m benchmarks.draft_quality`` also prints every draft's title and body.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from datetime import time as clock
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks.draft_metrics import (
    LengthBand,
    bare_actor_words,
    body_chars,
    carries_key_figure,
    draft_text,
    figure_dumps,
    length_bands,
    local_leftovers,
    missing_actors,
    title_repeats_lead,
)
from benchmarks.drafting_set import DRAFTING_SET, LabelledStory, load_stories
from benchmarks.measure import Report, Target, emit, equal, log
from benchmarks.scripted_model import Script, ScriptedModel, scripted_model
from kuaibao.bulletin.importers import import_bulletin
from kuaibao.classify.classifier import classify
from kuaibao.config import LLMSettings
from kuaibao.domain import Document, Item
from kuaibao.draft.llm import LLMWriter
from kuaibao.draft.model import Draft, SourceInfo, StoryInput
from kuaibao.draft.offline import story_published, story_source, write_offline_draft
from kuaibao.errors import DraftError
from kuaibao.facts.check import check_draft
from kuaibao.facts.gazetteer import Gazetteer, load_gazetteer

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_dbc9ab053260726e.txt"
ARCHIVE = ROOT / "src" / "kuaibao" / "demo" / "archive"
WRITERS = ("offline", "model")
METRICS = (
    ("fact_check", "passes the fact check"),
    ("actors", "every actor named in full"),
    ("key_figure", "carries the key figure"),
    ("no_dump", "no figure dump"),
    ("length", "within the seed's length band"),
    ("local", "Chinese source rewritten (zh only)"),
    ("title", "title does not repeat the lead"),
    ("all", "all of the above"),
)
GROUPS = (
    ("all", lambda s: True),
    ("tune", lambda s: s.split == "tune"),
    ("held-out", lambda s: s.split == "heldout"),
    ("en", lambda s: s.language == "en"),
    ("zh", lambda s: s.language == "zh"),
)


@dataclass
class Measured:
    """One draft and what each measure found (None: does not apply)."""

    story: str
    writer: str
    title: str
    body: list[str]
    notes: list[str]
    seconds: float
    passed: dict[str, bool | None] = field(default_factory=dict)
    why: dict[str, list[str]] = field(default_factory=dict)
    error: str | None = None


def documents(story: LabelledStory, number: int) -> list[Document]:
    """The story's reports as the crawler stores them (paragraphs one per line)."""
    docs = []
    for index, report in enumerate(story.documents):
        text = "\n".join(p.strip() for p in report.text.split("\n\n") if p.strip())
        docs.append(
            Document(
                url=report.url,
                canonical_url=report.url,
                title=report.title,
                text=text,
                content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                id=number * 10 + index + 1,
                language=story.language,
                published_at=datetime.combine(report.published, clock(8, 0), tzinfo=UTC),
            )
        )
    return docs


def story_input(story: LabelledStory, number: int) -> StoryInput:
    """The writers' input: the labelled domain and section, the lead's date as reference,
    and each document's source as the registry would describe it (country, region)."""
    docs = documents(story, number)
    info = SourceInfo(
        name=story.id, country=story.country, region=story.region, language=story.language
    )
    return StoryInput(
        documents=docs,
        domain=story.domain,
        section=story.section,
        reference=story.lead.published,
        sources=[info for _ in docs],
    )


def seed_bands(seed: Path = SEED) -> dict[str, LengthBand] | None:
    """Length bands from the seed bulletin's items, or None when the seed is absent."""
    from kuaibao.bulletin.importers.text import parse_bulletin_text

    if not seed.is_file():
        return None
    parsed = parse_bulletin_text(seed.read_text(encoding="utf-8"))
    lengths: dict[str, list[int]] = {}
    for item in parsed.items:
        lengths.setdefault(item.section or "", []).append(body_chars(item.body))
    return length_bands(lengths)


def archive_items(folder: Path = ARCHIVE) -> list[Item]:
    """The demo archive's items: the house-style examples the model writer is shown."""
    return [i for path in sorted(folder.glob("*.json")) for i in import_bulletin(path).items]


def measure(
    story: LabelledStory,
    given: StoryInput,
    title: str,
    body: Sequence[str],
    bands: dict[str, LengthBand] | None,
    gazetteer: Gazetteer,
) -> tuple[dict[str, bool | None], dict[str, list[str]]]:
    """Every measure of one draft, and what made each one fail."""
    text = draft_text(title, body)
    checked = check_draft(
        story_source(given), text, published=story_published(given), gazetteer=gazetteer
    )
    why: dict[str, list[str]] = {
        "fact_check": [f"{u.kind}: {u.text}" for u in checked.unsupported],
        "actors": [
            *(f"missing {a}" for a in missing_actors(text, story.actors)),
            *(f"bare: {w}" for w in bare_actor_words(text, story.actors)),
        ],
        "key_figure": [] if carries_key_figure(text, story.key_figure) else [
            f"none of {'/'.join(story.key_figure)}"
        ],
        "no_dump": figure_dumps(text),
        "local": local_leftovers(text) if story.language == "zh" else [],
        "title": ["title found in the first paragraph"] if title_repeats_lead(title, body) else [],
    }  # fmt: skip
    passed: dict[str, bool | None] = {k: not v for k, v in why.items()}
    if story.language != "zh":
        passed["local"] = None
    chars = body_chars(body)
    band = bands.get(story.section) if bands else None
    if band is None:
        passed["length"] = None
    else:
        passed["length"] = band.holds(chars)
        if not passed["length"]:
            why["length"] = [f"{chars} characters, band {band.low}–{band.high}"]
    passed["all"] = all(v is not False for k, v in passed.items() if k != "all") and (
        passed["length"] is not None
    )
    return passed, why


def _timed(write: Callable[[], Draft]) -> tuple[Draft | None, float, str | None]:
    started = time.perf_counter()
    try:
        draft = write()
    except DraftError as exc:
        return None, time.perf_counter() - started, str(exc)
    return draft, time.perf_counter() - started, None


def _measured(
    story: LabelledStory,
    given: StoryInput,
    writer: str,
    outcome: tuple[Draft | None, float, str | None],
    bands: dict[str, LengthBand] | None,
    gazetteer: Gazetteer,
) -> Measured:
    draft, seconds, error = outcome
    if draft is None:
        failed: dict[str, bool | None] = {k: False for k, _ in METRICS}
        return Measured(story.id, writer, "", [], [], seconds, failed, {}, error)
    passed, why = measure(story, given, draft.title, draft.body, bands, gazetteer)
    return Measured(
        story.id, writer, draft.title, list(draft.body), list(draft.writer_notes), seconds,
        passed, why,
    )  # fmt: skip


def run(
    stories: Sequence[LabelledStory], bands: dict[str, LengthBand] | None
) -> tuple[list[Measured], ScriptedModel]:
    """Draft every story with both writers; the scripted server is returned for its log."""
    gazetteer = load_gazetteer()
    archive = archive_items()
    scripts = [
        Script(
            s.lead.title,
            s.answer.to_json(),
            s.repaired.to_json() if s.repaired else None,
        )
        for s in stories
    ]
    results: list[Measured] = []
    with scripted_model(scripts) as server:
        settings = LLMSettings(base_url=server.base_url, model="scripted", timeout=10.0, retries=0)
        with LLMWriter(settings) as llm:
            for number, story in enumerate(stories, start=1):
                given = story_input(story, number)
                offline = _timed(partial(write_offline_draft, given, gazetteer=gazetteer))
                model = _timed(partial(llm.write, given, gazetteer=gazetteer, archive=archive))
                for writer, outcome in (("offline", offline), ("model", model)):
                    results.append(_measured(story, given, writer, outcome, bands, gazetteer))
    return results, server


def _share(values: list[bool | None]) -> str:
    counted = [v for v in values if v is not None]
    return f"{sum(counted)}/{len(counted)}" if counted else "n/a"


def _fraction(values: list[bool | None]) -> float | None:
    counted = [v for v in values if v is not None]
    return sum(counted) / len(counted) if counted else None


def section_accuracy(stories: Sequence[LabelledStory]) -> dict[str, bool]:
    """Per story: whether the rules-only classifier files its lead report as labelled."""
    return {
        s.id: classify(s.lead.title, s.lead.text).section == s.classifier_section for s in stories
    }


def build_report(
    stories: Sequence[LabelledStory],
    results: Sequence[Measured],
    sections: dict[str, bool],
    bands: dict[str, LengthBand] | None,
    repairs: int,
) -> Report:
    by_id = {s.id: s for s in stories}
    headers = ["measure"] + [f"{w} {g}" for g, _ in GROUPS for w in WRITERS]
    rows: list[list[str]] = []
    figures: dict[str, Any] = {"shares": {}, "drafts": []}
    for key, label in METRICS:
        row = [label]
        for group, keep in GROUPS:
            for writer in WRITERS:
                values = [
                    r.passed.get(key)
                    for r in results
                    if r.writer == writer and keep(by_id[r.story])
                ]
                row.append(_share(values))
                figures["shares"][f"{key}/{writer}/{group}"] = _fraction(values)
        rows.append(row)
    row = ["section accuracy (classifier)"]
    for group, keep in GROUPS:
        filed: list[bool | None] = [sections[s.id] for s in stories if keep(s)]
        row.extend([_share(filed), ""])
        figures["shares"][f"section/classifier/{group}"] = _fraction(filed)
    rows.append(row)
    model = [r for r in results if r.writer == "model"]
    offline = [r for r in results if r.writer == "offline"]
    silent = sum(1 for r in model if r.passed.get("fact_check") is False and not r.notes)
    unanswered = sum(1 for r in model if r.error)
    offline_failing = sum(1 for r in offline if r.passed.get("fact_check") is False)
    targets: list[Target] = [
        equal("offline drafts failing their own fact check", offline_failing, 0),
        equal("model drafts failing the check without a note", silent, 0),
        equal("model drafts the scripted server did not answer", unanswered, 0),
    ]
    flawed = sum(1 for s in stories if s.flaw)
    notes = [
        f"{len(stories)} stories ({sum(s.language == 'en' for s in stories)} English, "
        f"{sum(s.language == 'zh' for s in stories)} Chinese sources; "
        f"{sum(s.split == 'tune' for s in stories)} tune, "
        f"{sum(s.split == 'heldout' for s in stories)} held-out); "
        f"{flawed} scripted answers flawed on purpose; {repairs} repair requests sent",
        "cells: drafts passing / drafts measured; the section row counts stories",
        "each draft's title and body: python -m benchmarks.draft_quality (or --json: drafts)",
    ]
    if bands:
        seen = {b for b in bands.values()}
        notes.extend(f"length band {b.low}–{b.high} characters: {b.how}" for b in seen)
    else:
        notes.append("length band skipped: the seed bulletin (../shared/seeds) is absent")
    for writer in WRITERS:
        mine = [r for r in results if r.writer == writer]
        mean = 1000 * sum(r.seconds for r in mine) / max(1, len(mine))
        notes.append(f"{writer}: {mean:.0f} ms per draft on average")
    figures["drafts"] = [dataclasses.asdict(r) for r in results]
    figures["bands"] = {k: dataclasses.asdict(v) for k, v in (bands or {}).items()}
    figures["sections"] = sections
    return Report("draft_quality", headers, rows, targets, notes, figures)


def draft_listing(stories: Sequence[LabelledStory], results: Sequence[Measured]) -> str:
    """Every draft's title and body, for a person to read, with what each measure found."""
    by_story: dict[str, list[Measured]] = {}
    for r in results:
        by_story.setdefault(r.story, []).append(r)
    lines = []
    for story in stories:
        lines.append(
            f"\n### {story.id} ({story.language}, {story.split}, {story.section}/"
            f"{story.domain}) — {story.lead.title}"
        )
        for r in by_story.get(story.id, []):
            failed = [k for k, v in r.passed.items() if v is False and k != "all"]
            verdict = "all pass" if not failed else "fails: " + ", ".join(failed)
            lines.append(f"[{r.writer}] {verdict}")
            if r.error:
                lines.append(f"  error: {r.error}")
                continue
            lines.append(f"  {r.title}")
            lines.extend(f"  {p}" for p in r.body)
            for note in r.notes:
                lines.append(f"  (note) {note}")
            for key in failed:
                if r.why.get(key):
                    lines.append(f"  - {key}: {'; '.join(r.why[key])}")
    return "\n".join(lines)


def select(stories: list[LabelledStory], args: argparse.Namespace) -> list[LabelledStory]:
    if args.only:
        wanted = [i.strip() for i in args.only.split(",") if i.strip()]
        known = {s.id for s in stories}
        unknown = [i for i in wanted if i not in known]
        if unknown:
            raise SystemExit(f"unknown story id(s): {', '.join(unknown)}")
        return [s for s in stories if s.id in wanted]
    if args.quick:
        return stories[::3]
    return stories


def collect(argv: list[str] | None = None) -> Report:
    """Draft the chosen stories with both writers and build the report."""
    args = parse_args(argv)
    stories = select(load_stories(Path(args.set)), args)
    bands = seed_bands(Path(args.seed))
    log(f"  drafting {len(stories)} stories with the offline and the scripted-model writer ...")
    results, server = run(stories, bands)
    repairs = sum(1 for s in server.seen if s.repair)
    report = build_report(stories, results, section_accuracy(stories), bands, repairs)
    report.figures["listing"] = draft_listing(stories, results)
    return report


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.draft_quality",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="every third story")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--only", default="", help="comma-separated story ids")
    parser.add_argument("--set", default=str(DRAFTING_SET), help="the labelled story set")
    parser.add_argument("--seed", default=str(SEED), help="the seed bulletin's text")
    parser.add_argument(
        "--no-drafts", action="store_true", help="print the table only, not every draft"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    report = collect(argv)
    listing = str(report.figures.pop("listing", ""))
    code = emit(report, args.json)
    if not args.json and not args.no_drafts:
        print("\n== drafts ==" + listing)
    return code


if __name__ == "__main__":
    sys.exit(main())
