"""Actors named in full: the country the text or the source gives an unknown name."""

from __future__ import annotations

from kuaibao.draft.offline.fullnames import country_of_place, country_short, country_zh, qualify_all
from kuaibao.draft.offline.names import name_facts
from kuaibao.facts.model import PlaceFact
from kuaibao.facts.places import find_places


def _qualified(text: str, home: str | None) -> dict[str, str]:
    orgs = qualify_all(name_facts(text), text, find_places(text), home)
    return {o.canonical: o.zh for o in orgs}


def test_country_names_and_headline_forms() -> None:
    assert (country_zh("GB"), country_short("US"), country_zh("XX"), country_zh(None)) == (
        "英国", "美", "", "",
    )  # fmt: skip


def test_a_city_or_region_code_gives_its_country_a_wider_region_none() -> None:
    assert country_of_place(PlaceFact("Tokyo", "东京", "JPTYO", 0, 5)) == "JP"
    assert country_of_place(PlaceFact("Nordic", "北欧", "NORDICS", 0, 6)) == ""


def test_the_government_is_the_source_countrys() -> None:
    assert _qualified("The government will fund the plan.", "GB")["government"] == "英国政府"
    assert _qualified("The government will fund the plan.", None)["government"] == "政府"


def test_the_text_marks_the_country_before_the_source_does() -> None:
    text = (
        "The Dutch company Lodestar Therapeutics said it would expand. "
        "Tokyo start-up Kairos Quantum sold a machine. "
        "Arcadia Microsystems, a US maker of chips, will build a plant. "
        "Researchers at the Rhine Institute of Photonics ran the test."
    )
    names = _qualified(text, "DE")
    assert names["Lodestar Therapeutics"] == "荷兰Lodestar Therapeutics公司"
    assert names["Kairos Quantum"] == "日本Kairos Quantum公司"
    assert names["Arcadia Microsystems"] == "美国Arcadia Microsystems公司"
    assert names["Rhine Institute of Photonics"] == "德国Rhine Institute of Photonics"


def test_a_possessive_or_appositive_cue_in_any_mention_beats_the_source_country() -> None:
    """ "UK's Oxford Ionics" in a US source's headline, or "…, a British start-up" in its
    lead, says where the firm is; the source's country says only where the publisher is."""
    title = "IonQ to buy UK's Oxford Ionics for $1 billion. "
    lead = "IonQ agreed to acquire Oxford Ionics, a start-up, for cash."
    assert _qualified(title + lead, "US")["Oxford Ionics"] == "英国Oxford Ionics公司"
    later = "IonQ will buy Oxford Ionics. Oxford Ionics, a British start-up, agreed."
    assert _qualified(later, "US")["Oxford Ionics"] == "英国Oxford Ionics公司"
    comma = "A Japanese firm, Kairos Quantum, sold a machine."
    assert _qualified(comma, "US")["Kairos Quantum"] == "日本Kairos Quantum公司"
    unmarked = "IonQ will buy Oxford Ionics. Oxford Ionics, a start-up, agreed."
    assert _qualified(unmarked, "US")["Oxford Ionics"] == "美国Oxford Ionics公司"
