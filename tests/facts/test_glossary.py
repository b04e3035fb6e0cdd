"""Learning gazetteer entries from glossary title pairs: clear on both sides, or nothing."""

from __future__ import annotations

import pytest

from kuaibao.facts import check_draft
from kuaibao.facts.gazetteer import Gazetteer, GazetteerEntry, default_gazetteer
from kuaibao.facts.glossary import gazetteer_with_glossary, learn_entries

SFI = (
    "Science Foundation Ireland (SFI) backs 12 new research centres",
    "爱尔兰科学基金会（SFI）资助12个新研究中心",
)
FWF = (
    "Austrian Science Fund opens a new call for quantum research",
    "奥地利科学基金会启动量子研究新一轮征集",
)
GIGABIT_ACT = (
    "Council adopts the Gigabit Infrastructure Act to speed up network roll-out",
    "欧盟理事会通过《千兆基础设施法案》",
)
GENESIS = (
    'White House Launches the "Genesis Mission" for AI-Driven Science',
    "美国白宫启动《创世纪任务》",
)


def learn(*pairs: tuple[str, str]) -> list[GazetteerEntry]:
    return learn_entries(pairs, default_gazetteer())


def test_an_abbreviation_in_brackets_and_in_the_original_gives_both_names() -> None:
    (entry,) = learn(SFI)
    assert entry.zh == "爱尔兰科学基金会（SFI）"
    assert entry.abbr == "SFI"
    assert entry.en == ("Science Foundation Ireland",)  # its initials spell SFI
    assert (entry.kind, entry.country) == ("funder", "IE")


def test_an_organisation_in_a_sentence_case_title_pairs_by_its_head_and_words() -> None:
    (entry,) = learn(FWF)
    assert (entry.zh, entry.en, entry.abbr) == (
        "奥地利科学基金会",
        ("Austrian Science Fund",),
        None,
    )
    assert (entry.kind, entry.country) == ("funder", "AT")
    asi = ("Italian Space Agency opens a call for lunar payloads", "意大利航天局启动月球载荷征集")
    (entry,) = learn(asi)
    assert (entry.zh, entry.en, entry.kind) == ("意大利航天局", ("Italian Space Agency",), "agency")


@pytest.mark.parametrize(
    ("pair", "zh", "en", "kind"),
    [
        (GIGABIT_ACT, "《千兆基础设施法案》", "Gigabit Infrastructure Act", "law"),
        (GENESIS, "《创世纪任务》", "Genesis Mission", "programme"),  # quoted in a headline
    ],
)
def test_a_name_in_book_brackets_pairs_with_one_english_name_of_its_kind(
    pair: tuple[str, str], zh: str, en: str, kind: str
) -> None:
    (entry,) = learn(pair)
    assert (entry.zh, entry.en, entry.kind) == (zh, (en,), kind)


@pytest.mark.parametrize(
    "pair",
    [
        # A headline capitalises every word, so where the name ends is unclear.
        (
            "Austrian Science Fund Opens New Call For Quantum Research",
            "奥地利科学基金会启动量子研究新一轮征集",
        ),
        # The abbreviation is not in the original.
        ("Irish agency backs new research centres", "爱尔兰科学基金会（SFI）资助新研究中心"),
        # Two letters and no spelled-out name.
        ("The EA funds six projects", "欧洲创新基金会（EA）资助6个项目"),
        # The heads disagree: an academy is not a fund.
        ("Austrian Science Fund opens a new call", "奥地利科学院启动新一轮征集"),
        # Two organisations on the Chinese side: which one is it?
        (
            "Austrian Science Fund opens a new call with partners",
            "奥地利科学基金会、奥地利研究促进署启动新一轮征集",
        ),
        # Two names joined into one run are not one name.
        ("Austrian Science Fund opens a call", "奥地利联邦部和科学基金会启动征集"),
        # The sentence runs into the name: 宣布 is not part of it.
        ("Austrian Science Fund named new centres", "奥地利宣布科学基金会"),
        # Same head, but Space has no rendering in the Chinese name: another agency.
        ("Italian Space Agency opens a call for lunar payloads", "意大利国防采购局启动征集"),
        # Sizes do not fit: one English word against a long Chinese name.
        (
            "MPs pass the Online Harms Act after a long debate",
            "议会通过《关于促进数字经济与人工智能发展的法案》",
        ),
    ],
)
def test_unclear_pairs_teach_nothing(pair: tuple[str, str]) -> None:
    assert learn(pair) == []


def test_names_the_gazetteer_already_has_are_skipped() -> None:
    known = (
        "National Science Foundation (NSF) funds new AI institutes",
        "美国国家科学基金会（NSF）资助新的人工智能研究所",
    )
    assert learn(known) == []
    assert learn_entries([known], Gazetteer())  # the same pair teaches an empty gazetteer


def test_pairs_about_one_name_merge_and_conflicting_ones_drop() -> None:
    abbr_only = (
        "SFI announces research centres for 2026",
        "爱尔兰科学基金会（SFI）公布研究中心名单",
    )
    (alone,) = learn(abbr_only)
    assert (alone.abbr, alone.en) == ("SFI", ())
    (merged,) = learn(abbr_only, SFI)
    assert (merged.zh, merged.abbr, merged.en) == SFI_ENTRY
    clash = ("SFI funds a new fusion lab", "新加坡聚变基金会（SFI）资助新实验室")
    assert learn(SFI, clash) == []  # one abbreviation, two Chinese names: neither is learned
    other_name = ("Science Fund of Austria opens a new call for quantum research", FWF[1])
    assert learn(FWF, other_name) == []  # one Chinese name, two English names


SFI_ENTRY = ("爱尔兰科学基金会（SFI）", "SFI", ("Science Foundation Ireland",))


def test_gazetteer_with_glossary_is_a_new_gazetteer_that_finds_the_learned_names() -> None:
    packaged = default_gazetteer()
    size = len(packaged)
    grown = gazetteer_with_glossary(packaged, [SFI, FWF, GIGABIT_ACT])
    assert len(grown) == size + 3
    assert len(packaged) == size and packaged.lookup("Science Foundation Ireland") is None
    found = grown.find("Science Foundation Ireland and the Austrian Science Fund agreed.")
    assert [(o.text, o.zh) for o in found] == [
        ("Science Foundation Ireland", "爱尔兰科学基金会（SFI）"),
        ("Austrian Science Fund", "奥地利科学基金会"),
    ]
    assert grown.find("欧盟《千兆基础设施法案》生效")[0].canonical == "Gigabit Infrastructure Act"


def test_the_fact_check_uses_learned_organisations() -> None:
    grown = gazetteer_with_glossary(default_gazetteer(), [SFI])
    source = "Science Foundation Ireland will fund five centres."
    draft = "爱尔兰科学基金会将资助5个中心。"
    assert check_draft(source, draft, gazetteer=grown).ok
    other = check_draft("The Irish government will fund five centres.", draft, gazetteer=grown)
    assert [(u.text, u.kind) for u in other.unsupported] == [("爱尔兰科学基金会", "organisation")]
    # Without the glossary the name is not known, so nothing is checked.
    assert check_draft("The Irish government will fund five centres.", draft).ok


def test_a_learned_name_that_clashes_on_adding_is_left_out() -> None:
    base = Gazetteer(
        [GazetteerEntry(zh="某机构", kind="agency", abbr="SFI")]  # owns the abbreviation
    )
    assert learn_entries([SFI], base) == []  # known through the abbreviation
    grown = gazetteer_with_glossary(base, [SFI, FWF])
    assert [e.canonical for e in grown.entries] == ["SFI", "Austrian Science Fund"]
