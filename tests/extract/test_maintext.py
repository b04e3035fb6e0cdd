"""The pass strategy and title-line removal of maintext."""

from __future__ import annotations

from typing import Any

import pytest

from kuaibao.extract.maintext import (
    FIRST_PASS,
    FULL_PASS,
    RECALL_PASS,
    SHORT_TEXT_CHARS,
    choose_text,
    drop_title_line,
    main_text,
)
from kuaibao.extract.parsing import parse_html
from tests.extract.pages import PARAGRAPHS, article_page


class FakePasses:
    """Canned results per pass ("1" for first, "r" for recall, "F" for full), recorded."""

    def __init__(self, first: int, recall: int = 0, full: int = 0) -> None:
        self.plan = {
            id(FIRST_PASS): ("first", "1" * first),
            id(RECALL_PASS): ("recall", "r" * recall),
            id(FULL_PASS): ("full", "F" * full),
        }
        self.ran: list[str] = []

    def __call__(self, options: dict[str, Any]) -> str:
        name, text = self.plan[id(options)]
        self.ran.append(name)
        return text


def test_long_first_pass_is_used_alone() -> None:
    passes = FakePasses(first=SHORT_TEXT_CHARS)
    assert choose_text(passes) == "1" * SHORT_TEXT_CHARS
    assert passes.ran == ["first"]


def test_short_first_pass_confirmed_by_recall_is_kept() -> None:
    passes = FakePasses(first=600, recall=700)
    assert choose_text(passes) == "1" * 600
    assert passes.ran == ["first", "recall"]


def test_truncated_first_pass_is_replaced_by_full_mode_when_it_recovers() -> None:
    passes = FakePasses(first=120, recall=2600, full=2500)
    assert choose_text(passes) == "F" * 2500
    assert passes.ran == ["first", "recall", "full"]


def test_recall_wins_when_full_mode_also_loses_the_article() -> None:
    passes = FakePasses(first=260, recall=3200, full=260)
    assert choose_text(passes) == "r" * 3200
    assert passes.ran == ["first", "recall", "full"]


def test_empty_first_pass_always_gets_full_mode() -> None:
    passes = FakePasses(first=0, recall=0, full=400)
    assert choose_text(passes) == "F" * 400
    assert passes.ran == ["first", "recall", "full"]


def test_short_article_found_by_both_fast_passes_is_kept() -> None:
    passes = FakePasses(first=50, recall=60, full=900)
    assert choose_text(passes) == "1" * 50
    assert passes.ran == ["first", "recall"]


def test_short_first_pass_that_kept_most_of_the_page_skips_recall() -> None:
    passes = FakePasses(first=600, recall=700)
    assert choose_text(passes, reachable=lambda: 900) == "1" * 600
    assert passes.ran == ["first"]


def test_short_first_pass_far_below_what_the_page_holds_is_checked() -> None:
    passes = FakePasses(first=120, recall=2600, full=2500)
    assert choose_text(passes, reachable=lambda: 3000) == "F" * 2500
    assert passes.ran == ["first", "recall", "full"]


def test_reachable_text_is_not_counted_for_a_long_first_pass() -> None:
    def never() -> int:
        raise AssertionError("reachable text counted although the first pass was long")

    passes = FakePasses(first=SHORT_TEXT_CHARS)
    assert choose_text(passes, reachable=never) == "1" * SHORT_TEXT_CHARS
    assert passes.ran == ["first"]


def test_empty_first_pass_gets_every_pass_whatever_the_page_holds() -> None:
    passes = FakePasses(first=0, recall=0, full=150)
    assert choose_text(passes, reachable=lambda: 150) == "F" * 150
    assert passes.ran == ["first", "recall", "full"]


def test_main_text_keeps_article_paragraphs_one_per_line() -> None:
    text = main_text(parse_html(article_page()), "https://wire.example/a")
    lines = text.split("\n")
    for paragraph in PARAGRAPHS:
        assert paragraph in lines
    assert "Great article" not in text
    assert "Privacy" not in text
    assert "Battery makers" not in text


@pytest.mark.parametrize(
    ("text", "titles", "expected"),
    [
        ("Big News\nBody line", ["Big News"], "Body line"),
        ("big   news\nBody line", ["Big News"], "Body line"),
        ("Lab demonstrates quantum error\nBody", ["Lab demonstrates quantum error | Site"], "Body"),
        ("Short\nBody", ["Short title that is longer"], "Short\nBody"),
        ("Big News", ["Big News"], "Big News"),
        ("Other line\nBody", ["Big News"], "Other line\nBody"),
        ("Big News\nBody", [], "Big News\nBody"),
    ],
)
def test_drop_title_line(text: str, titles: list[str], expected: str) -> None:
    assert drop_title_line(text, titles) == expected
