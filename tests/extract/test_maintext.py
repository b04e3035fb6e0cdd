"""The pass strategy, title-line removal and parsing bounds of maintext."""

from __future__ import annotations

from typing import Any

import pytest

from kuaibao.errors import ExtractionError
from kuaibao.extract.maintext import (
    FIRST_PASS,
    FULL_PASS,
    MAX_ATTRIBUTES,
    RECALL_PASS,
    SHORT_TEXT_CHARS,
    choose_text,
    drop_title_line,
    main_text,
    parse_html,
)
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


@pytest.mark.parametrize("html", ["", "   \n\t ", "<html><body></body></html>"])
def test_parse_html_refuses_empty_pages(html: str) -> None:
    with pytest.raises(ExtractionError, match="page is empty") as caught:
        parse_html(html)
    assert caught.value.reason == "empty"


def test_parse_html_strips_attribute_floods() -> None:
    flood = " ".join(f"data-attribute-{i}=1" for i in range(MAX_ATTRIBUTES + 50))
    tree = parse_html(f"<html><body><p {flood}>kept text</p><p>more</p></body></html>")
    paragraph = tree.find(".//p")
    assert paragraph is not None
    assert paragraph.text == "kept text"
    assert len(paragraph.attrib) == 0


def test_parse_html_keeps_long_tags_with_few_attributes() -> None:
    src = "data:image/png;base64," + "A" * 5000
    tree = parse_html(f'<html><body><img src="{src}" alt="x"><p>text</p></body></html>')
    image = tree.find(".//img")
    assert image is not None
    assert image.get("src") == src
