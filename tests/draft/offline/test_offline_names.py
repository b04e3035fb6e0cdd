"""The offline writer's new readers: unknown names, research teams, report attributions,
and the verbs and phrasings built on them."""

from __future__ import annotations

from datetime import UTC, datetime

from kuaibao.domain import Document
from kuaibao.draft import story_published, story_source, write_offline_draft
from kuaibao.draft.model import Draft, StoryInput
from kuaibao.draft.offline.actions import find_actions
from kuaibao.draft.offline.lexicon import default_finder
from kuaibao.draft.offline.names import find_names
from kuaibao.facts import check_draft, load_gazetteer

GAZETTEER = load_gazetteer()


def names(text: str) -> list[str]:
    return [n.zh for n in find_names(text)]


def write(title: str, text: str) -> Draft:
    doc = Document(
        url="https://example.org/a",
        canonical_url="https://example.org/a",
        title=title,
        text=text,
        content_hash="0" * 64,
        language="en",
        published_at=datetime(2026, 3, 10, 9, tzinfo=UTC),
    )
    story = StoryInput([doc], "人工智能", "产业动态")
    draft = write_offline_draft(story, gazetteer=GAZETTEER)
    printed = "\n".join([draft.title, *draft.body])
    checked = check_draft(
        story_source(story), printed, published=story_published(story), gazetteer=GAZETTEER
    )
    assert checked.ok, (printed, checked.unsupported)
    return draft


def test_a_name_needs_an_organisation_word_or_an_apposition() -> None:
    assert names("Verity Bio, a Boston biotech company, has licensed a drug.") == ["Verity Bio公司"]
    assert names("Orbitra, a satellite broadband start-up, signed a deal.") == ["Orbitra公司"]
    assert names("Researchers at the Lake Geneva Observatory found water.") == [
        "Lake Geneva Observatory"
    ]
    # Capitalised words alone are not organisations: people, headings, places, headlines.
    assert names("Chief executive Owen Pritchard said Option A was best.") == []
    assert names("INTERNAL DRAFT - NOT APPROVED. Newport, Wales, the company said.") == []
    assert names("IBM Research Opens New Lab In Zurich") == []
    assert names("said Professor Joris van Dijk of Rijnland University Medical Centre") == [
        "Rijnland University Medical Centre"
    ]


def test_a_company_named_once_is_the_same_company_after() -> None:
    text = "Caldera lands grant\nCaldera Semiconductor has won a grant. Caldera said so."
    found = [(text[n.start : n.end], n.zh) for n in find_names(text)]
    assert found == [
        ("Caldera", "Caldera Semiconductor公司"),
        ("Caldera Semiconductor", "Caldera Semiconductor公司"),
        ("Caldera", "Caldera Semiconductor公司"),
    ]


def test_new_verbs_carry_their_tense_and_context() -> None:
    text = (
        "Qubitline has agreed to buy Lumira. Experiments reveal how foams form. "
        "The cell sets a certified record. Rules came into force. Attacks can steal weights."
    )
    found = [(a.zh, a.kind, a.tense) for a in find_actions(text)]
    assert found == [
        ("收购", "deal", "同意"),
        ("揭示", "result", ""),
        ("创下纪录", "record", ""),
        ("正式生效", "effect", ""),
        ("窃取", "other", "可"),
    ]


def test_hyphenated_compounds_match_their_terms() -> None:
    text = "a silicon-carbide wafer plant and gene-editing treatments"
    assert [t.zh for t in default_finder().terms(text)] == ["碳化硅晶圆", "基因编辑疗法"]


def test_an_unknown_company_acts_in_its_own_spelling() -> None:
    draft = write(
        "Halberd Security to buy identity start-up Keyward in $2.1 billion deal",
        "Halberd Security, the network security vendor, has agreed to acquire Keyward, a "
        "start-up that protects machine identities, for $2.1 billion in cash.",
    )
    assert draft.title == "Halberd Security公司将收购Keyward公司，交易价值21亿美元"
    assert draft.body[0] == "2026年3月10日消息，Halberd Security公司同意以21亿美元收购Keyward公司。"


def test_researchers_are_credited_to_their_institution() -> None:
    draft = write(
        "New cathode for sodium-ion batteries",
        "Chemists have developed a cathode material for sodium-ion batteries. The material "
        "was developed at the Baden Institute for Energy Materials and described in Nature.",
    )
    assert draft.body[0].endswith("Baden Institute for Energy Materials研究人员开发出正极材料。")


def test_a_think_tank_report_is_who_published_what() -> None:
    draft = write(
        "Seventeen states, one patchwork",
        "State legislatures passed 61 laws in 2026, according to Meridian's annual review of "
        "AI legislation.",
    )
    assert draft.title == "Meridian发布人工智能立法年度评估报告"


def test_a_thing_can_be_the_subject_of_a_headline() -> None:
    draft = write(
        "Launch prices fell 18% in two years",
        "The average price of launching a kilogram fell 18% between 2024 and 2026.",
    )
    assert draft.title == "发射价格下降18%"
    draft = write(
        "New cyber security rules come into force",
        "Providers must now report incidents under regulations that came into force today.",
    )
    assert draft.title == "网络安全规则正式生效"
    assert draft.body[0] == "2026年3月10日，网络安全规则正式生效。"


def test_a_grant_says_whom_it_goes_to_and_what_for() -> None:
    draft = write(
        "£185 million backing for a silicon carbide fab",
        "The government will provide a £185 million grant to Caldera Semiconductor to build a "
        "silicon carbide wafer fabrication plant in Newport, the department announced today.",
    )
    assert draft.body[0] == (
        "2026年3月10日，政府将向Caldera Semiconductor公司提供1.85亿英镑资助，"
        "用于建设碳化硅晶圆工厂。"
    )
