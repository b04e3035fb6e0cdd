"""The pass strategy and title-line removal of maintext."""

from __future__ import annotations

from typing import Any

import pytest

from kuaibao.errors import ExtractionError
from kuaibao.extract.leantree import lean_copy
from kuaibao.extract.maintext import (
    FIRST_PASS,
    FULL_PASS,
    RECALL_PASS,
    RESCUE_PASS,
    SHORT_CJK_TEXT_CHARS,
    SHORT_TEXT_CHARS,
    choose_text,
    continues,
    drop_title_line,
    main_text,
    run_pass,
)
from kuaibao.extract.parsing import parse_html
from tests.extract.pages import (
    CHINESE_PARAGRAPHS,
    LONG_PARAGRAPHS,
    PARAGRAPHS,
    article_page,
    teaser_page,
)

URL = "https://wire.example/a"


class FakePasses:
    """Canned results per pass ("1" for first, "r" recall, "F" full, "R" rescue), recorded.

    A count stands for one line of that many letters; a string is used as it is.
    """

    def __init__(
        self, first: int | str, recall: int | str = 0, full: int | str = 0, rescue: int | str = 0
    ) -> None:
        self.plan = {
            id(FIRST_PASS): ("first", _text("1", first)),
            id(RECALL_PASS): ("recall", _text("r", recall)),
            id(FULL_PASS): ("full", _text("F", full)),
            id(RESCUE_PASS): ("rescue", _text("R", rescue)),
        }
        self.ran: list[str] = []

    def __call__(self, options: dict[str, Any]) -> str:
        name, text = self.plan[id(options)]
        self.ran.append(name)
        return text


def _text(letter: str, planned: int | str) -> str:
    return letter * planned if isinstance(planned, int) else planned


def _page(text: str) -> dict[str, Any]:
    """Yardsticks for a page whose prose (and pruned part) is ``text``, one run a line."""
    return {"prose": lambda: text.split("\n"), "pruned": lambda: text}


def _lines(*lengths: int, letter: str = "x") -> list[str]:
    """Distinct lines of the given lengths (a paragraph each)."""
    return [f"{letter}{index}".ljust(length, letter) for index, length in enumerate(lengths)]


# A teaser: two paragraphs kept by both fast passes; the article goes on for six more.
TEASER = _lines(300, 280)
ARTICLE = "\n".join([*TEASER, *_lines(290, 310, 270, 300, 260, 320, letter="y")])


def test_long_first_pass_is_used_alone() -> None:
    passes = FakePasses(first=SHORT_TEXT_CHARS)
    assert choose_text(passes) == "1" * SHORT_TEXT_CHARS
    assert passes.ran == ["first"]


def test_short_first_pass_confirmed_by_recall_is_kept() -> None:
    passes = FakePasses(first=600, recall=700)
    assert choose_text(passes) == "1" * 600
    assert passes.ran == ["first", "recall", "rescue"]


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


def test_short_article_found_by_both_fast_passes_is_kept_when_nothing_more_is_found() -> None:
    passes = FakePasses(first=50, recall=60, full=900, rescue=70)
    assert choose_text(passes) == "1" * 50
    assert passes.ran == ["first", "recall", "rescue"]


def test_teaser_both_fast_passes_agree_on_is_replaced_by_the_rescued_article() -> None:
    teaser = "\n".join(TEASER)
    passes = FakePasses(first=teaser, recall=teaser, full=teaser, rescue=ARTICLE)
    assert choose_text(passes, reachable=lambda: 2_500, **_page(ARTICLE)) == ARTICLE
    assert passes.ran == ["first", "recall", "rescue"]


def test_agreeing_short_passes_are_trusted_when_the_page_holds_little_more() -> None:
    teaser = "\n".join(TEASER)
    passes = FakePasses(first=teaser, recall=teaser, rescue=ARTICLE)
    assert choose_text(passes, reachable=lambda: 800, **_page(ARTICLE)) == teaser
    assert passes.ran == ["first"]


@pytest.mark.parametrize(
    "deleted",
    ["x" * 150, "\n".join(_lines(*[30] * 200, letter="m")), "\n".join([*TEASER, *TEASER])],
    ids=["too little text", "only menu-sized runs", "only the short text again"],
)
def test_no_other_pass_when_the_page_holds_too_little_other_prose(deleted: str) -> None:
    teaser = "\n".join(TEASER)
    passes = FakePasses(first=teaser, recall=ARTICLE, full=ARTICLE, rescue=ARTICLE)
    assert choose_text(passes, reachable=lambda: 9_000, **_page(deleted)) == teaser
    assert passes.ran == ["first"]


@pytest.mark.parametrize(
    ("rescued", "why"),
    [
        ("\n".join([*TEASER, *_lines(*[25] * 40, letter="m")]), "adds menu-sized lines"),
        ("\n".join(_lines(*[300] * 8, letter="o")), "drops the short text"),
        ("\n".join([*TEASER, *_lines(300, letter="y")]), "adds too little"),
    ],
)
def test_rescued_text_that_does_not_continue_the_short_one_is_refused(
    rescued: str, why: str
) -> None:
    teaser = "\n".join(TEASER)
    passes = FakePasses(first=teaser, recall=teaser, rescue=rescued)
    chosen = choose_text(passes, reachable=lambda: 9_000, **_page(rescued))
    assert chosen == teaser, why


def test_rescued_text_from_outside_the_pruned_elements_is_refused() -> None:
    teaser = "\n".join(TEASER)
    pruned = "a newsletter box and a cookie notice " * 20
    passes = FakePasses(first=teaser, recall=teaser, rescue=ARTICLE)
    chosen = choose_text(
        passes, reachable=lambda: 9_000, prose=lambda: ARTICLE.split("\n"), pruned=lambda: pruned
    )
    assert chosen == teaser
    assert passes.ran == ["first", "recall", "rescue"]


def test_a_failing_rescue_pass_keeps_the_short_text() -> None:
    teaser = "\n".join(TEASER)
    passes = FakePasses(first=teaser, recall=teaser, rescue=ARTICLE)

    def run(options: dict[str, Any]) -> str:
        if options is RESCUE_PASS:
            raise ExtractionError("no main text found: the extractor failed", reason="no_text")
        return passes(options)

    assert choose_text(run, reachable=lambda: 9_000, **_page(ARTICLE)) == teaser


def test_continues_compares_line_lengths_with_the_short_texts_own() -> None:
    # CJK paragraphs are short in characters: added lines as long as the kept ones count.
    short = "\n".join(_lines(70, 68, letter="z"))
    longer = "\n".join([short, *_lines(*[72] * 8, letter="w")])
    assert continues(short, longer)
    assert not continues(short, "\n".join([short, *_lines(*[20] * 30, letter="w")]))


def test_short_cjk_first_pass_is_checked_below_the_cjk_threshold_only() -> None:
    long_cjk = "量" * SHORT_CJK_TEXT_CHARS
    passes = FakePasses(first=long_cjk)
    assert choose_text(passes, reachable=lambda: 50_000) == long_cjk
    assert passes.ran == ["first"]
    short_latin = "q" * SHORT_CJK_TEXT_CHARS
    passes = FakePasses(first=short_latin, recall=SHORT_CJK_TEXT_CHARS)
    choose_text(passes, reachable=lambda: 50_000)
    assert passes.ran[:2] == ["first", "recall"]


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


@pytest.mark.parametrize(
    "box_class", ["paid-content", "story-expand", "article-body hidden", "overlay", "blurred"]
)
@pytest.mark.parametrize(
    ("paragraphs", "lead"), [(LONG_PARAGRAPHS, 2), (CHINESE_PARAGRAPHS, 2), (CHINESE_PARAGRAPHS, 3)]
)
def test_article_body_in_a_pruned_box_is_recovered(
    box_class: str, paragraphs: list[str], lead: int
) -> None:
    tree = parse_html(teaser_page(box_class, paragraphs, lead))
    fast = run_pass(lean_copy(tree), URL, FIRST_PASS)
    assert paragraphs[-1] not in fast, "the page no longer shows the teaser case"
    text = main_text(tree, URL)
    for paragraph in paragraphs:
        assert paragraph in text


def test_really_short_article_beside_long_boilerplate_stays_short() -> None:
    boilerplate = "".join(
        f'<li><a href="/s/{index}">Sign up for the weekly science letter, edition {index}</a></li>'
        for index in range(60)
    )
    page = article_page(paragraphs=PARAGRAPHS[:3]).replace(
        "</article>", f'</article><div class="newsletter-signup"><ul>{boilerplate}</ul></div>'
    )
    text = main_text(parse_html(page), URL)
    assert (
        text.split("\n")
        == [
            "Lab demonstrates quantum error correction milestone",
            *PARAGRAPHS[:3],
        ]
        or text.split("\n") == PARAGRAPHS[:3]
    )


def test_short_post_followed_by_other_posts_excerpts_stays_short() -> None:
    # trafilatura's default mode takes the excerpts for the article's sequel; they were
    # never pruned, so they are no teaser's lost body.
    excerpts = "".join(
        f'<article class="post-{index} post"><h2><a href="/p/{index}">Another post</a></h2>'
        f"<p>{LONG_PARAGRAPHS[index]}</p></article>"
        for index in range(1, 8)
    )
    post = [LONG_PARAGRAPHS[0], LONG_PARAGRAPHS[1][:200]]
    page = article_page(paragraphs=post).replace(
        "</main>", f'<div class="recent">{excerpts}</div></main>'
    )
    tree = parse_html(page)
    assert LONG_PARAGRAPHS[3] in run_pass(tree, URL, RESCUE_PASS)
    text = main_text(tree, URL)
    assert post[0] in text
    assert LONG_PARAGRAPHS[3] not in text


def test_main_text_keeps_article_paragraphs_one_per_line() -> None:
    text = main_text(parse_html(article_page()), URL)
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
