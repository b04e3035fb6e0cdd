from __future__ import annotations

from dataclasses import replace

import pytest

from kuaibao.classify.actors import lead_of, read
from kuaibao.classify.classifier import classify
from kuaibao.classify.examples import Example
from kuaibao.classify.explain import explain
from kuaibao.classify.model import train
from kuaibao.classify.taxonomy import packaged_taxonomy, parse_taxonomy
from kuaibao.errors import ConfigError
from kuaibao.facts.gazetteer import default_gazetteer
from tests.classify.actor_cases import (
    CASES,
    INDUSTRY,
    MINISTER_OPENS_PLANT,
    MINISTER_OPENS_PLANT_ZH,
    POLICY,
    QKD_206_KM,
    QKD_206_KM_EN,
    RESEARCH,
)

TAX = packaged_taxonomy()
WITHOUT_ACTORS = replace(TAX, actors=())


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_the_acting_actor_and_the_section_it_decides(case: str) -> None:
    title, text, actor, section = CASES[case]
    reading = read(title, text, TAX, default_gazetteer())
    assert reading is not None and reading.actor is not None
    assert reading.actor.actor == actor
    assert reading.section == section
    assert classify(title, text).section == section


@pytest.mark.parametrize(
    "case", [QKD_206_KM, QKD_206_KM_EN, MINISTER_OPENS_PLANT, MINISTER_OPENS_PLANT_ZH],
    ids=["qkd-206-km-zh", "qkd-206-km-en", "minister-opens-plant-en", "minister-opens-plant-zh"],
)  # fmt: skip
def test_keyword_rules_alone_file_these_as_policy_and_the_reading_does_not(
    case: tuple[str, str, str, str],
) -> None:
    title, text, _, section = case
    assert explain(text, title, WITHOUT_ACTORS).best_section() == POLICY
    assert explain(text, title, TAX).best_section() == section != POLICY


def test_the_206_km_result_is_research_though_its_text_says_government_and_plan() -> None:
    title, text, _, _ = QKD_206_KM
    assert "政府" in text and "计划" in text
    reading = explain(text, title).reading
    assert reading is not None and reading.actor is not None
    assert (reading.actor.phrase, reading.actor.where) == ("实验室", "title")
    acts = {a.rule for a in reading.acts if a.section == RESEARCH}
    assert "published result" in acts
    assert not [a for a in reading.acts if a.section == POLICY]  # 政府, 计划 are not in the lead


def test_a_minister_opening_a_companys_plant_is_industry_news() -> None:
    title, text, _, _ = MINISTER_OPENS_PLANT
    reading = read(title, text, TAX, default_gazetteer())
    assert reading is not None and reading.actor is not None
    assert reading.actor.phrase == "minister"
    money = [a for a in reading.acts if a.shared]
    assert money and all(a.section == INDUSTRY for a in money)
    assert reading.section == INDUSTRY


@pytest.mark.parametrize(
    ("title", "text", "owner"),
    [
        ("Ministry to invest €2 billion in chip research", "The funding opens in May.", POLICY),
        ("Norvik to invest €2 billion in chip research", "The company said on Monday.", INDUSTRY),
        ("工信部投资20亿元支持芯片研发", "资金将于明年拨付。", POLICY),
        ("华芯公司投资20亿元建设芯片研发中心", "公司表示将于明年完工。", INDUSTRY),
    ],
)
def test_money_takes_the_kind_of_whoever_spends_it(title: str, text: str, owner: str) -> None:
    reading = read(title, text, TAX, default_gazetteer())
    assert reading is not None
    shared = [a for a in reading.acts if a.shared]
    assert shared and {a.section for a in shared} == {owner}


@pytest.mark.parametrize(
    ("title", "actor", "how"),
    [
        ("Department of Energy picks four sites for hydrogen hubs", "government", "gazetteer"),
        ("Tsinghua University builds a photonic chip for AI", "research", "gazetteer"),
        ("中国科学院发布量子计算云平台", "research", "gazetteer"),
        ("Nvidia reports record data-centre sales", "company", "gazetteer"),
        ("Japan approves subsidies for a 2-nm foundry", "government", "place"),
        ("英国成立人工智能安全研究所", "government", "place"),
        ("US chip firm picks Malaysia for a packaging plant", "company", "phrase"),
        ("美国公司宣布量产新款芯片", "company", "phrase"),
        ("Researchers at a Swiss lab shrink a transistor gate", "research", "phrase"),
        ("课题组揭示锂枝晶生长机理", "research", "phrase"),
    ],
)
def test_actors_are_told_by_gazetteer_kind_place_or_phrase(
    title: str, actor: str, how: str
) -> None:
    reading = read(title, "", TAX, default_gazetteer())
    assert reading is not None and reading.actor is not None
    assert (reading.actor.actor, reading.actor.by.split()[0]) == (actor, how)


def test_the_title_names_the_actor_before_the_lead_does() -> None:
    reading = read(
        "University team films a molecule breaking apart",
        "The government-funded laboratory used an X-ray laser.",
        TAX,
        default_gazetteer(),
    )
    assert reading is not None and reading.actor is not None
    assert (reading.actor.actor, reading.actor.where) == ("research", "title")
    assert [m.actor for m in reading.others] == ["government"]


def test_only_the_title_and_lead_are_read() -> None:
    text = "Engineers describe a new battery. It charges in ten minutes.\n" + (
        "The ministry's budget law and its regulation and strategy funded the work. " * 3
    )
    reading = read("Fast-charging battery", text, TAX, default_gazetteer())
    assert reading is not None
    assert not [a for a in reading.acts if a.section == POLICY]


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("First sentence. Second one! Third.", "First sentence. Second one!"),
        ("第一句。第二句！第三句。", "第一句。 第二句！"),
        ("One paragraph\nTwo paragraphs\nThree", "One paragraph Two paragraphs"),
        ("The U.S. agency said so. Then more. And more.", "The U.S. agency said so. Then more."),
        ("", ""),
    ],
)
def test_the_lead_is_the_first_two_sentences(text: str, lead: str) -> None:
    assert lead_of(text) == lead


def test_an_unclear_reading_decides_nothing_and_joins_the_keyword_rules() -> None:
    result = classify("Quantum computing: a year in review", "Much happened in quantum research.")
    reading = explain("Much happened in quantum research.", "Quantum computing: a year in review")
    assert reading.reading is not None and reading.reading.section is None
    assert result.section is not None
    assert any(r.startswith("actor and act undecided") for r in result.reasons)


def test_the_reasons_name_the_actor_and_act_that_decided() -> None:
    title, text, _, _ = QKD_206_KM_EN
    result = classify(title, text)
    line = next(r for r in result.reasons if r.startswith("section by actor and act"))
    assert "前沿研究动态" in line and "physicists" in line and "published result" in line


def test_a_decided_reading_outweighs_a_model_and_notes_its_view() -> None:
    policy = [
        Example(f"p{i}", "量子技术", POLICY, "Quantum keys", f"Physicists keys fibre {i}")
        for i in range(4)
    ]
    industry = [Example(f"i{i}", "量子技术", INDUSTRY, "Quantum firm", "deal") for i in range(4)]
    model = train(policy + industry)
    title, text, _, _ = QKD_206_KM_EN
    result = classify(title, text, model=model)
    assert result.section == RESEARCH
    assert any(r.startswith("section model:") and "(weight 0.00)" in r for r in result.reasons)


def test_explain_shows_the_reading_in_text_and_json() -> None:
    title, text, _, _ = MINISTER_OPENS_PLANT_ZH
    result = explain(text, title)
    lines = "\n".join(result.lines())
    assert "actor and act (title and lead):" in lines
    assert "actor: government 「部长」 (title, phrase)" in lines
    data = result.to_json()
    assert data["actor_act"]["section"] == INDUSTRY
    assert data["actor_act"]["actor"]["actor"] == "government"
    assert data["best_section"] == INDUSTRY


SMALL = """
domains: [{name: 量子技术, rules: [{any: [quantum], weight: 3}]}]
sections:
  - {name: 重点关注, editorial: true}
  - {name: 政策, actor: %s, acts: [{any: [law], weight: 3}]}
  - {name: 产业, rules: [{any: [company], weight: 2}]}
actors:
  - %s
"""


def test_a_taxonomy_without_actors_reads_nothing() -> None:
    tax = parse_taxonomy(
        "domains: [{name: 量子技术}]\nsections: [{name: 政策, rules: [{any: [law]}]}]"
    )
    assert explain("A quantum law", "", tax).reading is None
    assert explain("A quantum law", "", tax).best_section() == "政策"


def test_a_small_taxonomy_with_one_actor_decides_by_it() -> None:
    tax = parse_taxonomy(SMALL % ("state", "{name: state, phrases: [parliament]}"))
    result = explain("Parliament passes a quantum law.", "Parliament acts", tax)
    assert result.reading is not None and result.reading.section == "政策"


@pytest.mark.parametrize(
    ("actor", "actors", "message"),
    [
        ("nobody", "{name: state, phrases: [parliament]}", "names actor 'nobody'"),
        ("state", "{name: state}", "needs `phrases` or `gazetteer`"),
        ("state", "{name: state, phrases: []}", "needs `phrases` or `gazetteer`"),
        ("state", "{name: state, gazetteer: ministry}", "`gazetteer` must be a list"),
        ("state", "{phrases: [x]}", "needs a `name`"),
        ("state", "{name: state, phrases: ['*x']}", "`*` is only allowed at the end"),
    ],
)
def test_bad_actor_settings_say_what_is_wrong(actor: str, actors: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("*", r"\*").replace("(", r"\(")):
        parse_taxonomy(SMALL % (actor, actors))
