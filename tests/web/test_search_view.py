"""The search page's pure parts: highlighted matches built safely, facet counts."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from kuaibao.store.search_backends import FacetCell
from kuaibao.web.search.views import FacetValue, facet_values, mark_spans


def test_marks_wrap_only_the_matched_ranges() -> None:
    marked = mark_spans("新型量子计算机原型", [(2, 6)])
    assert isinstance(marked, Markup)
    assert str(marked) == "新型<mark>量子计算</mark>机原型"


def test_hostile_text_is_escaped_inside_and_outside_marks() -> None:
    text = '<script>alert(1)</script> quantum <img src=x onerror="x()">'
    start = text.index("quantum")
    marked = str(mark_spans(text, [(0, 8), (start, start + 7)]))
    assert "<script>" not in marked and "<img" not in marked
    assert marked.startswith("<mark>&lt;script&gt;</mark>alert(1)&lt;/script&gt; ")
    assert "<mark>quantum</mark>" in marked
    assert "onerror=&#34;x()&#34;" in marked


def test_a_markup_lookalike_is_still_escaped() -> None:
    # Text that merely looks like markup must not be trusted because it is a str subclass.
    assert str(mark_spans(Markup("<b>x</b>"), [])) == "&lt;b&gt;x&lt;/b&gt;"


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([], "abcdef"),
        ([(4, 2)], "abcdef"),  # reversed: ignored
        ([(3, 3)], "abcdef"),  # empty
        ([(-5, 2)], "<mark>ab</mark>cdef"),  # clamped at the start
        ([(4, 99)], "abcd<mark>ef</mark>"),  # clamped at the end
        ([(0, 3), (2, 5)], "<mark>abc</mark><mark>de</mark>f"),  # overlap: no nesting
        ([(4, 5), (0, 1)], "<mark>a</mark>bcd<mark>e</mark>f"),  # any order
    ],
)
def test_odd_offsets_never_break_the_markup(spans: list[tuple[int, int]], expected: str) -> None:
    assert str(mark_spans("abcdef", spans)) == expected


CELLS = [
    FacetCell("item", "量子信息", "2024", 3),
    FacetCell("item", "能源", "2023", 2),
    FacetCell("item", None, None, 1),
    FacetCell("document", None, "2024", 5),
    FacetCell("document", None, "2022", 1),
]


def test_facets_count_every_value_when_nothing_is_chosen() -> None:
    facets = facet_values(CELLS, kind=None, domain=None, year=None)
    assert facets["kind"] == [FacetValue("item", 6, False), FacetValue("document", 6, False)]
    assert facets["domain"] == [FacetValue("量子信息", 3, False), FacetValue("能源", 2, False)]
    assert [(v.value, v.count) for v in facets["year"]] == [("2024", 8), ("2023", 2), ("2022", 1)]


def test_each_facet_applies_the_other_facets_choices() -> None:
    facets = facet_values(CELLS, kind="document", domain=None, year="2024")
    # Kinds are counted within 2024, years within documents, domains within both.
    assert [(v.value, v.count, v.selected) for v in facets["kind"]] == [
        ("item", 3, False),
        ("document", 5, True),
    ]
    assert [(v.value, v.count, v.selected) for v in facets["year"]] == [
        ("2024", 5, True),
        ("2022", 1, False),
    ]
    assert facets["domain"] == []


def test_a_choice_without_matches_stays_visible_to_be_undone() -> None:
    facets = facet_values(CELLS, kind=None, domain="空天", year=None)
    assert FacetValue("空天", 0, True) in facets["domain"]
