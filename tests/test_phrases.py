"""Stored English phrases parse back into their msgid and values, whatever the values."""

from __future__ import annotations

import pytest

from kuaibao import phrases
from kuaibao.classify.classifier import classify
from kuaibao.facts.check import CheckResult, Unsupported
from kuaibao.pipeline.drafting import check_notes

# Values of the shapes real ones take: URLs with colons and semicolons, reprs with
# parentheses, Chinese, and text that itself contains a phrase's literal words.
SAMPLES = (
    "https://www.example.org/a;b?c=(1): x",
    "ConnectError('All connection attempts failed')",
    "半导体",
    "rules 0.50, model 0.70",
)


@pytest.mark.parametrize("phrase", phrases.PHRASES, ids=lambda p: p.msgid)
@pytest.mark.parametrize("sample", SAMPLES)
def test_every_phrase_reads_back(phrase: phrases.Phrase, sample: str) -> None:
    """The same phrase comes back whatever its values hold; a value holding the phrase's
    own separators may split differently (the values are shown as written either way)."""
    values = {name: f"{sample}{i}" for i, name in enumerate(phrase.fields)}
    found = phrases.match(phrase(**values))
    assert found is not None
    assert found[0] is phrase
    assert phrase(**found[1]) == phrase(**values)


@pytest.mark.parametrize("phrase", phrases.PHRASES, ids=lambda p: p.msgid)
def test_plain_values_read_back_exactly(phrase: phrases.Phrase) -> None:
    values = {name: f"https://example.org/{i}" for i, name in enumerate(phrase.fields)}
    assert phrases.match(phrase(**values)) == (phrase, values)


def test_free_text_matches_no_phrase() -> None:
    assert phrases.match("请补充欧盟委员会的原始公告") is None
    assert phrases.match("approved") is None
    assert phrases.match("") is None


def test_msgids_are_unique() -> None:
    assert len({p.msgid for p in phrases.PHRASES}) == len(phrases.PHRASES)


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
