"""The phrase matcher: leftmost-longest, Latin word boundaries, letter-case rules."""

from __future__ import annotations

import pytest

from kuaibao.facts.matcher import CAPITAL, EXACT, FOLD, PhraseMatcher, case_mode


@pytest.mark.parametrize(
    ("name", "mode"),
    [
        ("DARPA", EXACT),
        ("ARPA-E", EXACT),
        ("imec", EXACT),
        ("台积电", EXACT),
        ("Arm", CAPITAL),
        ("Nvidia", CAPITAL),
        ("National Science Foundation", FOLD),
        ("SK hynix", FOLD),
    ],
)
def test_case_mode(name: str, mode: str) -> None:
    assert case_mode(name) == mode


@pytest.fixture
def matcher() -> PhraseMatcher[str]:
    m: PhraseMatcher[str] = PhraseMatcher()
    for name, value in [
        ("DOE", "doe"),
        ("Department of Energy", "doe"),
        ("Arm", "arm"),
        ("National Science Foundation", "nsf"),
        ("NSF", "nsf"),
        ("National Science Foundation Engines", "engines"),
        ("台积电", "tsmc"),
        ("X", "ignored"),
    ]:
        m.add(name, value)
    return m


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the DOE and John Doe", [("DOE", "doe")]),
        ("the department of energy said", [("department of energy", "doe")]),
        ("an arm and Arm Holdings", [("Arm", "arm")]),
        (
            "National Science Foundation Engines grew",
            [("National Science Foundation Engines", "engines")],
        ),
        ("NSFC and NSF", [("NSF", "nsf")]),
        ("美国NSF资助台积电", [("NSF", "nsf"), ("台积电", "tsmc")]),
        ("The X factor", []),
        ("台积", []),
    ],
)
def test_find(matcher: PhraseMatcher[str], text: str, expected: list[tuple[str, str]]) -> None:
    assert [(text[s:e], v) for s, e, v in matcher.find(text)] == expected
