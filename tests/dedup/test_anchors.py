from __future__ import annotations

from kuaibao.dedup import ClusterDoc, anchors
from kuaibao.dedup.anchors import (
    anchor_weight,
    codes,
    facts_anchors,
    names,
    phrases,
    profile,
    read_facts,
)
from kuaibao.facts.model import Facts, MoneyFact, OrgFact


def test_anchors_of_a_document() -> None:
    doc = ClusterDoc(
        1,
        "£185 million for Caldera fab",
        "The government will give Caldera Semiconductor £185m for H200 chips, 7% of demand.",
    )
    found = anchors(doc)
    assert {"money:185000000:GBP", "pct:7", "code:h200", "name:caldera",
            "phrase:caldera semiconductor"} <= found  # fmt: skip
    assert "name:the" not in found


def test_sentence_openers_are_not_names_but_inner_capitals_are() -> None:
    found = names("Researchers said. Funding from Northgate Capital followed.", han=False)
    assert found == {"name:northgate", "name:capital"}


def test_every_capitalised_latin_word_in_chinese_text_is_a_name() -> None:
    assert names("英国Caldera公司与Apex合作", han=True) == {"name:caldera", "name:apex"}


def test_phrases_drop_articles_and_owners() -> None:
    text = "A team at Colorado's Aurora Quantum Institute and the Department for Science said."
    assert phrases(text) == {
        "phrase:aurora quantum institute", "phrase:department for science",
    }  # fmt: skip


def test_phrases_inside_chinese_brackets() -> None:
    assert phrases("里斯本光子学中心（Lisbon Photonics Centre）研究人员") == {
        "phrase:lisbon photonics centre"
    }


def test_codes_need_a_capital_and_three_characters() -> None:
    assert codes("GPT-5, VT-211, Q3 and co2") == {"code:gpt5", "code:vt211"}


def test_key_anchors_come_from_the_title_when_it_has_figures() -> None:
    found = profile("£240m for Pembrey", "A grant of £240 million from the £1 billion fund.")
    assert found.key == {"money:240000000:GBP"}


def test_key_anchors_fall_back_to_the_first_sentence() -> None:
    found = profile("Pembrey wins backing", "It gets £240m and 540 jobs. The fund holds £1bn.")
    assert found.key == {"money:240000000:GBP", "num:540"}


def test_round_figures_weigh_less_than_specific_ones() -> None:
    assert anchor_weight("money:1000000000:GBP") < anchor_weight("money:185000000:GBP")
    assert anchor_weight("num:4763") > anchor_weight("num:620")
    assert anchor_weight("name:caldera") < anchor_weight("phrase:caldera semiconductor")


def test_kuaibao_facts_gives_both_languages_the_same_organisation() -> None:
    english = profile(
        "NSF funds testbed", "The National Science Foundation will fund it.", read_facts
    )
    chinese = profile(
        "美国国家科学基金会资助试验床", "美国国家科学基金会（NSF）表示将资助。", read_facts
    )
    shared = {a for a in english.all & chinese.all if a.startswith("org:")}
    assert shared == {"org:national science foundation"}


def test_facts_give_money_in_units_and_organisations_by_canonical_name() -> None:
    money = MoneyFact("€2.5m", 2.5e6, "eur", "250万欧元", 0, 5)
    free = MoneyFact("€0", 0.0, "EUR", "0欧元", 6, 8)
    org = OrgFact("ACME", "阿克米", "Acme Labs", "company", 9, 13)
    nameless = OrgFact("x", "x", "", "company", 14, 15)
    found = facts_anchors(Facts(money=[money, free], organisations=[org, nameless]))
    assert found == {"money:2500000:EUR", "org:acme labs"}


def test_without_facts_no_organisation_anchors() -> None:
    text = "The National Science Foundation will fund it."
    assert not any(a.startswith("org:") for a in profile("NSF funds testbed", text).all)
    assert "org:national science foundation" in profile("NSF", text, read_facts).all
