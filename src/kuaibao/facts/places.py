"""Countries, regions and major places with their Chinese names (``British`` → 英国).

Full names match as organisations do. The one-character headline forms (美智库, 英政府,
日企, 美DARPA) are found only before a word that marks them as a country and after a
character that cannot be part of a longer word, because 美, 英 and 日 are common
characters on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from kuaibao.errors import ConfigError
from kuaibao.facts.matcher import PhraseMatcher
from kuaibao.facts.model import PlaceFact
from kuaibao.facts.textutil import SpanSet
from kuaibao.text.scripts import is_han_char

PLACES_FILE = "places.yaml"
_SHORT_NEXT = (
    "政府|智库|研究人员|科学家|企业|企|商务部|国防部|能源部|国务院|财政部|国会|参议院|"
    "众议院|议会|总统|首相|总理|军方|军|媒体|媒|方|高校|航天局|宇航局|联邦|两党|官员|"
    "专家|学者|议员|研究机构|芯片|半导体|海军|空军|陆军|情报|[A-Z]"
)
# Words that contain a country name without naming it (发展中国家: developing countries).
_HIDING_RE = re.compile("发展中国家|其中国家")
# Characters after which a one-character country form can start a word (中美, 与英, 对日).
_SHORT_AFTER = "与和及同对在被由向据称等将为于从即因中"


@dataclass(frozen=True)
class Place:
    """One place: its code, Chinese name, English names and adjectives, headline form."""

    code: str
    zh: str
    en: tuple[str, ...] = ()
    zh_aliases: tuple[str, ...] = ()
    short: str | None = None


def _place(raw: Any, where: str) -> Place:
    if not isinstance(raw, dict) or not raw.get("code") or not raw.get("zh"):
        raise ConfigError(f"{where}: each place needs `code` and `zh`")
    return Place(
        code=str(raw["code"]),
        zh=str(raw["zh"]),
        en=tuple(str(n) for n in raw.get("en") or ()),
        zh_aliases=tuple(str(n) for n in raw.get("zh_aliases") or ()),
        short=str(raw["short"]) if raw.get("short") else None,
    )


def parse_places(text: str, origin: str = PLACES_FILE) -> list[Place]:
    """Parse the places YAML (a top-level ``places:`` list); codes must be unique."""
    try:
        doc: Any = yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{origin} is not valid YAML: {exc}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("places"), list):
        raise ConfigError(f"{origin}: expected a top-level `places:` list")
    places = [_place(raw, f"{origin}, place {i}") for i, raw in enumerate(doc["places"], 1)]
    codes = [p.code for p in places]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise ConfigError(f"{origin}: duplicate place code(s) {duplicates}")
    return places


@lru_cache(maxsize=1)
def default_places() -> tuple[Place, ...]:
    """The packaged places list, parsed once."""
    text = (resources.files("kuaibao.facts") / PLACES_FILE).read_text(encoding="utf-8")
    return tuple(parse_places(text))


@lru_cache(maxsize=1)
def _matcher() -> PhraseMatcher[Place]:
    matcher: PhraseMatcher[Place] = PhraseMatcher()
    for place in default_places():
        for name in (*place.en, place.zh, *place.zh_aliases):
            matcher.add(name, place)
    return matcher


@lru_cache(maxsize=1)
def _short_re() -> re.Pattern[str]:
    chars = "".join(p.short for p in default_places() if p.short)
    return re.compile(rf"[{chars}](?={_SHORT_NEXT})")


def _short_forms(text: str, taken: SpanSet) -> list[PlaceFact]:
    by_short = {p.short: p for p in default_places() if p.short}
    found: list[PlaceFact] = []
    for match in _short_re().finditer(text):
        start = match.start()
        before = text[start - 1] if start else ""
        if (before and is_han_char(before) and before not in _SHORT_AFTER) or taken.touches(
            start, start + 1
        ):
            continue
        place = by_short[match.group(0)]
        found.append(PlaceFact(match.group(0), place.zh, place.code, start, start + 1))
    return found


def find_places(text: str, *, skip: list[tuple[int, int]] | None = None) -> list[PlaceFact]:
    """Every place named in ``text`` outside the ``skip`` spans (e.g. organisation names)."""
    taken = SpanSet(len(text), [*(skip or []), *(m.span() for m in _HIDING_RE.finditer(text))])
    found = [
        PlaceFact(text[s:e], place.zh, place.code, s, e)
        for s, e, place in _matcher().find(text)
        if not taken.touches(s, e)
    ]
    for fact in found:
        taken.add(fact.start, fact.end)
    found += _short_forms(text, taken)
    return sorted(found, key=lambda f: f.start)
