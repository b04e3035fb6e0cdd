"""decode_html: BOM, header, meta, UTF-8, then a statistical guess."""

from __future__ import annotations

import codecs

import pytest

from kuaibao.extract.encoding import decode_html, header_charset, meta_charset

CHINESE = "<html><body><p>量子计算机研究取得重要进展，科学家们对此表示欢迎。</p></body></html>"


def test_bom_wins_over_a_wrong_header() -> None:
    body = codecs.BOM_UTF8 + "<p>café</p>".encode()
    assert decode_html(body, "text/html; charset=iso-8859-1") == "<p>café</p>"


def test_utf16_with_bom() -> None:
    body = "<p>数据</p>".encode("utf-16")
    assert decode_html(body) == "<p>数据</p>"


def test_header_charset_is_used() -> None:
    body = CHINESE.encode("gb18030")
    assert decode_html(body, "text/html; charset=GBK") == CHINESE


def test_meta_charset_is_used_without_header() -> None:
    page = (
        '<html><head><meta charset="shift_jis"></head><body><p>日本語のテキスト</p></body></html>'
    )
    assert decode_html(page.encode("shift_jis"), "text/html") == page


def test_http_equiv_meta() -> None:
    page = (
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        "<p>Новости науки</p>"
    )
    assert decode_html(page.encode("cp1251")) == page


def test_wrong_header_falls_back_to_utf8() -> None:
    body = CHINESE.encode("utf-8")
    assert decode_html(body, "text/html; charset=shift_jis") == CHINESE


def test_unlabelled_legacy_bytes_are_guessed() -> None:
    text = "<html><body><p>" + "Новости науки и техники из России. " * 20 + "</p></body></html>"
    assert decode_html(text.encode("cp1251")) == text


def test_unknown_label_is_ignored() -> None:
    assert decode_html(b"<p>plain</p>", "text/html; charset=no-such-codec") == "<p>plain</p>"


@pytest.mark.parametrize(
    ("header", "expected"),
    [("text/html; charset=UTF-8", "UTF-8"), ('text/html; charset="gbk"', "gbk"),
     ("text/html", None), (None, None)],
)  # fmt: skip
def test_header_charset(header: str | None, expected: str | None) -> None:
    assert header_charset(header) == expected


def test_meta_charset_only_looks_near_the_start() -> None:
    assert meta_charset(b'<meta charset="euc-kr">') == "euc-kr"
    assert meta_charset(b" " * 5000 + b'<meta charset="euc-kr">') is None
