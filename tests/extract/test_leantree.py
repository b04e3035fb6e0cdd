"""lean_copy and reachable_chars: the page without what trafilatura always deletes."""

from __future__ import annotations

from lxml import etree

from kuaibao.extract.leantree import lean_copy, prose_runs, pruned_text, reachable_chars
from kuaibao.extract.maintext import FIRST_PASS, FULL_PASS, RECALL_PASS, run_pass
from kuaibao.extract.parsing import parse_html
from tests.extract.pages import LONG_PARAGRAPHS, PARAGRAPHS, article_page, teaser_page

URL = "https://wire.example.com/2024/05/01/quantum-milestone"
FURNITURE = """<script>var tracker = "script text that is never article text";</script>
<style>.x { color: red }</style><noscript>Enable scripts to read more.</noscript>
<button>Subscribe now</button>
<form class="search"><label>Search the site</label><input name="q"></form>
<figure><table><tr><td>Cell kept with its figure</td></tr></table></figure>
<math alttext="E = mc^2"><mi>E</mi></math>"""


def _page(extra_head: str = "") -> str:
    paragraphs = [*PARAGRAPHS[:2], FURNITURE, *PARAGRAPHS[2:]]
    return article_page(head=extra_head, paragraphs=paragraphs)


def _text(tree: etree._Element) -> str:
    return " ".join(" ".join(tree.itertext()).split())


def test_lean_copy_drops_deleted_elements_and_keeps_the_article() -> None:
    page = parse_html(_page())
    lean = lean_copy(page)
    text = _text(lean)
    for paragraph in PARAGRAPHS:
        assert paragraph in text
    for gone in ("tracker", "color: red", "Enable scripts", "Subscribe now", "Battery makers"):
        assert gone not in text
    assert "Search the site" not in text  # the label goes; the form around it stays
    assert lean.find(".//form") is not None
    assert "Cell kept with its figure" in text
    assert lean.find(".//math") is not None
    assert lean.find(".//head") is None


def test_lean_copy_leaves_the_page_untouched() -> None:
    page = parse_html(_page())
    before = etree.tostring(page)
    lean_copy(page)
    assert etree.tostring(page) == before


def test_lean_copy_keeps_json_ld_only_for_forum_threads() -> None:
    article = '<script type="application/ld+json">{"@type": "NewsArticle"}</script>'
    forum = '<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>'
    assert lean_copy(parse_html(_page(article))).find(".//script") is None
    kept = lean_copy(parse_html(_page(forum))).findall(".//script")
    assert len(kept) == 1
    assert "DiscussionForumPosting" in (kept[0].text or "")


def test_fast_precise_pass_reads_the_same_article_from_the_lean_copy() -> None:
    for html in (_page(), article_page()):
        page = parse_html(html)
        lean_text = run_pass(lean_copy(page), URL, FIRST_PASS)
        assert lean_text
        assert lean_text == run_pass(page, URL, FIRST_PASS)


def test_reachable_chars_bounds_every_pass() -> None:
    for html in (_page(), article_page(), article_page(paragraphs=PARAGRAPHS[:1])):
        page = parse_html(html)
        bound = reachable_chars(lean_copy(page), page)
        for options in (FIRST_PASS, RECALL_PASS, FULL_PASS):
            assert 0 < len(run_pass(page, URL, options)) <= bound
        assert bound < len(_text(page))  # and it is tighter than the whole page


def test_reachable_chars_counts_everything_when_no_paragraph_survives() -> None:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    page = parse_html(f"<html><body><aside>{body}</aside><div>Short note.</div></body></html>")
    lean = lean_copy(page)
    assert lean.find(".//p") is None
    assert reachable_chars(lean, page) >= sum(len(paragraph) for paragraph in PARAGRAPHS)


def test_pruned_text_holds_what_the_pruning_rules_delete_and_not_the_article() -> None:
    page = parse_html(teaser_page("paid-content"))
    denied = pruned_text(lean_copy(page))
    for boxed in LONG_PARAGRAPHS[2:]:
        assert boxed in denied
    kept = pruned_text(lean_copy(parse_html(teaser_page("story"))))
    assert not any(paragraph in kept for paragraph in LONG_PARAGRAPHS)


def test_pruned_text_counts_nested_matches_once() -> None:
    links = "".join(f'<a href="/{i}">A related story headline number {i}</a> ' for i in range(30))
    page = article_page().replace(
        "</article>",
        f'</article><div class="related-stories"><div class="widget">{links}</div></div>',
    )
    denied = pruned_text(lean_copy(parse_html(page)))
    assert denied.count("number 7") == 1


def test_prose_runs_are_the_text_outside_links() -> None:
    links = "".join(f'<a href="/{i}">A related story headline number {i}</a> ' for i in range(30))
    page = article_page(paragraphs=[*PARAGRAPHS, f"<span>{links}</span>"])
    runs = prose_runs(lean_copy(parse_html(page)))
    for paragraph in PARAGRAPHS:
        assert paragraph in runs
    assert not any("headline number" in run for run in runs)
    assert "" not in runs
