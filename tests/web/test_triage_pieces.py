"""Pure pieces of the triage pages: fact marks, queue filters, where forms may return to."""

from __future__ import annotations

from datetime import date

import pytest
from markupsafe import Markup
from pydantic import ValidationError

from kuaibao.facts import extract_facts
from kuaibao.web.triage.fact_marks import FactSpan, fact_spans, highlight, non_overlapping
from kuaibao.web.triage.views import QueueFilters, safe_return


def test_facts_are_marked_and_everything_else_is_escaped() -> None:
    text = "<b>NSF</b> gave $5 million & more"
    spans = [FactSpan("money", text.index("$"), text.index(" &"), "$5 million", "500万美元")]
    marked = highlight(text, spans)
    assert isinstance(marked, Markup)
    assert str(marked) == (
        '&lt;b&gt;NSF&lt;/b&gt; gave <mark class="fact fact-money" title="500万美元">'
        "$5 million</mark> &amp; more"
    )


def test_hostile_fact_text_and_forms_stay_inert() -> None:
    text = '<img src=x onerror="alert(1)">'
    spans = [FactSpan("org", 0, len(text), text, '"><script>alert(2)</script>')]
    marked = str(highlight(text, spans))
    assert "<img" not in marked and "<script" not in marked
    assert marked.startswith('<mark class="fact fact-org" title="&#34;&gt;&lt;script&gt;')
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;</mark>" in marked


def test_overlapping_unknown_and_out_of_range_spans_are_left_unmarked() -> None:
    spans = [
        FactSpan("date", 0, 4, "2026", "2026年"),
        FactSpan("money", 2, 8, "26 USD", "26美元"),  # overlaps the date
        FactSpan("org", 10, 12, "AI", "AI"),
        FactSpan("org", 10, 14, "AI L", "AI L"),  # same start, longer: wins
        FactSpan("script", 15, 16, "x", "x"),  # not a kind we mark
        FactSpan("place", 30, 40, "far", "far"),  # beyond the text
        FactSpan("place", 5, 5, "", ""),  # empty
    ]
    kept = non_overlapping(spans, 20)
    assert [(s.kind, s.start, s.end) for s in kept] == [("date", 0, 4), ("org", 10, 14)]
    assert str(highlight("2026 USD, AI Lab x y", spans)).count("<mark") == 2


def test_fact_spans_cover_every_kind_in_text_order() -> None:
    text = "On 3 March 2025 NASA paid €2 billion, up 12%, to teams in France."
    spans = fact_spans(extract_facts(text, reference=date(2025, 3, 1)))
    assert [s.kind for s in spans] == ["date", "org", "money", "percent", "place"]
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert str(highlight(text, spans)).count("<mark") == 5


def test_queue_filters_ignore_blank_fields_and_make_page_links() -> None:
    filters = QueueFilters.model_validate(
        {"state": "", "domain": "", "source": "3", "since": "2026-11-01", "offset": "50"}
    )
    assert filters.state == "new" and filters.domain is None and filters.source == 3
    assert filters.query(offset=100) == "source=3&since=2026-11-01&offset=100"
    assert filters.query(offset=0) == "source=3&since=2026-11-01"
    assert QueueFilters().query() == ""
    for bad in ({"state": "gone"}, {"min_relevance": "2"}, {"country": "<x>"}, {"limit": "0"}):
        with pytest.raises(ValidationError):
            QueueFilters.model_validate(bad)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/triage?domain=能源&offset=50", "/triage?domain=能源&offset=50"),
        ("/stories/12", "/stories/12"),
        ("https://evil.example/triage", "/triage"),
        ("//evil.example/triage", "/triage"),
        ("/\\evil.example", "/triage"),
        ("/triage\r\nSet-Cookie: x=1", "/triage"),
        ("/items/3", "/triage"),
        ("javascript:alert(1)", "/triage"),
        ("", "/triage"),
        (None, "/triage"),
    ],
)
def test_forms_return_only_to_triage_pages(target: str | None, expected: str) -> None:
    assert safe_return(target, "/triage") == expected
