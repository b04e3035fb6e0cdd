"""feedparser's value conventions, reproduced: each checked against feedparser itself."""

from __future__ import annotations

import pytest
from feedparser.datetimes import _parse_date as feedparser_date

from kuaibao.fetch.feedvalues import finish, join_url, repair_query, rss_author_detail, strict_date

BASE = "https://lab.example.org/news/feed.xml"


@pytest.mark.parametrize(
    "text",
    [
        "Fri, 15 Mar 2024 10:00:00 +0800",
        "Fri, 15 Mar 2024 10:00:00 GMT",
        "15 Mar 2024 10:00 EST",
        "Sat, 16 Mar 2024 23:59:59 -0330",
        "Mon, 15 Mar 2024 10:00:00 PDT",
        "Fri, 15 Mar 2024 10:00:00 UT",
        "2024-03-15",
        "2024-03-15T09:30Z",
        "2024-03-15T09:30:00.250+01:00",
        "2024-03-15T09:30:00",
        "2024-03-15T09:30:00-0500",
    ],
)
def test_dates_read_as_feedparser_reads_them(text: str) -> None:
    assert strict_date(text) is not None
    assert strict_date(text) == feedparser_date(text)


@pytest.mark.parametrize(
    "text",
    ["Fri, 15 Mar 2024 10:00:00", "2024-02-31T00:00:00Z", "March 15, 2024", "15/03/2024", ""],
)
def test_other_date_forms_are_left_to_feedparser(text: str) -> None:
    assert strict_date(text) is None


def test_finish_repairs_mojibake_and_c1_punctuation() -> None:
    assert finish("Caf\u00c3\u00a9") == "Café"
    assert finish("a \x96 b \x93q\x94") == "a – b “q”"
    assert finish("量子 plain") == "量子 plain"


def test_links_resolve_and_repair_as_feedparser_does() -> None:
    assert join_url(BASE, "/a?b=1") == "https://lab.example.org/a?b=1"
    assert join_url(BASE, "https:///x.org/p") == "https://x.org/p"
    assert join_url(BASE, "http://[::1") is None
    assert repair_query("/q?a=1&b;=2&amp;c=3") == "/q?a=1&b=2&c=3"


def test_rss_authors_split_into_names() -> None:
    assert rss_author_detail("Press Office") == {"name": "Press Office"}
    assert rss_author_detail("desk@lab.example.org (News Desk)") == {"name": "News Desk"}
    assert rss_author_detail("News Desk <desk@lab.example.org>") == {"name": "News Desk"}
    assert rss_author_detail("desk@lab.example.org") == {}
    assert rss_author_detail("desk@lab.example.science (Desk)") is None
