"""The offline writer: Chinese drafts from extracted facts that pass the fact check."""

from __future__ import annotations

import random
import re
from datetime import UTC, date, datetime

import pytest

from kuaibao.domain import Document
from kuaibao.draft import story_published, story_source, write_offline_draft
from kuaibao.draft.model import Draft, StoryInput
from kuaibao.draft.offline.lexicon import default_lexicon, parse_lexicon
from kuaibao.draft.offline.writer import MAX_CHARS
from kuaibao.draft.review import source_text
from kuaibao.errors import ConfigError
from kuaibao.facts import Gazetteer, check_draft, extract_facts, load_gazetteer

GAZETTEER = load_gazetteer()


def doc(
    title: str,
    text: str,
    *,
    url: str = "https://example.org/news/1",
    published: tuple[int, int, int] | None = (2024, 3, 15),
    id: int | None = 1,
    language: str | None = None,
) -> Document:
    return Document(
        url=url,
        canonical_url=url,
        title=title,
        text=text,
        content_hash="0" * 64,
        id=id,
        published_at=datetime(*published, 9, tzinfo=UTC) if published else None,
        language=language,
    )


def story(*docs: Document) -> StoryInput:
    return StoryInput(list(docs), "量子技术", "科技政策与科研计划")


def write(s: StoryInput, gazetteer: Gazetteer = GAZETTEER) -> Draft:
    return write_offline_draft(s, gazetteer=gazetteer)


def printed(draft: Draft) -> str:
    return "\n".join([draft.title, *draft.body])


UKRI = doc(
    "UKRI invests £1.1 billion in quantum computing research hubs",
    "UK Research and Innovation (UKRI) has announced £1.1 billion to support quantum "
    "computing research on March 14, 2024. The Engineering and Physical Sciences Research "
    "Council (EPSRC) will fund five hubs with £35 million each. Quantum start-ups grew 15% "
    "last year, according to the Department for Science, Innovation and Technology.",
)

STORIES: dict[str, list[Document]] = {
    "grant-gbp": [UKRI],
    "today-usd": [
        doc(
            "DOE announces $52 million for fusion energy",
            "WASHINGTON — The U.S. Department of Energy (DOE) today announced $52 million for "
            "12 projects to advance fusion energy research at Princeton Plasma Physics "
            "Laboratory and Oak Ridge National Laboratory.",
        )
    ],
    "yen-sign": [
        doc(
            "Japan to spend ¥3.9 trillion on chips",
            "Japan's Ministry of Economy, Trade and Industry plans to invest ¥3.9 trillion in "
            "semiconductor manufacturing, including support for Rapidus. The budget is up 20% "
            "on last year.",
        )
    ],
    "euro-range": [
        doc(
            "EU proposes €20-30 billion AI gigafactories plan",
            "The European Commission on 9 April 2025 proposed to mobilise €20 billion for AI "
            "gigafactories.",
            published=(2025, 4, 10),
        )
    ],
    "yen-word-deal": [
        doc(
            "NSF and JST sign quantum partnership",
            "The National Science Foundation (NSF) signed an agreement with the Japan Science "
            "and Technology Agency on 2 February 2024 to fund joint research in quantum "
            "sensing. Japan will contribute 500 million yen and NSF $5 million.",
            published=(2024, 2, 3),
        )
    ],
    "strategy": [
        doc(
            "White House releases national strategy on microelectronics research",
            "The White House Office of Science and Technology Policy (OSTP) released the "
            "National Strategy on Microelectronics Research on March 20, 2024.",
            published=(2024, 3, 21),
        )
    ],
    "law-recipient": [
        doc(
            "Commerce awards $1.5 billion CHIPS Act grant",
            "The Department of Commerce awarded $1.5 billion under the CHIPS and Science Act "
            "to GlobalFoundries to expand semiconductor manufacturing. The award is about 10% "
            "of the company's planned investment of $12.5 billion.",
            published=(2024, 2, 19),
        )
    ],
    "percent-only": [
        doc(
            "Report: AI adoption rises",
            "Adoption of generative AI by European firms increased by 35 per cent in 2023, "
            "while spending on cloud computing fell 4.5 percentage points.",
            published=(2024, 1, 10),
        )
    ],
    "no-facts": [doc("Thoughts on science", "Scientists met and talked about many ideas.")],
    "numbers-only": [doc("2024 3 15", "12 34 56.7 890 1,000 2,500,000")],
    "zh-yuan": [
        doc(
            "科技部部署量子科技专项",
            "2024年3月10日，科学技术部启动量子科技重大专项，首批安排经费3.5亿元，支持量子计算和"
            "量子通信研究。\n该专项由中国科学技术大学等单位承担，经费较上年增长12%。",
            language="zh",
        )
    ],
    "zh-untitled": [
        doc(
            "",
            "国家自然科学基金委员会近日发布2024年度项目指南。今年资助经费约330亿元，同比增长5%。",
        )
    ],
    "usd-hedged": [
        doc(
            "Nvidia unveils new AI chip",
            "Nvidia on Monday unveiled a new AI chip, the company said, as data center revenue "
            "rose more than 400% to over $18 billion.",
            published=(2024, 2, 22),
        )
    ],
    "passive": [
        doc(
            "£50 million awarded for fusion energy research",
            "A total of £50 million was awarded for fusion energy research at the UK Atomic "
            "Energy Authority, the government said on 5 March 2024.",
            published=(2024, 3, 6),
        )
    ],
    "won-and-euro": [
        doc(
            "Samsung to invest 60 trillion won; EU adds €2 billion",
            "Samsung Electronics will invest 60 trillion won in advanced packaging by 2030. "
            "Separately, the European Commission approved €2 billion in state aid for chip "
            "design.",
            published=(2024, 5, 2),
        )
    ],
    "future-date": [
        doc(
            "ARIA launches programme",
            "The Advanced Research and Invention Agency (ARIA) launched a new robotics "
            "programme that will run until June 2030.",
            published=(2024, 6, 1),
        )
    ],
    "no-publication-date": [
        doc(
            "NASA selects lunar lander",
            "NASA selected a lunar exploration lander worth $2.9 billion.",
            published=None,
        )
    ],
}


def test_agency_grant_names_the_agency_amount_and_date_in_chinese() -> None:
    draft = write(story(UKRI))
    assert draft.title == "英国研究与创新署投资11亿英镑支持量子计算研究中心"
    lead = draft.body[0]
    assert lead.startswith("2024年3月14日，英国研究与创新署（UKRI）")
    assert "11亿英镑" in lead and "量子计算" in lead
    assert "英国工程和自然科学研究理事会（EPSRC）将资助各3500万英镑。" in draft.body
    assert not any("15%" in p or "文中还提及" in p for p in draft.body)  # no sentence says it
    assert not any("文中提及" in p for p in draft.body)  # a list of names is no sentence
    assert draft.writer_notes == [
        "other organisations the sources name: 英国科学、创新和技术部（DSIT）"
    ]
    assert (draft.event_date, draft.writer) == ("2024-03-14", "offline")
    assert (draft.domain, draft.section) == ("量子技术", "科技政策与科研计划")
    assert draft.original_title == UKRI.title
    assert draft.document_ids == [1]


@pytest.mark.parametrize("name", sorted(STORIES))
def test_every_draft_passes_the_fact_check(name: str) -> None:
    s = story(*STORIES[name])
    draft = write(s)
    assert draft.title
    for source in (story_source(s), source_text(s.documents)):
        result = check_draft(
            source, printed(draft), published=story_published(s), gazetteer=GAZETTEER
        )
        assert result.ok, (draft.title, draft.body, result.unsupported)


@pytest.mark.parametrize(
    ("name", "title", "lead"),
    [
        (
            "today-usd",
            "美国能源部宣布投入5200万美元支持聚变能",
            "2024年3月15日，美国能源部宣布投入",
        ),
        ("yen-sign", "日本将投入3.9万亿日元支持芯片", "日本经济产业省计划投资3.9万亿日元"),
        ("euro-range", "200亿至300亿欧元", "2025年4月9日，欧盟委员会提出计划筹集200亿欧元"),
        ("strategy", "白宫科技政策办公室发布《国家微电子研究战略》", "白宫科技政策办公室（OSTP）"),
        ("law-recipient", "向格芯资助15亿美元", "根据《芯片和科学法案》向格芯资助15亿美元"),
        ("passive", "聚变能研究获5000万英镑资助", "2024年3月5日，聚变能研究获5000万英镑资助"),
        ("yen-word-deal", "美国国家科学基金会与日本科学技术振兴机构签署", "签署量子传感协议"),
        ("future-date", "英国高级研究与发明局启动机器人技术计划", "2024年6月1日消息，"),
    ],
)
def test_titles_and_leads_read_as_house_style(name: str, title: str, lead: str) -> None:
    draft = write(story(*STORIES[name]))
    assert title in draft.title
    assert lead in draft.body[0]


def test_figures_no_sentence_says_are_left_out_never_listed() -> None:
    """A percentage with no clause to carry it is not printed as a bare list item."""
    for key in ("usd-hedged", "percent-only"):
        text = printed(write(story(*STORIES[key])))
        assert "文中还提及" not in text and "（涉及" not in text, text
    cloud = printed(write(story(*STORIES["percent-only"])))
    assert "4.5" not in cloud


def test_a_date_in_the_future_of_the_report_is_not_the_event_date() -> None:
    draft = write(story(*STORIES["future-date"]))
    assert draft.event_date == "2024-06-01"
    assert "2030" not in printed(draft)


def test_event_date_keeps_the_precision_the_text_gives() -> None:
    report = doc(
        "CSIS publishes chip report",
        "In February 2024, the Center for Strategic and International Studies published a "
        "report on semiconductor manufacturing.",
    )
    draft = write(story(report))
    assert draft.event_date == "2024-02"
    assert draft.body[0].startswith("2024年2月，")


def test_without_any_date_the_lead_has_no_date() -> None:
    draft = write(story(*STORIES["no-publication-date"]))
    assert draft.event_date is None
    assert not re.search(r"\d+年", draft.body[0])
    assert "29亿美元" in draft.body[0]


def test_nothing_to_say_keeps_the_original_title_and_an_empty_body() -> None:
    draft = write(story(*STORIES["no-facts"]))
    assert (draft.title, draft.body) == ("Thoughts on science", [])
    assert draft.key_sentences == ["Scientists met and talked about many ideas."]


def test_a_negated_action_is_not_reported_as_done() -> None:
    report = doc(
        "NSF will not fund new quantum centres",
        "The National Science Foundation (NSF) will not fund new quantum computing centres "
        "this year.",
    )
    draft = write(story(report))
    assert "资助" not in printed(draft)


def test_chinese_source_keeps_its_own_headline_and_leading_sentences() -> None:
    s = story(*STORIES["zh-yuan"])
    draft = write(s)
    assert draft.title == "科技部部署量子科技专项"
    assert draft.body[0] == (
        "2024年3月10日，科学技术部启动量子科技重大专项，首批安排经费3.5亿元，支持量子计算和"
        "量子通信研究。"
    )
    assert draft.body[1] == "该专项由中国科学技术大学等单位承担，经费较上年增长12%。"
    assert draft.event_date == "2024-03-10"
    assert all(k in s.documents[0].text for k in draft.key_sentences)


def test_chinese_source_without_headline_takes_its_first_clause() -> None:
    draft = write(story(*STORIES["zh-untitled"]))
    assert draft.title == "国家自然科学基金委员会发布2024年度项目指南"
    assert draft.original_title is None


def test_chinese_headline_loses_the_site_name() -> None:
    report = doc(
        "工信部发布人形机器人创新发展指导意见_新华网",
        "来源：新华网\n工业和信息化部发布人形机器人创新发展指导意见，提出到2025年实现批量生产。",
    )
    draft = write(story(report))
    assert draft.title == "工信部发布人形机器人创新发展指导意见"
    assert draft.body == [
        "工业和信息化部发布人形机器人创新发展指导意见，提出到2025年实现批量生产。"
    ]


def test_all_documents_urls_and_ids_are_kept_lead_first() -> None:
    docs = [
        doc(
            "NSF and JST sign quantum partnership",
            "The National Science Foundation (NSF) signed an agreement with the Japan Science "
            "and Technology Agency on 2 February 2024.",
            url="https://nsf.example/a",
            id=3,
        ),
        doc(
            "US, Japan team up on quantum",
            "The partnership is worth $10 million. NIST will also take part.",
            url="https://wire.example/b",
            id=7,
        ),
        doc("Copy", "Syndicated copy.", url="https://nsf.example/a", id=3),
        doc(
            "美日量子合作",
            "双方将投入1000万美元开展量子传感研究。",
            url="https://cn.example/c",
            id=None,
        ),
    ]
    s = story(*docs)
    draft = write(s)
    assert draft.source_urls == [
        "https://nsf.example/a",
        "https://wire.example/b",
        "https://cn.example/c",
    ]
    assert draft.document_ids == [3, 7]
    assert not any("文中还提及" in p for p in draft.body)
    assert "美国国家标准与技术研究院（NIST）" in draft.writer_notes[-1]  # named in a note
    assert check_draft(story_source(s), printed(draft), published=story_published(s)).ok


def test_key_sentences_are_the_most_informative_in_the_original_language() -> None:
    filler = " ".join(f"Paragraph {w} says little of note here." for w in ("one", "two", "three"))
    report = doc(UKRI.title, f"{filler} {UKRI.text} The weather was mild.")
    draft = write(story(report))
    assert 2 <= len(draft.key_sentences) <= 5
    assert draft.key_sentences[0].startswith("UK Research and Innovation (UKRI) has announced")
    assert "The weather was mild." not in draft.key_sentences
    assert all(k in report.text for k in draft.key_sentences)


def test_glossary_terms_name_the_object() -> None:
    report = doc(
        "NSF funds neutrino detector",
        "The National Science Foundation (NSF) awarded $8 million for a neutrino detector.",
    )
    plain = write(story(report))
    assert "中微子探测器" not in plain.title
    draft = write_offline_draft(
        story(report), gazetteer=GAZETTEER, glossary={"neutrino detector": "中微子探测器"}
    )
    assert draft.title == "美国国家科学基金会资助800万美元支持中微子探测器"


def test_output_is_deterministic() -> None:
    for docs in STORIES.values():
        assert write(story(*docs)) == write(story(*docs))


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n  ", "12 34 56", "$ £ € ¥ % 。。。", "https://a.example/1/2?x=3", "。" * 500],
)
def test_odd_input_never_raises(text: str) -> None:
    draft = write(story(doc(text.strip()[:20], text)))
    assert isinstance(draft.title, str) and draft.title
    assert check_draft(story_source(story(doc(text.strip()[:20], text))), printed(draft)).ok


def test_huge_text_is_read_only_up_to_the_cap() -> None:
    tail = "The Department of Energy awarded $9 billion for fusion energy. "
    report = doc("Big report", UKRI.text + " " + "Filler words. " * (MAX_CHARS // 10) + tail)
    draft = write(story(report))
    assert "11亿英镑" in draft.body[0]
    assert "90亿美元" not in printed(draft)
    assert len(story_source(story(report))) < MAX_CHARS + 200


def test_the_term_lexicon_is_large_and_chinese() -> None:
    lexicon = default_lexicon()
    assert len(lexicon.terms) >= 150
    assert lexicon.terms["quantum computing"] == "量子计算"
    assert lexicon.terms["large language model"] == "大语言模型"
    assert lexicon.terms["fusion energy"] == "聚变能"
    assert lexicon.terms["semiconductor"] == "半导体"
    assert all(v.strip() for v in lexicon.terms.values())
    with pytest.raises(ConfigError, match="terms"):
        parse_lexicon("terms: [a, b]\nheads: {}")


# --- no number the sources do not state ---------------------------------------------

_ORGS = [
    ("UK Research and Innovation (UKRI)", "英国研究与创新署"),
    ("The National Science Foundation", "美国国家科学基金会"),
    ("The Department of Energy", "美国能源部"),
    ("The European Commission", "欧盟委员会"),
    ("Japan's Ministry of Economy, Trade and Industry", "日本经济产业省"),
]
_VERBS = ["announced", "will invest", "awarded", "launched", "plans to invest", "published"]
_MONEY = ["£{n} million", "${n} billion", "€{n}m", "¥{n} billion", "{n} million yen", "{n}亿元"]
_TOPICS = ["quantum computing", "fusion energy", "large language models", "semiconductors"]
_MONTHS = ["January", "March", "June", "October"]


def _random_story(rng: random.Random) -> StoryInput:
    org, _ = rng.choice(_ORGS)
    amount = rng.choice(_MONEY).format(n=rng.choice(["1.1", "35", "250", "7", "12.5", "0.8"]))
    day = f"{rng.choice(_MONTHS)} {rng.randint(1, 28)}, {rng.choice([2023, 2024])}"
    pct = f"{rng.choice(['3', '12.5', '40'])}%"
    topic = rng.choice(_TOPICS)
    sentences = [
        f"{org} {rng.choice(_VERBS)} {amount} for {topic} research on {day}.",
        f"Spending rose {pct} compared with {rng.choice([2019, 2020, 2021])}.",
        f"The {rng.choice(['five', 'twelve', '3'])} projects start in {rng.choice(_MONTHS)}.",
    ]
    rng.shuffle(sentences)
    title = f"{org.split('(')[0].strip()} {rng.choice(_VERBS)} {amount} for {topic}"
    published = (2024, rng.randint(1, 12), rng.randint(1, 28))
    return story(doc(title, " ".join(sentences), published=published))


def _source_figures(s: StoryInput) -> set[str]:
    """Every digit string of the source's facts in Chinese form, or written in the source."""
    source = story_source(s)
    facts = extract_facts(source, reference=story_published(s), gazetteer=GAZETTEER)
    forms = [m.zh for m in facts.money] + [p.zh for p in facts.percentages]
    forms += [d.zh for d in facts.dates] + [source]
    published = story_published(s)
    if published is not None:
        forms.append(f"{published.year}年{published.month}月{published.day}日")
    return {n for form in forms for n in re.findall(r"\d+(?:\.\d+)?", form)}


def test_no_number_appears_that_the_sources_do_not_state() -> None:
    rng = random.Random(20240315)
    generated = [_random_story(rng) for _ in range(40)]
    for s in [story(*docs) for docs in STORIES.values()] + generated:
        draft = write(s)
        if s in generated:  # the writer built these itself: nothing fell back
            assert draft.body and draft.title != s.documents[0].title
        numbers = set(re.findall(r"\d+(?:\.\d+)?", printed(draft)))
        assert numbers <= _source_figures(s), (printed(draft), numbers - _source_figures(s))
        result = check_draft(
            story_source(s), printed(draft), published=story_published(s), gazetteer=GAZETTEER
        )
        assert result.ok, (printed(draft), result.unsupported)


def test_story_published_falls_back_to_the_reference_date() -> None:
    s = StoryInput([doc("t", "x", published=None)], "d", "s", reference=date(2024, 5, 6))
    assert story_published(s) == date(2024, 5, 6)
    draft = write(s)
    assert draft.event_date == "2024-05-06"


def test_a_part_the_check_rejects_is_dropped_not_printed() -> None:
    report = doc(
        "NSF funds neutrino detector",
        "The National Science Foundation (NSF) awarded $8 million for a neutrino detector.",
    )
    s = story(report)
    # A glossary entry that smuggles in an organisation the source never names.
    draft = write_offline_draft(
        s, gazetteer=GAZETTEER, glossary={"neutrino detector": "美国能源部中微子探测器"}
    )
    assert "美国能源部" not in printed(draft)
    assert draft.title == report.title
    assert check_draft(story_source(s), printed(draft), published=story_published(s)).ok


def test_a_lead_that_cannot_be_said_leaves_the_title_and_a_note_never_a_template() -> None:
    draft = write(
        story(doc("Twin satellites fly apart", "Two satellites have flown in close formation."))
    )
    assert draft.body == []
    assert not any("报道涉及" in p for p in [draft.title, *draft.body])
    assert draft.writer_notes[0].startswith("offline writer: no sentence of the lead report")


def test_a_focus_item_keeps_more_of_a_chinese_report_than_an_ordinary_one() -> None:
    paragraphs = [
        f"2024年3月{i}日，广东省发布第{i}项措施。" + "甲" * 150 + "。" for i in (1, 2, 3, 4)
    ]
    chinese = doc("广东省发布措施", "\n\n".join(paragraphs))
    ordinary = write(StoryInput([chinese], "半导体", "科技政策与科研计划"))
    focus = write(StoryInput([chinese], "半导体", "重点关注"))
    assert sum(map(len, ordinary.body)) <= 400 < sum(map(len, focus.body)) <= 800


def test_house_style_left_in_a_draft_is_named_in_a_writer_note() -> None:
    """A Chinese report's 我国 has no registry place to become; the editor is told."""
    text = "2024年3月14日，我国科学家在量子通信领域取得突破，实现了206公里光纤量子密钥分发。"
    draft = write(story(doc("我国实现206公里量子密钥分发", text, language="zh")))
    assert "我国" in printed(draft)
    assert any("我国" in note and "house style" in note for note in draft.writer_notes)


def test_a_draft_in_house_style_gets_no_style_note() -> None:
    draft = write(story(*STORIES["zh-yuan"]))
    assert not any("house style" in note for note in draft.writer_notes)
