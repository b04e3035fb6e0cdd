"""Site keys from the public suffix list: one function for every "which site is this?"."""

from __future__ import annotations

import pytest

from kuaibao.sites import host_suffix, registrable_domain, same_site, site_of


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("alice.github.io", "alice.github.io"),  # a private-section suffix: one site per user
        ("news.bbc.co.uk", "bbc.co.uk"),
        ("www.most.gov.cn", "most.gov.cn"),
        ("www.city.yokohama.lg.jp", "yokohama.lg.jp"),
        ("research.example.com.au", "example.com.au"),
        ("bucket.s3.amazonaws.com", "bucket.s3.amazonaws.com"),
        ("WWW.NSF.GOV.", "nsf.gov"),
        ("www.例子.中国", "xn--fsqu00a.xn--fiqs8s"),
        ("github.io", "github.io"),  # a suffix itself is its own site
        ("localhost", "localhost"),
        ("10.0.0.1", "10.0.0.1"),
        ("", ""),
    ],
)
def test_registrable_domain_follows_the_public_suffix_list(host: str, domain: str) -> None:
    assert registrable_domain(host) == domain


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("https://alice.github.io/post", "https://bob.github.io/post", False),
        ("https://alice.blogspot.com/", "https://bob.blogspot.com/", False),
        ("https://www.city.yokohama.lg.jp/", "https://www.city.osaka.lg.jp/", False),
        ("https://www.most.gov.cn/a", "https://www.nsfc.gov.cn/b", False),
        ("https://news.bbc.co.uk/a", "http://www.bbc.co.uk/b", True),
        ("https://www.nature.com/a", "https://nature.com:443/b", True),
        ("https://例子.中国/a", "https://www.xn--fsqu00a.xn--fiqs8s/b", True),
        ("http://127.0.0.1:8000/a", "http://127.0.0.1:8000/b", True),
        ("http://127.0.0.1:8000/a", "http://127.0.0.1:9000/b", False),
        ("http://localhost:8000/", "http://localhost:8001/", False),
        ("not a url", "not a url", False),
        ("https://[::1", "https://[::1", False),
    ],
)
def test_same_site(a: str, b: str, same: bool) -> None:
    assert same_site(a, b) is same


def test_site_keys_and_suffixes() -> None:
    assert site_of("https://www.nsf.gov:8443/news") == "nsf.gov"  # a domain: port irrelevant
    assert site_of("http://127.0.0.1:8000/") == "127.0.0.1:8000"
    assert site_of("/relative/path") is None
    assert host_suffix("alice.github.io") == "github.io"
    assert host_suffix("news.bbc.co.uk") == "co.uk"
    assert host_suffix("192.168.0.1") is None
