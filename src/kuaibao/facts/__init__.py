"""Facts and house style: dates, money, percentages, organisations and places in English
and Chinese text, their Chinese bulletin forms, and a check that a Chinese draft states
only facts its source supports.
"""

from kuaibao.facts.check import CheckResult, Unsupported, check_draft, check_request
from kuaibao.facts.extract import extract_facts
from kuaibao.facts.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer
from kuaibao.facts.model import DateFact, Facts, MoneyFact, OrgFact, PercentFact, PlaceFact
from kuaibao.facts.numerals import format_zh_amount

__all__ = [
    "CheckResult",
    "DateFact",
    "Facts",
    "Gazetteer",
    "GazetteerEntry",
    "MoneyFact",
    "OrgFact",
    "PercentFact",
    "PlaceFact",
    "Unsupported",
    "check_draft",
    "check_request",
    "extract_facts",
    "format_zh_amount",
    "load_gazetteer",
]
