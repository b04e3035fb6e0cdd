"""The shortcuts that make fact extraction fast give exactly what the plain ways give."""

from __future__ import annotations

import random
import re
import sys

import pytest

from kuaibao.facts import dates, textutil
from kuaibao.facts.gazetteer import default_gazetteer
from kuaibao.facts.matcher import _FOLDS_TO_ASCII, PhraseMatcher
from kuaibao.facts.places import default_places
from kuaibao.facts.textutil import fold, is_ascii_alnum

EVERY_CHAR = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


def test_fold_matches_folding_one_character_at_a_time() -> None:
    plain = EVERY_CHAR.replace("\u0130", "").replace("\u03a3", "")  # keeps the fast path
    assert fold(plain) == textutil._fold_chars(plain)
    for text in ("İstanbul", "ΟΔΟΣ ΣΟΦΙΑ", "Σ", "a\u3000b\u00a0c’d"):
        assert fold(text) == textutil._fold_chars(text)
        assert len(fold(text)) == len(text)


def test_only_the_listed_characters_fold_into_latin_letters_or_digits() -> None:
    folded = fold(EVERY_CHAR)
    assert len(folded) == len(EVERY_CHAR)
    turned = {
        EVERY_CHAR[m.start()]
        for m in re.finditer("[a-z0-9]", folded)
        if not is_ascii_alnum(EVERY_CHAR[m.start()])
    }
    assert turned == set(_FOLDS_TO_ASCII)


def _names() -> list[str]:
    names = [n for e in default_gazetteer().entries for n in e.names()]
    names += [n for p in default_places() for n in (*p.en, p.zh)]
    return [*names, "(ab) x", "“引号”", "-dash", "Σigma", "İstanbul U"]


def _texts(names: list[str], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pieces = [*names, *" \u212aİΣ\u3000\t-–'’aZ9中国美（）()《》“”", "the ", "and", "x", "Q"]
    texts = []
    for _ in range(count):
        parts = [rng.choice(pieces) for _ in range(rng.randint(1, 8))]
        parts = [rng.choice([p, p, p.upper(), p.lower()]) for p in parts]
        texts.append(rng.choice(["", " ", "x", "1", "\u212a", "，"]).join(parts))
    return texts


@pytest.mark.parametrize("kelvin_name", [False, True])
def test_matcher_finds_what_trying_every_place_finds(kelvin_name: bool) -> None:
    names = [*_names(), *(["\u212aelvin Lab"] if kelvin_name else [])]
    matcher: PhraseMatcher[int] = PhraseMatcher()
    for number, name in enumerate(names):
        matcher.add(name, number)
    assert matcher._scan_everywhere is kelvin_name
    hits = 0
    for text in _texts(names, 3000, seed=7):
        found = matcher.find(text)
        assert found == matcher._find_everywhere(text, fold(text)), text
        hits += len(found)
    assert hits > 3000  # the texts are full of names, so the comparison means something


def test_date_patterns_skipped_for_missing_words_would_have_found_nothing() -> None:
    texts = [
        "Funding rose in 2024 and again on 15 March 2025.",
        "The plan (2024-03) ran until mid-2026.",
        "2024年3月15日发布，3月20日生效，今年5月完成。",
        "去年12月，项目启动；2025年将扩大。",
        "No dates here at all, only 42 things.",
    ]
    every = (*dates._EN_PATTERNS, *dates._ZH_PATTERNS)
    for text in texts:
        used = [m.span() for m, _ in dates._matches(text)]
        assert used == [m.span() for p in every for m in p.finditer(text)]
