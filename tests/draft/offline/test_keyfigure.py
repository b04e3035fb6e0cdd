"""The key figure: the headline's, else the first paragraph's largest sum."""

from __future__ import annotations

from datetime import date

from kuaibao.domain import Document
from kuaibao.draft.offline.keyfigure import (
    COUNT,
    MONEY,
    PERCENT,
    carries,
    first_paragraph,
    key_figure,
    share_headline,
    share_phrase,
    with_count,
)
from kuaibao.draft.offline.lexicon import finder_for
from kuaibao.draft.offline.reading import read_document
from kuaibao.facts import load_gazetteer

GAZETTEER = load_gazetteer()


def _read(title: str, body: str):  # type: ignore[no-untyped-def]
    doc = Document(url="https://x.example/a", canonical_url="https://x.example/a", title=title,
                   text=body, content_hash="h", language="en")  # fmt: skip
    return read_document(f"{title}\n{body}", doc, finder_for(None), GAZETTEER, date(2026, 1, 1))


def test_the_headline_count_is_the_key_figure_with_what_it_counts() -> None:
    read = _read(
        "Neutral-atom processor runs 48 logical qubits with errors below threshold",
        "Researchers ran the machine. It cost $20 million.",
    )
    figure = key_figure(read.title, first_paragraph(read.sentences))
    assert figure is not None and figure.kind == COUNT and figure.value == 48
    assert with_count("处理器运行逻辑量子比特", figure) == "处理器运行48个逻辑量子比特"
    assert carries("运行48个逻辑量子比特", figure)
    assert not carries("运行逻辑量子比特", figure)


def test_without_a_headline_figure_the_first_paragraphs_largest_sum_leads() -> None:
    read = _read(
        "New fund for chips",
        "The agency gives $5 million now and $300 million later.\n\nA later $9 billion plan.",
    )
    figure = key_figure(read.title, first_paragraph(read.sentences))
    assert figure is not None and figure.kind == MONEY and figure.value == 300_000_000
    assert carries("将投入3亿美元", figure) and not carries("将投入500万美元", figure)


def test_a_story_with_no_figure_has_none() -> None:
    read = _read("Lab opens", "The lab opened its doors to visitors.")
    assert key_figure(read.title, first_paragraph(read.sentences)) is None


def test_a_distance_in_metres_is_a_count() -> None:
    read = _read("Twin satellites fly 150 metres apart", "Two satellites flew in formation.")
    figure = key_figure(read.title, first_paragraph(read.sentences))
    assert figure is not None and (figure.kind, figure.zh) == (COUNT, "150米")


def test_a_share_is_said_of_what_it_is_a_share_of_or_not_at_all() -> None:
    read = _read(
        "Membrane removes 99.9% of salt at low pressure",
        "Robots print floors using 40% less concrete. Costs fell by 12% in a year.",
    )
    figure = key_figure(read.title, first_paragraph(read.sentences))
    assert figure is not None and figure.kind == PERCENT
    assert read.title is not None and share_phrase(read.title, figure) == "可清除99.9%的盐分"
    less, fell = read.sentences[0], read.sentences[1]
    forty = key_figure(less, [])
    assert forty is not None and share_phrase(less, forty) == "混凝土用量减少40%"
    twelve = key_figure(fell, [])
    assert twelve is not None and share_phrase(fell, twelve) == ""  # a share of nothing named


def test_a_share_headline_names_the_organisation_and_the_thing_doing_it() -> None:
    read = _read("KAIST graphene oxide membrane removes 99.9% of salt", "It works.")
    figure = key_figure(read.title, [])
    assert figure is not None and read.title is not None
    assert share_headline(read.title, figure) == "韩国科学技术院氧化石墨烯膜可清除99.9%的盐分"
    bare = _read("New membrane removes 99.9% of salt", "It works.")
    assert bare.title is not None and share_headline(bare.title, figure) == ""  # no one named
