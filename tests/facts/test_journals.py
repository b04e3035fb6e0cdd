"""Journals are organisations with standard Chinese names, matched with their title marks."""

from __future__ import annotations

import pytest

from kuaibao.facts.check import check_draft
from kuaibao.facts.gazetteer import GazetteerEntry, default_gazetteer

JOURNALS = [
    ("Nature", "《自然》"),
    ("Science", "《科学》"),
    ("Cell", "《细胞》"),
    ("The Lancet", "《柳叶刀》"),
    ("New England Journal of Medicine", "《新英格兰医学杂志》"),
    ("NEJM", "《新英格兰医学杂志》"),
    ("Proceedings of the National Academy of Sciences", "《美国国家科学院院刊》"),
    ("PNAS", "《美国国家科学院院刊》"),
    ("Nature Communications", "《自然·通讯》"),
    ("Physical Review Letters", "《物理评论快报》"),
    ("JAMA", "《美国医学会杂志》"),
    ("Science Advances", "《科学·进展》"),
]


@pytest.mark.parametrize(("english", "chinese"), JOURNALS)
def test_journal_names_agree(english: str, chinese: str) -> None:
    gazetteer = default_gazetteer()
    [en] = gazetteer.find(f"The results were published in {english} this week.")
    [zh] = gazetteer.find(f"研究结果本周发表在{chinese}杂志上。")
    assert en.kind == zh.kind == "journal"
    assert en.canonical == zh.canonical
    assert en.zh == chinese


@pytest.mark.parametrize(
    "text",
    [
        "自然语言处理取得进展",
        "科学家发现新的细胞结构",
        "推动科学进展",
        "as science advances, nature responds",
        "Science Foundation Ireland will fund five centres.",
        "the Department of Computer Science said",
        "a paper in Cell Reports",
        "JAMA Network Open",
    ],
)
def test_bare_words_are_not_journals(text: str) -> None:
    assert [o for o in default_gazetteer().find(text) if o.kind == "journal"] == []


@pytest.mark.parametrize(
    ("text", "journal"),
    [
        ("published in Science on Monday", "Science"),
        ("(Nature, 2024)", "Nature"),
        ("Science. Nature.", "Science"),
    ],
)
def test_a_one_word_title_on_its_own_is_the_journal(text: str, journal: str) -> None:
    found = default_gazetteer().find(text)
    assert found[0].canonical == journal
    assert found[0].kind == "journal"


def test_journal_names_keep_their_marks() -> None:
    entry = GazetteerEntry(zh="《自然》", kind="journal", en=("Nature",))
    assert "自然" not in entry.names()
    law = GazetteerEntry(zh="《芯片法案》", kind="law", en=("CHIPS Act",))
    assert "芯片法案" in law.names()  # a law's bare title is distinctive enough


@pytest.mark.parametrize(
    ("draft", "ok"),
    [
        ("该研究发表在《自然》杂志上。", True),
        ("该研究发表在《科学》杂志上。", False),
        ("该研究发表在《自然·通讯》上。", False),
        ("该研究发表在《柳叶刀》上。", False),
        ("研究人员称，该方法有望推动自然语言处理和科学研究。", True),
    ],
)
def test_check_flags_the_wrong_journal(draft: str, ok: bool) -> None:
    source = "The study, published in Nature on Wednesday, describes a new catalyst."
    result = check_draft(source, draft)
    assert result.ok is ok
    if not ok:
        [finding] = result.unsupported
        assert finding.kind == "organisation"
        assert finding.text.startswith("《")
