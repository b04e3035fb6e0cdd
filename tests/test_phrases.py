"""Stored English phrases parse back into their msgid and values, whatever the values."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import replace

import pytest

from kuaibao import phrases
from kuaibao.classify.classifier import classify
from kuaibao.domain import ItemState
from kuaibao.errors import FeedError, ReviewError
from kuaibao.facts.check import CheckResult, Unsupported
from kuaibao.fetch.jsonfeed import parse_json_feed
from kuaibao.pipeline.drafting import check_notes
from kuaibao.sources import fields
from kuaibao.web.items.editing import (
    EditRejectedError,
    ItemFields,
    clean_event_date,
    validate,
)
from kuaibao.workflow.transitions import TRANSITIONS, Action, next_state

# Values of the shapes real ones take: URLs with colons and semicolons, reprs with
# parentheses, Chinese, and text that itself contains a phrase's literal words.
SAMPLES = (
    "https://www.example.org/a;b?c=(1): x",
    "ConnectError('All connection attempts failed')",
    "半导体",
    "rules 0.50, model 0.70",
)


def shaped(phrase: phrases.Phrase) -> dict[str, str]:
    """Values for fields with a shape of their own: a field name, a nested phrase."""
    fits = ("poll_interval_minutes", "the title")
    values = {
        name: next(v for v in fits if re.fullmatch(pattern, v))
        for name, pattern in phrase.patterns.items()
    }
    if phrase.strict:
        values |= {name: phrases.TEXT_EMPTY() for name in phrase.nested}
    return values


@pytest.mark.parametrize("phrase", phrases.PHRASES, ids=lambda p: p.msgid)
@pytest.mark.parametrize("sample", SAMPLES)
def test_every_phrase_reads_back(phrase: phrases.Phrase, sample: str) -> None:
    """The same phrase comes back whatever its values hold; a value holding the phrase's
    own separators may split differently (the values are shown as written either way)."""
    values = {name: f"{sample}{i}" for i, name in enumerate(phrase.fields)} | shaped(phrase)
    found = phrases.match(phrase(**values))
    assert found is not None
    assert found[0] is phrase
    assert phrase(**found[1]) == phrase(**values)


@pytest.mark.parametrize("phrase", phrases.PHRASES, ids=lambda p: p.msgid)
def test_plain_values_read_back_exactly(phrase: phrases.Phrase) -> None:
    values = {name: f"https://example.org/{i}" for i, name in enumerate(phrase.fields)}
    values |= shaped(phrase)
    assert phrases.match(phrase(**values)) == (phrase, values)


def test_free_text_matches_no_phrase() -> None:
    assert phrases.match("请补充欧盟委员会的原始公告") is None
    assert phrases.match("approved") is None
    assert phrases.match("") is None
    # "{field} {problem}" counts only when the problem is one of the fields' phrases
    assert phrases.match("name is what the ministry calls it") is None
    assert phrases.match("name must be a non-empty text") == (
        phrases.FIELD_PROBLEM,
        {"field": "name", "problem": "must be a non-empty text"},
    )


def test_msgids_are_unique() -> None:
    assert len({p.msgid for p in phrases.PHRASES}) == len(phrases.PHRASES)


@pytest.mark.parametrize(
    ("parse", "bad"),
    [
        (fields.parse_url, "ftp://x.example/"),
        (fields.parse_url, "https://u:p@x.example/"),
        (fields.parse_name, ""),
        (fields.parse_name, "x" * 500),
        (fields.parse_name, "a\nb"),
        (fields.parse_name, 3),
        (fields.parse_tier, 7),
        (fields.parse_interval, "soon"),
        (fields.parse_interval, 1),
        (fields.parse_country, "XX"),
        (fields.parse_language, "?"),
        (fields.parse_bool, "perhaps"),
        (fields.parse_timezone, "CST"),
        (fields.parse_timezone, "Mars/Olympus"),
        (fields.parse_timezone, 8),
    ],
)
def test_the_source_forms_refusals_are_phrases(
    parse: Callable[[object], object], bad: object
) -> None:
    with pytest.raises(fields.FieldValueError) as refused:
        parse(bad)
    assert phrases.match(phrases.FIELD_PROBLEM(field="name", problem=refused.value)) is not None


def test_every_workflow_refusal_is_a_phrase_with_its_hint() -> None:
    refused = 0
    for state, action in itertools.product(ItemState, Action):
        if (state, action) in TRANSITIONS:
            continue
        with pytest.raises(ReviewError) as caught:
            next_state(7, state, action)
        found = phrases.match(str(caught.value))
        assert found is not None and found[0] is phrases.WORKFLOW_REFUSED, caught.value
        assert phrases.match(found[1]["hint"]) is not None, caught.value
        refused += 1
    assert refused > 0


@pytest.mark.parametrize("body", [b"{not json", b'{"version": "x"}', b"[1, 2]"])
def test_a_bad_json_feeds_error_is_a_phrase(body: bytes) -> None:
    with pytest.raises(FeedError) as refused:
        parse_json_feed(body, "https://a.example/feed.json")
    assert phrases.match(str(refused.value)) is not None, refused.value


GOOD = ItemFields(
    title="标题",
    body=["正文。"],
    domain="半导体",
    section="产业动态",
    contributors=["王五"],
    source_urls=["https://a.example/"],
    original_title=None,
    event_date=None,
)


@pytest.mark.parametrize(
    "bad",
    [
        {"title": " "},
        {"title": "a\nb"},
        {"title": "长" * 2000},
        {"body": ["\x07"]},
        {"body": ["长" * 200_000]},
        {"domain": "天文"},
        {"section": "杂谈"},
        {"contributors": ["王五"] * 500},
        {"source_urls": ["ftp://a.example/"]},
        {"original_title": "a\rb"},
        {"event_date": "soon"},
        {"event_date": "2024-02-30"},
    ],
)
def test_the_item_editors_refusals_are_phrases(bad: dict[str, object]) -> None:
    fields = replace(GOOD, **bad)  # type: ignore[arg-type]
    if fields.event_date is not None:
        with pytest.raises(EditRejectedError) as refused:
            clean_event_date(fields.event_date)
    else:
        with pytest.raises(EditRejectedError) as refused:
            validate(fields, domains=["半导体"], sections=["产业动态"])
    assert phrases.match(str(refused.value)) is not None, refused.value


def test_the_checks_notes_are_phrases() -> None:
    failing = CheckResult(
        ok=False, unsupported=[Unsupported(kind="money", text="11亿英镑", start=3, end=9)]
    )
    passing = CheckResult(ok=True)
    for result in (None, passing, failing):
        for note in check_notes(result):
            assert phrases.match(note) is not None, note


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("TSMC opens a chip fab", "The semiconductor foundry will build wafers with EUV."),
        ("Football results", "The match ended two to one."),
        ("A note", "Nothing of interest here at all."),
    ],
)
def test_every_classifier_reason_is_a_phrase(title: str, text: str) -> None:
    reasons = classify(title, text).reasons
    assert reasons
    for reason in reasons:
        assert phrases.match(reason) is not None, reason
