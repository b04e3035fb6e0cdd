"""parse_html: trafilatura's loader on a cheaper parser, bounded against hostile pages."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from kuaibao.errors import ExtractionError
from kuaibao.extract.parsing import MAX_ATTRIBUTES, MAX_DEPTH, load_html, parse_html
from tests.extract.pages import article_page


@pytest.mark.parametrize("html", ["", "   \n\t ", "<html><body></body></html>"])
def test_parse_html_refuses_empty_pages(html: str) -> None:
    with pytest.raises(ExtractionError, match="page is empty") as caught:
        parse_html(html)
    assert caught.value.reason == "empty"


def test_parse_html_strips_attribute_floods() -> None:
    flood = " ".join(f"data-attribute-{i}=1" for i in range(MAX_ATTRIBUTES + 50))
    tree = parse_html(f"<html><body><p {flood}>kept text</p><p>more</p></body></html>")
    paragraph = tree.find(".//p")
    assert paragraph is not None
    assert paragraph.text == "kept text"
    assert len(paragraph.attrib) == 0


def test_parse_html_keeps_long_tags_with_few_attributes() -> None:
    src = "data:image/png;base64," + "A" * 5000
    tree = parse_html(f'<html><body><img src="{src}" alt="x"><p>text</p></body></html>')
    image = tree.find(".//img")
    assert image is not None
    assert image.get("src") == src


LOADER_CASES = {
    "article": article_page(),
    "xml_declaration": '<?xml version="1.0" encoding="utf-8"?>\n' + article_page(),
    "self_closing_html": '<!DOCTYPE html>\n<html lang="en"/>\n<body><p>Text here.</p></body>',
    "control_characters": article_page().replace("<p>", "<p>\x00\x0b", 1),
    "fragment": "<p>One paragraph.</p><p>Another one.</p>",
    "plain_text": "just some words without any markup at all",
}


@pytest.mark.parametrize("name", sorted(LOADER_CASES))
def test_load_html_builds_the_tree_trafilatura_builds(name: str) -> None:
    ours, theirs = load_html(LOADER_CASES[name]), trafilatura.load_html(LOADER_CASES[name])
    if theirs is None:
        assert ours is None
        return
    assert ours is not None
    assert etree.tostring(ours) == etree.tostring(theirs)


def test_every_element_is_a_plain_html_element() -> None:
    tree = parse_html(article_page(head='<form><input name="q"><select></select></form>'))
    kinds = {type(element) for element in tree.iter(etree.Element)}
    assert kinds == {HtmlElement}


def test_the_shared_parser_serves_several_threads_at_once() -> None:
    pages = [article_page(title=f"Story number {n}") for n in range(8)]
    expected = [etree.tostring(parse_html(page)) for page in pages]
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(5):
            trees = list(pool.map(parse_html, pages))
            assert [etree.tostring(tree) for tree in trees] == expected


def _nested(depth: int, tag: str = "div", *, closed: bool = True) -> str:
    text = "<p>" + "The article's own sentence, long enough to be kept. " * 8 + "</p>"
    closing = f"</{tag}>" * depth if closed else ""
    opening = f"<{tag}>" * depth
    return f"<html><head><title>T</title></head><body>{opening}{text}{closing}</body></html>"


@pytest.mark.parametrize(
    "html",
    [
        _nested(100_000),
        _nested(100_000, closed=False),
        _nested(MAX_DEPTH, "span"),
        # Deep nesting after the article: the parser stops there and loses the rest.
        _nested(3).replace("</body>", "<div>" * 400 + "</body>"),
    ],
    ids=["100k-divs", "100k-unclosed", "span-at-limit", "deep-tail"],
)
def test_pages_nesting_to_the_parser_limit_are_refused_as_too_deep(html: str) -> None:
    with pytest.raises(ExtractionError, match="levels deep") as caught:
        parse_html(html)
    assert caught.value.reason == "too_deep"


def test_deep_but_parseable_pages_are_read() -> None:
    tree = parse_html(_nested(MAX_DEPTH - 10))
    assert tree.find(".//p") is not None
