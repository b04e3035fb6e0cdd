"""Feeds decoded as pages are: whatever the labels say, both feed readers see the same text."""

from __future__ import annotations

import codecs

import pytest

from kuaibao.fetch.feeds import feed_kind, parse_feed
from kuaibao.fetch.xmltext import utf8_document

FEED_URL = "https://lab.example.org/news/feed.xml"
TITLES = ("科技部发布人工智能发展新政策", "量子计算原型机完成关键测试", "半导体产业链加快布局")


def feed(declaration: str, titles: tuple[str, ...] = TITLES) -> str:
    items = "".join(
        f"<item><title>{title}</title><link>https://lab.example.org/n/{n}</link>"
        f"<description>{title}，相关部门表示将持续推进。</description></item>"
        for n, title in enumerate(titles)
    )
    return f'{declaration}<rss version="2.0"><channel><title>实验室</title>{items}</channel></rss>'


def titles(body: bytes, content_type: str = "", *, fast: bool) -> list[str | None]:
    return [e.title for e in parse_feed(body, FEED_URL, content_type=content_type, fast=fast)]


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("label", ["iso-8859-1", "utf-8", "windows-1252", None])
@pytest.mark.parametrize("where", ["declaration", "header", "both"])
def test_gbk_feed_under_a_wrong_label_reads_as_chinese(
    fast: bool, label: str | None, where: str
) -> None:
    declaration = (
        f'<?xml version="1.0" encoding="{label}"?>'
        if label and where != "header"
        else '<?xml version="1.0"?>'
    )
    header = f"application/rss+xml; charset={label}" if label and where != "declaration" else ""
    body = feed(declaration).encode("gbk")
    assert titles(body, header, fast=fast) == list(TITLES)


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-32-be", codecs.BOM_UTF32_BE),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-8", codecs.BOM_UTF8),
    ],
)
def test_byte_order_marks_of_every_unicode_form(fast: bool, codec: str, bom: bytes) -> None:
    name = codec.split("-le")[0].split("-be")[0]
    body = bom + feed(f'<?xml version="1.0" encoding="{name}"?>').encode(codec)
    assert feed_kind(body) is not None
    assert titles(body, fast=fast) == list(TITLES)


def test_wide_documents_without_a_bom_are_recognised() -> None:
    for codec in ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"):
        name = codec[:6]
        body = feed(f'<?xml version="1.0" encoding="{name}"?>').encode(codec)
        assert titles(body, fast=False) == list(TITLES)


@pytest.mark.parametrize("fast", [True, False])
def test_a_few_broken_bytes_keep_the_feed_in_its_codec(fast: bool) -> None:
    many = tuple(f"{n}号：{title}" for n in range(8) for title in TITLES)
    body = bytearray(feed('<?xml version="1.0" encoding="gb2312"?>', many).encode("gb18030"))
    first_title = bytes(body).index(many[5].encode("gb18030"))
    body[first_title + 4] = 0xFF  # inside the sixth title
    read = titles(bytes(body), fast=fast)
    assert len(read) == len(many)
    assert sum(title == expected for title, expected in zip(read, many, strict=True)) == 23
    assert "\ufffd" in (read[5] or "")


def test_plain_utf8_comes_back_without_a_copy() -> None:
    body = feed('<?xml version="1.0" encoding="UTF-8"?>').encode()
    assert utf8_document(body, "text/xml; charset=utf-8").decode() == feed(
        '<?xml version="1.0" encoding="utf-8"?>'
    )
    ascii_only = b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>'
    assert utf8_document(ascii_only) is ascii_only


def test_ascii_only_wide_documents_are_not_mistaken_for_ascii() -> None:
    text = '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel/></rss>'
    for codec in ("utf-16-le", "utf-16-be", "utf-32-le"):
        assert utf8_document(text.encode(codec)) == text.replace("utf-16", "utf-8").encode()
