from __future__ import annotations

from datetime import date

import pytest

from kuaibao.bulletin.render.citation import (
    citations_for,
    gbt7714,
    publication_date,
    responsible_party,
)
from kuaibao.domain import Item
from tests.bulletin.render_samples import sample

ACCESSED = date(2026, 11, 21)


def item(**changes: object) -> Item:
    base = Item(
        title="某国政府宣布新一轮人工智能人才计划",
        body=["正文。"],
        source_urls=["https://www.gov.uk/government/news/fictional-ai-skills"],
        original_title="New AI skills package announced",
        event_date="2026-03-15",
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def test_electronic_resource_form_with_publication_and_access_dates() -> None:
    assert gbt7714(item(), accessed=ACCESSED) == [
        "[1] UK Government. New AI skills package announced[EB/OL]. (2026-03-15)[2026-11-21]. "
        "https://www.gov.uk/government/news/fictional-ai-skills."
    ]


def test_one_numbered_reference_per_source_url() -> None:
    refs = gbt7714(
        item(
            source_urls=[
                "https://www.darpa.mil/news/2026/fictional-program",
                "https://www.nature.com/articles/fictional-2026",
                " ",
                "https://research.example.edu/news/1",
            ]
        ),
        accessed=ACCESSED,
    )
    assert [r.split(" ", 1)[0] for r in refs] == ["[1]", "[2]", "[3]"]
    assert refs[0].startswith("[1] DARPA. ")
    assert refs[1].startswith("[2] Nature. ")
    assert refs[2].startswith("[3] research.example.edu. ")
    assert all(r.endswith(".") and "[EB/OL]" in r for r in refs)


def test_partial_event_date_is_not_a_publication_date() -> None:
    (ref,) = gbt7714(item(event_date="2026-03"), accessed=ACCESSED)
    assert "[EB/OL]. [2026-11-21]. https://" in ref
    assert publication_date("2026") is None
    assert publication_date("2026-02-30") is None
    assert publication_date(None) is None
    assert publication_date("2026-02-28") == date(2026, 2, 28)


def test_chinese_title_when_no_original_title() -> None:
    (ref,) = gbt7714(item(original_title=None), accessed=ACCESSED)
    assert "某国政府宣布新一轮人工智能人才计划[EB/OL]" in ref


@pytest.mark.parametrize(
    ("url", "party"),
    [
        ("https://www.whitehouse.gov/briefing-room/x", "The White House"),
        ("https://WWW.DARPA.MIL/news", "DARPA"),
        ("https://communications.nature.com/a", "Nature"),
        ("https://assets.publishing.service.gov.uk/media/a.pdf", "UK Government"),
        (
            "https://cset.georgetown.edu/publication/x",
            "Center for Security and Emerging Technology",
        ),
        ("https://www.georgetown.edu/news", "www.georgetown.edu"),
        ("https://notnature.com/a", "notnature.com"),
        ("http://lab.example.org:8080/p", "lab.example.org"),
        ("not a url", "佚名"),
    ],
)
def test_responsible_party_from_host(url: str, party: str) -> None:
    assert responsible_party(url) == party


def test_party_ending_in_full_stop_gets_no_second_one() -> None:
    (ref,) = gbt7714(item(source_urls=["https://example.com./x."]), accessed=ACCESSED)
    assert ref.startswith("[1] example.com. ")
    assert ref.endswith("https://example.com./x.")


def test_citations_for_a_bulletin_default_to_the_issue_date() -> None:
    refs = citations_for(sample())
    assert sorted(refs) == [1, 2, 3, 4]
    assert "[2026-11-20]" in refs[1][0]
    assert len(refs[3]) == 2
