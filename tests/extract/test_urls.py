"""canonicalize_url and same_site, table-driven."""

from __future__ import annotations

import pytest

from kuaibao.extract.urls import canonicalize_url, is_tracking_key
from kuaibao.sites import registrable_domain, same_site


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTP://WWW.Example.COM", "http://www.example.com/"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("http://example.com:443/a", "http://example.com:443/a"),
        ("https://example.com/a#section-2", "https://example.com/a"),
        ("https://example.com/a?x=1#frag", "https://example.com/a?x=1"),
        ("https://example.com/Path/Case", "https://example.com/Path/Case"),
        ("https://example.com/a/./b/../c", "https://example.com/a/c"),
        ("https://example.com/a/b/..", "https://example.com/a/"),
        ("https://example.com/../a", "https://example.com/a"),
        ("https://example.com/%7euser/%41", "https://example.com/~user/A"),
        ("https://example.com/a%2fb", "https://example.com/a%2Fb"),
        ("https://example.com/a b", "https://example.com/a%20b"),
        ("https://example.com/新闻", "https://example.com/%E6%96%B0%E9%97%BB"),
        ("https://example.com/%e6%96%b0", "https://example.com/%E6%96%B0"),
        ("https://example.com/100%", "https://example.com/100%25"),
        ("https://例子.中国/", "https://xn--fsqu00a.xn--fiqs8s/"),
        ("https://Bücher.DE/", "https://xn--bcher-kva.de/"),
        ("https://example.com./a", "https://example.com/a"),
        ("http://[::1]:8080/x", "http://[::1]:8080/x"),
        ("http://user:pw@Example.com/", "http://user:pw@example.com/"),
        ("  https://example.com/a  ", "https://example.com/a"),
    ],
)
def test_canonicalize_normalises_spelling(raw: str, expected: str) -> None:
    assert canonicalize_url(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://e.com/a?utm_source=x&utm_medium=y&id=7", "https://e.com/a?id=7"),
        ("https://e.com/a?UTM_Campaign=x&id=7", "https://e.com/a?id=7"),
        ("https://e.com/a?b=2&fbclid=abc&a=1", "https://e.com/a?b=2&a=1"),
        ("https://e.com/a?gclid=1&dclid=2&msclkid=3&yclid=4", "https://e.com/a"),
        ("https://e.com/a?mc_cid=1&mc_eid=2&_ga=3&igshid=4", "https://e.com/a"),
        ("https://e.com/a?spm=a.b.c&ref=home&ref_src=twsrc&cmpid=9", "https://e.com/a"),
        ("https://e.com/a?z=1&y=2&x=3", "https://e.com/a?z=1&y=2&x=3"),
        ("https://e.com/a?q=a%2bb&p=%7e", "https://e.com/a?q=a%2Bb&p=~"),
        ("https://e.com/a?q=x+y", "https://e.com/a?q=x+y"),
        ("https://e.com/a?flag&utm_term=z", "https://e.com/a?flag"),
        ("https://e.com/a?utm%5Fsource=x&k=v", "https://e.com/a?k=v"),
        ("https://e.com/a?referrer=keep", "https://e.com/a?referrer=keep"),
        ("https://e.com/a?", "https://e.com/a"),
    ],
)
def test_canonicalize_drops_only_tracking_parameters(raw: str, expected: str) -> None:
    assert canonicalize_url(raw) == expected


@pytest.mark.parametrize(
    ("relative", "base", "expected"),
    [
        ("/b?utm_source=x", "https://E.com/a/", "https://e.com/b"),
        ("../c", "https://e.com/a/b/d", "https://e.com/a/c"),
        ("//other.org/x", "https://e.com/", "https://other.org/x"),
        ("https://abs.org/x", "https://e.com/", "https://abs.org/x"),
    ],
)
def test_canonicalize_resolves_against_base(relative: str, base: str, expected: str) -> None:
    assert canonicalize_url(relative, base) == expected


def test_canonicalize_is_idempotent() -> None:
    samples = [
        "HTTPS://Example.com:443/a/./b/%7e?utm_source=x&k=a%20b#f",
        "https://例子.中国/路径?q=新",
        "http://e.com/a b/../c?x=%zz",
    ]
    for raw in samples:
        once = canonicalize_url(raw)
        assert canonicalize_url(once) == once


@pytest.mark.parametrize(
    ("key", "tracking"),
    [("utm_anything", True), ("fbclid", True), ("GCLID", True), ("mtm_kwd", True),
     ("id", False), ("page", False), ("reference", False)],
)  # fmt: skip
def test_is_tracking_key(key: str, tracking: bool) -> None:
    assert is_tracking_key(key) is tracking


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("https://www.example.com/a", "http://example.com/b", True),
        ("https://news.example.com/a", "https://www.example.com/", True),
        ("https://EXAMPLE.com/a", "https://example.com./b", True),
        ("https://www.bbc.co.uk/news", "https://bbc.co.uk/", True),
        ("https://www.bbc.co.uk/news", "https://www.itv.co.uk/", False),
        ("https://www.gov.cn/a", "https://english.www.gov.cn/b", True),
        ("https://a.com/", "https://b.com/", False),
        ("https://example.com/", "https://example.org/", False),
        ("https://例子.中国/", "https://xn--fsqu00a.xn--fiqs8s/a", True),
        ("http://127.0.0.1:8000/a", "http://127.0.0.1:9000/b", False),  # two services
        ("http://127.0.0.1/a", "http://127.0.0.2/b", False),
        ("/relative", "https://example.com/", False),
        ("", "https://example.com/", False),
    ],
)
def test_same_site(a: str, b: str, expected: bool) -> None:
    assert same_site(a, b) is expected


@pytest.mark.parametrize(
    ("host", "expected"),
    [("news.bbc.co.uk", "bbc.co.uk"), ("a.b.example.com", "example.com"),
     ("example.com", "example.com"), ("localhost", "localhost"), ("10.0.0.1", "10.0.0.1")],
)  # fmt: skip
def test_registrable_domain(host: str, expected: str) -> None:
    assert registrable_domain(host) == expected
