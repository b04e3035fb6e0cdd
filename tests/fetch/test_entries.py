"""The shared rules for usable links, plain-text titles and unique entries."""

from __future__ import annotations

import pytest

from kuaibao.domain import FeedEntry
from kuaibao.fetch.entries import absolute_http_url, plain_text, unique_entries, unique_urls

BASE = "https://lab.example.org/news/index.html"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/a/b", "https://lab.example.org/a/b"),
        ("c.html?x=1#frag", "https://lab.example.org/news/c.html?x=1"),
        ("  https://other.example.net  ", "https://other.example.net/"),
        ("//cdn.example.com/p", "https://cdn.example.com/p"),
        ("HTTP://Lab.example.org/x", "http://Lab.example.org/x"),
        ("https://lab.exam\nple.org/y", "https://lab.example.org/y"),
        ("javascript:alert(1)", None),
        ("mailto:a@b.c", None),
        ("ftp://lab.example.org/f", None),
        ("http://[::1", None),
        ("", None),
        (None, None),
        ("https://x.example/" + "a" * 5000, None),
    ],
)
def test_absolute_http_url(href: str | None, expected: str | None) -> None:
    assert absolute_http_url(href, BASE) == expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("Plain  title\n", "Plain title"),
        ("A &amp; B", "A & B"),
        ("A &amp;amp; B", "A & B"),
        ("<p>One</p><p>Two</p>", "One Two"),
        ("qu<b>bit</b>s", "qubits"),
        ("<script>evil()</script>Safe", "Safe"),
        ("<p> </p>", None),
        (None, None),
    ],
)
def test_plain_text(markup: str | None, expected: str | None) -> None:
    assert plain_text(markup) == expected


def test_plain_text_limit() -> None:
    text = plain_text("word " * 500, limit=20)
    assert text is not None
    assert len(text) == 20
    assert text.endswith("…")


def test_unique_entries_keeps_first_and_caps() -> None:
    entries = [
        FeedEntry(url=u, title=t) for u, t in [("a", "1"), ("b", "2"), ("a", "3"), ("c", "4")]
    ]
    assert [e.title for e in unique_entries(entries, 10)] == ["1", "2", "4"]
    assert [e.title for e in unique_entries(entries, 2)] == ["1", "2"]
    assert unique_urls(["x", None, "y", "x"]) == ["x", "y"]
