"""The offline writer's parts: sentences, action verbs and the term lexicon."""

from __future__ import annotations

from kuaibao.draft.offline.actions import find_actions
from kuaibao.draft.offline.lexicon import default_finder, finder_for
from kuaibao.draft.offline.sentences import is_chinese, sentence_spans


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_english_sentences_do_not_end_at_abbreviations() -> None:
    text = "The U.S. Department of Energy acted. Dr. Lee agreed! It ends\nA new line"
    assert _sentences(text) == [
        "The U.S. Department of Energy acted.",
        "Dr. Lee agreed!",
        "It ends",
        "A new line",
    ]


def test_chinese_sentences_end_at_full_width_stops() -> None:
    text = "英国宣布投入11亿英镑。该计划包括五个中心！其余内容"
    assert is_chinese(text)
    assert _sentences(text) == ["英国宣布投入11亿英镑。", "该计划包括五个中心！", "其余内容"]
    assert not is_chinese("UKRI announced £1.1 billion.")
    assert is_chinese("anything", "zh-CN")


def test_actions_carry_tense_and_skip_negations_and_nouns() -> None:
    text = "UKRI plans to invest £1bn. NSF will not fund it. The launch was delayed. DOE will sign."
    found = [(text[a.start : a.end], a.zh, a.tense) for a in find_actions(text)]
    assert found == [("invest", "投资", "计划"), ("sign", "签署", "将")]
    passive = find_actions("Grants were awarded by NSF.")
    assert [(a.zh, a.passive) for a in passive] == [("资助", True)]
    chinese = find_actions("科技部将启动专项，未批准其他项目", chinese=True)
    assert [(a.zh, a.tense) for a in chinese] == [("启动", "将")]


def test_terms_match_plurals_and_case_but_abbreviations_only_in_capitals() -> None:
    finder = default_finder()
    text = "New Quantum Computers and AI chips; said the ai."
    assert [(text[t.start : t.end], t.zh) for t in finder.terms(text)] == [
        ("Quantum Computers", "量子计算机"),
        ("AI chips", "人工智能芯片"),
    ]
    assert [t.zh for t in finder.terms("量子计算研究中心")] == ["量子计算"]
    assert [h.zh for h in finder.heads("quantum research hubs")] == ["研究中心"]


def test_glossary_adds_and_overrides_terms() -> None:
    finder = finder_for({"quantum computing": "量子运算", "muon collider": "μ子对撞机"})
    text = "quantum computing and a muon collider"
    assert [t.zh for t in finder.terms(text)] == ["量子运算", "μ子对撞机"]
    assert [t.zh for t in default_finder().terms(text)] == ["量子计算"]
