"""``extract_facts``: every kind of fact at once, in the ``kuaibao facts --json`` shape."""

from __future__ import annotations

import json
from datetime import date

from kuaibao.facts.extract import extract_facts
from kuaibao.facts.gazetteer import GazetteerEntry, load_gazetteer

TEXT = (
    "On March 15, 2024, the UK government unveiled a £1.1 billion package; EPSRC will give "
    "£479m, 62 per cent of the new money. 2024年3月15日，英国政府宣布投资超11亿英镑。"
)


def test_contract_shape() -> None:
    shape = json.loads(json.dumps(extract_facts(TEXT).as_dict(), ensure_ascii=False))
    assert list(shape) == ["dates", "money", "percentages", "organisations", "places"]
    required = {
        "dates": {"text", "iso", "zh"},
        "money": {"text", "amount", "currency", "zh"},
        "percentages": {"text", "value", "zh"},
        "organisations": {"text", "zh"},
        "places": {"text", "zh"},
    }
    for key, fields in required.items():
        assert shape[key], key
        for hit in shape[key]:
            assert fields <= set(hit), (key, hit)
            assert TEXT[hit["start"] : hit["end"]] == hit["text"]


def test_every_kind_is_found() -> None:
    facts = extract_facts(TEXT)
    assert [d.iso for d in facts.dates] == ["2024-03-15", "2024-03-15"]
    assert [m.zh for m in facts.money] == ["11亿英镑", "4.79亿英镑", "11亿英镑"]
    assert [(p.value, p.zh) for p in facts.percentages] == [(62.0, "62%")]
    assert [o.zh for o in facts.organisations] == ["英国工程和自然科学研究理事会（EPSRC）"]
    assert [(p.text, p.code) for p in facts.places] == [("UK", "GB"), ("英国", "GB")]


def test_reference_and_custom_gazetteer() -> None:
    gazetteer = load_gazetteer()
    gazetteer.add(GazetteerEntry(zh="卡尔德拉晶圆局", kind="agency", en=("Caldera Fab Authority",)))
    facts = extract_facts(
        "The Caldera Fab Authority met on Mar. 3.", reference=date(2025, 3, 10), gazetteer=gazetteer
    )
    assert [d.iso for d in facts.dates] == ["2025-03-03"]
    assert [o.zh for o in facts.organisations] == ["卡尔德拉晶圆局"]


def test_places_inside_organisation_names_are_not_repeated() -> None:
    facts = extract_facts("The Chinese Academy of Sciences and UK Space Agency met in China.")
    assert [o.text for o in facts.organisations] == [
        "Chinese Academy of Sciences",
        "UK Space Agency",
    ]
    assert [p.text for p in facts.places] == ["China"]
