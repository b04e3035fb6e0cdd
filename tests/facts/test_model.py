"""The JSON shapes of the facts and their numbers."""

from __future__ import annotations

from kuaibao.facts.model import DateFact, Facts, MoneyFact, json_number, spans_of


def test_json_number() -> None:
    assert json_number(1_100_000_000.0) == 1_100_000_000
    assert isinstance(json_number(1_100_000_000.0), int)
    assert json_number(4.5) == 4.5


def test_as_dict_keys_and_spans() -> None:
    money = MoneyFact("£1.1 billion", 1.1e9, "GBP", "11亿英镑", 3, 15)
    day = DateFact("March 2024", "2024-03", "2024年3月", 20, 30, 2024, 3)
    facts = Facts(dates=[day], money=[money])
    shape = facts.as_dict()
    assert list(shape) == ["dates", "money", "percentages", "organisations", "places"]
    assert shape["money"] == [
        {
            "text": "£1.1 billion",
            "amount": 1100000000,
            "currency": "GBP",
            "zh": "11亿英镑",
            "start": 3,
            "end": 15,
        }
    ]
    assert shape["dates"][0]["iso"] == "2024-03"
    assert spans_of([money], [day]) == [(3, 15), (20, 30)]
