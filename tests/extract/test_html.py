"""extract_html: text, title, date, canonical and language of whole pages; hostile input."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from kuaibao.errors import ExtractionError
from kuaibao.extract.html import MAX_TEXT_CHARS, Extracted, extract_html, min_text_chars
from tests.extract.pages import PARAGRAPHS, article_page

URL = "https://wire.example.com/2024/05/01/quantum-milestone"


def test_extracts_article_text_one_paragraph_per_line() -> None:
    result = extract_html(article_page(), URL)
    assert result.text.split("\n") == PARAGRAPHS
    assert (
        result.title == "Lab demonstrates quantum error correction milestone | Science Daily Wire"
    )


def test_title_prefers_page_metadata_then_hint_then_title_element() -> None:
    og = '<meta property="og:title" content="Quantum milestone reached">'
    assert extract_html(article_page(head=og), URL, hint_title="Feed").title == (
        "Quantum milestone reached"
    )
    assert extract_html(article_page(), URL, hint_title="  Feed   title ").title == "Feed title"
    assert extract_html(article_page(), URL).title.endswith("| Science Daily Wire")


def test_headline_repeated_as_first_line_is_dropped() -> None:
    og = '<meta property="og:title" content="Chip milestone">'
    paragraphs = ["Chip milestone", *PARAGRAPHS]
    result = extract_html(article_page(head=og, paragraphs=paragraphs, h1=False), URL)
    assert result.text.split("\n")[0] == PARAGRAPHS[0]


def test_published_from_meta_tag_in_utc() -> None:
    head = '<meta property="article:published_time" content="2024-05-01T09:30:00+08:00">'
    hint = datetime(2024, 4, 30, tzinfo=UTC)
    result = extract_html(article_page(head=head), URL, hint_published=hint)
    assert result.published_at == datetime(2024, 5, 1, 1, 30, tzinfo=UTC)


def test_published_falls_back_to_hint_when_page_has_no_date() -> None:
    hint = datetime(2024, 5, 2, 7, 15, tzinfo=timezone(timedelta(hours=2)))
    result = extract_html(article_page(), "https://wire.example.com/story", hint_published=hint)
    assert result.published_at == datetime(2024, 5, 2, 5, 15, tzinfo=UTC)


def test_date_only_guess_on_same_day_keeps_the_hints_time() -> None:
    hint = datetime(2024, 5, 1, 14, 0, tzinfo=UTC)
    assert extract_html(article_page(), URL, hint_published=hint).published_at == hint
    guessed = extract_html(article_page(), URL).published_at
    assert guessed == datetime(2024, 5, 1, tzinfo=UTC)


def test_implausible_page_date_is_ignored() -> None:
    head = '<meta property="article:published_time" content="2999-01-01T00:00:00Z">'
    hint = datetime(2024, 5, 3, tzinfo=UTC)
    url = "https://wire.example.com/story"
    assert extract_html(article_page(head=head), url, hint_published=hint).published_at == hint


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/2024/05/01/quantum-milestone?utm_source=rss#top", "https://wire.example.com/2024/05/01/quantum-milestone"),
        ("https://www.example.com/amp/story", "https://www.example.com/amp/story"),
        ("https://syndicated.example.org/story", None),
        ("javascript:void(0)", None),
        ("ftp://wire.example.com/x", None),
        ("http://[broken", None),
    ],
)  # fmt: skip
def test_canonical_only_when_http_and_same_site(href: str, expected: str | None) -> None:
    head = f'<link rel="canonical" href="{href}">'
    assert extract_html(article_page(head=head), URL).canonical_url == expected


def test_author_from_meta() -> None:
    head = '<meta name="author" content="Jane Doe">'
    assert extract_html(article_page(head=head), URL).author == "Jane Doe"


def test_language_detected_from_text_beats_template_declaration() -> None:
    paragraphs = [
        "国务院近日印发关于加快量子信息技术发展的指导意见，提出到二〇三〇年形成较为完善的产业体系。",
        "意见要求加强基础研究和关键核心技术攻关，推动量子计算、量子通信和量子精密测量协同发展。",
        "各地要结合实际制定配套措施，加大人才培养力度，完善科研评价和成果转化机制。",
    ]
    result = extract_html(article_page(title="量子信息指导意见", paragraphs=paragraphs), URL)
    assert result.language == "zh"
    assert result.text.split("\n") == paragraphs


def test_declared_language_when_detection_is_unsure() -> None:
    paragraphs = [
        "Pemerintah meluncurkan program penelitian baru untuk komputer kuantum pada hari "
        "Selasa bersama beberapa universitas negeri di Jawa dan Sumatra.",
        "Program ini mendapat dukungan dari industri teknologi dalam negeri serta lembaga "
        "riset nasional yang akan menyediakan laboratorium bersama.",
    ]
    page = article_page(paragraphs=paragraphs, html_attrs='lang="id-ID"')
    assert extract_html(page, URL).language == "id"


def test_page_without_article_text_is_refused_with_reason() -> None:
    page = "<html><body><nav><a href='/a'>Home</a> <a href='/b'>News</a></nav></body></html>"
    with pytest.raises(ExtractionError) as caught:
        extract_html(page, URL)
    assert caught.value.reason in ("no_text", "too_short")


def test_short_text_is_refused_saying_how_short() -> None:
    page = article_page(paragraphs=["Only a few words here, not an article at all."])
    with pytest.raises(ExtractionError, match=r"text too short: \d+ chars") as caught:
        extract_html(page, URL)
    assert caught.value.reason == "too_short"


def test_empty_page_is_refused() -> None:
    with pytest.raises(ExtractionError, match="page is empty"):
        extract_html("", URL)


def test_cjk_threshold_is_lower() -> None:
    assert min_text_chars("量子" * 50) < min_text_chars("quantum " * 50)
    text = (
        "国家航天局宣布嫦娥七号探测器将于明年发射，任务目标是月球南极的水冰资源勘察，并开展合作。"
    )
    assert len(text) < 100
    page = article_page(title="嫦娥七号", paragraphs=[text])
    assert extract_html(page, URL).text == text


def test_text_is_capped() -> None:
    paragraph = "Researchers measured the signal again and again in the cold lab. " * 20
    result = extract_html(article_page(paragraphs=[paragraph] * 600), URL)
    assert 0 < len(result.text) <= MAX_TEXT_CHARS


def _binary_garbage() -> str:
    rng = random.Random(7)
    return bytes(rng.getrandbits(8) for _ in range(300_000)).decode("latin-1")


HOSTILE = {
    "binary": _binary_garbage(),
    "nul_bytes": article_page().replace("<p>", "<p>\x00\x01", 2),
    "no_body": "".join(f"<p>{p}</p>" for p in PARAGRAPHS),
    "deep_nesting": "<div>" * 200_000 + "".join(f"<p>{p}</p>" for p in PARAGRAPHS),
    "attribute_flood": "<html><body><p "
    + " ".join(f"a{i}='x'" for i in range(200_000))
    + ">x</p>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</body></html>",
    "element_flood": "<html><body>" + "<p>word word</p>" * 60_000 + "</body></html>",
    "huge_text_node": "<html><body><p>" + "a" * 8_000_000 + "</p></body></html>",
    "only_angle_brackets": "<" * 3_000_000,
    "unclosed_comment": "<html><body><!--" + "x" * 1_000_000,
    "json_ld_bomb": article_page(
        head='<script type="application/ld+json">' + "[" * 200_000 + "</script>"
    ),
}


KNOWN_REASONS = {"empty", "no_text", "too_short"}


def _outcome(html: str) -> Extracted | ExtractionError:
    """The result or the ExtractionError; any other exception propagates and fails."""
    try:
        return extract_html(html, URL)
    except ExtractionError as exc:
        return exc


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_html_ends_quickly_with_result_or_extraction_error(name: str) -> None:
    started = time.monotonic()
    outcome = _outcome(HOSTILE[name])
    assert time.monotonic() - started < 20
    if isinstance(outcome, ExtractionError):
        assert outcome.reason in KNOWN_REASONS
    else:
        assert 0 < len(outcome.text) <= MAX_TEXT_CHARS


def test_hostile_page_with_article_keeps_the_article() -> None:
    outcome = _outcome(HOSTILE["attribute_flood"])
    assert isinstance(outcome, Extracted)
    assert PARAGRAPHS[0] in outcome.text
