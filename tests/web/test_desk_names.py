"""Past renderings of an organisation's name in the archive (pure, on items in memory)."""

from __future__ import annotations

from kuaibao.domain import Item
from kuaibao.facts.gazetteer import GazetteerEntry
from kuaibao.web.items.desk_names import archive_query, chinese_forms, forms_in, renderings_in

NSF = GazetteerEntry(
    zh="美国国家科学基金会",
    kind="funder",
    en=("National Science Foundation",),
    abbr="NSF",
    zh_aliases=("国家科学基金会",),
    country="US",
)


def _item(n: int, title: str, body: str = "", original: str | None = None) -> Item:
    return Item(title=title, body=[body] if body else [], original_title=original, id=n)


def test_forms_found_beside_the_english_name() -> None:
    # The gazetteer's form; the longer form holds the shorter alias, which is not counted.
    assert forms_in(NSF, _item(1, "美国国家科学基金会资助芯片研究")) == ["美国国家科学基金会"]
    # A form nobody put in the gazetteer, printed with the abbreviation in brackets.
    assert forms_in(NSF, _item(2, "美国国家自然科学基金会（NSF）启动新计划")) == [
        "美国国家自然科学基金会"
    ]
    # A title whose original names the organisation: the Chinese name with the same head.
    titled = _item(3, "美国科学基金会投入5亿美元", original="National Science Foundation invests")
    assert forms_in(NSF, titled) == ["美国科学基金会"]
    # The same title without the English name beside it says nothing about NSF.
    unrelated = _item(4, "美国科学基金会投入5亿美元", original="A foundation invests")
    assert forms_in(NSF, unrelated) == []
    # Another abbreviation in brackets is another organisation.
    assert forms_in(NSF, _item(5, "美国国家航空航天局（NASA）发射卫星")) == []


def test_renderings_are_counted_most_used_first() -> None:
    items = [
        _item(10, "美国国家科学基金会资助量子研究"),
        _item(11, "国家科学基金会发布报告"),
        _item(12, "国家科学基金会再发报告"),
        _item(13, "美国国家自然科学基金会（NSF）启动新计划"),
    ]
    found = [(r.zh, r.items, r.latest_item, r.standard) for r in renderings_in(NSF, items)]
    assert found == [
        ("国家科学基金会", 2, 12, False),
        ("美国国家自然科学基金会", 1, 13, False),
        ("美国国家科学基金会", 1, 10, True),
    ]
    assert renderings_in(NSF, []) == []


def test_the_search_asks_for_every_form_as_a_phrase() -> None:
    ukri = GazetteerEntry(zh="英国研究与创新署（UKRI）", kind="funder", abbr="UKRI",
                          en=("UK Research and Innovation",))  # fmt: skip
    assert chinese_forms(ukri) == ["英国研究与创新署（UKRI）", "英国研究与创新署"]
    assert archive_query(ukri) == (
        '"英国研究与创新署（UKRI）" OR "英国研究与创新署" OR "UK Research and Innovation" OR "UKRI"'
    )
    hostile = GazetteerEntry(zh='某"机构', kind="org", en=('Evil" OR x',))
    assert archive_query(hostile).count('"') == 4, "quotes in a name cannot break the query"
