"""The labelled story set the draft-quality benchmark reads (``tests/eval/drafting.yaml``).

Each story is one news event as a crawler would store it (one or two reports, English or
Chinese), labelled with what a good bulletin item must carry: its section and domain, the
full Chinese name of every actor (a list of acceptable forms each), the key figure in
house style, and the JSON a decent model would answer (plus, for the answers written
flawed on purpose, the answer the scripted model gives when asked to repair).

The set is split into a tuning third and a held-out two thirds by the first byte of the
SHA-256 of each story's id (``split_of``). The ``split`` field is written in the file so
a reader sees it, and the loader refuses a file where it disagrees with the hash: nobody
can move a story between halves by hand. Every error names the story and the field, so
a broken edit is found at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from kuaibao.classify.taxonomy import Taxonomy, load_taxonomy

ROOT = Path(__file__).resolve().parents[1]
DRAFTING_SET = ROOT / "tests" / "eval" / "drafting.yaml"
LANGUAGES = ("en", "zh")
SPLITS = ("tune", "heldout")
TUNE_BELOW = 86  # first SHA-256 byte of the id below this: tune (86/256, about a third)
FOCUS = "重点关注"


class DraftSetError(ValueError):
    """The story set is malformed; the message names the story and the field."""


@dataclass(frozen=True)
class SourceReport:
    """One report of a story: what the crawler would have extracted from its page."""

    title: str
    text: str  # paragraphs separated by blank lines
    url: str
    published: date


@dataclass(frozen=True)
class Answer:
    """What the scripted model answers: the JSON object the LLM writer asks for."""

    title: str
    body: tuple[str, ...]
    key_sentences: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "body": list(self.body),
            "key_sentences": list(self.key_sentences),
        }


@dataclass(frozen=True)
class LabelledStory:
    """One story with its labels; ``documents[0]`` is the lead report."""

    id: str
    language: str  # of the sources: "en" or "zh"
    country: str  # ISO code of the source's country
    region: str | None  # for Chinese sources: the province or city the site belongs to
    section: str
    domain: str
    actors: tuple[tuple[str, ...], ...]  # per actor, the acceptable printed forms
    key_figure: tuple[str, ...]  # acceptable house-style forms of the key figure
    documents: tuple[SourceReport, ...]
    answer: Answer
    repaired: Answer | None  # the answer to a repair request (flawed answers only)
    flaw: str | None  # what is wrong with ``answer`` on purpose
    split: str
    classifier_section: str  # the section the kind of act calls for (重点关注 is editorial)

    @property
    def lead(self) -> SourceReport:
        return self.documents[0]


def split_of(story_id: str) -> str:
    """``tune`` or ``heldout``, from the first byte of the SHA-256 of the id."""
    first = hashlib.sha256(story_id.encode("utf-8")).digest()[0]
    return "tune" if first < TUNE_BELOW else "heldout"


def _text(raw: dict[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DraftSetError(f"{where}: `{key}` must be a non-empty string")
    return value.strip()


def _forms(value: Any, where: str) -> tuple[str, ...]:
    """A string or a non-empty list of strings: the acceptable forms of one label."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise DraftSetError(f"{where}: expected a string or a non-empty list of strings")
    if not all(isinstance(i, str) and i.strip() for i in items):
        raise DraftSetError(f"{where}: every form must be a non-empty string")
    return tuple(i.strip() for i in items)


def _date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise DraftSetError(f"{where}: `published` must be a date (YYYY-MM-DD)") from exc


def _report(raw: Any, where: str) -> SourceReport:
    if not isinstance(raw, dict):
        raise DraftSetError(f"{where}: a document must be a mapping with title, text, url")
    url = _text(raw, "url", where)
    if not url.startswith(("http://", "https://")):
        raise DraftSetError(f"{where}: `url` must be an http(s) URL, not {url!r}")
    if "published" not in raw:
        raise DraftSetError(f"{where}: `published` is missing")
    return SourceReport(
        title=_text(raw, "title", where),
        text=_text(raw, "text", where),
        url=url,
        published=_date(raw["published"], where),
    )


def _answer(raw: Any, where: str) -> Answer:
    if not isinstance(raw, dict):
        raise DraftSetError(f"{where}: expected a mapping with title, body, key_sentences")
    body = raw.get("body")
    if not isinstance(body, list) or not body or not all(isinstance(p, str) for p in body):
        raise DraftSetError(f"{where}: `body` must be a non-empty list of paragraphs")
    keys = raw.get("key_sentences") or []
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise DraftSetError(f"{where}: `key_sentences` must be a list of strings")
    return Answer(_text(raw, "title", where), tuple(p.strip() for p in body), tuple(keys))


def _choice(raw: dict[str, Any], key: str, allowed: Sequence[str], where: str) -> str:
    value = raw.get(key)
    if value not in allowed:
        raise DraftSetError(f"{where}: `{key}` is {value!r}; use one of {', '.join(allowed)}")
    return str(value)


def parse_story(raw: Any, where: str, taxonomy: Taxonomy) -> LabelledStory:
    """One story mapping; ``DraftSetError`` naming the field for anything missing or wrong."""
    if not isinstance(raw, dict):
        raise DraftSetError(f"{where}: a story must be a mapping")
    story_id = _text(raw, "id", where)
    where = f"{where} ({story_id})"
    language = _choice(raw, "language", LANGUAGES, where)
    section = _choice(raw, "section", taxonomy.section_names, where)
    domain = _choice(raw, "domain", taxonomy.domain_names, where)
    predictable = [s.name for s in taxonomy.predictable_sections]
    if section == FOCUS:
        classifier_section = _choice(raw, "classifier_section", predictable, where)
    else:
        classifier_section = section
    region = raw.get("region")
    if language == "zh" and (not isinstance(region, str) or not region.strip()):
        raise DraftSetError(f"{where}: a Chinese-source story needs its `region` (江苏省 …)")
    actors = raw.get("actors")
    if not isinstance(actors, list) or not actors:
        raise DraftSetError(f"{where}: `actors` must be a non-empty list")
    documents = raw.get("documents")
    if not isinstance(documents, list) or not documents:
        raise DraftSetError(f"{where}: `documents` must be a non-empty list")
    if "scripted_answer" not in raw:
        raise DraftSetError(f"{where}: `scripted_answer` is missing")
    flaw = raw.get("flaw")
    if flaw is not None and (not isinstance(flaw, str) or not flaw.strip()):
        raise DraftSetError(f"{where}: `flaw` must say what is wrong with the answer")
    if (flaw is None) != ("repaired_answer" not in raw):
        raise DraftSetError(f"{where}: a `flaw` and a `repaired_answer` go together")
    split = _choice(raw, "split", SPLITS, where)
    if split != split_of(story_id):
        raise DraftSetError(
            f"{where}: `split` is {split!r} but the id's hash puts it in {split_of(story_id)!r}"
        )
    return LabelledStory(
        id=story_id,
        language=language,
        country=_text(raw, "country", where),
        region=region.strip() if isinstance(region, str) and region.strip() else None,
        section=section,
        domain=domain,
        actors=tuple(_forms(a, f"{where} actors[{n}]") for n, a in enumerate(actors)),
        key_figure=_forms(raw.get("key_figure"), f"{where} key_figure"),
        documents=tuple(_report(d, f"{where} documents[{n}]") for n, d in enumerate(documents)),
        answer=_answer(raw["scripted_answer"], f"{where} scripted_answer"),
        repaired=(_answer(raw["repaired_answer"], f"{where} repaired_answer") if flaw else None),
        flaw=flaw.strip() if isinstance(flaw, str) else None,
        split=split,
        classifier_section=classifier_section,
    )


def parse_stories(text: str, origin: str, taxonomy: Taxonomy | None = None) -> list[LabelledStory]:
    """Every story in a YAML text; ids must be unique."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DraftSetError(f"{origin}: not valid YAML: {exc}") from exc
    if not isinstance(raw, list) or not raw:
        raise DraftSetError(f"{origin}: expected a non-empty list of stories")
    tax = taxonomy or load_taxonomy()
    stories = [parse_story(s, f"{origin}: story #{n}", tax) for n, s in enumerate(raw, 1)]
    seen: set[str] = set()
    for story in stories:
        if story.id in seen:
            raise DraftSetError(f"{origin}: story id {story.id!r} appears twice")
        seen.add(story.id)
    return stories


def load_stories(path: Path = DRAFTING_SET) -> list[LabelledStory]:
    """The labelled set from ``path``; ``DraftSetError`` for a missing or malformed file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DraftSetError(f"{path}: cannot read the story set: {exc}") from exc
    return parse_stories(text, str(path))
