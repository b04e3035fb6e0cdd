"""Actors named in full: a country before every name that does not carry one.

A bulletin never writes a bare 政府, 议会 or 研究人员, nor an English organisation name
alone: it writes 英国政府, 德国Rhine Institute of Photonics. The gazetteer's names already
say their country (英国研究与创新署); for the others the country is the one the text
attaches to the name (a place in the name itself, "the Dutch company Lodestar
Therapeutics", "Tokyo start-up Kairos Quantum", "Gothenburg-based …"), else the country of
the source that published the report (a UK government release means the UK government).
The country goes on the first mention only: an unknown name's short form stays as the
source spells it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from kuaibao.draft.offline.names import COMPANY, GENERIC, INSTITUTION
from kuaibao.facts.model import OrgFact, PlaceFact
from kuaibao.facts.places import default_places

NAMED = frozenset({COMPANY, INSTITUTION})
# What may stand between a place and the name it marks: "Dutch company", "US chip firm",
# "Singapore cell-therapy maker", "Gothenburg-based".
_MARK_GAP_RE = re.compile(
    r"(?i)^(?:['’]s\s+)?(?:-based|-headquartered)?\s*(?:[\w-]+\s+){0,3}?(?:company|start-?up|"
    r"firm|maker|group|institute|university|lab|laboratory|developer|manufacturer|operator|"
    r"utility|chipmaker|drugmaker|biotech|spin-?out|-based|-headquartered)?,?\s*$"
)
_APPOSITION_RE = re.compile(r"(?i)^,\s+(?:a|an|the)\s+$")
_NO_MARK_RE = re.compile(r"(?i)[.;:!?]|\b(?:and|with|from|by|for|to|of)\s+(?:the\s+)?$")


@cache
def _by_code() -> dict[str, tuple[str, str]]:
    return {p.code: (p.zh, p.short or p.zh) for p in default_places()}


def country_zh(code: str | None) -> str:
    """The Chinese name of a country code (``GB`` → 英国), '' when unknown."""
    if not code:
        return ""
    return _by_code().get(code.upper(), ("", ""))[0]


def country_short(code: str | None) -> str:
    """The headline form (``GB`` → 英), else the full name, '' when unknown."""
    if not code:
        return ""
    return _by_code().get(code.upper(), ("", ""))[1]


def country_of_place(place: PlaceFact) -> str:
    """The country a place lies in: its own code, or the first two letters of a city's
    UN/LOCODE or a region's ISO 3166-2 code (``JPTYO`` → JP, ``US-CA`` → US)."""
    code = place.code
    city = (len(code) == 5 and code.isalpha()) or "-" in code
    if len(code) == 2 or (city and code[:2] in _by_code()):
        return code[:2]
    return ""


def marked_country(text: str, start: int, places: Sequence[PlaceFact], end: int = -1) -> str:
    """The country the text attaches to the name at ``start`` ("the Dutch company …",
    "Tokyo start-up …", "…, a US maker of chips"), or ''."""
    after = [p for p in places if end <= p.start <= end + 12] if end >= 0 else []
    if after and _APPOSITION_RE.match(text[end : after[0].start]):
        return country_of_place(after[0])
    before = [p for p in places if p.end <= start and start - p.end <= 40]
    if not before:
        return ""
    place = before[-1]
    gap = text[place.end : start]
    if _NO_MARK_RE.search(gap) or not _MARK_GAP_RE.match(gap):
        return ""
    return country_of_place(place)


def qualified(org: OrgFact, country: str) -> OrgFact:
    """``org`` with ``country`` (a code) before its Chinese name, when it is an unknown
    name or a generic body and the country is known."""
    zh = country_zh(country)
    if not zh or org.kind not in NAMED | {GENERIC} or org.zh.startswith(zh):
        return org
    return replace(org, zh=zh + org.zh)


def qualify_all(
    orgs: Sequence[OrgFact], text: str, places: Sequence[PlaceFact], home: str | None
) -> list[OrgFact]:
    """Every unknown name and generic body with its country: the one the text marks on
    any mention of the name (the first such mention wins: "UK's Oxford Ionics" in the
    title, "Oxford Ionics, a British start-up" in the lead), else ``home`` (the source's
    country, which says where the publisher is, not where every firm it names is)."""
    countries: dict[str, str] = {}
    for org in orgs:
        if org.kind in NAMED and not countries.get(org.canonical):
            inside = [p for p in places if org.start <= p.start and p.end <= org.end]
            own = country_of_place(inside[0]) if inside else ""
            countries[org.canonical] = own or marked_country(text, org.start, places, org.end)
    countries = {name: code or (home or "") for name, code in countries.items()}
    return [
        qualified(
            org, countries.get(org.canonical, home or "") if org.kind in NAMED else home or ""
        )
        for org in orgs
    ]


def short_name(org: OrgFact) -> str | None:
    """The name a later mention uses for an unknown organisation: its own spelling
    (``Caldera Semiconductor公司``); None for other organisations."""
    if org.kind == COMPANY:
        return f"{org.canonical}公司"
    if org.kind == INSTITUTION:
        return org.canonical
    return None
