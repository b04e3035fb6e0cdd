"""OPML exports of real feed readers: faulty XML, folders, repeats and missing homepages.

The fixtures in ``tests/sources/opml/`` follow the shapes Feedly, Inoreader,
NetNewsWire, Thunderbird and newsboat write, each with a fault found in files people
actually have (a bare ``&``, HTML entities, a ``<`` in a title, ``htmlUrl=""``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kuaibao.domain import Source
from kuaibao.errors import SourceError
from kuaibao.sources.opml import dump_opml, load_opml, repair

FIXTURES = Path(__file__).parent / "opml"


def _load(name: str) -> dict[str, Source]:
    result = load_opml((FIXTURES / name).read_bytes())
    assert result.ok, result.errors
    return {s.name: s for s in result.sources}


@pytest.mark.parametrize(
    ("name", "feeds", "repaired"),
    [
        ("feedly.opml", 4, True),  # bare & in a folder name, a feed in two folders
        ("inoreader.xml", 4, True),  # &ndash; &eacute; &nbsp; are HTML, not XML
        ("netnewswire.opml", 4, True),  # "<->" inside a title
        ("thunderbird.opml", 3, False),  # well-formed, fz: attributes, htmlUrl=""
        ("newsboat.opml", 4, True),  # & in a feed URL's query and in a title
        ("latin1.opml", 1, False),  # declared ISO-8859-1
    ],
)
def test_every_feed_of_a_real_export_is_imported(name: str, feeds: int, repaired: bool) -> None:
    result = load_opml((FIXTURES / name).read_bytes())
    assert result.ok, result.errors
    assert len(result.sources) == feeds
    assert bool(result.warnings) is repaired
    assert all(s.name and s.feed_url.startswith("https://") for s in result.sources)


def test_repaired_titles_and_urls_read_as_the_reader_showed_them() -> None:
    ino = _load("inoreader.xml")
    assert "CNRS Le journal édition française" in ino
    assert "CORDIS – EU research results" in ino
    assert "Fraunhofer Press" in ino
    nnw = _load("netnewswire.opml")
    assert "Quantum <-> classical, a blog" in nnw
    boat = _load("newsboat.opml")
    assert boat["arXiv quant-ph"].feed_url.endswith("quant-ph&sortBy=submittedDate&max_results=50")
    assert "DARPA News & Events" in boat


def test_folders_become_tags_and_a_feed_in_two_folders_is_one_source() -> None:
    feedly = _load("feedly.opml")
    assert feedly["Nature"].tags == ("Science & Technology", "Policy")
    assert feedly["NSF News"].tags == ("Policy",)
    tb = _load("thunderbird.opml")
    assert tb["EE Times"].tags == ("半导体", "人工智能")
    assert _load("newsboat.opml")["LWN.net"].tags == ()
    assert _load("latin1.opml")["Université de Genève"].tags == ("Recherche",)


def test_nested_folders_and_categories_all_become_tags() -> None:
    text = """<opml version="2.0"><body>
      <outline text="Science"><outline text="Physics">
        <outline text="PW" xmlUrl="https://pw.example/feed" category="/Weekly/Reading,/Top"/>
      </outline></outline></body></opml>"""
    (source,) = load_opml(text).sources
    assert source.tags == ("Science", "Physics", "Weekly", "Reading", "Top")


def test_an_empty_or_missing_html_url_is_no_homepage_not_the_site_root() -> None:
    tb = _load("thunderbird.opml")
    assert tb["SEMI News"].homepage is None
    assert tb["机器之心"].homepage is None
    assert tb["EE Times"].homepage == "https://www.eetimes.com/"
    assert _load("inoreader.xml")["Ars Technica"].homepage is None
    assert _load("netnewswire.opml")["ESA Top News"].homepage is None


def test_repair_leaves_well_formed_xml_alone() -> None:
    text = (FIXTURES / "thunderbird.opml").read_text(encoding="utf-8")
    assert repair(text) == text
    good = '<a t="x &amp; y &#233; &#xE9; &lt;b&gt;">1 &lt; 2</a>'
    assert repair(good) == good


def test_an_outline_beyond_repair_is_reported_and_the_others_imported() -> None:
    text = """<opml version="1.0"><body>
      <outline text="One" xmlUrl="https://one.example/feed"/>
      <outline text="Broken" xmlUrl=https://broken.example/feed/>
      <outline text="Two" xmlUrl="https://two.example/feed"/>
    </body></opml>"""
    result = load_opml(text)
    names = [s.name for s in result.sources]
    assert "One" in names and "Two" in names
    assert any("line 3" in w for w in result.warnings)


def test_a_file_that_is_not_opml_is_still_refused_clearly() -> None:
    with pytest.raises(SourceError, match="not an OPML file"):
        load_opml("<html><body><p>Hello & welcome</p></body></html>")
    with pytest.raises(SourceError, match="not well-formed XML and nothing could be read"):
        load_opml("just some text, no markup at all")
    with pytest.raises(SourceError, match="no feed could be read"):
        load_opml("<opml><body><outline text='cut off here")


def test_tags_and_missing_homepages_survive_a_round_trip() -> None:
    sources = list(_load("feedly.opml").values()) + list(_load("thunderbird.opml").values())
    back = load_opml(dump_opml(sources))
    assert back.ok and not back.warnings
    assert sorted(back.sources, key=lambda s: s.feed_url) == sorted(
        sources, key=lambda s: s.feed_url
    )


def test_a_bad_outline_is_reported_with_its_line_and_the_rest_imported() -> None:
    text = """<opml version="1.0"><body>
      <outline text="Folder">
        <outline text="Good" xmlUrl="https://good.example/feed"/>
        <outline text="Good" xmlUrl="https://good.example/feed"/>
      </outline>
      <outline text="Mail" xmlUrl="mailto:someone@example.org"/>
    </body></opml>"""
    result = load_opml(text)
    assert [s.name for s in result.sources] == ["Good"]
    (error,) = result.errors
    assert error.field == "feed_url" and "(outline on line 6)" in str(error)
