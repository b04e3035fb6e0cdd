"""The offline writer's verb and noun tables: read once from YAML, refused when malformed."""

from __future__ import annotations

import pytest

from kuaibao.draft.offline.actions import ACTIONS, KINDS, find_actions
from kuaibao.draft.offline.names import find_names
from kuaibao.draft.offline.tables import (
    default_nouns,
    default_verbs,
    parse_nouns,
    parse_verbs,
)
from kuaibao.errors import ConfigError

VERBS = """
actions:
  - {zh: 投资, kind: fund, en: [invest, invested], zh_forms: [投资]}
  - {zh: 资助, kind: fund, en: [invest, award], zh_forms: []}
headline_verbs: says wins
"""

NOUNS = """
company_endings: Labs Inc
institution_words: Institute
organisation_nouns: [start-up, firm]
amount_nouns: {grant: 资助}
report_nouns: {Review: 评估报告}
programme_heads: [计划]
head_endings: 计划 战略
"""


def test_packaged_tables_are_read_once_and_feed_the_grammar() -> None:
    assert default_verbs(KINDS) is default_verbs(KINDS)
    assert default_nouns() is default_nouns()
    verbs = default_verbs(KINDS)
    assert [(a.zh, a.kind, a.en, a.zh_forms) for a in ACTIONS] == [
        (v.zh, v.kind, v.en, v.zh_forms) for v in verbs.actions
    ]
    assert {"wins", "says"} <= verbs.headline
    nouns = default_nouns()
    assert "Labs" in nouns.company_endings and "Institute" in nouns.institution_words
    assert nouns.amount_nouns["grant"] == "资助"
    assert "start-up" in nouns.organisation_nouns


def test_a_verb_in_the_table_is_found_in_text_with_its_chinese() -> None:
    hit = find_actions("The ministry pledged £2 billion for fusion.")[0]
    assert (hit.zh, hit.kind) == ("承诺投入", "fund")
    zh_hit = find_actions("科技部印发人工智能行动计划", chinese=True)[0]
    assert zh_hit.zh == "发布"


def test_an_organisation_noun_in_the_table_marks_a_name() -> None:
    found = find_names("Orbitra, a satellite broadband start-up, said on Monday it would grow.")
    assert [n.name for n in found] == ["Orbitra"]


def test_verbs_keep_file_order_and_first_form_wins() -> None:
    verbs = parse_verbs(VERBS, KINDS)
    assert [v.zh for v in verbs.actions] == ["投资", "资助"]
    assert verbs.actions[1].zh_forms == ()
    assert verbs.headline == frozenset({"says", "wins"})


def test_nouns_parse_words_lists_and_mappings() -> None:
    nouns = parse_nouns(NOUNS)
    assert nouns.company_endings == frozenset({"Labs", "Inc"})
    assert nouns.organisation_nouns == ("start-up", "firm")
    assert dict(nouns.report_nouns) == {"review": "评估报告"}  # keys read in lower case
    assert nouns.head_endings == ("计划", "战略")
    with pytest.raises(TypeError):
        nouns.amount_nouns["grant"] = "x"  # type: ignore[index]  # shared: read-only


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("actions: [", "verbs.yaml is not valid YAML"),
        ("- a\n- b\n", "expected a mapping"),
        ("headline_verbs: says\n", "`actions` must be a list"),
        (
            "actions:\n  - {zh: 投资, kind: spend, en: [invest]}\nheadline_verbs: a\n",
            "kind 'spend'",
        ),
        ("actions:\n  - {zh: '', kind: fund, en: [invest]}\nheadline_verbs: a\n", "actions[0].zh"),
        ("actions:\n  - {zh: 投资, kind: fund, en: []}\nheadline_verbs: a\n", "actions[0].en"),
        ("actions:\n  - {zh: 投资, kind: fund, en: [1]}\nheadline_verbs: a\n", "actions[0].en[0]"),
        ("actions:\n  - {zh: 投资, kind: fund, en: [a], cn: x}\nheadline_verbs: a\n", "cn"),
        ("actions:\n  - 投资\nheadline_verbs: a\n", "actions[0] must be a mapping"),
        ("actions:\n  - {zh: 投资, kind: fund, en: [a]}\n", "headline_verbs"),
    ],
)
def test_a_malformed_verb_table_is_refused_with_where(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_verbs(text, KINDS)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("amount_nouns: {grant: 资助}", "amount_nouns: [grant]"), "amount_nouns must map"),
        (("amount_nouns: {grant: 资助}", "amount_nouns: {grant: ''}"), "amount_nouns.grant"),
        (("company_endings: Labs Inc", "company_endings: []"), "company_endings must be"),
        (("head_endings: 计划 战略", ""), "head_endings must be"),
        (("programme_heads: [计划]", "programme_heads: [计划, {a: b}]"), r"programme_heads\[1\]"),
    ],
)
def test_a_malformed_noun_table_is_refused_with_where(
    change: tuple[str, str], message: str
) -> None:
    old, new = change
    assert old in NOUNS
    with pytest.raises(ConfigError, match=f"nouns.yaml: {message}"):
        parse_nouns(NOUNS.replace(old, new))
