from __future__ import annotations

import sys
from dataclasses import dataclass
from types import ModuleType

import pytest

from kuaibao.dedup import ClusterDoc, anchors
from kuaibao.dedup.anchors import anchor_weight, codes, facts_reader, names, phrases, profile


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
    reader = facts_reader()
    assert reader is not None
    english = profile("NSF funds testbed", "The National Science Foundation will fund it.", reader)
    chinese = profile(
        "美国国家科学基金会资助试验床", "美国国家科学基金会（NSF）表示将资助。", reader
    )
    shared = {a for a in english.all & chinese.all if a.startswith("org:")}
    assert shared == {"org:national science foundation"}


@dataclass
class FakeOrg:
    canonical: str


@dataclass
class FakeMoney:
    amount: float
    currency: str


@dataclass
class FakeFacts:
    money: list[FakeMoney]
    organisations: list[FakeOrg]


def test_a_facts_module_is_read_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = ModuleType("kuaibao.facts")
    fake.extract_facts = lambda text: FakeFacts([FakeMoney(2.5e6, "eur")], [FakeOrg("Acme")])  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kuaibao.facts", fake)
    found = anchors(ClusterDoc(1, "t", "plain words"))
    assert {"org:acme", "money:2500000:EUR"} <= found


def test_no_facts_when_the_module_cannot_be_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "kuaibao.facts", None)
    assert facts_reader() is None
    assert not any(a.startswith("org:") for a in anchors(ClusterDoc(1, "t", "NASA said")))


def test_no_facts_when_the_module_lacks_extract_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "kuaibao.facts", ModuleType("kuaibao.facts"))
    assert facts_reader() is None
